"""Quads held as the N-Quads text they came as, not loaded into the store (KnowledgeGraph.hold_texts,
osce_kg/held.py): every reader the build uses gives what the store would, and anything else that reads the
store gets every quad, loaded then; a build holds its pages to the end and writes what the store road writes."""

from __future__ import annotations

import importlib
import random

import pyoxigraph as ox
import pytest

from osce_kg import held as held_module
from osce_kg import store as store_module
from osce_kg.build import BuildOptions, build
from osce_kg.store import KnowledgeGraph
from tests.conftest import PAGES
from tests.test_union_text import OBJECTS

EX = "https://example.org/"


def _pages(seed: int) -> list[bytes]:
    """N-Quads texts of one graph each, as pages come: objects a store rewrites ("01", "+00:00", "EN"), repeats
    within a text, and one graph in two texts."""
    rng = random.Random(seed)
    texts = []
    for n in range(rng.randrange(2, 6)):
        graph = f"<{EX}g{min(n, 2)}>"  # g2 may come several times
        lines = [f"<{EX}s{rng.randrange(5)}> <{EX}p{rng.randrange(3)}> {rng.choice(OBJECTS)} {graph} .\n"
                 for _ in range(rng.randrange(1, 40))]
        texts.append("".join(lines).encode())
    return texts


def _both(texts: list[bytes], quads: list[ox.Quad]) -> tuple[KnowledgeGraph, KnowledgeGraph]:
    held, loaded = KnowledgeGraph(), KnowledgeGraph()
    held.hold_texts()
    for kg in (held, loaded):
        for text in texts:
            kg.add_nquads(text, lenient=True)
        kg.add_quads(quads)
    return held, loaded


def _registry_quads() -> list[ox.Quad]:
    s, p = ox.NamedNode(f"{EX}s1"), ox.NamedNode(f"{EX}p9")
    return [ox.Quad(s, p, ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#int")),
                    ox.NamedNode(f"{EX}registry")),
            ox.Quad(s, p, ox.NamedNode(f"{EX}o"), ox.NamedNode(f"{EX}build")),
            ox.Quad(s, p, ox.NamedNode(f"{EX}o"), ox.NamedNode(f"{EX}build"))]


@pytest.mark.parametrize("seed", range(6))
def test_held_text_reads_as_the_store_would(seed, road):
    held, loaded = _both(_pages(seed), _registry_quads())
    assert held.holding and not loaded.holding
    assert sorted(held.named_graphs(), key=str) == sorted(loaded.store.named_graphs(), key=str)
    for graph in loaded.store.named_graphs():
        assert sorted(held.graph_ntriples(graph).splitlines()) == \
            sorted(loaded.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines())
        assert held.has_graph(graph)
        assert set(held.graph_quads(graph)) == set(loaded.graph_quads(graph))
        p1 = ox.NamedNode(f"{EX}p1")
        assert set(held.graph_quads(graph, p1)) == set(loaded.graph_quads(graph, p1))
    assert not held.has_graph(ox.NamedNode(f"{EX}nowhere"))
    assert held.graph_sizes() == loaded.graph_sizes() and len(held) == len(loaded) == len(loaded.store)
    subjects = [ox.NamedNode(f"{EX}s{n}") for n in (0, 1, 4)]
    for predicate, graph in ((None, None), (ox.NamedNode(f"{EX}p1"), None), (None, ox.NamedNode(f"{EX}g2"))):
        assert set(held.quads_about(subjects, predicate, graph)) == set(loaded.quads_about(subjects, predicate, graph))
    some = [ox.Triple(s, ox.NamedNode(f"{EX}p{n}"), ox.NamedNode(f"{EX}o")) for s in subjects for n in range(3)]
    some += [q.triple for q in loaded.quads_about(subjects[:1])]
    assert held.stated(some) == loaded.stated(some)
    asked = {*subjects, ox.NamedNode(f"{EX}s3"), ox.NamedNode(f"{EX}nowhere")}
    assert held.subjects_stated(asked) == loaded.subjects_stated(asked) != set() and held.stated([]) == set()
    loaded.prepare_for_query()  # the union materialised: looked up there
    assert held.stated(some) == loaded.stated(some)
    assert held.subjects_stated(asked) == loaded.subjects_stated(asked)
    assert held.holding  # none of that loaded the store
    assert set(held.store) == set(loaded.quads()) and not held.holding  # a reader of the store gets every quad


