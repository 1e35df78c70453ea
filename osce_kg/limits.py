"""Limits on the work one page may cost, in one place (docs/security.md).

The checks run BEFORE a page is parsed (bytes, lines, line length, HTML nesting) so the work and memory a
page can take are bounded by its size; the time budget is the safety net for what slips through. Every
limit can be set with a CLI flag (`osce-kg build --max-bytes ...`) or an environment variable
(OSCE_KG_MAX_BYTES, OSCE_KG_MAX_LINES, OSCE_KG_MAX_LINE_CHARS, OSCE_KG_MAX_HTML_DEPTH, OSCE_KG_PAGE_SECONDS);
0 turns a limit off. The defaults pass every real page with a wide margin (the largest page seen is about
11 kB, 153 lines, a 2,000-character line) and refuse the pathological inputs in milliseconds.
"""

from __future__ import annotations

import math
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from osce_kg.settings import optional_setting


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 4 * 1024 * 1024  # file size
    max_lines: int = 20_000  # lines of a text dump; text blocks of an HTML page
    max_line_chars: int = 20_000  # characters in one line (text dump) or one text block (HTML)
    max_html_depth: int = 256  # element nesting, counted before parsing (lexbor's cost grows with depth²)
    page_seconds: float = 30.0  # parse + map one page

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: float | int | None) -> Limits:
        """Defaults, then OSCE_KG_<NAME> environment variables (read through osce_kg.settings; `env`
        instead when given), then the non-None `overrides` (CLI flags)."""
        values: dict[str, float | int] = {}
        for f in fields(cls):
            variable = f"OSCE_KG_{f.name.upper()}"
            raw = optional_setting(variable) if env is None else env.get(variable)
            if raw is not None:
                values[f.name] = parse_limit(f.name, raw)
            if overrides.get(f.name) is not None:
                values[f.name] = parse_limit(f.name, str(overrides[f.name]))
        return cls(**values)


class LimitError(ValueError):
    """A limit value that is not a number >= 0."""


def parse_limit(name: str, raw: str) -> float | int:
    kind = float if name == "page_seconds" else int
    try:
        value = kind(raw)
    except ValueError:
        raise LimitError(f"{name}: {raw!r} is not a {'number' if kind is float else 'whole number'}") from None
    if value < 0 or (kind is float and not math.isfinite(value)):
        raise LimitError(f"{name}: {raw!r} must be a finite number >= 0 (0 turns the limit off)")
    return value


def check_text(text: str, limits: Limits) -> str | None:
    """The first limit a text dump is over, as a message, or None. Counts without building a list of lines."""
    if limits.max_lines and text.count("\n") + 1 > limits.max_lines:
        return f"over the line limit ({text.count(chr(10)) + 1:,} lines > max_lines {limits.max_lines:,})"
    if limits.max_line_chars and len(text) > limits.max_line_chars:
        start = 0
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if end - start > limits.max_line_chars:
                return (f"over the line length limit (line of {end - start:,} characters > max_line_chars "
                        f"{limits.max_line_chars:,})")
            start = end + 1
    return None


# Elements with no end tag, and elements whose end tag is optional (a parser closes them itself): neither
# nests without bound in a real page, so they are not counted.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
         "param", "keygen", "command", "basefont", "frame", "isindex"}
_OPTIONAL_END = {"html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
                 "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp"}
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
# Quoted values and the attribute run are bounded and '<' ends an unquoted run, so a failed match is short.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,63})((?:\"[^\"]{0,8192}\"|'[^']{0,8192}'|[^'\"<>]){0,16384})>")


def html_depth_over(text: str, limit: int) -> int | None:
    """The nesting depth reached once it passes `limit` (stops there), else None. Linear in the text size:
    comments, raw-text elements and tags are skipped with str.find and one anchored regex per tag."""
    if not limit:
        return None
    lower = text.lower()
    stack: list[str] = []
    pos, n = 0, len(text)
    while True:
        pos = lower.find("<", pos)
        if pos < 0 or pos + 1 >= n:
            return None
        if lower.startswith("<!--", pos):
            end = lower.find("-->", pos + 4)
            if end < 0:
                return None
            pos = end + 3
            continue
        match = _TAG.match(lower, pos)
        if match is None:
            pos += 1
            continue
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        pos = match.end()
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
            continue
        if name in _RAW_TEXT:
            end = lower.find(f"</{name}", pos)
            if end < 0:
                return None
            pos = end
            continue
        if name in _VOID or name in _OPTIONAL_END or attrs.rstrip().endswith("/"):
            continue
        stack.append(name)
        if len(stack) > limit:
            return len(stack)


class PageTimeout(Exception):
    """A page took longer than its time budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise PageTimeout in the block after `seconds` (SIGALRM; only in the main thread, elsewhere no budget).

    Python checks signals between bytecodes, so code stuck inside one C call is stopped when the call
    returns; the size limits keep every such call short."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise PageTimeout(f"over the time budget ({seconds:g} s per page, page_seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
