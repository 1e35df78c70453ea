"""Dates as osce.org pages write them, in the six languages, -> ISO strings that keep their precision.

'3 January 2001', '3. Januar 2001', '7 июля 2017 года', 'junio de 2005', 'July 2017', '2001-01-03' and
datelines ('VIENNA, 6 December 2024 -', 'VIENNA 15 April 2011', 'ВЕНА, 7 июля 2017 года -') all parse.
Day-month-year only: the site never writes numeric dates month-first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from osce_kg import lexicon
from osce_kg.text import normalize_space

# month name (any of the six languages, lower-case) -> its number; the names are lexicon concepts month.1-12
MONTHS = {name: number for number in range(1, 13) for name in lexicon.forms(f"month.{number}")}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
# 3 January 2001 | 3. Januar 2001 | 1er janvier 2001 | 7 июля 2017 года | 3 de enero de 2001 | January 3, 2001
_DMY = re.compile(
    rf"(?<![\w])(?P<day>[0-3]?\d)(?:\.|er|st|nd|rd|th|º|°)?\s+(?:de\s+)?(?P<month>{_MONTH_RE})\.?\s+(?:de\s+|del\s+)?"
    rf"{_YEAR}(?:\s*(?:года|г\.))?(?!\d)",
    re.IGNORECASE,
)
_MDY = re.compile(rf"(?<![\w])(?P<month>{_MONTH_RE})\.?\s+(?P<day>[0-3]?\d),?\s+{_YEAR}(?!\d)", re.IGNORECASE)
_MY = re.compile(rf"(?<![\w\d])(?P<month>{_MONTH_RE})\.?\s+(?:de\s+|del\s+)?{_YEAR}(?:\s*(?:года|г\.))?(?!\d)",
                 re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)")
_Y = re.compile(rf"(?<![\w\d.]){_YEAR}(?![\d.,]\d)")
_FOUR_DIGITS = re.compile(r"\d{4}")  # in every match of the patterns above (a year, or an ISO date's)


@dataclass(frozen=True)
class FoundDate:
    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY
    start: int
    end: int


def _iso(year: str, month: int | None, day: str | int | None) -> str | None:
    y = int(year)
    if month is None:
        return f"{y:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{y:04d}-{month:02d}"
    d = int(day)
    if not 1 <= d <= _days_in(y, month):
        return None
    return f"{y:04d}-{month:02d}-{d:02d}"


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def find_dates(text: str, years: bool = False) -> list[FoundDate]:
    """Every date in `text`, in order; full dates first claim their span, then month-year (and years)."""
    return list(_find_dates(text, years))


@functools.lru_cache(maxsize=1 << 13)  # several mappers read one sentence's dates; the patterns are costly
def _find_dates(text: str, years: bool) -> tuple[FoundDate, ...]:
    if not _FOUR_DIGITS.search(text):
        return ()  # every pattern has a year, or an ISO date's four digits: most texts have none
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    patterns = [(_ISO, "iso"), (_DMY, "dmy"), (_MDY, "dmy"), (_MY, "my")] + ([(_Y, "y")] if years else [])
    for pattern, form in patterns:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if form == "iso":
                iso = _iso(m["year"], int(m["month"]), m["day"])
            elif form == "dmy":
                iso = _iso(m["year"], MONTHS[m["month"].lower()], m["day"])
            elif form == "my":
                iso = _iso(m["year"], MONTHS[m["month"].lower()], None)
            else:
                iso = _iso(m["year"], None, None)
            if iso:
                found.append(FoundDate(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda f: f.start))


def starts_with_date(text: str) -> bool:
    """Whether a full, month-year or ISO date starts at the text's first character: a cheap test that any
    `find_dates(text)` result with `start == 0` needs (each such date is one of these patterns matching
    there)."""
    return any(p.match(text) for p in (_ISO, _DMY, _MDY, _MY))


def parse_date(text: str) -> str | None:
    """The first full, month-year or ISO date in `text`, else None."""
    found = find_dates(text)
    return found[0].iso if found else None




def parse_range(text: str) -> tuple[str | None, str | None]:
    """'julio 2017 - julio 2020', 'June 1993 – June 1996', 'since 2020' -> (start, end) ISO, precision kept."""
    text = normalize_space(text)
    found = find_dates(text, years=True)
    if not found:
        return None, None
    if len(found) == 1:
        before = text[: found[0].start].lower()
        if re.search(r"\b(until|bis|jusqu|hasta|fino|до|по)\b", before):
            return None, found[0].iso
        return found[0].iso, None
    return found[0].iso, found[1].iso


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: str
    rest: str  # the text after the dateline (the lead sentence), may be empty


# CITY, 6 December 2024 — text | CITY 15 April 2011 - text | ВЕНА, 7 июля 2017 года - text
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d][^\d,;:.!?]{1,40}?)\s*,?\s+(?P<date>[0-3]?\d\.?\s+(?:de\s+)?[^\W\d]+\.?\s+(?:de\s+)?"
    r"(?:1[89]|20)\d\d(?:\s*(?:года|г\.))?)\s*(?:[-–—:]\s*(?P<rest>.*))?$",
    re.DOTALL,
)


_YEAR_IN_DATE = re.compile(r"(?:1[89]|20)\d\d")  # what every _DATELINE match holds
_DIGIT = re.compile(r"\d")


def _dateline_match(line: str) -> re.Match[str] | None:
    """`_DATELINE.match(line)` for a line whose white space is single spaces (normalize_space). A dateline has a
    year, and its first digit within 45 characters: a line without both is not tried (the place's lazy repeat
    makes a failing match slow)."""
    return _DATELINE.match(line) if _DIGIT.search(line, 0, 45) and _YEAR_IN_DATE.search(line) else None


def parse_dateline(line: str) -> Dateline | None:
    """The place and date a press release opens with, or None when the line does not start with one."""
    m = _dateline_match(normalize_space(line))
    if not m:
        return None
    date = parse_date(m["date"])
    if date is None or len(date) != 10:
        return None
    place = m["place"].strip(" ,")
    if len(place.split()) > 4:
        return None
    return Dateline(city_name(place), date, (m["rest"] or "").strip())


def city_name(text: str) -> str:
    """'VIENNA' -> 'Vienna', 'ВЕНА' -> 'Вена'; mixed case is kept as written."""
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 2 else w.lower() for w in text.split()).replace(" Of ", " of ")
    return text


# '5-6 December 2024', '30 novembre - 1 décembre 2023', '1–2 декабря 2022 года': the first day borrows the rest
_DAY_SPAN = re.compile(rf"(?<!\d)(?P<d1>[0-3]?\d)\.?\s*(?:[-–—]|to|au|bis|al|по)\s*(?P<d2>[0-3]?\d)\.?\s+(?:de\s+)?"
                       rf"(?P<month>{_MONTH_RE})\.?\s+(?:de\s+)?{_YEAR}", re.IGNORECASE)
_MONTH_SPAN = re.compile(rf"(?<!\d)(?P<d1>[0-3]?\d)\.?\s+(?:de\s+)?(?P<m1>{_MONTH_RE})\.?\s*"
                         rf"(?:[-–—]|to|au|bis|al|по)\s*"
                         rf"(?P<d2>[0-3]?\d)\.?\s+(?:de\s+)?(?P<m2>{_MONTH_RE})\.?\s+(?:de\s+)?{_YEAR}", re.IGNORECASE)


def parse_span(text: str) -> tuple[str | None, str | None]:
    """Start and end of an event's dates; a single date gives (date, None)."""
    text = normalize_space(text)
    m = _DAY_SPAN.search(text)
    if m:
        month = MONTHS[m["month"].lower()]
        return _iso(m["year"], month, m["d1"]), _iso(m["year"], month, m["d2"])
    m = _MONTH_SPAN.search(text)
    if m:
        return (_iso(m["year"], MONTHS[m["m1"].lower()], m["d1"]), _iso(m["year"], MONTHS[m["m2"].lower()], m["d2"]))
    found = find_dates(text)
    if not found:
        return None, None
    return found[0].iso, (found[1].iso if len(found) > 1 else None)


