"""Event and meeting pages: title, dates, place, organiser, series, participants ('When / Where / Organized by'
label blocks in six languages). Labels printed without a value become warnings."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import parse_span
from osce_kg.page import Page
from osce_kg.records import Event, Label, Ref

from .common import body, document, label_name, labelled_values, url_path

KIND = "event"
_MEETING = re.compile(r"\b(meeting|conference|forum|seminar|workshop|summit|session|réunion|conférence|séminaire|"
                      r"atelier|sommet|treffen|konferenz|seminar|tagung|gipfel|riunione|conferenza|seminario|vertice|"
                      r"совещание|конференция|семинар|саммит|reunión|conferencia|cumbre|taller)\b", re.I)
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


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    values = labelled_values(page, ctx, {"when", "where", "organizer", "participants"})
    title = page.title or ""
    start = end = None
    if values.get("when"):
        start, end = parse_span(values["when"])
        if start is None:
            ctx.warn("unreadable-date", f"event date {values['when']!r} could not be read")
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
    participants = Label(values["participants"], lang) if values.get("participants") else None
    if not title:
        ctx.warn("no-title", "event page has no title")
    else:
        ctx.emit(Event("main", Label(title, lang), start, end, place, organizer(page, ctx, values.get("organizer")),
                       series(ctx, title), participants, decision))
    ctx.emit(document(page, ctx, KIND))
