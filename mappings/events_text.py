"""Events, meetings and places a page states in running text, in the six languages.

- named meetings: a capitalised name with a meeting word ('the Economic and Environmental Dimension
  Implementation Meeting', 'the forthcoming Vilnius OSCE Ministerial Council', 'Mediterranean Seminar');
- parts of a meeting: 'The First Preparatory Meeting of the Forum', 'Part one of the Forum', 'the Concluding
  Meeting of this year's Forum' (the forum is the one the page is about);
- meetings and courses described with their dates: 'basic course on border patrol (10 August - 6 September
  2016)', 'the third follow-up meeting, held in Vienna from 1986 to 1989'.
Each gets its dates (osce_kg.dates spans, the year from the page when the text gives none), its place
('in Druskininkai, Lithuania', 'at the Hofburg in Vienna'), its organiser when stated ('organized by X',
'организованном X'), and participant figures (osce_kg.figures). Keys follow docs/identifiers.md: the name
without articles or 'OSCE', ordinals as numerals, plus the year, so the same meeting on two pages is one IRI.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import DateSpan, find_spans
from osce_kg.figures import all_ordinals, counts, may_count, ordinal
from osce_kg.iri import key_from_name
from osce_kg.places import known, place_key, place_name, plausible, venue_pattern
from osce_kg.records import OSCE, Event, Label, Mention, PlaceStated, Ref
from osce_kg.text import NOT_AFTER_ABBREVIATION, normalize_space, slugify

# Meeting words, six languages: what a meeting's name ends in (or, in Romance languages, starts with).
HEADS = lexicon.patterns("meeting-head")
# A part of a meeting, named by its order: 'First Preparatory Meeting', 'Part one', 'Concluding Meeting'.
PARTS = lexicon.patterns("meeting-part")
_OPTIONAL_START = re.compile(r"^(?:\(\?:[^()]*\)\?)?(?:\\w\*)?")


@functools.cache
def _head_anywhere(lang: str) -> re.Pattern[str]:
    """Whether a text holds one of the language's meeting words (HEADS): a form's optional start ('\\w*',
    '(?:[A-ZÄÖÜ]\\w*-)?') can match nothing, so it moves where a match starts, not whether there is one;
    without it the search no longer tries every letter of every word (German: 'Ministerratstreffen')."""
    meeting_head = lexicon.concept("meeting-head")
    return re.compile("|".join(_OPTIONAL_START.sub("", meeting_head.as_regex(form))
                               for form in meeting_head.forms[lang]))
# '... of the Forum', 'of this year's Forum', 'du Forum', 'des Forums', 'del Foro', 'Форума'
_OF_PARENT = (r"\s+(?P<of>of\s+(?:the\s+|this\s+year['’]s\s+)|du\s+|de\s+la\s+|des\s+|der\s+|del\s+|della\s+|"
              r"dello\s+|de\s+(?:el\s+)?)?(?P<parent>(?:Forum|Forums|Foro|Форума|Conference|Conférence|Konferenz|"
              r"Conferenza|Conferencia|Seminar|Séminaire|Seminario|Meeting|Réunion|Reunión|Riunione))\b")
_ORGANISED = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed|organisée?s?|organisiert|veranstaltet|organizzat[oaie]|"
    r"organizad[oa]s?|организованн\w+|проведенн\w+|проведённ\w+|организован\w*)\s+(?:by|par|von|vom|da|dal|"
    r"dalla|por)?\s*(?P<org>[^,.;()]{3,90})"
)
_IN_PLACE = re.compile(
    r"(?:\b(?:in|at|à|au|en|a|nel|nella|[Вв]о?|im|auf)\s+(?:the\s+|der\s+|dem\s+|la\s+|le\s+|el\s+|il\s+)?)"
    r"(?P<place>" + venue_pattern() + r"|"
    r"[A-ZÀ-ÖØ-ÞČŠŽŁА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞČŠŽŁА-ЯЁ][\w'’-]+)?)"
    r"(?:,\s+(?P<country>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]{2,30}?)(?=[\s,.;)]|$))?"
)
_TODAY = re.compile(r"\b(?:today|aujourd['’]hui|heute|oggi|сегодня|hoy)\b", re.IGNORECASE)
_ENDED = re.compile(r"\b(?:ended|ends|concluded|closed|completed|s['’]est achevée?|s['’]est terminée?|endete|"
                    r"abgeschlossen|si è concluso|si è chiuso|concluyó|finalizó|завершил\w*|закончил\w*|"
                    r"окончил\w*)(?!\w)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|a|an|this|le|la|les|l['’]|un|une|der|die|das|dem|den|des|ein|eine|einem|einer|il|lo|"
                      r"gli|i|uno|una|el|los|las|auf|am|im|beim|на|в|во)\s+", re.IGNORECASE)
# a sentence ends at . ! ? before a capital, but not after a day's number ('am 21. November 1990')
_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])" + NOT_AFTER_ABBREVIATION + r"\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ«\"“])")
_CAP = r"[A-Z0-9À-ÖØ-ÞČŠŽŁА-ЯЁ][\w'’.-]*"
_JOIN = r"(?:of|on|and|for|in|the|de|des|du|la|et|sur|für|und|der|des|di|del|della|e|y|sobre|по|и)"


# 'the Vilnius OSCE Ministerial Council', 'the Ministerial Council in Basel': a meeting of the Council
_COUNCIL_IN_CITY = re.compile(
    r"(?:(?P<city>[A-ZÀ-ÖØ-Þ][\w'’-]+)\s+(?:OSCE\s+)?Ministerial Council(?:\s+[Mm]eeting)?|"
    r"(?:OSCE\s+)?Ministerial Council(?:\s+[Mm]eeting)?\s+in\s+(?P<city2>[A-ZÀ-ÖØ-Þ][\w'’-]+))"
)


@dataclass
class Found:
    name: str
    key_name: str  # what the key is made from (the parent's name filled in for 'of the Forum')
    start: str | None = None
    end: str | None = None
    place: Ref | None = None
    organizer: Ref | None = None
    parent: Found | None = None  # the meeting this one is a part of
    participants: int | None = None
    series: Ref | None = None
    main: bool = False
    places: list[PlaceStated] = field(default_factory=list)
    key: str = ""
    theme: str | None = None
    participants_text: Label | None = None
    decision: str | None = None

    @property
    def base(self) -> str:
        return event_key(self.key_name, None)


def event_key(name: str, year: str | None) -> str:
    """'The Nineteenth OSCE Economic and Environmental Forum', 2011 -> '19-economic-and-environmental-forum-2011'.
    Articles and 'OSCE' go, ordinal words become numbers, the year is added when the name has none."""
    words = [w for w in re.split(r"[\s]+", _ARTICLE.sub("", normalize_space(name))) if w]
    out = []
    for w in words:
        bare = w.strip(",.;:()«»\"'’")
        if bare.casefold() in ("osce", "osze", "ocse", "обсе", "csce", "ksze"):
            continue
        n = ordinal(bare)
        out.append(str(n) if n is not None else w)
    key = key_from_name(" ".join(out) or name)
    if year and year[:4] not in key.split("-"):
        key = f"{key}-{year[:4]}"
    return key


def parent_name(title: str) -> str | None:
    """The meeting a part belongs to, from a title such as '2nd Preparatory Meeting of the Nineteenth OSCE
    Economic and Environmental Forum' or '15th Economic and Environmental Forum - part II'."""
    m = re.search(r"\s+[-–,]\s+(?:part|partie|Teil|parte|часть)\s+\w+$", title, re.IGNORECASE)
    if m:
        return title[: m.start()].strip()
    m = _PART_TITLE.match(title)
    return m.group("parent").strip() if m else None


