"""The page as a document: the DocumentContent record every page kind emits, and what every page mentions
(people, organisations, registry entities, participating States, memberships, history, units, borders)."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.figures import counts, may_count
from osce_kg.page import Page
from osce_kg.records import OSCE, Count, DocumentContent, Label, Person, Ref
from osce_kg.text import normalize_space

from .belonging import bodies_supported, osce_units
from .borders import borders
from .coordinated import coordinated_operations
from .history import extract as history
from .organisations import organisations_in_text
from .people import people_in_text

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")


def years(texts: list[str]) -> tuple[int, ...]:
    return tuple(sorted({int(y) for text in texts for y in _YEAR.findall(text)}))


def document(page: Page, ctx: MappingContext, kind: str, about: tuple[Ref, ...] = ()) -> DocumentContent:
    """The page as a document, plus a Mention record for each registry entity its text names. `about` is the
    entity the page kind is about (an operation's page, a topic page); the title's entities are added."""
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    people_in_text(page, ctx)  # open-world people and organisations, before the candidates are reported
    organisations_in_text(page, ctx)
    mentions = ctx.mentions(texts, lang=page.language, truncated=page.truncated)  # detected once, by the page
    mentions += coordinated_operations(texts, ctx, mentions)
    named = {r.ref for r in ctx.result.records if isinstance(r, Person)}  # named by the mapper already
    for mention in mentions:
        ctx.emit(mention)
        if mention.ref.type == "person" and mention.ref not in named:
            # a person the page names is a person with that name, in this page's graph
            named.add(mention.ref)
            ctx.emit(Person(mention.ref, normalize_space(mention.text)))
    lang = page.language or page.nav_language
    content = DocumentContent(
        title=Label(page.title, lang) if page.title and lang else None,
        kind=kind,
        language=lang,
        paragraphs=tuple(page.paragraphs),
        years=years(texts),
        # about: what the page is about (its kind's subject, the entities its title names); every other
        # entity it names is a mention only (schema:mentions, osce:Mention)
        about=tuple(sorted(set(about) | {m.ref for m in mentions if page.title and m.block == 0})),
        truncated=page.truncated,
    )
    if page.duplicates:
        ctx.warn("duplicate-paragraphs", f"{page.duplicates} repeated paragraph(s) dropped")
    participating_states(texts, ctx, lang or "en")
    memberships_since(texts, ctx, lang or "en")
    history(page, ctx, kind)  # documents, decisions and operations' history, on every page kind
    osce_units(texts, mentions, ctx)
    bodies_supported([b.text for b in page.blocks], ctx, lang)
    borders([b.text for b in page.blocks], ctx, lang)
    return content


def memberships_since(texts: list[str], ctx: MappingContext, lang: str) -> None:
    from .dated_facts import members_of_bodies, partnerships
    from .dated_facts import memberships_since as since  # imported here, as history is: no import cycle
    since(texts, ctx, lang)
    members_of_bodies(texts, ctx, lang)
    partnerships(texts, ctx, lang)


def participating_states(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """'the 57 participating States', '56 OSZE-Teilnehmerstaaten', 'Forty participating States': the number of
    participating States the page gives the OSCE (the first such figure; the CSCE had 35, the OSCE has 57)."""
    for text in texts:
        if not may_count(text, "participating-states", lang):
            continue  # most texts: no figure to read
        for count in counts(text, lang):
            if count.kind == "participating-states" and 35 <= count.value <= 57:
                ctx.emit(Count(OSCE, "participating-states", count.value))
                return
