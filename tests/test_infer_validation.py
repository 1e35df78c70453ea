"""`build --infer` validates the inferred triples too: what only inference states is judged by the shapes,
and a broken inference is reported through the CLI (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg import infer as infer_module
from osce_kg.cli import main
from tests.conftest import PAGES

BROKEN = Path(__file__).parent / "fixtures" / "infer" / "broken-inverse.ttl"
INFERRED = "https://w3id.org/osce-kg/graph/inferred"
PAGE = str(PAGES / "chair_en.txt")


@pytest.fixture
def broken_ontology(monkeypatch):
    """The bundled ontology plus one wrong axiom, for inference only (the shapes stay as shipped)."""
    original = infer_module.ontology_store

    def with_broken_axiom() -> ox.Store:
        store = original()
        store.load(path=str(BROKEN), format=ox.RdfFormat.TURTLE)
        return store

    infer_module.axioms.cache_clear()
    monkeypatch.setattr(infer_module, "ontology_store", with_broken_axiom)
    yield
    infer_module.axioms.cache_clear()


def test_a_broken_inference_is_reported_by_build(tmp_path, capsys, broken_ontology):
    code = main(["build", PAGE, "-q", "-o", str(tmp_path), "--infer", "owl-rl", "--format", "nquads"])
    err = capsys.readouterr().err
    assert code == 1
    report = (tmp_path / "validation.txt").read_text(encoding="utf-8") if (tmp_path / "validation.txt").exists() \
        else err
    assert "oshape:hasMember" in report or "shapes#hasMember" in report
    assert "post/secretary-general" in report  # a post stated as a member: only the inference says so
    assert "graph/inferred" in report  # the result names the inferred graph among its sources


def test_sound_inference_conforms_and_describes_its_graph(tmp_path, capsys):
    assert main(["build", PAGE, "-q", "-o", str(tmp_path), "--infer", "owl-rl", "--format", "nquads"]) == 0
    store = ox.Store()
    store.load(path=str(tmp_path / "osce.nq"), format=ox.RdfFormat.N_QUADS)
    graph = ox.NamedNode(INFERRED)
    assert next(store.quads_for_pattern(None, None, None, graph), None) is not None
    described = {q.object.value for q in store.quads_for_pattern(graph, None, None)}
    assert "https://w3id.org/osce-kg/ontology#InferredGraph" in described
    # what the ontology states is not copied into the data (a dimension concept would lack its label there)
    concept = ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")
    dimension = ox.NamedNode("https://w3id.org/osce-kg/ontology#human-dimension")
    assert not list(store.quads_for_pattern(dimension, None, concept, graph))
