"""osce-kg: turn what the OSCE publishes into a validated, queryable knowledge graph.

Data flows one way: source file -> Page -> records -> quads in the page's named graph -> store ->
validate | query | export. The public API is re-exported here, imported lazily so `osce-kg --help`
stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "build": "osce_kg.build",
    "BuildOptions": "osce_kg.build",
    "BuildResult": "osce_kg.build",
    "KnowledgeGraph": "osce_kg.store",
    "validate": "osce_kg.validate",
    "load_registry": "osce_kg.registry",
}

__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(name)
