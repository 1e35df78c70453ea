"""Helpers the page-kind mappers share: the document record and what every page mentions."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext, refs_of
from osce_kg.page import Page
from osce_kg.records import DocumentContent, Label, Ref

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")


def years(texts: list[str]) -> tuple[int, ...]:
    return tuple(sorted({int(y) for text in texts for y in _YEAR.findall(text)}))


def document(page: Page, ctx: MappingContext, kind: str, about: tuple[Ref, ...] = ()) -> DocumentContent:
    """The page as a document, plus a Mention record for each registry entity its text names."""
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    mentions = ctx.mentions(texts)
    for mention in mentions:
        ctx.emit(mention)
    lang = page.language or page.nav_language
    content = DocumentContent(
        title=Label(page.title, lang) if page.title and lang else None,
        kind=kind,
        language=lang,
        paragraphs=tuple(page.paragraphs),
        list_items=tuple(page.items),
        years=years(texts),
        about=tuple(sorted(set(about) | set(refs_of(mentions)))) if about else refs_of(mentions),
        truncated=page.truncated,
    )
    if page.duplicates:
        ctx.warn("duplicate-paragraphs", f"{page.duplicates} repeated paragraph(s) dropped")
    return content
