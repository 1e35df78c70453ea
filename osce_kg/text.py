"""Small text helpers shared by the reader, the registry and the IRI policy."""

from __future__ import annotations

import functools
import re
import unicodedata

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
         "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "ye", "i", "yi", "g",
         "u"],
        strict=True,
    )
)
# Latin letters that Unicode does not decompose into a base letter plus accents.
_LATIN_EXTRA = {"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i",
                "ħ": "h", "ŀ": "l"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'}


def to_ascii(text: str) -> str:
    """Fold diacritics and transliterate Cyrillic so keys and lookups ignore script details."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYRILLIC:
            out.append(_CYRILLIC[low])
        elif low in _LATIN_EXTRA:
            out.append(_LATIN_EXTRA[low])
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def slugify(text: str) -> str:
    """Lowercase ASCII slug with '-' separators: the one way keys are made from names."""
    ascii_text = to_ascii(text.replace("&", " and ")).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# C0/C1 controls other than white space, and bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# One pass: controls dropped, dashes and quotes unified, no-break space made a space (no replacement makes a
# character another entry replaces, so this is the same as replacing them one after the other).
_SPACE_TABLE = str.maketrans({**{chr(c): None for c in range(0x2070) if _CONTROLS.match(chr(c))},
                              **{dash: "-" for dash in _DASHES}, **_QUOTES, "\u00a0": " "})
_TO_REPLACE = re.compile("[" + "".join(re.escape(chr(c)) for c in _SPACE_TABLE) + "]")


def normalize_space(text: str) -> str:
    """Collapse runs of white space (incl. non-breaking), unify dashes and quotes, and drop control and
    bidirectional-text control characters (they can make a label display as another text)."""
    # several mappers normalise the same blocks and names (~9 in 10 calls repeat one): short texts are
    # remembered, long ones not (the cache's memory stays small)
    return _normalized(text) if len(text) <= _CACHED_CHARS else _normalize(text)


_CACHED_CHARS = 2000


@functools.lru_cache(maxsize=1 << 12)
def _normalized(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    if _TO_REPLACE.search(text):  # most text has none of them, and looking is cheaper than translating
        text = text.translate(_SPACE_TABLE)
    return " ".join(text.split())  # str.split() splits where the regex \s of Unicode text matches


# After an abbreviation that takes a number or a reference ('Decision No. 5', 'Nos. 3 and 4', 'Beschluss Nr. 2',
# 'PC.DEC/1 Corr. 1', 'Decisione n. 3') a full stop ends no sentence: the sentence splitters put this after
# their full-stop check
NOT_AFTER_ABBREVIATION = r"(?<!\bNo\.)(?<!\bNos\.)(?<!\bNr\.)(?<!\bCorr\.)(?<!\bn\.)"

_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the|la|le|les|l|el|los|las|die|der|das|il|lo|gli) ")


_WHITE_SPACE = re.compile(r"\s+")


def collapse_space(text: str) -> str:
    """Each run of white space as one space: `re.sub(r"\\s+", " ", text)`, ends included, at the speed of
    str.split where the text neither starts nor ends with white space."""
    if text[:1].isspace() or text[-1:].isspace():
        return _WHITE_SPACE.sub(" ", text)
    return " ".join(text.split())


def match_key(text: str) -> str:
    """The form labels are compared in: case, diacritics, punctuation and a leading article ignored."""
    # mappers compare the same labels again and again (a page's names): short ones are remembered
    return _match_key(text) if len(text) <= _CACHED_CHARS else _fold_label(text)


@functools.lru_cache(maxsize=1 << 13)
def _match_key(text: str) -> str:
    return _fold_label(text)


def _fold_label(text: str) -> str:
    folded = unicodedata.normalize("NFKD", normalize_space(text).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _NON_WORD.sub(" ", folded).strip()
    return _LEADING_ARTICLE.sub("", folded)