# -- date ranges and dates in running text (six languages) ---------------------------------------------
# A span reads as: [lead] DAY [MONTH [YEAR]] (All day)? SEP DAY MONTH [YEAR] (All day)?, or year to year.
# Words are data: what opens a span ('from', 'du', 'vom', 'dal', 'с', 'del'), what joins its ends.
_LEAD = r"(?:(?:from|between|du|entre|vom|von|zwischen|dal|dall['’]|tra|fra|с|со|между|del|de|desde)\s+)?"
_JOIN = (r"\s*(?:-|–|—|to|until|till|and|through|au|à|et|bis|und|zum|al|e|ed|a|по|до|и|y|hasta|al)\s*"
         r"(?:(?:the|le|la|el|il|lo|de)\s+)?")
_ALL_DAY = rf"(?:\s*\({lexicon.alternation('all-day')}\))?"
_D = r"(?:[0-3]?\d)(?:\.|er|st|nd|rd|th|º)?"
_M = rf"(?:{_MONTH_RE})\.?"
_YR = r"(?:1[89]\d\d|20\d\d)(?:\s*(?:года|год|г\.))?"
_OF = r"\s+(?:de\s+|del\s+)?"
_SPAN_RE = re.compile(
    rf"(?<![\w]){_LEAD}(?P<d1>{_D})(?:{_OF}(?P<m1>{_M})(?:{_OF}(?P<y1>{_YR}))?)?{_ALL_DAY}"
    rf"{_JOIN}(?P<d2>{_D}){_OF}(?P<m2>{_M})(?:{_OF}(?P<y2>{_YR}))?{_ALL_DAY}(?![\w])",
    re.IGNORECASE,
)
_SINGLE_RE = re.compile(rf"(?<![\w\d]){_LEAD}(?P<d1>{_D}){_OF}(?P<m1>{_M})(?:{_OF}(?P<y1>{_YR}))?{_ALL_DAY}(?![\w])",
                        re.IGNORECASE)