# '2nd Preparatory Meeting of the X', 'Deuxième réunion préparatoire du X', 'Zweites Vorbereitungstreffen des X',
# 'Seconda riunione preparatoria del X', 'Второе подготовительное совещание X', 'Segunda reunión preparatoria del X'
_PART_TITLE = re.compile(
    r"^(?:\w+\s+)?(?:(?:Preparatory|Concluding|Closing|Opening|Final)\s+Meeting\s+of\s+(?:the\s+)?|"
    r"réunion\s+(?:préparatoire|de clôture|finale)\s+(?:du|de la|de l['’]|des)\s*|"
    r"(?:Vorbereitungs|Abschluss)(?:treffen|sitzung)\s+(?:des|der)\s+|"
    r"riunione\s+(?:preparatoria|conclusiva)\s+(?:del|della|dello|dell['’])\s*|"
    r"(?:подготовительное|заключительное)\s+совещание\s+|"
    r"reunión\s+(?:preparatoria|de clausura|final)\s+(?:del|de la)\s+)(?P<parent>.+)$",
    re.IGNORECASE,
)


def place_in(ctx: MappingContext, text: str, lang: str) -> tuple[Ref | None, list[PlaceStated]]:
    """The first place a clause names ('in Druskininkai, Lithuania', 'at the Hofburg in Vienna'): its ref (the
    venue when there is one) and the PlaceStated records to emit. Never a month, person or organisation."""
    records: list[PlaceStated] = []
    found: list[tuple[str, Ref | None]] = []
    for m in _IN_PLACE.finditer(text):
        name = m["place"].strip(" ,")
        if not plausible(name) or _is_entity(ctx, name):
            continue
        country = _country(ctx, m["country"]) if m["country"] else None
        if not (known(name) or country or _is_venue(name)):
            continue  # an unknown name is a place only with its country stated ('Druskininkai, Lithuania')
        found.append((name, country))
        if _is_venue(name) and m["country"] and country is None and known(m["country"].strip()):
            found.append((m["country"].strip(), None))  # 'Hofburg, Vienna': a venue and its city
        if len(found) >= 2 or not _is_venue(name):
            break
    if not found:
        return None, []
    city_ref = None
    venue = found[0] if _is_venue(found[0][0]) else None
    city = found[1] if venue and len(found) > 1 else (None if venue else found[0])
    if city:
        city_ref = Ref("place", place_key(city[0]))
        records.append(PlaceStated(city_ref, place_name(city[0], lang), city[1]))
    if venue:
        ref = Ref("place", place_key(venue[0]))
        name = venue[0].strip()
        if lang in ("ru", "fr"):  # the reader folds «» to straight quotes; these languages print guillemets
            name = re.sub(r'"([^"]+)"', r"«\1»", name)
        records.append(PlaceStated(ref, name, venue[1] if city is None else None, city_ref))
        return ref, records
    return city_ref, records


