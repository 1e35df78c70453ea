"""Dumps that hold only the site's navigation menu (no article): the menu is all they state."""

from __future__ import annotations

from osce_kg.context import MappingContext
from osce_kg.page import Page

from .page_document import document

KIND = "navigation-only"


def recognise(page: Page, ctx: MappingContext) -> float:
    return 1.0 if page.nav and not page.title and not page.blocks else 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    ctx.emit(document(page, ctx, KIND))
