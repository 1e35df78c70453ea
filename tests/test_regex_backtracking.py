"""No regular expression of the mappers backtracks catastrophically on text it refuses (docs/security.md).

A pattern like `(?:\\s*\\w+\\s*)*$` tries every way of cutting a long word into pieces before it fails: its
time doubles with each letter, and the page's time budget then throws the page away (mappings/people.py had
two, tests/test_people_regex.py). Each pattern the project compiles at module level, and each one the mappers
compile while mapping the bundled example pages, is run on thirty repeats of word shapes followed by a
character that refuses them; a well-written pattern answers in microseconds (all ~300 of them: well under a
second), an exponential one would need days, so a second per call tells them apart with room to spare. The
second is of this process's CPU time (ITIMER_VIRTUAL), so a busy machine that leaves the process waiting
does not count."""

from __future__ import annotations

import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from osce_kg.build import bundled_corpus
from osce_kg.caseless import Caseless
from osce_kg.classify import mappers
from osce_kg.limits import Limits
from osce_kg.page_cache import PageJob
from osce_kg.page_task import MapSettings, map_task, warm
from osce_kg.registry import load_registry

SHAPES = ["a", "A", "о", "О", "ab ", "Ab ", "of ", "- ", " ", "1", "a-", "A.", "Aa", "аб ", "Аб ", "de ", "The ",
          "x, ", "A A ", "'", ". "]
REFUSING = ["!", ",", "\x00", "1", ".", "-", " !", "\n!"]
SECONDS = 1.0
pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs a POSIX interval timer")


def _patterns() -> dict[str, re.Pattern]:
    mappers()  # every mapper module imported
    found = {f"{name}.{attr}": value for name, module in list(sys.modules.items())
             if name.startswith("osce_kg") and module is not None
             for attr, value in vars(module).items() if isinstance(value, re.Pattern)}
    # a Caseless (osce_kg/caseless.py) is two patterns: the IGNORECASE one and the one over lower-cased text
    found.update({f"{name}.{attr}{part}": pattern for name, module in list(sys.modules.items())
                  if name.startswith("osce_kg") and module is not None
                  for attr, value in vars(module).items() if isinstance(value, Caseless)
                  for part, pattern in ((".exact", value.exact), (".folded", value.folded)) if pattern is not None})
    # and those compiled inside functions while pages are mapped (re's cache holds them)
    registry = load_registry(None)
    settings = MapSettings(str(registry.folder), Limits())
    warm(settings, registry)
    re.purge()
    from osce_kg.sources import read_source

    for path in sorted(Path(bundled_corpus()).iterdir()):
        map_task(settings, PageJob(read_source(path, None, settings.limits), path.name, None))
    for value in list(re._cache.values()):  # noqa: SLF001 - the only way to see what functions compiled
        if isinstance(value, re.Pattern):
            found.setdefault(f"compiled while mapping: {value.pattern[:80]!r}", value)
    return found


def _first_slow(pattern: re.Pattern) -> str | None:
    """The first call of `pattern` on the texts above that the timer stops, or None."""
    for shape in SHAPES:
        for end in REFUSING:
            text = shape * 30 + end
            if isinstance(pattern.pattern, bytes):
                text = text.encode("utf-8")
            for method in (pattern.match, pattern.search):
                signal.setitimer(signal.ITIMER_VIRTUAL, SECONDS)
                try:
                    method(text)
                except _TooLong:
                    return f".{method.__name__}({text[:40]!r}...)"
                finally:
                    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return None


class _TooLong(Exception):
    pass


def _stop(*_):
    raise _TooLong


@contextmanager
def _timer_stops_calls() -> Iterator[None]:
    """While inside, the CPU timer's signal raises _TooLong in the call it interrupts."""
    previous = signal.signal(signal.SIGVTALRM, _stop)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def test_no_pattern_backtracks_catastrophically():
    patterns = _patterns()
    assert len(patterns) > 250
    with _timer_stops_calls():
        slow = [f"{name} {found}" for name, pattern in sorted(patterns.items()) if (found := _first_slow(pattern))]
    assert not slow, "patterns that backtrack catastrophically:\n" + "\n".join(slow[:20])


def test_the_check_finds_a_pattern_that_does():
    """The shapes and refusing characters above do catch the kind of pattern people.py had."""
    pattern = re.compile(r"^(?:\s*[\w'’.-]+\s*){0,10}$")
    with _timer_stops_calls(), pytest.raises(_TooLong):
        signal.setitimer(signal.ITIMER_VIRTUAL, SECONDS)
        pattern.match("a-" * 30 + " !")
