"""Figures as osce.org pages write them, in the six languages: numbers in digits or words and what they count.

'seven field offices', 'Forty participating States', 'двадцать представителей', '1,400 officers', '3.7 million',
'€ 2,3 Mio.', '120 international and 480 local staff' all read. The word lists are data (osce_kg/data/*.csv):
cardinal words up to one hundred (Russian in every case), 'dozen', ordinals, and the nouns that say what is
counted. `figures(text, lang)` finds the figures; `counts(text, lang)` keeps those whose counted thing is known.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from osce_kg import lexicon
from osce_kg.text import normalize_space

DATA = Path(__file__).parent / "data"
LANGS = ("en", "fr", "de", "it", "ru", "es")


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def number_words(lang: str) -> dict[str, int]:
    """Every written form of 1..100 in `lang` -> its value: base words from numbers.csv, compounds by the
    language's rule ('twenty-one', 'vingt et un', 'einundzwanzig', 'ventuno', 'двадцать одного', 'treinta y uno')."""
    base: dict[int, list[str]] = {}
    for row in _rows("numbers.csv"):
        if row["lang"] == lang:
            base.setdefault(int(row["value"]), []).extend(row["forms"].split("|"))
    words = {form: value for value, forms in base.items() for form in forms}
    units = {v: [f for f in base[v] if " " not in f and f not in ("a", "an", "dozen", "douzaine", "dutzend",
                                                                    "dozzina", "docena", "дюжина", "дюжины")]
             for v in range(1, 10) if v in base}
    for tens in range(20, 100, 10):
        for unit in range(1, 10):
            for form in _compounds(lang, tens, unit, base, units):
                words.setdefault(form, tens + unit)
    return words


def _compounds(lang: str, tens: int, unit: int, base: dict[int, list[str]], units: dict[int, list[str]]) -> list[str]:
    out: list[str] = []
    if lang == "fr":
        if tens in (70, 90):  # soixante-dix-sept, quatre-vingt-dix-sept
            head, rest = ("soixante" if tens == 70 else "quatre-vingt"), 10 + unit
            sep = " et " if rest == 11 and tens == 70 else "-"
            out += [head + sep + f for f in base.get(rest, []) if " " not in f]
        else:
            heads = ["quatre-vingt"] if tens == 80 else base.get(tens, [])
            for head in heads:
                for u in units.get(unit, []):
                    out += [head + " et " + u, head + "-et-" + u] if unit == 1 and tens != 80 else [head + "-" + u]
        return out
    for head in base.get(tens, []):
        for u in units.get(unit, []):
            if lang == "en":
                out += [f"{head}-{u}", f"{head} {u}"]
            elif lang == "de":
                out.append(("ein" if unit == 1 else u) + "und" + head)
            elif lang == "it":
                stem = head[:-1] if u[0] in "uo" else head
                out.append(stem + ("tré" if u == "tre" else u))
                if u == "tre":
                    out.append(stem + "tre")
            elif lang == "ru":
                out.append(f"{head} {u}")
            elif lang == "es" and tens >= 30:
                out.append(f"{head} y {u}")
    return out