def _is_venue(name: str) -> bool:
    return bool(re.fullmatch(venue_pattern(), name))


def _country(ctx: MappingContext, name: str) -> Ref | None:
    entity = ctx.lookup(name.strip(), ["country", "territory"])
    return entity.ref if entity else None


def _is_entity(ctx: MappingContext, name: str) -> bool:
    """A registry body, operation or person's name is not a place (a country is, but it is not a city)."""
    if known(name):
        return False
    return any(link.ref is not None or link.candidates for link in ctx.linker.find(name))


def _organizer(ctx: MappingContext, text: str) -> Ref | None:
    m = _ORGANISED.search(text)
    if not m:
        return None
    links = [link for link in ctx.linker.find(m["org"]) if link.ref is not None
             and link.ref.type in ("body", "field-operation")]
    if not links:
        return None
    best = max(links, key=lambda link: link.end - link.start)
    rest = (m["org"][: best.start] + m["org"][best.end:]).split()
    if best.ref == OSCE and any(w[:1].isupper() for w in rest):
        return None  # 'Бюро ОБСЕ в Таджикистане' is not the OSCE itself: a longer name the registry lacks
    return best.ref


def _place_at_start(text: str) -> bool:
    """The clause opens with its place ('In Vienna, ...', 'В Учебном центре «Гиссар» завершился ...')."""
    m = _IN_PLACE.search(text)
    return m is not None and m.start() <= 1


