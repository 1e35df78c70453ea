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


def test_the_readme_install_and_run_command_has_its_output_folder_to_itself():
    """`pip install . && osce-kg build`: pip builds in the source tree, and setuptools' own files must not land
    in `build/`, the output folder `osce-kg build` writes by default (it refuses a folder holding other files)."""
    import configparser
    from pathlib import Path

    from osce_kg.cli import parser

    root = Path(__file__).resolve().parent.parent
    assert "pip install . && osce-kg build\n" in (root / "README.md").read_text()
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg")
    default_out = parser().parse_args(["build"]).out
    assert Path(config.get("build", "build_base")).resolve() != (root / default_out).resolve()
