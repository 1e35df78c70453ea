"""Chairpersonship pages: who chairs the OSCE in which year, the Chairperson-in-Office, the next chairs."""

from __future__ import annotations

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.page import Page

from .chair_statements import CHAIR_PATTERNS, chairpersonships
from .page_document import document

KIND = "chairpersonship"
_WORDS = Caseless(lexicon.alternation("chairpersonship", "chairperson-in-office"))


def recognise(page: Page, ctx: MappingContext) -> float:
    texts = ([page.title or ""] + [b.text for b in page.blocks])[:12]
    words = sum(1 for t in texts if _WORDS.search(t))
    stated = any(p.search(t) for p in CHAIR_PATTERNS for t in texts)
    if stated and words >= 2:
        return 0.7
    if "chairpersonship" in (page.url or "") and words:
        return 0.5
    return 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    if not chairpersonships(page, ctx):
        ctx.warn("no-chairpersonship", "chairpersonship page states no year and chair that could be resolved")
    ctx.emit(document(page, ctx, KIND))
