"""The navigation block many osce.org dumps start with: the site's menu, which lists the OSCE's structure.

Items are recognised by what they name (registry lookup, then patterns), not by their position, so both
menu variants and menus in other languages map; the group heading only says what role a country plays.
"""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.entity_types import menu_types
from osce_kg.page import NavGroup, Page
from osce_kg.records import (
    OSCE,
    Chairpersonship,
    EntitySeen,
    FieldOperation,
    Label,
    MeetingSeries,
    Membership,
    PartnerGroup,
    Post,
    Ref,
)
from osce_kg.registry import FieldOperationEntity, PostEntity
from osce_kg.text import match_key, normalize_space

# Group headings that make a country item a participating State, in the six languages.
_PARTICIPATING = {match_key(h) for h in lexicon.forms("participating-states-heading")}
# "Finland – OSCE Chairpersonship 2025", "Finnland – OSZE-Vorsitz 2025", ...
_CHAIR = re.compile(
    rf"^(?P<state>.+?)\s+-\s+.*?{lexicon.alternation('chair-menu-word')}\D*"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MEETING = re.compile(rf"\b{lexicon.alternation('menu-meeting-word')}\b", re.IGNORECASE)
_POST = re.compile(
    r"^(?P<role>(?:first\s+)?(?:deputy\s+)?(?:head|director|representative|co-ordinator|coordinator|"
    r"high commissioner|secretary general|special representative|senior adviser|adviser|chief|"
    r"president)\b.*?)(?:\s+(?:of|for|on|to|in)\s+(?:the\s+)?(?:osce\s+)?(?P<unit>.+))?$",
    re.IGNORECASE,
)
# What a menu group lists, by its heading in any of the six languages: settles names that fit two
# entities (e.g. "High Commissioner on National Minorities" is the institution and its head's post).
_HEADING_TYPES = [(re.compile(lexicon.alternation(c), re.IGNORECASE), c.removeprefix("menu-heading."))
                  for c in lexicon.names("menu-heading.")]
_ENTITY_TYPES = menu_types()  # the types a menu item may name (osce_kg/data/entity_types.csv)


def map_navigation(page: Page, ctx: MappingContext) -> list[str]:
    """Map every navigation item; returns the items that name nothing known (ordinary links)."""
    if not page.nav:
        return []
    lang = page.nav_language or "en"
    ctx.emit(EntitySeen(OSCE, None, "navigation"))
    unmapped: list[str] = []
    seen: set[str] = set()
    for group in page.nav:
        for item in group.items:
            if item in seen:
                continue  # menus repeat items under several headings
            seen.add(item)
            if not _map_item(item, group, lang, ctx):
                unmapped.append(item)
    return unmapped


def _map_item(item: str, group: NavGroup, lang: str, ctx: MappingContext) -> bool:
    text = normalize_space(item)  # dashes as '-'
    chair = _CHAIR.match(text) if "-" in text else None  # a chair item has its ' - '
    name = chair.group("state") if chair else item
    entity = _resolve(name, group, ctx)
    context = f"navigation:{group.heading}"
    if entity is None:
        return _map_unknown(item, group, lang, ctx)
    ref = entity.ref
    ctx.emit(EntitySeen(ref, Label(name, lang), context))
    if ref.type == "country":
        if match_key(group.heading) in _PARTICIPATING:
            ctx.emit(Membership(ref, OSCE, "participating-state"))
        if chair:
            ctx.emit(Chairpersonship(int(chair.group("year")), ref))
    elif ref.type == "partner-group":
        ctx.emit(PartnerGroup(ref, OSCE))
    elif isinstance(entity, FieldOperationEntity):
        from .field_operation import host_named

        # The menu lists the operations that run now; the host is the State its name as written names
        # (the registry's host stays in the registry's graph). An operation the registry knows as closed
        # is only named (a menu of closed activities, an old menu).
        host = host_named(ctx, name, entity)
        status = None if entity.status == "closed" else "current"
        ctx.emit(FieldOperation(ref, host=host, status=status))
    elif ref.type == "meeting-series":
        ctx.emit(MeetingSeries(ref, OSCE))
    elif isinstance(entity, PostEntity):
        ctx.emit(Post(ref, entity.unit))
    return True


def _resolve(name: str, group: NavGroup, ctx: MappingContext):
    """The registry entity a menu item names; between several, the one of the type its group lists."""
    found = ctx.registry.lookup(name, _ENTITY_TYPES)
    if len(found) <= 1:
        return found[0] if found else None
    headings = [group.heading] + ([group.parent] if group.parent else [])
    for heading in headings:
        for pattern, etype in _HEADING_TYPES:
            if pattern.search(heading):
                of_type = [e for e in found if e.ref.type == etype]
                if len(of_type) == 1:
                    return of_type[0]
    names = ", ".join(f"{e.ref.type}:{e.ref.key}" for e in found)
    ctx.warn("ambiguous-name", f"navigation item {name!r} may be {names}; left unlinked")
    return None






def _map_unknown(item: str, group: NavGroup, lang: str, ctx: MappingContext) -> bool:
    """An item the registry does not know: a post or a meeting series by its shape, else a plain link."""
    post = _POST.match(item)
    if post and post.group("unit"):
        unit = ctx.lookup(post.group("unit"), ["body", "field-operation"])
        if unit is not None:
            ref = Ref("post", _slug(item))
            ctx.emit(EntitySeen(ref, Label(item, lang), f"navigation:{group.heading}"))
            ctx.emit(Post(ref, unit.ref))
            return True
    if _MEETING.search(item) and not ctx.lookup(item):
        ref = Ref("meeting-series", _slug(item))
        ctx.emit(EntitySeen(ref, Label(item, lang), f"navigation:{group.heading}"))
        ctx.emit(MeetingSeries(ref, OSCE))
        ctx.warn("new-meeting-series", f"navigation item {item!r} is a meeting series not in the registry")
        return True
    return False


def _slug(text: str) -> str:
    from osce_kg.iri import key_from_name

    return key_from_name(re.sub(r"\bOSCE\b", " ", text))
