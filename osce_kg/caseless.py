"""Case-insensitive regexes that search a lower-cased copy of the text with a case-sensitive pattern.

Python's `re.IGNORECASE` folds every character it compares: a long alternation of words ('established|
set up|créé|eingerichtet|...') tries each alternative at each position with a lower-casing per character,
where a case-sensitive one skips an alternative whose first letter differs in one comparison. The mappers'
word lists cost two to three times as much searched that way.

`Caseless(source)` finds exactly the matches `re.compile(source, re.IGNORECASE)` finds: it searches the
lower-cased text only where lower-casing is what IGNORECASE does, one character for one (the text is in
Latin-1, Latin Extended-A, Cyrillic and general punctuation, without the few letters IGNORECASE pairs with
another letter than their lower case: dotless and dotted i, long s, micro sign), and it hands back the
IGNORECASE pattern's own match at the position found, on the text given. Any other text is searched with
the IGNORECASE pattern itself.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator

# Characters outside the ranges where str.lower() maps one character to the one IGNORECASE compares with
# (U+0130 lowers to two characters; U+0131, U+00B5 and U+017F match 'i', 'μ' and 's' under IGNORECASE)
_NOT_FOLDABLE = re.compile(r"[^\x00-\u00b4\u00b6-\u012f\u0132-\u017e\u0400-\u04ff\u2000-\u206f\u20ac]")
# what lower-casing a pattern's source would change the meaning of: an escape written with a capital
# (\W, \S, \D, \B, \A, \Z, \N{...}), a character by its code (\x41 is 'A' in either case) or inline flags
# ('(?' not opening a group name, a lookaround, a comment, a condition or a non-capturing group)
_UNSAFE_SOURCE = re.compile(r"\\[A-Zxu0-7]|\(\?(?!P<|P=|<[=!]|[:=!#(])")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?p([<=])")  # '(?P<' lower-cased
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P[<=](\w+)")


def lowered(text: str) -> str | None:
    """`text` lower-cased, when that is how IGNORECASE compares each of its characters; else None."""
    # the mappers search one sentence for many word lists in turn: short texts are remembered, a page's whole
    # text not (the cache's memory stays small)
    return _lowered(text) if len(text) <= _CACHED_CHARS else _lower(text)


_CACHED_CHARS = 2000


@functools.lru_cache(maxsize=1 << 10)
def _lowered(text: str) -> str | None:
    return _lower(text)


def _lower(text: str) -> str | None:
    if text.isascii() or not _NOT_FOLDABLE.search(text):
        return text.lower()
    return None


class Caseless:
    """`re.compile(source, re.IGNORECASE | flags)`, searched faster (see the module docstring). Offers the
    calls the mappers make: `search`, `match`, `finditer`; `exact` is the IGNORECASE pattern itself."""

    def __init__(self, source: str, flags: int = 0):
        self.pattern, self.flags = source, flags
        safe = (not _UNSAFE_SOURCE.search(source) and lowered(source) is not None
                and all(name == name.lower() for name in _GROUP_NAME.findall(source)))  # a name keeps its case
        # lower-cased, but for the 'P' of '(?P<name>' and '(?P=name)'
        self.folded = re.compile(_NAMED_GROUP.sub(r"(?P\1", source.lower()), flags) if safe else None

    @functools.cached_property
    def exact(self) -> re.Pattern[str]:
        """The IGNORECASE pattern (compiled when first needed: most word lists match on few pages)."""
        return re.compile(self.pattern, self.flags | re.IGNORECASE)

    def _lowered(self, text: str) -> str | None:
        return lowered(text) if self.folded is not None else None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = self._lowered(text)
        if low is None:
            return self.exact.search(text, pos, endpos)
        found = self.folded.search(low, pos, endpos)
        if found is None:
            return None
        # the IGNORECASE pattern's own match there (its groups, on the text given); never None where the
        # folding is what IGNORECASE does, and searched in full if it ever were
        return self.exact.match(text, found.start(), endpos) or self.exact.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = self._lowered(text)
        if low is not None and self.folded.match(low, pos, endpos) is None:
            return None
        return self.exact.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        low = self._lowered(text)
        if low is None:
            return self.exact.finditer(text, pos, endpos)
        found = []
        for hit in self.folded.finditer(low, pos, endpos):
            m = self.exact.match(text, hit.start(), endpos)
            if m is None or m.end() != hit.end():
                return self.exact.finditer(text, pos, endpos)
            found.append(m)
        return iter(found)
