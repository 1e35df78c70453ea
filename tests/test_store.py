"""The store interface: union-graph SPARQL, rdflib views, on-disk stores."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.export import exporter_for
from osce_kg.store import KnowledgeGraph
from tests.conftest import PAGES


def small_graph() -> KnowledgeGraph:
    return build(BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None, validate=False)).graph


def test_queries_see_the_union_of_named_graphs():
    kg = small_graph()
    assert kg.graphs()  # facts are in named graphs; the default graph is only the derived union
    assert not [q for q in kg.quads() if isinstance(q.graph_name, ox.DefaultGraph)]
    rows = kg.select("SELECT ?s WHERE { ?s a <https://w3id.org/osce-kg/ontology#Chairpersonship> }")
    assert {"s": "https://w3id.org/osce-kg/id/chairpersonship/2025"} in rows


@pytest.mark.slow
def test_rdflib_views_hold_the_same_statements():
    kg = small_graph()
    dataset = kg.to_rdflib_dataset()
    assert len(list(dataset.quads())) == len(kg)
    union = kg.to_rdflib_graph()
    assert len(union) == len({(q.subject, q.predicate, q.object) for q in kg.quads()})


def test_on_disk_store_keeps_its_data(tmp_path):
    kg = KnowledgeGraph(tmp_path / "store")
    kg.add_quads(small_graph().quads())
    n = len(kg)
    del kg
    assert len(KnowledgeGraph(tmp_path / "store")) == n


def test_exports_do_not_depend_on_quad_order():
    quads = list(small_graph().quads())
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    for fmt in ("turtle", "nquads", "trig", "jsonld"):
        exporter = exporter_for(fmt)
        assert exporter.render(quads) == exporter.render(shuffled), fmt


def test_the_union_is_a_set_not_a_bag():
    """A triple stated by several pages matches once (pyoxigraph's own union default graph is a bag)."""
    s, p, o = (ox.NamedNode(f"https://example.org/{x}") for x in "spo")
    kg = KnowledgeGraph()
    kg.add_quads(ox.Quad(s, p, o, ox.NamedNode(f"https://example.org/g{i}")) for i in range(50))
    assert kg.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "https://example.org/o"}]
    assert len(kg) == 50  # the derived union is not counted
    assert len(list(kg.quads())) == 50
    kg.add_quads([ox.Quad(s, p, s, ox.NamedNode("https://example.org/g0"))])  # new data reaches queries
    assert len(kg.select("SELECT ?o WHERE { ?s ?p ?o }")) == 2
    assert kg.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == [{"n": "51"}]


def test_subjects_in_union_are_those_the_default_graph_has_a_triple_about():
    """KnowledgeGraph.subjects_in_union: IRIs asked in one query (blank nodes one by one), of the materialised
    union only (a subject with no triple left in any graph is not in it)."""
    ex = "https://example.org/"
    kg = KnowledgeGraph()
    blank, p, g = ox.BlankNode("b1"), ox.NamedNode(f"{ex}p"), ox.NamedNode(f"{ex}g")
    kg.add_quads([ox.Quad(ox.NamedNode(f"{ex}s{i}"), p, ox.Literal(str(i)), g) for i in range(3)]
                 + [ox.Quad(blank, p, ox.Literal("b"), g)])
    kg.prepare_for_query()
    asked = {ox.NamedNode(f"{ex}s{i}") for i in range(5)} | {blank, ox.BlankNode("b2"), ox.NamedNode(f"{ex}g")}
    assert kg.subjects_in_union(asked) == {ox.NamedNode(f"{ex}s{i}") for i in range(3)} | {blank}
    assert kg.subjects_in_union([]) == set()
