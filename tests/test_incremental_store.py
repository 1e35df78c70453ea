"""A rebuild's on-disk store made from the previous one (osce_kg/incremental.py) holds exactly the quads of a
clean build's store, the union default graph included; anything unexpected falls back to the full save."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from tests.conftest import LEAN, copy_pages, store_quads

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_de_moldova.txt")


def _build(pages: Path, out: Path, **kw):
    options = {"formats": ("nquads",), "validate": False, **kw}
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), **options))


def _pages(tmp_path: Path) -> Path:
    return copy_pages(tmp_path / "pages", PICKED)


@pytest.mark.slow
def test_rebuilt_store_equals_a_cleanstore_quads(tmp_path, monkeypatch):
    pages = _pages(tmp_path)
    out = tmp_path / "build"
    first = _build(pages, out)
    assert not first.cache.store_reused and (out / MANIFEST).is_file()
    before = store_quads(out)
    moldova = ox.NamedNode(next(s.graph for s in first.sources if s.file.endswith("fo_fr_moldova.txt")))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    (pages / "fo_fr_moldova.txt").unlink()
    again = _build(pages, out)
    assert again.cache.store_reused and again.cache.hits == 2
    clean = _build(pages, tmp_path / "clean", page_cache=False)
    after = store_quads(out)
    assert after == store_quads(tmp_path / "clean")
    assert (out / "osce.nq").read_bytes() == (tmp_path / "clean" / "osce.nq").read_bytes()
    assert after != before
    assert not any(q.graph_name == moldova for q in after)  # the removed page's graph is gone
    # the German Moldova page states much of what the French one did: the union keeps those triples once
    union = {q.triple for q in after if isinstance(q.graph_name, ox.DefaultGraph)}
    named = {q.triple for q in after if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert union - named == {next(q.triple for q in after if q.subject.value == "urn:osce-kg:store")}
    assert named <= union
    assert len(clean.graph) == len(again.graph)


@pytest.mark.slow
def test_the_store_is_written_whole_without_a_manifest_a_matching_store_or_most_graphs_kept(tmp_path):
    """One chain of builds: each step is a case the store is written whole in (then one it is patched in)."""
    pages = _pages(tmp_path)
    out = tmp_path / "build"
    # no page cache: no manifest, so the next build writes the store whole (and a manifest)
    _build(pages, out, **LEAN, page_cache=False)
    assert not (out / MANIFEST).exists()
    assert not _build(pages, out, **LEAN).cache.store_reused
    assert (out / MANIFEST).is_file()
    # a manifest that does not describe the store (as if the store had been changed since)
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"] = "0" * 64
    (out / MANIFEST).resolve().write_text(json.dumps(manifest))
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    assert not _build(pages, out, **LEAN).cache.store_reused
    _build(pages, tmp_path / "clean", **LEAN, page_cache=False)
    assert store_quads(out) == store_quads(tmp_path / "clean")
    # the next rebuild, with an intact manifest again, reuses it
    chair.write_text(chair.read_text() + "It is held by a participating State.\n")
    assert _build(pages, out, **LEAN).cache.store_reused
    # most page graphs changed: written whole
    for name in PICKED[:3]:
        page = pages / name
        page.write_text(page.read_text() + "\nThe OSCE has 57 participating States.\n")
    again = _build(pages, out, **LEAN)
    assert again.cache.misses == 3 and not again.cache.store_reused
    _build(pages, tmp_path / "clean2", **LEAN, page_cache=False)
    assert store_quads(out) == store_quads(tmp_path / "clean2")


@pytest.mark.slow
def test_rebuilt_store_with_entailments_equals_a_cleanstore_quads(tmp_path):
    pages = _pages(tmp_path)
    out = tmp_path / "build"
    _build(pages, out, infer="rdfs")
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    assert _build(pages, out, infer="rdfs").cache.store_reused
    _build(pages, tmp_path / "clean", infer="rdfs", page_cache=False)
    after = store_quads(out)
    assert after == store_quads(tmp_path / "clean")
    assert any(q.graph_name.value.endswith("/graph/inferred") for q in after
               if isinstance(q.graph_name, ox.NamedNode))


def test_graph_digests_name_a_graph_by_its_statements():
    """incremental.graph_digests (the registry's and enrichment's graphs, compared with the previous build's as page
    graphs are): the same statements in any order, repeated or not, give the same digest; another statement
    another; a quad of the default graph is no graph's."""
    from osce_kg.incremental import graph_digests

    g, h = ox.NamedNode("https://example.org/g"), ox.NamedNode("https://example.org/h")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                     ox.Literal(str(i)), g) for i in range(5)]
    digests = graph_digests(quads + [ox.Quad(quads[0].subject, quads[0].predicate, quads[0].object, h)])
    assert set(digests) == {g.value, h.value}
    assert graph_digests(list(reversed(quads)) + quads[:2])[g.value] == digests[g.value]
    assert graph_digests(quads[1:])[g.value] != digests[g.value]
    assert graph_digests([ox.Quad(q.subject, q.predicate, q.object) for q in quads]) == {}


