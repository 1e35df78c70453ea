"""Caseless (osce_kg/caseless.py) finds what the IGNORECASE pattern finds: the same matches, spans and groups,
on the text given, for every word list the mappers search that way, in any case, and on text whose letters
IGNORECASE pairs with other letters than their lower case (there it is the IGNORECASE pattern that searches)."""

from __future__ import annotations

import gc
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from osce_kg.caseless import Caseless, lowered
from osce_kg.classify import mappers
from osce_kg.lexicon import forms
from osce_kg.text import collapse_space


def _mappers_caseless() -> list[Caseless]:
    mappers()  # every mapper module imported: their module-level patterns made
    from osce_kg.mappings import history, history_words

    for group in ("establish", "start", "close", "rename", "part_of", "integrated", "implement", "mandate",
                  "changed", "extend", "moved", "budget", "adopt", "ended", "decided"):
        history_words.pattern(group)
    history._pronoun_phrases(), history._pronoun_opening()  # noqa: SLF001 - made on first use
    return sorted({id(o): o for o in gc.get_objects() if isinstance(o, Caseless)}.values(), key=lambda c: c.pattern)


PATTERNS = _mappers_caseless()
# letters IGNORECASE matches with another letter than their lower case (dotted and dotless i, long s, Kelvin
# sign, micro sign, capital sharp s), letters whose lower case is two characters, and a few plain ones
ODD = "İıſKµẞǅΣ"
WORDS = sorted({w for name in ("history.establish", "history.start", "history.close", "founded", "established",
                               "chairpersonship", "closure", "includes", "unit-plural", "offices")
                for w in forms(name) if "\\" not in w and "(" not in w and "[" not in w})


def _same(a: re.Match | None, b: re.Match | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups() and a.groupdict() == b.groupdict()


def test_every_word_list_of_the_mappers_searches_the_lower_cased_text():
    assert len(PATTERNS) >= 15
    assert [c.pattern for c in PATTERNS if c.folded is None] == []


def _text(draw_words: list[str], casing: list[int], glue: list[str]) -> str:
    out = []
    for word, case, sep in zip(draw_words, casing, glue, strict=False):
        word = (word, word.upper(), word.title(), word.swapcase())[case % 4]
        out.append(word + sep)
    return "".join(out)


@given(st.lists(st.sampled_from(WORDS), max_size=6), st.lists(st.integers(0, 3), min_size=6, max_size=6),
       st.lists(st.sampled_from([" ", " 1994 ", ", ", "-", "x", ". In ", " the ", " in Vienna (", ")", *ODD]),
                min_size=6, max_size=6), st.integers(0, 5))
@example(["Founded"], [1], [" in 1994"], 0)
@example(["establiſhed"], [0], [" in 1994"], 0)  # long s: IGNORECASE takes it for 's'
def test_search_match_and_finditer_equal_ignorecase_on_any_text(words, casing, glue, start):
    text = _text(words, casing, glue)
    for c in PATTERNS:
        pos = min(start, len(text))
        assert _same(c.search(text), c.exact.search(text)), (c.pattern[:60], text)
        assert _same(c.search(text, pos), c.exact.search(text, pos)), (c.pattern[:60], text)
        assert _same(c.match(text), c.exact.match(text)), (c.pattern[:60], text)
        found, exact = list(c.finditer(text)), list(c.exact.finditer(text))
        assert len(found) == len(exact) and all(map(_same, found, exact)), (c.pattern[:60], text)


@pytest.mark.parametrize(("source", "text", "span"), [
    ("established", "ESTABLIſHED", (0, 11)),  # long s is 's' to IGNORECASE, not to lower()
    ("kosovo", "\u212aosovo", (0, 6)),  # Kelvin sign
    ("istanbul", "İstanbul", (0, 8)),  # lower() makes two characters of 'İ': the offsets would move
    ("ıstanbul", "Istanbul", (0, 8)),  # dotless i in the pattern
])
def test_letters_ignorecase_pairs_otherwise_are_searched_by_the_ignorecase_pattern(source, text, span):
    c = Caseless(rf"(?<![\w-]){source}(?![\w-])")
    assert c.search(text) is not None and c.search(text).span() == span
    assert c.search(text).group(0) == text  # the text as given, not lower-cased


def test_what_lower_casing_would_change_keeps_the_ignorecase_pattern_alone():
    assert Caseless(r"\Wfoo").folded is None  # \W is not \w
    assert Caseless(r"(?x) foo").folded is None  # inline flags
    assert Caseless(r"(?P<Name>foo)").folded is None  # a group name with a capital
    assert Caseless(r"\x41BC").folded is None and Caseless(r"\x41BC").search("abc") is not None  # a code: 'A'
    named = Caseless(r"(?P<year>\d{4}) (?P=year) (?:A|B)(?=C)(?<!D)")
    assert named.folded is not None and named.search("x 1994 1994 bc").group("year") == "1994"
    assert named.search("1994 1995 bc") is None
    assert lowered("Vienne à Genève") == "vienne à genève" and lowered("Istanbul İ") is None


@given(st.text(alphabet=st.sampled_from(list(" \t\n\u00a0\u2028\u3000\x1cab") + ["é", "я"]), max_size=30))
@example(" a  b ")
@example("")
def test_collapse_space_is_the_regex(text):
    assert collapse_space(text) == re.sub(r"\s+", " ", text)


def test_a_long_text_is_searched_the_same_and_not_kept():
    from osce_kg import caseless

    c = Caseless(r"(?<![\w-])(?:set up|established)(?![\w-])")
    text = "The Office was " + "x " * 1500 + "ESTABLISHED in 1994."
    before = caseless._lowered.cache_info().currsize  # noqa: SLF001
    assert _same(c.search(text), c.exact.search(text)) and c.search(text).group(0) == "ESTABLISHED"
    assert [m.span() for m in c.finditer(text + " Set up")] == [m.span() for m in c.exact.finditer(text + " Set up")]
    assert caseless._lowered.cache_info().currsize == before  # noqa: SLF001
