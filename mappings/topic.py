"""Topic ("field of work") pages: a page whose title names one of the OSCE's fields of work."""

from __future__ import annotations

from osce_kg.context import MappingContext
from osce_kg.page import Page, abstract_of
from osce_kg.records import Label, TopicDescription

from .belonging import bodies_working_on
from .page_document import document

KIND = "topic"


def recognise(page: Page, ctx: MappingContext) -> float:
    """Sure when the title is a field-of-work name in any language."""
    if page.title and ctx.lookup(page.title, ["topic"]):
        return 0.9
    return 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    topic = ctx.lookup(page.title or "", ["topic"])
    lang = page.language
    if topic is None or lang is None:
        ctx.emit(document(page, ctx, "document"))
        ctx.warn("unknown-topic", f"title {page.title!r} names no known field of work")
        return
    prose = abstract_of(page.paragraphs)  # not a menu word, label, caption or sub-heading
    description = Label(prose, lang) if prose else None
    if description is None:
        ctx.warn("no-description", "topic page has no paragraph to describe the topic")
    ctx.emit(TopicDescription(topic.ref, Label(page.title or "", lang), description))
    if prose:
        bodies_working_on(topic.ref, prose, lang, ctx)
    ctx.emit(document(page, ctx, KIND, about=(topic.ref,)))