def _span_in(text: str, year: int | None, after: bool = True) -> DateSpan | None:
    """The first date or span of a clause; a lone year only right after the meeting's name ('1975 in
    Helsinki', 'at the end of 2011'), where it is the meeting's."""
    for span in find_spans(text, year=year, years=True):
        if len(span.start) > 4 or span.end or (after and span.begin <= 60):
            return span
    return None


def _clauses(text: str) -> list[str]:
    """Sentences, white space collapsed; quotes are kept as written ('«Гиссар»' stays a name's own)."""
    text = " ".join(text.split())  # white space (no-break space too) as one space
    return [s for s in _SENTENCE.split(text) if s]


# an ordinal word before a meeting's name ('dritte', 'dix-neuvième', 'первый'): the ordinal lists are data
_ORD = r"(?:(?:" + "|".join(sorted((re.escape(w) for w in all_ordinals()), key=len, reverse=True)) + r")\s+)?"
# 'on Security and Co-operation in Europe', 'über Sicherheit und Zusammenarbeit in Europa': a name's complement
_WORD = r"[A-ZÀ-ÖØ-ÞČŠŽŁА-ЯЁ][\w'’-]*"
_COMPLEMENT = (rf"(?:\s+(?:on|of|for|über|zur|zum|für)\s+(?:the\s+)?{_WORD}(?:\s+(?:(?:and|of|the|und|der|die|das|"
               rf"von)\s+)?(?:{_WORD}|in\s+Europ[ea]))*)?")


def _named(lang: str) -> re.Pattern[str]:
    heads = HEADS.get(lang, HEADS["en"])
    if lang in ("en", "de"):
        # capitalised words ending in a meeting word: 'Economic and Environmental Dimension Implementation Meeting'
        return re.compile(rf"(?P<name>{_ORD}(?:{_CAP}\s+(?:{_JOIN}\s+)*){{0,8}}(?:{heads})s?{_COMPLEMENT}"
                          rf")(?![\w-])")
    # Romance languages and Russian: the meeting word first, then its complement ('Séminaire méditerranéen')
    return re.compile(rf"(?<![\w-])(?P<name>{_ORD}(?:(?:{heads}))(?:\s+(?:{_JOIN}\s+)?[\w'’«»-]+){{0,8}}?)"
                      rf"(?=\s*[(,.;:\"]|\s+(?:qui|que|che|который|которое|которая|которые|{_VERBS})\s|"
                      rf"\s+(?:à|en|a|in|nel|nella|в|во|dal|с|со|desde|entre)\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ\d])|"
                      rf"\s+(?:del|de|du|les|los|el)\s+\d|$)")


# verbs that end a Romance or Russian meeting name ('La Cumbre de Estambul se celebró ...')
_VERBS = (r"se|fue|est|a|ha|è|si|s['’]est|sont|ont|s['’]ouvre|s['’]ouvrira|aura|avrà|tendrá|состоял\w*|прош[её]л|"
          r"прошла|прошло|завершил\w*|начал\w*|открыл\w*|будет|пройдет|пройдёт")


_LEADING = re.compile(r"^(?:(?:In|On|At|During|For|By|From|With|As|Since|After|Before|While|When|Like|Both|"
                      r"Participation|Registration|Information|Welcome|Dans|Lors|Pendant|Während|Nach|Beim|Im|Durante|"
                      r"Nel|Nella|Durante|En|Tras)\s+(?:(?:in|to|at|of|the|and)\s+)*|(?:19|20)\d\d,?\s+|"
                      r"(?:the|this|that|The|This|That)\s+)+")
