"""The public Python API, as the README shows it."""

from __future__ import annotations

import osce_kg
from osce_kg import BuildOptions, KnowledgeGraph, build, run_named, validate_graph
from tests.conftest import PAGES


def test_readme_example():
    assert callable(build) and osce_kg.build is build
    result = build(BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None))
    assert result.ok and isinstance(result.graph, KnowledgeGraph)
    rows = run_named(result.graph, "chairpersonships", lang="de")
    assert {"year": "2025", "state": "https://w3id.org/osce-kg/id/country/fi", "name": "Finnland"} in rows
    assert validate_graph(result.graph).conforms
    assert len(result.graph.to_rdflib_dataset()) >= 0