def test_what_cannot_be_held_is_loaded(road):
    g = f"<{EX}g>"
    line = f"<{EX}s> <{EX}p> <{EX}o> {g} .\n".encode()
    refused = {
        "a blank node": f"_:b <{EX}p> <{EX}o> {g} .\n".encode(),
        "two graphs": line + f"<{EX}s> <{EX}p> <{EX}o> <{EX}h> .\n".encode(),
        "a default graph line naming the graph": line + f"<{EX}s> <{EX}p> {g} .\n".encode(),
    }
    for why, text in refused.items():
        assert not held_module.HeldQuads().add(text), why
        kg = KnowledgeGraph()
        kg.hold_texts()
        kg.add_nquads(line, lenient=True)
        assert kg.holding
        kg.add_nquads(text, lenient=True)
        assert not kg.holding, why  # loaded, what was held first included
        assert ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}o"),
                       ox.NamedNode(f"{EX}g")) in kg.store
    kg = KnowledgeGraph()
    kg.hold_texts()
    kg.add_quads([ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("o"), ox.DefaultGraph())])
    assert not kg.holding and len(kg.store) == 1  # the default graph's quads go to the store


@pytest.mark.parametrize("seed", range(4))
def test_held_text_is_what_the_copy_and_the_union_take(seed, road):
    texts = _pages(seed)
    held, loaded = _both(texts, _registry_quads())
    taken = held.take_texts()
    assert held.holding  # taken for the union and the copy, still held for the rest
    copy = ox.Store()
    copy.bulk_load(b"".join(taken.nquads), format=ox.RdfFormat.N_QUADS)
    assert set(copy) == set(loaded.store)  # the copy loads every quad
    loaded.prepare_for_query()
    union = loaded.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert sorted(taken.union().splitlines()) == sorted(union.splitlines())  # the union as the store makes it


@pytest.mark.skipif(store_module._native is None, reason="the C core is not built here (no C compiler)")
def test_a_build_holds_its_pages_to_the_end(tmp_path, monkeypatch):
    pages = [str(PAGES / name) for name in ("chair_en.txt", "fo_fr_moldova.txt", "listing_de.txt")]
    held = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a")))
    assert held.ok and held.graph.holding  # validated, described, written and copied without loading the store
    monkeypatch.setattr(KnowledgeGraph, "hold_texts", KnowledgeGraph.keep_texts)
    loaded = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b")))
    assert loaded.ok and not loaded.graph.holding
    for name in ("osce.ttl", "osce.nq", "osce.jsonld", "dataset.ttl", "report.json", "validation.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    stores = [set(ox.Store.read_only(str(tmp_path / side / "store"))) for side in "ab"]
    assert stores[0] == stores[1]
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert held.graph.select(query) == loaded.graph.select(query)  # a query loads what the build held
    assert not held.graph.holding


def test_without_the_c_core_a_build_loads_its_pages_and_writes_the_same(tmp_path, monkeypatch):
    orchestration = importlib.import_module("osce_kg.build")  # the module (osce_kg.build is also the function)
    pages = [str(PAGES / name) for name in ("chair_en.txt", "listing_de.txt")]
    first = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a")))
    monkeypatch.setattr(orchestration, "_native", None)  # neither held nor the union from text: the store's road
    second = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b")))
    assert first.ok and second.ok and not second.graph.holding
    assert first.graph.holding == (store_module._native is not None)
    for name in ("osce.ttl", "osce.nq", "osce.jsonld", "dataset.ttl", "report.json", "validation.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    stores = [set(ox.Store.read_only(str(tmp_path / side / "store"))) for side in "ab"]
    assert stores[0] == stores[1]
