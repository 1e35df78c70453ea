"""News listing pages: a list of headlines each with its date ('Press releases', 'Latest news')."""

from __future__ import annotations

from osce_kg.context import MappingContext
from osce_kg.dates import find_dates
from osce_kg.page import Page
from osce_kg.records import Label, ListedItem

from .common import document

KIND = "news-listing"


def items(page: Page) -> list[tuple[str, str | None]]:
    """(headline, date) pairs: a headline line followed by a date-only line, or 'date - headline' lines."""
    blocks = [b.text for b in page.blocks]
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(blocks):
        text = blocks[i]
        dates = find_dates(text)
        only_date = dates and dates[0].start == 0 and dates[0].end >= len(text.rstrip(" .")) - 1
        if only_date and found and found[-1][1] is None:
            found[-1] = (found[-1][0], dates[0].iso)
        elif dates and dates[0].start == 0 and len(text) - dates[0].end > 10 and len(dates[0].iso) == 10:
            found.append((text[dates[0].end:].strip(" -–|:"), dates[0].iso))
        elif not only_date and len(text) <= 200:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else ""
            nd = find_dates(nxt)
            if nd and nd[0].start == 0 and nd[0].end >= len(nxt.rstrip(" .")) - 1 and len(nd[0].iso) == 10:
                found.append((text, nd[0].iso))
                i += 1
        i += 1
    return found


def recognise(page: Page, ctx: MappingContext) -> float:
    dates = [item[1] for item in items(page) if item[1]]
    # listings put the newest first; a list that runs forward in time is a timeline
    newest_first = sum(1 for a, b in zip(dates, dates[1:], strict=False) if a >= b) >= (len(dates) - 1) / 2
    return 0.8 if len(dates) >= 3 and newest_first else 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    for n, (title, date) in enumerate(items(page), 1):
        if title:
            ctx.emit(ListedItem(n, Label(title, lang), date))
    ctx.emit(document(page, ctx, KIND))
