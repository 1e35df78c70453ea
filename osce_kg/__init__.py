"""osce-kg: turn what the OSCE publishes into a validated, queryable knowledge graph.

Data flows one way: source file -> Page -> records -> quads in the page's named graph -> store ->
validate | query | export. The public API is re-exported here.
"""

from __future__ import annotations

# Imported eagerly: `build` is both a submodule and the function, and the function must win.
from osce_kg.build import BuildOptions, BuildResult, build  # noqa: E402
from osce_kg.query_library import run_named  # noqa: E402
from osce_kg.registry import load_registry  # noqa: E402
from osce_kg.settings import VERSION as __version__
from osce_kg.store import KnowledgeGraph  # noqa: E402
from osce_kg.validate import validate_graph  # noqa: E402

__all__ = ["BuildOptions", "BuildResult", "KnowledgeGraph", "build", "load_registry", "run_named",
           "validate_graph", "__version__"]
