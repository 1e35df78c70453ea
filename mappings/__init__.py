"""Mappings: one module per page kind, each a pure function `map_page(page, ctx)`.

Each kind has `<kind>.py` (the mapper, with `KIND` and `map_page`) and `<kind>.yml` (what it recognises
and extracts, with example fixtures). `navigation` is not a kind: it maps the navigation block that any
page may carry, and runs beside the page's kind mapper.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_NOT_KINDS = {"navigation"}


def kind_modules() -> dict[str, ModuleType]:
    """kind name -> mapper module, for every mapper module in this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name in _NOT_KINDS or info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "map_page") and hasattr(module, "KIND"):
            found[module.KIND] = module
    return found