_THEME = re.compile(r"(?:The theme of|Le thème d[eu]s?|Das Thema d\w+|Il tema d\w+|Тема|El tema d\w+)\s+"
                    r"(?:the\s+|la\s+|l['’]|el\s+)?(?P<event>[^:\"“«]{4,120}?)\s+(?:is|est|ist|è|es|—|-)\s*:?\s*"
                    r"[\"“«„](?P<theme>[^\"”»“]{10,300})")


def events_in_text(page_text: list[str], ctx: MappingContext, lang: str, year: int | None,
                   main: Found | None = None, series_named: list[tuple[Ref, str]] | None = None,
                   today: str | None = None) -> list[Found]:
    """Meetings the text names with a date or a place (or the page's own meeting and its parent, named
    again); `main` is the meeting the page itself is about: its parts and 'the Forum' refer to it or to the
    meeting it is a part of."""
    out: list[Found] = []
    series_named = series_named if series_named is not None else []
    parent_title = parent_name(main.name) if main else None
    if main:
        out.append(main)
        if parent_title:
            main.parent = Found(parent_title, parent_title, series=_series(ctx, parent_title))
            out.append(main.parent)
    parts = re.compile(PARTS.get(lang, PARTS["en"]))
    named = _named(lang)
    # every name `named` finds holds a meeting word: a clause without one is not searched (most are not, and the
    # search tries the ordinal words at every position)
    heads = _head_anywhere(lang if lang in HEADS else "en")
    for text in page_text:
        for clause in _clauses(text):
            hits: list[tuple[int, int, Found]] = []
            for m in parts.finditer(clause):
                tail = clause[m.end(): m.end() + 60]
                of = re.match(_OF_PARENT, tail)
                forum = parent_title or (main.name if main else None)
                if not forum or not (of or parent_title):
                    continue
                part = _ARTICLE.sub("", m.group(0))
                order = ordinal(m["ord"] or m.groupdict().get("ord2") or m.groupdict().get("ord3") or "", None)
                if order is None and not re.search(r"Concluding|Closing|Final|clôture|Abschluss|conclusiva|"
                                                   r"заключительн|clausura|finale", part, re.I):
                    continue
                prep = {"en": "of the"}.get(lang) or (of["of"].strip() if of and of["of"] and lang in ("fr", "it", "es")
                                                      else None)
                name = f"{part} {prep} {_ARTICLE.sub('', forum)}" if prep else f"{part} ({forum})"
                found = Found(name, name)
                found.parent = main.parent if main and main.parent else main
                hits.append((m.start(), m.end() + (of.end() if of else 0), found))
            for m in _COUNCIL_IN_CITY.finditer(clause):
                city = m["city"] or m["city2"]
                if known(city):
                    hits.append((m.start(), m.end(), Found(m.group(0), m.group(0), series=_series(ctx, m.group(0))
                                                           or _series(ctx, "Ministerial Council meeting"))))
            for m in named.finditer(clause) if heads.search(clause) else ():
                name = _LEADING.sub("", m["name"]).strip()
                name = _ARTICLE.sub("", name).strip()
                offset = m.start() + m["name"].find(name) if name in m["name"] else m.start()
                if any(s <= offset < e or offset <= s < m.end() for s, e, _ in hits) or len(name) < 6:
                    continue
                hits.append((offset, m.end(), Found(name, name, series=_series(ctx, name))))
            hits.sort(key=lambda h: h[0])
            for i, (start, end, found) in enumerate(hits):
                segment = clause[end: hits[i + 1][0] if i + 1 < len(hits) else len(clause)]
                if _singular(found.name) != found.name:
                    if found.series is not None:
                        series_named.append((found.series, found.name))
                    continue  # 'OSCE Summits in Helsinki, Budapest and Istanbul': a series, not one meeting
                # what comes before the name is the meeting's only when it leads straight into it ('On 7 May,
                # the Seminar'; 'In Vienna, the Forum'), not a date of the sentence's subject ('the CPC was
                # created on 21 November 1990 at the Paris Summit')
                before = clause[:start] if i == 0 else ""
                lead = re.search(r"[,\s]*(?:the|la|le|el|il|die|der|das|l['’])?\s*$", before)
                leads_in = bool(lead and 0 < lead.start() < len(before) and before[lead.start()] == ",")
                span = _span_in(segment, year)
                if span is None and before:
                    first = _span_in(before, year, after=False)
                    if first is not None and (leads_in or first.begin <= 3):
                        span = first
                place, records = place_in(ctx, segment, lang)
                if place is None and before:  # a sentence that opens with its place sets the scene
                    opening = re.match(r"^\W{0,2}(?:\w+\s+){0,2}", before)
                    scene, scene_records = place_in(ctx, before, lang)
                    if scene is not None and (leads_in or opening is not None and _place_at_start(before)):
                        place, records = scene, scene_records
                if span is None and today and _TODAY.search(clause):
                    span = DateSpan(today, None, 0, 0)  # 'сегодня завершился курс': the release's own day
                same = next((f for f in out if f.base == found.base), None)
                if span is None and place is None and same is None and not found.name.endswith("Ministerial Council"):
                    if found.series is not None and _is_series_name(ctx, found.name):
                        series_named.append((found.series, found.name))
                    continue  # a meeting named in passing, with nothing stated about it
                if span is None and place is None and same is None and _is_series_name(ctx, found.name):
                    if found.series is not None:
                        series_named.append((found.series, found.name))
                    continue  # 'Human Dimension Implementation Meetings': the series, not one meeting
                upto = segment[: span.begin] if span is not None and span.begin else segment[:80]
                if span is not None and span.end is None and _ENDED.search(clause[:start] + upto):
                    found.end = span.start  # 'ended on 21 November 1990': the last day, not the first
                elif span is not None:
                    found.start, found.end = span.start, span.end
                found.place, found.places = place, records
                found.organizer = _organizer(ctx, segment)
                merge(out, found)
    out = [f for f in out if slugify(f.key_name)]  # a name of punctuation only (':') names no event
    for text in page_text:
        for m in _THEME.finditer(normalize_space(text)):
            target = event_key(_ARTICLE.sub("", m["event"]), None)
            for f in out:
                if f.base == target and f.theme is None:
                    f.theme = m["theme"].strip()
    _keys(out, year)
    return out


