"""Partners for Co-operation pages: the Mediterranean and Asian Partners, with the year relations began."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.records import OSCE, Membership, Ref

from .page_document import document
from .people import country

KIND = "partners"
_PARTNERS = re.compile(r"(?:partner|parten)\w*\b.{0,30}?\b(?:co-?operation|coopération|cooperazione|cooperación)|"
                       r"kooperationspartner|socios\b.{0,30}?\bcooperación|партн[её]р\w*.{0,30}?сотрудничеств", re.I)
_MED = re.compile(r"mediterran|méditerran|mittelmeer|средиземномор", re.I)
_ASIA = re.compile(r"\basia|asiat|asiát|азиат", re.I)
_ITEM = re.compile(r"^(?P<name>[^()\d]+?)\s*(?:\((?P<year>(?:19|20)\d\d)\))?\s*[.;,]?$")
# "In 2009, Australia was granted the status of Partner for Co-operation"
_GRANTED = re.compile(r"In\s+(?P<year>(?:19|20)\d\d),\s+(?P<name>[A-Z][\w ]+?)\s+(?:was granted|became)\b[^.]*Partner")


def recognise(page: Page, ctx: MappingContext) -> float:
    heads = [page.title or ""] + [b.text for b in page.blocks if len(b.text) < 80]
    if not any(_PARTNERS.search(h) for h in heads):
        return 0.0
    countries = sum(1 for item in page.items if country(ctx, _ITEM.match(item)["name"] if _ITEM.match(item) else item))
    return 0.75 if countries >= 3 else 0.3


def _group(ctx: MappingContext, heading: str) -> Ref | None:
    """The partner group a heading names: by registry name, else the registry group of the same region."""
    entity = ctx.lookup(heading, ["partner-group"])
    if entity is not None:
        return entity.ref
    for pattern in (_MED, _ASIA):
        if pattern.search(heading):
            for group in ctx.registry.of_type("partner-group"):
                if any(pattern.search(label.text) for label in group.labels()):
                    return group.ref
    return None


def map_page(page: Page, ctx: MappingContext) -> None:
    group: Ref | None = None
    seen: set[str] = set()
    for block in page.blocks:
        if block.kind != "item":
            if len(block.text) < 80 and _PARTNERS.search(block.text):
                group = _group(ctx, block.text) or group
            for m in _GRANTED.finditer(block.text):
                state = country(ctx, m["name"])
                if state is not None and state.key not in seen:
                    seen.add(state.key)
                    ctx.emit(Membership(state, OSCE, "partner", start=m["year"], group=_group(ctx, block.text)))
            continue
        m = _ITEM.match(block.text)
        if not m:
            continue
        state = country(ctx, m["name"])
        if state is None:
            ctx.warn("unknown-partner", f"list item {block.text!r} names no known country")
            continue
        seen.add(state.key)
        ctx.emit(Membership(state, OSCE, "partner", start=m["year"], group=group))
    if not seen:
        ctx.warn("no-partners", "partners page lists no country that could be resolved")
    ctx.emit(document(page, ctx, KIND))
