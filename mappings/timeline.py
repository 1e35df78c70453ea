"""Timeline pages: dated lines ('1 August 1975 - Helsinki Final Act signed', '2012: Mongolia joins') become
dated entries about the entities they name; admissions of participating States become dated memberships."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import find_dates
from osce_kg.page import Page
from osce_kg.records import OSCE, Label, Membership, TimelineEntry

from .page_document import document

KIND = "timeline"
_LEAD = re.compile(r"^\s*(?P<date>(?:[0-3]?\d(?:\.|er|º)?\s+)?(?:[^\W\d]+\.?\s+)?(?:de\s+)?(?:19|20)\d\d(?:\s*года)?)"
                   r"\s*(?:[-:–]\s*|\s+)(?P<text>\S.*)$")
_ADMITTED = re.compile(r"\b(?:admitted|joins|joined|becomes|became|admise?|adhère|aufgenommen|beigetreten|ammess[oa]|"
                       r"aderisce|принят\w*|присоедин\w*|admitid[oa]|se adhiere)\b.*?"
                       r"(?:participating State|État participant|Teilnehmerstaat|Stato partecipante|"
                       r"государств\w*-участник\w*|Estado participante)", re.I)


def entries(page: Page) -> list[tuple[str, str]]:
    found = []
    for block in page.blocks:
        m = _LEAD.match(block.text)
        if not m:
            continue
        dates = find_dates(m["date"], years=True)
        if dates and dates[0].start == 0 and len(m["text"]) > 5:
            found.append((dates[0].iso, m["text"]))
    return found


def recognise(page: Page, ctx: MappingContext) -> float:
    found = entries(page)
    dates = [date for date, _ in found]
    # a timeline runs forward in time; newest-first dated headlines are a news listing
    forward = sum(1 for a, b in zip(dates, dates[1:], strict=False) if a <= b) > (len(dates) - 1) / 2
    if len(found) >= 3 and len(found) >= len(page.blocks) / 2 and forward:
        return 0.8
    return 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    for n, (date, text) in enumerate(entries(page), 1):
        about = tuple(sorted({link.ref for link in ctx.linker.find(text) if link.ref is not None}))
        ctx.emit(TimelineEntry(f"{n}", date, Label(text, lang), about))
        if _ADMITTED.search(text):
            states = [ref for ref in about if ref.type == "country"]
            if len(states) == 1:
                ctx.emit(Membership(states[0], OSCE, "participating-state", start=date))
    ctx.emit(document(page, ctx, KIND))
