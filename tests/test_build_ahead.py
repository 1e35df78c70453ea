"""What a build computes in threads while it validates (osce_kg/build.py `loaded`) gives what computing it in
turn gives: the dataset description's figures ignore validation's scratch graph, and a store that changed
meanwhile makes the caller count again."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from osce_kg.build import BuildOptions, _Ahead, build
from osce_kg.dataset import void_counts
from osce_kg.iri import dataset_graph
from osce_kg.store import KnowledgeGraph
from osce_kg.validate import SCRATCH_GRAPH
from osce_kg.vocab import A
from tests.conftest import PAGES

EX = "https://example.org/"


def _graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_quads(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}o{i % 2}"),
                         ox.NamedNode(f"{EX}g{i % 3}")) for i in range(9))
    kg.prepare_for_query()
    return kg


def test_the_figures_leave_out_validations_scratch_graph():
    kg = _graph()
    before = void_counts(kg)
    kg.store.add(ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}y"),
                         ox.NamedNode(SCRATCH_GRAPH)))
    assert void_counts(kg) == before
    assert sorted(r["g"] for r in before["graphs"]) == [f"{EX}g{i}" for i in range(3)]


def test_figures_counted_ahead_are_dropped_when_the_store_changed():
    kg = _graph()
    ahead = _Ahead(void_counts, kg)
    assert ahead.result() == void_counts(kg)
    ahead = _Ahead(void_counts, kg)
    kg.add_quads([ox.Quad(ox.NamedNode(f"{EX}late"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}o"),
                          ox.NamedNode(f"{EX}g0"))])
    assert ahead.result() is None


def test_a_build_with_figures_counted_ahead_equals_one_counting_in_turn(tmp_path, monkeypatch):
    pages = [str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")]
    calls = []
    result = _Ahead.result
    monkeypatch.setattr(_Ahead, "result", lambda self: calls.append(1) or result(self))
    assert build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a"), formats=("nquads",))).ok and calls
    monkeypatch.setattr(_Ahead, "result", lambda self: None)  # as if the store had changed: counted again
    assert build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b"), formats=("nquads",))).ok
    for name in ("osce.nq", "dataset.ttl", "report.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_build_without_the_on_disk_store_counts_its_figures_ahead_too(tmp_path, monkeypatch):
    """No copy for the store makes the union, so the build makes it once every quad is in, and counts the
    description's figures in a thread from there (they took 1.6 s after the writers at 1M quads), with the same
    files as counting them in turn."""
    pages = [str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")]
    calls = []
    result = _Ahead.result
    monkeypatch.setattr(_Ahead, "result", lambda self: calls.append(1) or result(self))
    built = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a"), store=False))
    assert built.ok and calls and not (tmp_path / "a" / "store").exists()
    monkeypatch.setattr(_Ahead, "result", lambda self: None)  # as if the store had changed: counted again
    assert build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b"), store=False)).ok
    for name in ("osce.nq", "osce.ttl", "osce.jsonld", "dataset.ttl", "report.json", "validation.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_summary_counts_the_same_entities_with_or_without_the_union_materialised():
    """With the union in the default graph the summary reads it alone; without, the named graphs."""
    pages = [str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")]
    result = build(BuildOptions(paths=pages, out_dir=None, validate=False))
    assert result.graph.union_graph() is None
    before = result.summary()["entities_by_class"]
    result.graph.prepare_for_query()
    assert result.graph.union_graph() is not None
    assert result.summary()["entities_by_class"] == before and sum(before.values()) > 20


def _recounted(result) -> dict:
    counted, result.counted = result.counted, None
    try:
        return result.summary()
    finally:
        result.counted = counted


def test_the_summary_after_writing_adds_the_description_to_what_was_counted(tmp_path, monkeypatch):
    """Once the outputs are written, summary() (what the CLI prints) gives the store with its dataset
    description from the figures counted before, without counting the store again; equal to a recount."""
    pages = [str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")]
    result = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a")))
    assert result.counted is not None
    report = json.loads((tmp_path / "a" / "report.json").read_text())["summary"]
    monkeypatch.setattr(KnowledgeGraph, "__len__", lambda self: pytest.fail("the store counted again"))
    summary = result.summary()
    monkeypatch.undo()
    assert summary["quads"] > report["quads"]  # the description's quads joined
    assert summary["entities_by_class"]["http://rdfs.org/ns/void#Dataset"] > \
        report["entities_by_class"].get("http://rdfs.org/ns/void#Dataset", 0)
    assert summary == {**_recounted(result), "seconds": summary["seconds"]}
    assert summary["quads"] == len(result.graph) == sum(1 for _ in result.graph.quads())


def test_the_summary_after_writing_is_counted_again_when_the_description_graph_was_there(tmp_path):
    from osce_kg.build import with_description

    result = build(BuildOptions(paths=[str(PAGES / "chair_en.txt")], out_dir=str(tmp_path / "a")))
    graph = ox.NamedNode(dataset_graph())  # the description's graph, in the store already
    described = [ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}o"), graph)]
    assert with_description(result.graph, result.summary(), described) is None
    fresh = ox.NamedNode(f"{EX}new-graph")
    typed = [ox.Quad(ox.NamedNode(f"{EX}s"), A, ox.NamedNode(f"{EX}C"), fresh),
             ox.Quad(ox.NamedNode(f"{EX}s"), A, ox.NamedNode(f"{EX}C"), ox.NamedNode(f"{EX}other-graph"))]
    figures = with_description(result.graph, result.summary(), typed)
    assert figures["quads"] == result.summary()["quads"] + 2 and figures["classes"][f"{EX}C"] == 1
