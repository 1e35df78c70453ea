"""Page kind from content: every mapper scores the page, the highest score wins (URL is a weak hint)."""

from __future__ import annotations

from types import ModuleType

from osce_kg.context import MappingContext
from osce_kg.mappings import kind_modules
from osce_kg.page import Page

_MODULES: dict[str, ModuleType] | None = None


def mappers() -> dict[str, ModuleType]:
    global _MODULES
    if _MODULES is None:
        _MODULES = kind_modules()
    return _MODULES


def classify(page: Page, ctx: MappingContext) -> tuple[str, ModuleType]:
    """(kind, mapper module) for a page; ties go to the kind name sorted first, so it is stable."""
    scored = sorted(((m.recognise(page, ctx), kind) for kind, m in mappers().items()), key=lambda s: (-s[0], s[1]))
    _, kind = scored[0]
    return kind, mappers()[kind]