def _keys(found: list[Found], year: int | None) -> None:
    """Keys last, when every date is known: the name's key plus the meeting's year (its own, a part's, or
    the page's), so a forum takes the year of its preparatory meetings."""
    def year_of(f: Found) -> str | None:
        if f.start or f.end:
            return (f.start or f.end or "")[:4]
        child = next((c.start for c in found if c.parent is f and c.start), None)
        return child[:4] if child else (str(year) if year else None)
    for f in found:
        f.key = event_key(f.key_name, year_of(f))


def _singular(name: str) -> str:
    """'Human Dimension Implementation Meetings' -> '... Meeting': series are named in the singular too."""
    return re.sub(r"(Meeting|Conference|Seminar|Forum|Summit|Workshop|Dialogue)s$", r"\1", name)


def _is_series_name(ctx: MappingContext, name: str) -> bool:
    """The whole name is a registry meeting series' name (in any of its labels, singular or plural)."""
    for candidate in {name, _singular(name)}:
        for link in ctx.linker.find(candidate):
            covers = link.end - link.start >= len(candidate) - 2
            if link.ref is not None and link.ref.type == "meeting-series" and covers:
                return True
    return False


def _series(ctx: MappingContext, name: str) -> Ref | None:
    for candidate in (name, _singular(name)):
        for link in ctx.linker.find(candidate):
            if link.ref is not None and link.ref.type == "meeting-series":
                return link.ref
    return None