@pytest.mark.slow
def test_the_registry_graphs_digests_are_recorded_and_their_blocks_kept(tmp_path):
    """A build records a digest of each registry graph beside the page graphs'; a rebuild with the same registry
    keeps those graphs as they are: in the store, and their blocks of the previous N-Quads file copied."""
    from osce_kg.incremental import graph_digests
    from osce_kg.reference import registry_quads
    from osce_kg.registry import load_registry

    pages = _pages(tmp_path)
    out = tmp_path / "build"
    _build(pages, out, formats=("nquads", "jsonld"))
    registry = graph_digests(registry_quads(load_registry()))
    assert registry and all(json.loads((out / MANIFEST).read_text())["graphs"].get(g) == d
                            for g, d in registry.items())
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    again = _build(pages, out, formats=("nquads", "jsonld"))
    assert again.cache.fast and again.cache.spliced == ["nquads", "jsonld"]
    kept = {b[0] for b in json.loads((out / MANIFEST).read_text())["outputs"]["nquads"]["blocks"]}
    assert set(registry) <= kept
    clean = tmp_path / "clean"
    _build(pages, clean, formats=("nquads", "jsonld"), page_cache=False)
    assert (out / "osce.nq").read_bytes() == (clean / "osce.nq").read_bytes()
    assert (out / "osce.jsonld").read_bytes() == (clean / "osce.jsonld").read_bytes()


def test_the_manifest_text_is_the_compact_json_of_its_entries_some_made_ahead():
    """Entries whose text was made ahead (JsonText, beside a rebuild's splices) are written as they are: the same
    text as json.dumps of the whole manifest, keys sorted, compact."""
    from osce_kg.incremental import JsonText, _manifest_text

    manifest = {"pages": {"b": [1, "x", None], "a": ["é", True]}, "format": 2, "void": {"z": 1.5, "a": []},
                "graphs": {"g2": "d", "g1": "c"}}
    want = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert _manifest_text(manifest) == want
    ahead = {**manifest, "pages": JsonText.of(manifest["pages"]), "graphs": JsonText.of(manifest["graphs"])}
    assert _manifest_text(ahead) == want and json.loads(_manifest_text(ahead)) == manifest


def test_the_manifest_json_is_the_standard_encoders_compact_sorted_text():
    """The store manifest's entries are written by orjson (incremental._compact): the same text as the standard
    encoder's compact, key-sorted, UTF-8 one; what orjson does not take is left to the standard encoder."""
    from osce_kg.incremental import _compact

    def standard(value) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    value = {"pages": {"osce.org/fr/page-ü": ["Déclaration « ministérielle »", 3, None, True, [], {}],
                       "osce.org/ru/страница": ["Совет", -12, False, [1, 2.5]]},
             "b": {"z": 1, "a": {"y": "\\\"quoted\"\n\t", "x": "\u2028 \U0001f600"}}, "a": []}
    assert _compact(value) == standard(value)
    assert json.loads(_compact(value)) == value
    for other in ({1: "a", 2: "b"}, {"b": 2**70}):  # not orjson's: the standard's
        assert _compact(other) == standard(other)
