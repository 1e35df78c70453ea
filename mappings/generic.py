"""Fallback for pages of a kind no mapper recognises: a document with title, language and mentions."""

from __future__ import annotations

from osce_kg.context import MappingContext
from osce_kg.page import Page

from .events_text import text_events
from .page_document import document

KIND = "document"


def recognise(page: Page, ctx: MappingContext) -> float:
    return 0.01


def map_page(page: Page, ctx: MappingContext) -> None:
    text_events([b.text for b in page.blocks], ctx, page.language or "en", None, 1 if page.title else 0)
    ctx.emit(document(page, ctx, KIND))
    if page.blocks or page.title:
        ctx.warn("unknown-kind", "page kind not recognised; mapped as a generic document")
