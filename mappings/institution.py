"""Institution and structure pages (ODIHR, HCNM, RFoM, the Secretariat, the Parliamentary Assembly...):
seat, founding year, mandate, staff, head. An overview page describing several gets facts for each."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.records import InstitutionProfile, Label, Ref

from .events_text import text_events
from .page_document import document
from .page_parts import title_names_a_state_only
from .people import country

KIND = "institution"
_CITY = r"(?P<city>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)?)"
_SEAT = [
    re.compile(rf"(?:Located|Based|Headquartered|Situé|Située|Basé|Basée|Ansässig|Con sede|Situado|Situada|"
               rf"Расположен\w*)\s+(?:in|à|en|a|in der|в)\s+{_CITY}"
               rf"(?:,\s+(?P<country>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’ -]+?))?[,.]"),
    re.compile(rf"(?:is|are|est|ist|è|está|находится)\s+(?:based|located|situé\w*|basé\w*|ansässig|con sede|"
               rf"situad[oa])\s+(?:in|à|en|a|в)\s+{_CITY}"),
    Caseless(rf"(?:seat|headquarters|siège|Sitz|sede|штаб-квартира)\s+(?:is\s+)?(?:in|à|en|a|в)\s+{_CITY}"),
    re.compile(rf"\bhat seinen Sitz in\s+{_CITY}"),
]
_FOUNDED = Caseless(rf"{lexicon.alternation('founded')}\b[^.]{{0,60}}?"
                      r"(?P<year>(?:19|20)\d\d)")
_STAFF = Caseless(rf"{lexicon.alternation('employs')}\s+(?:approximately\s+|about\s+|"
                    r"environ\s+|rund\s+|etwa\s+|circa\s+|около\s+|aproximadamente\s+|some\s+)?(?P<n>\d+)\s")
_MANDATE = Caseless(lexicon.alternation("mandate-stem"))
_TYPES = ("institution", "secretariat-unit", "structure", "decision-making-body")


def institutions(page: Page, ctx: MappingContext) -> list[tuple[int, Ref]]:
    """(block index, body) for blocks that open by naming an institution (title counts as block -1)."""
    found: list[tuple[int, Ref]] = []
    texts = [page.title or ""] + [b.text for b in page.blocks]
    for i, text in enumerate(texts):
        for link in ctx.linker.find(text[:160]):
            ref = link.ref
            if ref is None:  # 'HCNM' names the institution and its post: the institution is meant here
                bodies = [c for c in link.candidates if c.type == "body"]
                ref = bodies[0] if len(bodies) == 1 else None
            entity = ctx.registry.get(ref) if ref else None
            if entity is not None and ref.type == "body" and entity.kind in _TYPES:
                if link.start <= 40 or i == 0:
                    found.append((i - 1, ref))
                break
    return found


def recognise(page: Page, ctx: MappingContext) -> float:
    found = institutions(page, ctx)
    if not found or title_names_a_state_only(page, ctx, {"body"}):
        return 0.0
    text = page.text
    score = 0.4 + (0.2 if any(p.search(text) for p in _SEAT) else 0.0) + (0.1 if _FOUNDED.search(text) else 0.0)
    return min(score + 0.05 * (len({r for _, r in found}) - 1), 0.75)


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    found = institutions(page, ctx)
    texts = [b.text for b in page.blocks]
    # each institution owns the blocks from where it is first named to where the next one is
    owners: dict[Ref, list[str]] = {}
    order = sorted({(max(i, -1), r) for i, r in found}, key=lambda x: x[0])
    first_seen: list[tuple[int, Ref]] = []
    for i, ref in order:
        if ref not in [r for _, r in first_seen]:
            first_seen.append((i, ref))
    for n, (i, ref) in enumerate(first_seen):
        end = first_seen[n + 1][0] if n + 1 < len(first_seen) else len(texts)
        owners[ref] = texts[max(i, 0):end] if end > max(i, 0) else texts[max(i, 0):max(i, 0) + 1]
    for ref, blocks in sorted(owners.items()):
        ctx.emit(_profile(ctx, ref, blocks, lang))
    text_events([b.text for b in page.blocks], ctx, lang, None, 1 if page.title else 0)
    ctx.emit(document(page, ctx, KIND, about=tuple(sorted(owners))))


def _profile(ctx: MappingContext, ref: Ref, blocks: list[str], lang: str) -> InstitutionProfile:
    seat = seat_country = founded = mandate = staff = None
    for text in blocks:
        for pattern in _SEAT:
            m = pattern.search(text)
            if m and seat is None:
                seat = m["city"]
                if m.groupdict().get("country"):
                    seat_country = country(ctx, m["country"])
        f = _FOUNDED.search(text)
        if f and founded is None:
            founded = f["year"]
        s = _STAFF.search(text)
        if s and staff is None:
            staff = int(s["n"])
        if mandate is None and _MANDATE.search(text) and len(text) > 60:
            mandate = Label(text, lang)
    return InstitutionProfile(ref, seat, seat_country, founded, mandate, staff)
