"""Event and meeting pages: title, dates, place, organiser, series, participants ('When / Where / Organized by'
label blocks in six languages). Labels printed without a value become warnings."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import date_line, parse_span
from osce_kg.page import Page
from osce_kg.records import Label, ListedItem, Ref
from osce_kg.text import slugify

from .events_text import Found, emit, events_in_text, participants, place_in
from .field_labels import label_name, labelled_values
from .page_document import document
from .page_parts import body, url_path

KIND = "event"
_MEETING = re.compile(rf"\b{lexicon.alternation('meeting-word')}\b", re.I)
_DECISION = re.compile(r"\b(?:PC|MC|FSC)\.DEC/\d+")
_PLACE = re.compile(r"^(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]{1,40}?)(?:,\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]+)?$")


def recognise(page: Page, ctx: MappingContext) -> float:
    labels = set()
    for block in page.blocks[:30]:
        name = label_name(block.text) or label_name(block.text.partition(":")[0])
        if name in ("when", "where", "organizer", "participants"):
            labels.add(name)
    if len(labels) >= 2:
        return 0.85
    if page.title and _MEETING.search(page.title) and labels:
        return 0.6
    # a meeting's title over a stand-alone line of its dates ('21 May 2007 (All day) - 23 May 2007 (All day)'),
    # or a meeting series' name with a year ('Human Dimension Implementation Meeting 2009')
    if page.title and _MEETING.search(page.title):
        if any(date_line(b.text) for b in page.blocks[:3]):
            return 0.7
        if re.search(r"\b(?:19|20)\d\d\b", page.title) and series(ctx, page.title):
            return 0.5
    return 0.0


def series(ctx: MappingContext, title: str) -> Ref | None:
    for link in ctx.linker.find(title):
        if link.ref is not None and link.ref.type == "meeting-series":
            return link.ref
    return None


def organizer(page: Page, ctx: MappingContext, value: str | None) -> Ref | None:
    if value:
        ref = body(ctx, value)
        if ref is None:
            for link in ctx.linker.find(value):
                if link.ref is not None and link.ref.type == "body":
                    return link.ref
        return ref
    for segment in url_path(page).split("/")[:2]:
        ref = body(ctx, segment) if len(segment) > 2 else None
        if ref is not None:
            return ref
    return None


_LATEST = re.compile(rf"^{lexicon.alternation('latest-news-heading')}\s*:?$", re.I)


def key_name_possible(title: str) -> bool:
    """A title a meeting can be keyed by: its slug is not empty (fuzzing found ':' and 'ᨀ')."""
    return bool(slugify(title))


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    values = labelled_values(page, ctx, {"when", "where", "organizer", "participants"})
    title = page.title if page.title and re.search(r"\w", page.title) else ""  # ':' alone names no meeting
    start = end = None
    if values.get("when"):
        start, end = parse_span(values["when"])
        if start is None:
            ctx.warn("unreadable-date", f"event date {values['when']!r} could not be read")
    for block in page.blocks[:3]:  # a stand-alone line of the meeting's dates under its title
        line = date_line(block.text) if start is None else None
        if line is not None:
            start, end = line.start, line.end
    place = None
    if values.get("where"):
        m = _PLACE.match(values["where"])
        place = m["place"].strip() if m else None
    decision = None
    for block in page.blocks:
        m = _DECISION.search(block.text)
        if m:
            decision = m.group(0)
            break
    participants_text = Label(values["participants"], lang) if values.get("participants") else None
    texts = body_texts(page)
    year = int(start[:4]) if start else _title_year(title)
    if not title or not key_name_possible(title):  # a title with nothing to key it by (':') names no meeting
        ctx.warn("no-title", "event page has no title")
        emit(ctx, events_in_text(texts, ctx, lang, year), lang)
    else:
        # the page's own meeting is keyed like any other (event/<name-key>), so a page that names it is linked
        main = Found(title, title, start, end, None, organizer(page, ctx, values.get("organizer")), None,
                     participants(texts, lang), series(ctx, title), main=True)
        if place:
            main.place, main.places = place_in(ctx, "in " + values["where"], lang)
        main.participants_text, main.decision = participants_text, decision
        emit(ctx, events_in_text(texts, ctx, lang, year, main), lang)
    related_news(page, ctx, lang)
    ctx.emit(document(page, ctx, KIND))


def body_texts(page: Page) -> list[str]:
    """The page's text up to a 'Latest news:' box: its headlines are other pages' titles."""
    out = []
    for block in page.blocks:
        if _LATEST.match(block.text.strip()):
            break
        out.append(block.text)
    return out


def _title_year(title: str) -> int | None:
    m = re.search(r"\b((?:19|20)\d\d)\b", title)
    return int(m.group(1)) if m else None


def related_news(page: Page, ctx: MappingContext, lang: str) -> None:
    """'Latest news:' then 'Headline, 23 May 2007': each line a listed item with its date."""
    from osce_kg.dates import find_spans
    after = False
    position = 0
    for block in page.blocks:
        if _LATEST.match(block.text.strip()):
            after = True
            continue
        if not after:
            continue
        spans = find_spans(block.text)
        if not spans or spans[-1].stop < len(block.text.rstrip(" .")) - 1 or len(spans[-1].start) != 10:
            break
        headline = block.text[: spans[-1].begin].rstrip(" ,-–")
        if headline:
            position += 1
            ctx.emit(ListedItem(position, Label(headline, lang), spans[-1].start))
