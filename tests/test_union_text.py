"""The union of a build's named graphs made from the N-Quads text its quads came as (store.union_of_texts), never
materialised in the store: the same triples, in the same text, as the store's union default graph dumped; a
build that takes this road writes the same files and the same on-disk store as one that materialises it."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from osce_kg import held as held_module
from osce_kg import store as store_module
from osce_kg.build import BuildOptions, build
from osce_kg.store import KnowledgeGraph, union_lines, union_of_texts
from tests.conftest import PAGES

native = pytest.mark.skipif(store_module._native is None, reason="the C core is not built here (no C compiler)")
XSD = "http://www.w3.org/2001/XMLSchema#"
# objects a store writes back as they stand, and others it keeps as values or in lower case ("01" comes back as
# "1", "+00:00" as "Z", "EN" as "en", an xsd:string as a simple literal)
OBJECTS = ['<https://example.org/o>', '"plain"', '"a \\"quoted\\" @en text"', '"Wien"@de', '"Vienna"@EN',
           '"x"@en-GB', f'"1"^^<{XSD}integer>', f'"01"^^<{XSD}integer>', f'"-0"^^<{XSD}integer>',
           f'"-42"^^<{XSD}integer>', f'"123456789012345678901"^^<{XSD}integer>',
           f'"2024-05-01T10:00:00+00:00"^^<{XSD}dateTime>', f'"2024-05-01T10:00:00Z"^^<{XSD}dateTime>',
           f'"2024"^^<{XSD}gYear>', f'"x"^^<{XSD}string>', '"x"', f'"https://osce.org/"^^<{XSD}anyURI>',
           f'"1.50"^^<{XSD}decimal>', f'"true"^^<{XSD}boolean>', '"v"^^<https://example.org/datatype>']


def _texts(seed: int) -> list[bytes]:
    """N-Quads in two pieces, triples repeated across graphs and pieces."""
    rng = random.Random(seed)
    lines = [f"<https://example.org/s{rng.randrange(4)}> <https://example.org/p{rng.randrange(3)}> "
             f"{rng.choice(OBJECTS)} <https://example.org/g{rng.randrange(4)}> .\n".encode()
             for _ in range(rng.randrange(1, 60))]
    half = len(lines) // 2
    return [b"".join(lines[:half]), b"".join(lines[half:])]


def _store_union(texts: list[bytes]) -> bytes:
    store = ox.Store()
    store.bulk_load(b"".join(texts), format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


@pytest.mark.parametrize("seed", range(8))
def test_the_union_of_texts_is_the_stores_union(seed, road):
    texts = _texts(seed)
    made = union_of_texts(texts).splitlines()
    assert len(made) == len(set(made))  # each triple once
    assert sorted(made) == sorted(_store_union(texts).splitlines())  # the same text, line for line


@native
@pytest.mark.parametrize("seed", range(8))
def test_the_c_core_sets_lines_aside_as_python_does(seed, monkeypatch):
    texts = _texts(seed)
    in_c = union_lines(texts, True)
    monkeypatch.setattr(held_module, "_native", None)
    assert union_lines(texts, True) == in_c
    kept, other = in_c
    assert b"@EN" in b"".join(texts) or b"@EN" not in other  # capitals go through the store
    assert all(line.endswith(b" .") for line in (kept + other).splitlines())


def test_which_objects_a_store_writes_back_as_they_stand(road):
    text = b"".join(f"<https://example.org/s> <https://example.org/p> {o} .\n".encode() for o in OBJECTS)
    kept, other = union_lines([text], False)
    kept_objects = [line.split(b" ", 2)[2][:-2].decode() for line in kept.splitlines()]
    assert kept_objects == ['<https://example.org/o>', '"plain"', '"a \\"quoted\\" @en text"', '"Wien"@de',
                            f'"1"^^<{XSD}integer>', f'"-42"^^<{XSD}integer>', '"x"',
                            f'"https://osce.org/"^^<{XSD}anyURI>', '"v"^^<https://example.org/datatype>']
    assert len(other.splitlines()) == len(OBJECTS) - len(kept_objects)


def test_a_line_out_of_layout_is_refused(road):
    with pytest.raises(ValueError, match="not an N-Triples line"):
        union_lines([b"<a> <b>\n"], True)


def test_the_text_is_kept_only_while_it_is_all_the_store_holds(tmp_path):
    g = ox.NamedNode("https://example.org/g")
    quad = ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"), g)
    kg = KnowledgeGraph()
    kg.keep_texts()
    kg.add_quads([quad, quad])
    kg.add_quads([quad])  # already there: not kept again
    taken = kg.take_texts()
    assert list(taken.nquads) == [ox.serialize([quad], format=ox.RdfFormat.N_QUADS), b""] and taken.quads
    assert taken.union() == ox.serialize([quad.triple], format=ox.RdfFormat.N_TRIPLES)
    assert kg.take_texts() is None  # taken
    kg = KnowledgeGraph()
    kg.keep_texts()
    kg.add_nquads(b"_:b <https://example.org/p> \"o\" <https://example.org/g> .\n", lenient=True)
    assert kg.take_texts() is None  # a blank node gets another label in the store
    kg = KnowledgeGraph()
    kg.keep_texts()
    (tmp_path / "a.nq").write_text(str(quad) + " .\n")
    kg.load_file(tmp_path / "a.nq")
    assert kg.take_texts() is None  # not through add_nquads or add_quads
    kg = KnowledgeGraph()
    kg.keep_texts()
    kg.add_quads([quad])
    kg.prepare_for_query()
    assert kg.take_texts() is None  # the store holds its union now


PAGE_NAMES = ("chair_en.txt", "fo_fr_moldova.txt", "listing_de.txt", "bio_en_sg.txt")


@native
def test_a_build_takes_the_union_from_text_and_writes_what_the_store_road_writes(tmp_path, monkeypatch):
    pages = [str(PAGES / name) for name in PAGE_NAMES]
    formats = ("turtle", "ntriples", "nquads", "jsonld")
    copies = []
    finish = store_module._BackgroundSave.finish
    def finished(self, kg):  # what the copy did, read once it is finished
        done = finish(self, kg)
        copies.append((self._union_lines, done))
        return done

    monkeypatch.setattr(store_module._BackgroundSave, "finish", finished)
    by_text = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "a"), formats=formats))
    assert by_text.ok and by_text.graph.union_graph() is None  # never materialised in the store
    assert copies[0][0] and copies[0][1], copies  # the copy loaded the union's text and was finished, not written again
    monkeypatch.setattr(KnowledgeGraph, "take_texts", lambda self: None)  # the union made in the store
    by_store = build(BuildOptions(paths=pages, out_dir=str(tmp_path / "b"), formats=formats))
    assert by_store.ok and by_store.graph.union_graph() is not None and copies[1][1]
    for name in ("osce.ttl", "osce.nt", "osce.nq", "osce.jsonld", "dataset.ttl", "report.json", "validation.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    stores = [set(ox.Store.read_only(str(tmp_path / side / "store"))) for side in "ab"]
    assert stores[0] == stores[1]
    assert any(isinstance(q.graph_name, ox.DefaultGraph) for q in stores[0])  # the union, on disk
    # a query on the build's graph still sees the union, made when first asked for
    assert by_text.graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == \
        by_store.graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


def test_the_lines_of_one_predicate(road):
    from osce_kg.store import predicate_lines

    text = (b'<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n'
            b'<https://example.org/a> <https://example.org/pp> "a <https://example.org/p> b" .\n'
            b'<https://example.org/c> <https://example.org/p> "x"@en .\n'
            b'<https://example.org/d> <https://example.org/q> "<https://example.org/p> " .\n')
    assert predicate_lines(text, "https://example.org/p") == \
        b'<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n' \
        b'<https://example.org/c> <https://example.org/p> "x"@en .\n'
    assert predicate_lines(b"", "https://example.org/p") == b""
