"""Small readings of a page the page-kind mappers share: a body named in a value, a truncated tail, a
title naming a State only, the URL's path."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.records import OSCE, Ref
from osce_kg.text import normalize_space

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages


def body(ctx: MappingContext, name: str) -> Ref | None:
    name = re.sub(rf"^{lexicon.alternation('article')}\s+", "", normalize_space(name), flags=re.I)
    for candidate in (name, re.sub(rf"^{_OSCE_NAME}\s+", "", name)):
        entity = ctx.lookup(candidate, ["body"])
        if entity:
            return entity.ref
    return None


def truncated_tail(page: Page, value: str) -> bool:
    """True when `value` ends the text of a truncated page: it may be cut off ('Jorma Ink')."""
    return page.truncated and bool(page.blocks) and page.blocks[-1].text.rstrip().endswith(value.rstrip())


def title_names_a_state_only(page: Page, ctx: MappingContext, kind_types: set[str]) -> bool:
    """The title names a State, territory or partner group and no entity of the types a kind is about
    ("L'Afghanistan et l'OSCE"): the page is about that State, not about an operation or institution it
    names further down. The OSCE itself does not count."""
    named = {link.ref for link in ctx.linker.find(page.title or "", page.language) if link.ref is not None}
    types = {ref.type for ref in named if ref != OSCE}
    return bool(types & {"country", "territory", "partner-group"}) and not types & kind_types


def url_path(page: Page) -> str:
    url = page.url or ""
    return url.split("://", 1)[-1].split("/", 1)[-1].lower() if "://" in url else url.lower()
