"""The dataset description's VoID figures counted in one pass over the union's N-Triples (the C core) equal the
SPARQL aggregates they replace, and a build that dumps the union once for its readers (the figures, validation,
the Turtle and N-Triples writers) writes the same bytes as one where each reads the store itself."""

from __future__ import annotations

import importlib
import random

import pyoxigraph as ox
import pytest

from osce_kg import iri
from osce_kg.build import BuildOptions, _Ahead, build
from osce_kg.dataset import WIKIDATA_ENTITY, void_counts
from osce_kg.export import base
from osce_kg.store import KnowledgeGraph
from osce_kg.vocab import A
from tests.conftest import PAGES

build_module = importlib.import_module("osce_kg.build")  # the package's `build` is the function
validate_module = importlib.import_module("osce_kg.validate")
native = pytest.mark.skipif(base._native is None, reason="the C core is not built here (no C compiler)")
EX = "https://example.org/"


def _random_graph(seed: int) -> KnowledgeGraph:
    """Subjects under the project's base and elsewhere, blank nodes, classes that are IRIs or literals, links to
    Wikidata as IRIs and as strings, literals with spaces, tags and datatypes, non-ASCII IRIs, and triples
    repeated across graphs (the union counts each once)."""
    rng = random.Random(seed)
    subjects = [ox.NamedNode(iri.entity("person", f"p{i}")) for i in range(12)]
    subjects += [ox.NamedNode(f"{EX}thing/{i}") for i in range(6)] + [ox.NamedNode(f"{EX}städte/Zürich")]
    subjects += [ox.BlankNode(f"b{i}") for i in range(4)]
    predicates = [ox.NamedNode(f"{EX}p{i}") for i in range(5)] + [A, ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")]
    objects = [*subjects[:8], ox.Literal("a b . c"), ox.Literal("Wien", language="de"), ox.Literal("7"),
               ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
               ox.NamedNode(f"{WIKIDATA_ENTITY}Q81299"), ox.NamedNode(f"{WIKIDATA_ENTITY}Q1"),
               ox.Literal(f"{WIKIDATA_ENTITY}Q81299"), ox.NamedNode(f"{EX}Class{rng.randrange(3)}"),
               ox.NamedNode(f"{EX}Class{rng.randrange(3, 6)}"), ox.Literal("not a class")]
    graphs = [ox.NamedNode(f"{EX}graph/{i}") for i in range(4)]
    kg = KnowledgeGraph()
    quads = [ox.Quad(rng.choice(subjects), rng.choice(predicates), rng.choice(objects), rng.choice(graphs))
             for _ in range(400)]
    quads += [ox.Quad(q.subject, q.predicate, q.object, graphs[0]) for q in quads[:50]]  # repeats across graphs
    kg.add_quads(quads)
    kg.prepare_for_query()
    return kg


@native
@pytest.mark.parametrize("seed", range(6))
def test_the_figures_from_the_union_text_equal_sparqls(seed, monkeypatch):
    kg = _random_graph(seed)
    counted = void_counts(kg)
    monkeypatch.setattr(base, "_native", None)  # the SPARQL road
    assert void_counts(kg) == counted
    assert int(counted["entities"]) < int(counted["subjects"])  # blank nodes and other IRIs are not entities
    assert counted["links"]  # IRIs under Wikidata's entity space (a string spelling one is no link)
    assert all(not row["c"].startswith('"') for row in counted["classes"])  # a literal is no class


@native
def test_the_figures_of_a_text_given_are_those_of_the_store():
    kg = _random_graph(7)
    text = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert void_counts(kg, text) == void_counts(kg)


@native
def test_text_that_is_not_n_triples_is_refused():
    with pytest.raises(ValueError, match="not an N-Triples line"):
        base._native.ntriples_figures(b"<a> <b>\n", b"<x", b"<y")


def test_without_a_materialised_union_the_figures_come_from_sparql():
    kg = KnowledgeGraph()
    kg.add_quads([ox.Quad(ox.NamedNode(f"{EX}s"), A, ox.NamedNode(f"{EX}C"), ox.NamedNode(f"{EX}g"))])
    counted = void_counts(kg)  # SPARQL makes the union on the way
    assert counted["triples"] == "1" and counted["classes"] == [{"c": f"{EX}C", "n": "1"}]


def test_a_build_reading_the_union_once_writes_what_reading_the_store_writes(tmp_path, monkeypatch):
    pages = [str(PAGES / name) for name in ("chair_en.txt", "fo_fr_moldova.txt", "listing_de.txt", "bio_en_sg.txt")]
    formats = ("turtle", "ntriples", "nquads", "jsonld")
    shared, handed = [], []
    union_with, prepare = build_module._union_with, validate_module.prepare_data
    monkeypatch.setattr(build_module, "_union_with", lambda *a: shared.append(1) or union_with(*a))
    monkeypatch.setattr(validate_module, "prepare_data", lambda kg, text=None: handed.append(text) or prepare(kg, text))
    assert build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a"), formats=formats)).ok
    assert shared == [1] and handed and handed[0] is not None  # one text, read by validation and both writers
    monkeypatch.setattr(_Ahead, "result", lambda self: None)  # as if the store had changed: nothing shared
    assert build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b"), formats=formats)).ok
    assert shared == [1]
    for name in ("osce.ttl", "osce.nt", "osce.nq", "osce.jsonld", "dataset.ttl", "report.json", "validation.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