@cache
def _word_re(lang: str) -> re.Pattern[str]:
    forms = sorted(number_words(lang), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


@cache
def ordinal_words(lang: str) -> dict[str, int]:
    return {form: int(row["value"]) for row in _rows("ordinals.csv") if row["lang"] == lang
            for form in row["forms"].split("|")}


def all_ordinals() -> set[str]:
    """Every ordinal word of the six languages (lower case): 'first', 'dix-neuvième', 'dritten', 'первое'."""
    return {form for lang in LANGS for form in ordinal_words(lang) if not form[:1].isdigit()}


def ordinal(word: str, lang: str | None = None) -> int | None:
    """'Nineteenth' -> 19, '2nd' -> 2, 'dritten' -> 3, 'tercera' -> 3 (any language when `lang` is None)."""
    key = word.casefold()
    for code in ([lang] if lang else LANGS):
        value = ordinal_words(code).get(key)
        if value is not None:
            return value
    if re.fullmatch(r"[ivx]{1,5}", key) and word.isupper():  # 'part II'
        return _roman(key)
    for code in ([lang] if lang else LANGS):  # 'Part one', 'partie deux'
        value = number_words(code).get(key)
        if value is not None and key not in _NOT_FIGURES - {"one", "uno", "un", "eins"}:
            return value
    return None


def _roman(text: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total or None


_SCALES = {
    1_000: r"thousand|mille|tausend|mila|mil|тыс\.?|тысяч[аи]?",
    1_000_000: r"million|millions|millionen|million\.|mio\.?|milione|milioni|millón|millones|млн\.?|миллион(?:а|ов)?",
    1_000_000_000: r"billion|billions|milliard|milliards|milliarde|milliarden|mrd\.?|miliardo|miliardi|"
                   r"mil millones|млрд\.?|миллиард(?:а|ов)?",
}
_SCALE_RE = "|".join(f"(?P<s{n}>{rx})" for n, rx in enumerate(_SCALES.values()))
_CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "евро": "EUR", "$": "USD", "usd": "USD",
             "us$": "USD", "dollars": "USD", "долларов": "USD", "chf": "CHF"}
_CUR_RE = r"€|\$|US\$|EUR|USD|CHF"
_DIGITS = re.compile(
    rf"(?<![\w.,/-])(?:(?P<cur>{_CUR_RE})\s?)?(?P<num>\d{{1,3}}(?:[,  .]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?:\s?(?:{_SCALE_RE})(?![\w]))?(?:\s?(?P<cur2>€|euros?|EUR|евро|USD|dollars|долларов))?(?![\w,.]\d)",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(rf"(?:\b{lexicon.alternation('approximately')}\s+)$", re.IGNORECASE)
# articles and 'one' read as numbers too often to be figures
_NOT_FIGURES = {"a", "an", "un", "une", "una", "uno", "ein", "eine", "einen", "einem", "einer", "eins", "one", "один",
                "одна", "одно", "одного", "одной", "одному", "одним", "e", "o"}
_JOINERS = {"and", "et", "und", "e", "y", "и", "or", "ou", "oder", "o", "или"}


@dataclass(frozen=True)
class Figure:
    """A number in the text: its value, what follows it (the counted thing, as written) and where it is."""

    value: Decimal
    noun: str
    start: int
    end: int
    currency: str | None = None
    qualifier: str | None = None  # 'some', 'over', 'почти'... as written, when the figure is approximate

    @property
    def integer(self) -> int | None:
        return int(self.value) if self.value == self.value.to_integral_value() else None


def _number(text: str, scale: int | None, lang: str) -> Decimal | None:
    """'1,400' -> 1400, '3.7' -> 3.7, '2,3' (with a scale word) -> 2.3; a group of exactly three digits after a
    separator is a thousands group, anything else a decimal part."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[,  .]\d{3})+", text) and not (scale and re.fullmatch(r"\d+[.,]\d{3}", text)
                                                                  and lang in ("de", "fr", "it", "es", "ru")):
        digits = re.sub(r"\D", "", text)
    else:
        digits = re.sub(r"[  ]", "", text)
        if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+,\d+", digits):  # 1.234,5
            digits = digits.replace(".", "").replace(" ", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", digits):  # 1,234.5
            digits = digits.replace(",", "")
        else:
            digits = digits.replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value * scale if scale else value


def _noun_after(text: str, end: int, lang: str) -> str:
    """The words after a figure up to punctuation, another figure or six words: what it counts."""
    rest = text[end:]
    nxt = next((m for m in _word_re(lang).finditer(rest) if m.group(1).casefold() not in _NOT_FIGURES), None)
    if nxt:
        rest = rest[: nxt.start()]
    m = re.match(r"[\s‑-]*((?:[^\W\d][\w'’‑-]*\s*){1,6})", rest)
    if not m:
        return ""
    words = m.group(1).split()
    out = []
    for w in words:
        out.append(w)
        if re.search(r"[,;:.()]$", w):
            break
    return " ".join(out).strip(" ,;:.()")


def figures(text: str, lang: str = "en") -> list[Figure]:
    """Every figure in `text`, digits and words, in order, with the words that follow it. Years, dates, decision
    numbers and percentages are not figures; a number written as a word counts only as a whole word."""
    text = normalize_space(text)
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        groups = m.groupdict()
        scale = next((list(_SCALES)[int(k[1:])] for k, v in groups.items() if k.startswith("s") and k[1:].isdigit()
                      and v), None)
        value = _number(m["num"], scale, lang)
        if value is None:
            continue
        after = text[m.end(): m.end() + 2]
        if after.startswith("%") or after.startswith(" %") or _is_year_or_date(text, m, value, scale):
            continue
        cur = m["cur"] or m["cur2"]
        q = _QUALIFIER.search(text[: m.start()])
        out.append(Figure(value, _noun_after(text, m.end(), lang), m.start(), m.end(),
                          _CURRENCY.get(cur.lower()) if cur else None, q.group(0).strip() if q else None))
        taken.append((m.start(), m.end()))
    words = number_words(lang)
    for m in _word_re(lang).finditer(text):
        word = m.group(1).casefold()
        if word in _NOT_FIGURES:
            continue  # articles and 'one' are not figures worth stating
        if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
            continue
        value = words.get(word) or words.get(m.group(1))
        if value is None:
            continue
        q = _QUALIFIER.search(text[: m.start()])
        out.append(Figure(Decimal(value), _noun_after(text, m.end(), lang), m.start(), m.end(), None,
                          q.group(0).strip() if q else None))
    out.sort(key=lambda f: f.start)
    return _share_heads(out, text, lang)


def _share_heads(found: list[Figure], text: str, lang: str) -> list[Figure]:
    """'120 international and 480 local staff': the first figure's words end in 'and', so it shares the
    second's head noun ('international staff')."""
    out = list(found)
    for i in range(len(out) - 1):
        words = out[i].noun.split()
        gap = text[out[i].end: out[i + 1].start]
        if (len(words) >= 2 and words[-1].casefold() in _JOINERS and not out[i].currency
                and counted_kind(" ".join(words[:-1]), lang) is None and re.fullmatch(r"[\s\w'’-]*", gap)):
            head = out[i + 1].noun.split()[-1:] if out[i + 1].noun else []
            f = out[i]
            out[i] = Figure(f.value, " ".join(words[:-1] + head), f.start, f.end, f.currency, f.qualifier)
    return out


def _is_year_or_date(text: str, m: re.Match, value: Decimal, scale: int | None) -> bool:
    if scale:
        return False
    raw = m["num"]
    before = text[max(0, m.start() - 12): m.start()]
    if re.fullmatch(r"(1[89]|20)\d\d", raw):
        return True  # a year
    if re.search(r"[/.]$|(?:No\.?|Nr\.?|№|DEC/|page|p\.)\s*$", before, re.IGNORECASE):
        return True  # decision or document numbers, page numbers
    from osce_kg.dates import MONTHS  # a day of a date: '6 June', 'June 6'
    nxt = re.match(r"\.?\s*(?:de\s+)?([^\W\d]+)", text[m.end():])
    prev = re.search(r"([^\W\d]+)\.?\s*$", before)
    return bool((nxt and nxt.group(1).casefold() in MONTHS) or (prev and prev.group(1).casefold() in MONTHS))


@cache
def _counted(lang: str) -> list[tuple[str, str]]:
    rows = [(row["kind"], stem.casefold()) for row in _rows("counted.csv") if row["lang"] == lang
            for stem in row["stems"].split("|")]
    return sorted(rows, key=lambda r: -len(r[1]))  # longest first: 'international staff' before 'staff'


@cache
def _counted_patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    """_counted's stems as compiled patterns (up to three words before the stem): compiled once, as there are
    more of them than re's own cache keeps beside the other patterns of a page's mapping."""
    return [(kind, re.compile(r"(?:[^\W\d][\w'’-]*\s+){0,3}" + re.escape(stem))) for kind, stem in _counted(lang)]


def counted_kind(noun: str, lang: str = "en") -> str | None:
    """What a figure's words say it counts: participants, participating-states, offices, staff,
    international-staff, local-staff; None when they say nothing this module knows."""
    words = noun.casefold().replace("‑", "-")
    words = re.sub(r"^(?:osce|osze|ocse|обсе)[\s-]+", "", words)
    for kind, pattern in _counted_patterns(lang):
        if pattern.match(words):
            head = words.split()[0] if words.split() else ""
            if kind == "participants" and head in ("per", "pour", "pro", "за", "por"):
                return None
            return kind
    return None


@cache
def _stems_of(kind: str, lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(stem.split()) for counted, stem in _counted(lang) if counted == kind)


def may_count(text: str, kind: str, lang: str = "en") -> bool:
    """Whether `counts(text, lang)` can hold a count of `kind`: every word of one of the kind's stems is in the text
    (case-folded), as the words a figure counts are the text's (the words after it, or, sharing the next figure's
    head noun, some of them and that noun: '120 international and 480 local staff'). A test of a few substrings,
    where `counts` reads every figure and word of the text."""
    folded = normalize_space(text).casefold()
    return any(all(word in folded for word in stem) for stem in _stems_of(kind, lang))


@dataclass(frozen=True)
class Count:
    kind: str
    value: int
    figure: Figure


def counts(text: str, lang: str = "en") -> list[Count]:
    """The figures of `text` whose counted thing is known, each with its kind ('Forty participating States' ->
    Count('participating-states', 40)); money and fractions are not counts."""
    out = []
    for f in figures(text, lang):
        if f.currency or f.integer is None or f.integer <= 0:
            continue
        kind = counted_kind(f.noun, lang)
        if kind:
            out.append(Count(kind, f.integer, f))
    return out
