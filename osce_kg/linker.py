"""Entity linker: finds registry entities named in page text, with character spans.

Longest match wins: at each word, the longest run of up to MAX_WORDS words whose `match_key` is a
registry name is taken, and the words it covers are not matched again (so "Mission to Moldova" is one
mention of the mission, not also one of Moldova). A name that fits several entities is not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_kg.records import Ref
from osce_kg.registry import Registry
from osce_kg.text import match_key

MAX_WORDS = 12
_WORD = re.compile(r"[\w’'/-]+", re.UNICODE)
# Names too short or too common to link on their own without context.
_STOP = {"pa", "all", "osce pa", "chair", "summit"}


@dataclass(frozen=True)
class Link:
    ref: Ref | None  # None: the name is ambiguous between `candidates`
    start: int
    end: int
    text: str
    candidates: tuple[Ref, ...] = ()


class Linker:
    def __init__(self, registry: Registry):
        self.index = registry.names_index()
        self.max_words = MAX_WORDS

    def find(self, text: str) -> list[Link]:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        links: list[Link] = []
        i = 0
        while i < len(words):
            found = None
            for n in range(min(self.max_words, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                key = match_key(text[start:end])
                if not key or key in _STOP:
                    continue
                refs = self.index.get(key)
                if refs:
                    found = (n, start, end, tuple(sorted(refs)))
                    break
            if found is None:
                i += 1
                continue
            n, start, end, refs = found
            ref = refs[0] if len(refs) == 1 else None
            links.append(Link(ref, start, end, text[start:end], refs if ref is None else ()))
            i += n
        return links