_YEAR_SPAN_RE = re.compile(
    r"(?<![\w\d.])(?:(?:from|between|de|du|von|vom|dal|dall['’]|с|со|del|desde|entre|zwischen|tra)\s+)?"
    r"(?P<y1>1[89]\d\d|20\d\d)\s*(?:-|–|—|to|until|and|à|a|au|bis|und|al|по|до|и|y|hasta)\s*"
    r"(?P<y2>1[89]\d\d|20\d\d)(?:\s*(?:годы|годах|гг\.|г\.))?(?![\d.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSpan:
    """A date or a span of dates found in text, ISO with the precision the text gives; end None for one day."""

    start: str
    end: str | None
    begin: int  # character offsets of the match
    stop: int


def _year_of(text: str | None) -> int | None:
    m = re.match(r"\d{4}", text or "")
    return int(m.group(0)) if m else None


def find_spans(text: str, year: int | None = None, years: bool = False) -> list[DateSpan]:
    """Dates and date spans in `text`, in order: '3 and 4 May 2016', '21 -23 June 2012', '7-8 March' (the year
    from `year`, e.g. the page's), '21 May 2007 (All day) - 23 May 2007 (All day)', 'du 3 au 5 juin',
    'vom 3. bis 5. Juni', 'dal 3 al 5 giugno', 'с 3 по 5 июня', 'del 3 al 5 de junio', '10 августа – 6 сентября
    2016 года', single dates ('on 2 April 2014'), month-years, and with `years` also '1986 to 1989' and lone years.
    A date with no year and no `year` to borrow is left out rather than guessed."""
    text = normalize_space(text)
    out: list[DateSpan] = []
    if not _DIGIT.search(text):
        return out  # each pattern has a day's or a year's digits: most sentences have none
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: str | None, end: str | None, m: re.Match) -> None:
        taken.append((m.start(), m.end()))  # an impossible date ('31 February') is no month-year either
        if start is None or (end is not None and end < start):
            return
        out.append(DateSpan(start, end if end != start else None, m.start(), m.end()))

    for m in _SPAN_RE.finditer(text):
        if not free(m.start(), m.end()) or _modal_may(m):
            continue
        y2 = _year_of(m["y2"]) or year
        if y2 is None:
            continue
        m2 = MONTHS[m["m2"].lower().rstrip(".")]
        m1 = MONTHS[m["m1"].lower().rstrip(".")] if m["m1"] else m2
        y1 = _year_of(m["y1"]) or (y2 - 1 if m1 > m2 else y2)
        add(_iso(str(y1), m1, _digits(m["d1"])), _iso(str(y2), m2, _digits(m["d2"])), m)
    for m in _SINGLE_RE.finditer(text):
        if not free(m.start(), m.end()) or _modal_may(m):
            continue
        y1 = _year_of(m["y1"]) or year
        if y1 is not None:
            add(_iso(str(y1), MONTHS[m["m1"].lower().rstrip(".")], _digits(m["d1"])), None, m)
    if years:
        for m in _YEAR_SPAN_RE.finditer(text):
            if free(m.start(), m.end()) and m["y1"] < m["y2"]:
                add(m["y1"], m["y2"], m)
    for found in find_dates(text, years=years):
        if free(found.start, found.end):
            out.append(DateSpan(found.iso, None, found.start, found.end))
            taken.append((found.start, found.end))
    return sorted(out, key=lambda s: s.begin)


def _modal_may(m: re.Match) -> bool:
    """'the 2 may attend': English 'may' in lower case with no year is the verb, not the month."""
    return any(m.groupdict().get(g) == "may" for g in ("m1", "m2")) and not (m["y1"] or m.groupdict().get("y2"))


def _digits(day: str) -> int:
    return int(re.match(r"\d+", day).group(0))  # type: ignore[union-attr]


# A line that is only a date (or a date span), maybe with a weekday and '(All day)': 'Monday, 6 June 2016'
_WEEKDAYS = lexicon.alternation("weekday")
_LINE_CHROME = re.compile(rf"^(?:{_WEEKDAYS},?\s+)|[\s,;.:|]+|^{lexicon.alternation('date-label')}\s*:", re.IGNORECASE)


_NUMERIC_LINE = re.compile(rf"(?:{_WEEKDAYS},?\s+)?(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)",
                           re.IGNORECASE)


def date_line(text: str) -> DateSpan | None:
    """The date or span a stand-alone date line gives ('6 июня 2014 года', '21 May 2007 (All day) - 23 May 2007
    (All day)', 'Montag, 3. Juni 2024'), else None: a line with other words is not a date line."""
    line = normalize_space(text)
    if not line or len(line) > 80:
        return None
    numeric = _NUMERIC_LINE.fullmatch(line)
    if numeric:  # '21.11.2012', '06/06/2014': day first, as the site writes it; only as a line of its own
        iso = _iso(numeric["y"], int(numeric["m"]), numeric["d"])
        return DateSpan(iso, None, 0, len(line)) if iso else None
    spans = find_spans(line)
    if len(spans) != 1 or len(spans[0].start) != 10:
        return None
    rest = line[: spans[0].begin] + " " + line[spans[0].stop:]
    return spans[0] if not _LINE_CHROME.sub(" ", rest).strip() else None