def merge(out: list[Found], found: Found) -> None:
    """The same meeting found twice (the page's title and its text) is one: fill what is missing."""
    have = next((f for f in out if f.base == found.base and (not f.start or not found.start
                                                             or f.start[:4] == found.start[:4])), None)
    if have is None:
        out.append(found)
        return
    for attr in ("start", "end", "place", "organizer", "parent", "participants", "series"):
        if getattr(have, attr) is None and getattr(found, attr) is not None:
            setattr(have, attr, getattr(found, attr))
    have.places.extend(p for p in found.places if p not in have.places)


def participants(texts: list[str], lang: str, meeting: str | None = None) -> int | None:
    """The first count of participants the text states ('Some 150 officials', 'двадцать представителей').

    With `meeting` (its name), a sentence that names another kind of meeting ('twenty experts took part in the
    seminar' on a page about a Council meeting) counts that one's participants, not these: it is skipped."""
    heads = re.compile(rf"(?<![\w-])(?:{HEADS.get(lang, HEADS['en'])})")  # whole words: not 'учени' in 'обучение'
    name = (meeting or "").casefold()
    for text in texts:
        for sentence in _SENTENCE.split(text) if meeting else [text]:
            if meeting and any(h.group(0).casefold()[:4] not in name for h in heads.finditer(sentence)):
                continue
            if not may_count(sentence, "participants", lang):
                continue
            for count in counts(sentence, lang):
                if count.kind == "participants":
                    return count.value
    return None


def emit(ctx: MappingContext, found: list[Found], lang: str) -> None:
    """Records for the meetings and their places, keyed per docs/identifiers.md."""
    for f in found:
        for place in f.places:
            ctx.emit(place)
        ctx.emit(Event(f.key, Label(f.name, lang), f.start, f.end, None, f.organizer, f.series, f.participants_text,
                       f.decision, location=f.place, part_of=Ref("event", f.parent.key) if f.parent else None,
                       participant_count=f.participants, theme=Label(f.theme, lang) if f.theme else None,
                       main=f.main, shared=True))


def text_events(texts: list[str], ctx: MappingContext, lang: str, year: int | None,
                block_offset: int = 0, today: str | None = None) -> list[Found]:
    """Meetings a page names in its text (press releases, news, articles), emitted with their places. The
    first meeting the page's opening paragraphs name is the one the page is about: it gets the page's first
    participant figure ('Some 150 officials', 'двадцать представителей')."""
    found: list[Found] = []
    texts = [_without_dateline(t) for t in texts]
    # the opening: the first two paragraphs of prose (labels, image lines and datelines' places come before)
    prose = [i for i, t in enumerate(texts) if len(t) > 100][:2]
    opening = [texts[i] for i in prose]
    for index, text in enumerate(texts):
        series_named: list[tuple[Ref, str]] = []
        for f in events_in_text([text], ctx, lang, year, series_named=series_named, today=today):
            if not any(g.base == f.base for g in found):
                f.main = f.main or (index in prose and not any(g.main for g in found))
                found.append(f)
        for ref, name in series_named:  # a meeting series the linker missed (a plural heading): a mention
            at = text.find(name)
            if at >= 0:
                ctx.emit(Mention(ref, index + block_offset, at, at + len(name), name))
    primary = next((f for f in found if f.main), None)
    if primary is not None and primary.participants is None:
        primary.participants = participants(texts, lang, primary.name)
    if primary is not None and primary.organizer is None:  # 'На курсе, организованном X, ...' a sentence on
        primary.organizer = next((o for o in (_organizer(ctx, t) for t in opening) if o), None)
    emit(ctx, found, lang)
    return found


def _without_dateline(text: str) -> str:
    """A dateline's date is the release's, not a meeting's: the text after it only."""
    from osce_kg.dates import parse_dateline
    found = parse_dateline(text)
    return found.rest if found and found.rest else text
