"""The history and document extractors' words as regexes, read from the lexicon (mappings/lexicon.csv,
concepts `history.<group>`), plus the sentence splitter and number reading they share.

Matching does not depend on the page's detected language (a quoted English name on a French page still
reads), so each group is one alternation over the six languages, longest alternatives first.
"""

from __future__ import annotations

import functools
import re

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.text import NOT_AFTER_ABBREVIATION, normalize_space


def alternation(group: str) -> str:
    """The group's words in all six languages as one non-capturing regex alternation."""
    return lexicon.alternation(f"history.{group}", longest_first=True)


def words(group: str) -> list[str]:
    """The group's words in all six languages, longest first."""
    return sorted(set(lexicon.forms(f"history.{group}")), key=len, reverse=True)


@functools.cache
def pattern(group: str) -> Caseless:
    """Whole-word, case-insensitive matcher of a group."""
    return Caseless(rf"(?<![\w-]){alternation(group)}(?![\w-])")


@functools.cache
def numbers() -> dict[str, int]:
    """Number words of the six languages ('six' -> 6, 'zwölf' -> 12), case-folded."""
    out: dict[str, int] = {}
    for lang in lexicon.LANGS:
        for item in lexicon.forms("history.number", lang):
            word, _, value = item.partition("=")
            out.setdefault(word.casefold(), int(value))
    return out


NUMBER = r"(?:\d{1,3}(?:[,  ]\d{3})+|\d+)"


def number_value(text: str) -> int | None:
    """'159' -> 159, '1,400' -> 1400, 'six' -> 6; None when it is no number.
    (Minimal: figures.py in the events branch parses more shapes; this is what documents/history need.)"""
    text = normalize_space(text).strip()
    if re.fullmatch(NUMBER, text):
        return int(re.sub(r"\D", "", text))
    return numbers().get(text.casefold())


@functools.cache
def number_pattern() -> str:
    """A figure in digits or in words."""
    words = sorted(numbers(), key=len, reverse=True)
    return rf"(?:{NUMBER}|(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w))"


# Sentences: split after . ! ? when a capital follows, but not after abbreviations ('No.', 'Nos.', 'Corr.')
# nor after a German ordinal day ('am 1. Januar 1994')
_SPLIT = re.compile(r"(?<=[.!?])" + NOT_AFTER_ABBREVIATION + r"(?<!\b\d\.)(?<!\b\d\d\.)\s+"
                    r"(?=[\"“«(]?[A-ZÀ-ÖØ-ÞА-ЯЁ])")


def sentences(text: str) -> list[str]:
    return [s for s in _SPLIT.split(normalize_space(text)) if s]
