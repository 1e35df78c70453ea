"""Lists of office holders with date ranges (Secretaries General, High Commissioners...), in any language:
'- Thomas Greminger (Suiza): julio 2017 - julio 2020' under a heading naming the post."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import parse_range
from osce_kg.page import Page
from osce_kg.records import Ref

from .institution import _profile, institutions
from .page_document import document
from .people import NAME, country, hold, person, person_name

KIND = "office-holders"
_HOLDER = re.compile(rf"^(?P<name>{NAME})\s*(?:\((?P<country>[^)]{{2,40}})\))?\s*(?:[:,-]\s*(?P<dates>.*))?$")
_CURRENT = re.compile(r"\b(current|incumbent|actual|actuel\w*|en fonction|en funciones|amtierend\w*|derzeitig\w*|"
                      r"attual\w*|in carica|нынешн\w*|действующ\w*|текущ\w*)\b", re.I)
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


def _heading(text: str) -> bool:
    """Whether a line above a list can name the post its holders held: a label ('Secretaries General',
    'Former High Commissioners:'), not a sentence ('The post was created in 1992.') or a dated line
    ('1 August 1975 - The Helsinki Final Act is signed'), which leave the heading as it was."""
    text = text.strip()
    if text.endswith(":"):
        return True
    return len(text) < 80 and not text.endswith((".", "!", "?")) and not text[:1].isdigit()


def _overlap(one: tuple[str | None, str | None], other: tuple[str | None, str | None]) -> bool:
    """Two (start, end) periods overlap, compared as the shapes compare them (oshape:PostHoldingOverlapShape):
    ISO text cut to the shorter precision, no end meaning 'until now'."""
    (s1, e1), (s2, e2) = one, other
    if not s1 or not s2:
        return False
    e1, e2 = e1 or "9999", e2 or "9999"
    n1, n2 = min(len(s1), len(e2)), min(len(s2), len(e1))
    return s1[:n1] < e2[:n1] and s2[:n2] < e1[:n2]


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    heading = page.title if page.title and _heading(page.title) else ""
    by_index = dict(holders(page))
    held: list[tuple[str, str, tuple[str | None, str | None], bool, Ref]] = []  # (post, holder, period, now?, ref)
    for i, block in enumerate(page.blocks):
        if block.kind != "item":
            if _heading(block.text):
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
        held.append((re.sub(_CURRENT, " ", heading).strip(" :"), name, (start, end), current,
                     person(ctx, name, nationality)))
    for post_text, name, period, current, ref in held:
        # one holder at a time: holders of one post whose periods overlap are not both right (a list read
        # under the wrong heading, or a wrong date), and one holding has one period (a holder listed twice with
        # two is not one of them); neither holding is claimed
        clash = [other for p, other, when, _, _ in held if p == post_text
                 and (_overlap(period, when) if other != name else when != period)]
        if clash:
            ctx.warn("overlapping-holders", f"{name!r} and {clash[0]!r} both hold {post_text!r} at once on this "
                                            "page, or one holder twice; neither holding is claimed")
            continue
        hold(ctx, ref, post_text, lang, *period, current)
    about = tuple(sorted({ref for i, ref in institutions(page, ctx) if i < 0}))
    for ref in about:  # the list sits on the institution's page: its own facts too ('established in 1990')
        ctx.emit(_profile(ctx, ref, [b.text for b in page.blocks if b.kind == "paragraph"], lang))
    ctx.emit(document(page, ctx, KIND, about=about))
