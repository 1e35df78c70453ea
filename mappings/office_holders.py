"""Lists of office holders with date ranges (Secretaries General, High Commissioners...), in any language:
'- Thomas Greminger (Suiza): julio 2017 - julio 2020' under a heading naming the post."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import parse_range
from osce_kg.page import Page

from .institution import _profile, institutions
from .page_document import document
from .people import NAME, country, hold, person, person_name

KIND = "office-holders"
_HOLDER = re.compile(rf"^(?P<name>{NAME})\s*(?:\((?P<country>[^)]{{2,40}})\))?\s*(?:[:,-]\s*(?P<dates>.*))?$")
_CURRENT = re.compile(r"\b(current|incumbent|actual|actuel\w*|en fonction|amtierend\w*|derzeitig\w*|attual\w*|"
                      r"нынешн\w*|действующ\w*|текущ\w*)\b", re.I)
_DATES = re.compile(r"(?:19|20)\d\d")


def holders(page: Page) -> list[tuple[int, re.Match]]:
    found = []
    for i, block in enumerate(page.blocks):
        if block.kind != "item":
            continue
        m = _HOLDER.match(block.text)
        if m and person_name(m["name"]):
            found.append((i, m))
    return found


def recognise(page: Page, ctx: MappingContext) -> float:
    found = holders(page)
    dated = sum(1 for _, m in found if m["dates"] and _DATES.search(m["dates"]))
    if dated >= 2:
        return 0.8
    return 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    heading = page.title or ""
    by_index = dict(holders(page))
    for i, block in enumerate(page.blocks):
        if block.kind != "item":
            if block.text.endswith(":") or len(block.text) < 80:
                heading = block.text
            continue
        m = by_index.get(i)
        if m is None:
            continue
        name = person_name(m["name"])
        if name is None:
            continue
        nationality = country(ctx, m["country"]) if m["country"] else None
        if m["country"] and nationality is None:
            ctx.warn("unknown-country", f"{m['country']!r} (nationality of {name}) is not a known country")
        start, end = parse_range(m["dates"] or "")
        current = bool(_CURRENT.search(heading))
        if not start and not end and not current:
            ctx.warn("no-dates", f"office holder {name!r} listed without dates")
        ref = person(ctx, name, nationality)
        hold(ctx, ref, re.sub(_CURRENT, " ", heading).strip(" :"), lang, start, end, current)
    about = tuple(sorted({ref for i, ref in institutions(page, ctx) if i < 0}))
    for ref in about:  # the list sits on the institution's page: its own facts too ('established in 1990')
        ctx.emit(_profile(ctx, ref, [b.text for b in page.blocks if b.kind == "paragraph"], lang))
    ctx.emit(document(page, ctx, KIND, about=about))
