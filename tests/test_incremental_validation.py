"""A rebuild's validation from the previous build's results (osce_kg/incremental_validation.py) writes the
validation.txt a clean build writes, and validates in full whenever it cannot tell what a change touches."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from osce_kg.incremental_validation import STATE
from osce_kg.registry import load_registry
from osce_kg.shape_reach import from_json, profile, to_json
from tests.conftest import LEAN, PAGES, copy_pages

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt")
OUTPUTS = ("validation.txt", "osce.nq", "osce.jsonld", "report.json")


def _manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text())


def _edit_state(out: Path, **changes) -> None:
    """Change the validation state the store manifest keeps (None: leave it out)."""
    manifest = _manifest(out)
    kept = manifest.pop(STATE)
    state = {**kept, **changes} if changes else None
    (out / MANIFEST).resolve().write_text(json.dumps({**manifest, **({STATE: state} if state else {})}))


def _build(pages: Path, out: Path, **kw):
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), formats=("nquads", "jsonld"), **kw))


def _same_as_clean(pages: Path, out: Path, tmp_path: Path, **kw) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    _build(pages, clean, page_cache=False, **kw)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


@pytest.fixture
def pages(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    # a change to a three-page build reaches much of it: validate incrementally anyway, to test that road
    monkeypatch.setattr("osce_kg.incremental_validation.MOST_REACHED", 2.0)
    return copy_pages(tmp_path / "pages", PICKED)


@pytest.mark.slow
def test_rebuilds_validate_incrementally_and_write_a_clean_builds_report(pages, tmp_path, monkeypatch):
    """Also the spliced osce.nq and osce.jsonld (osce_kg/output_reuse.py): byte-identical to a clean build's. A
    focus node with many outgoing triples (the build node, in a big build) is validated in an engine run of its
    own, with only its classes' targets: here every node with over 3 is (the other rebuild tests validate every
    focus node in one run)."""
    import osce_kg.incremental_validation as iv

    monkeypatch.setattr(iv, "WIDE", 3)
    groups: list[int] = []
    split = iv._focus_groups
    monkeypatch.setattr(iv, "_focus_groups", lambda kg, focus: groups.append(len(split(kg, focus))) or split(kg, focus))
    out = tmp_path / "build"
    first = _build(pages, out)
    assert first.cache.validation == "full: no previous build" and STATE in _manifest(out)
    assert not first.cache.spliced
    # a page whose facts disagree with the registry's office holders: new Warnings on registry-held nodes
    shutil.copy(PAGES / "holders_de_odihr.txt", pages / "holders_de_odihr.txt")
    added = _build(pages, out)
    assert added.cache.validation.startswith("incremental:"), added.cache.validation
    assert "Interval-end-agreed" in (out / "validation.txt").read_text()
    assert "Interval-end-agreed" not in first.validation.text()
    assert groups and groups[-1] > 2  # several engine runs
    _same_as_clean(pages, out, tmp_path)
    # one page changed and one removed in the same rebuild
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    (pages / "fo_fr_moldova.txt").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764086400")  # another build time: kept pages name it
    changed = _build(pages, out)
    assert changed.cache.validation.startswith("incremental:")
    assert changed.cache.spliced == ["nquads", "jsonld"]
    _same_as_clean(pages, out, tmp_path)
    # the page that brought the Warnings goes: they go with it
    (pages / "holders_de_odihr.txt").unlink()
    removed = _build(pages, out)
    assert removed.cache.validation.startswith("incremental:")
    assert "Interval-end-agreed" not in (out / "validation.txt").read_text()
    _same_as_clean(pages, out, tmp_path)


@pytest.mark.slow
def test_a_registry_change_is_validated_from_the_change(pages, tmp_path):
    out = tmp_path / "build"
    first, registry = tmp_path / "registry-a", tmp_path / "registry-b"  # load_registry caches by folder
    shutil.copytree(load_registry().folder, first)
    shutil.copytree(first, registry)
    _build(pages, out, registry_folder=str(first))
    before = (out / "validation.txt").read_text()
    # Moldova joins later than the Mission to Moldova was established: the field operation is judged again
    memberships = registry / "memberships.csv"
    text = memberships.read_text()
    assert "\nmd,osce,participating-state,,1992-01-30," in text
    memberships.write_text(text.replace("\nmd,osce,participating-state,,1992-01-30,",
                                        "\nmd,osce,participating-state,,2000-01-30,"))
    again = _build(pages, out, registry_folder=str(registry))
    after = (out / "validation.txt").read_text()
    warning = "country/md>: The host State was not a participating State"
    assert warning in after and warning not in before
    assert again.cache.misses == len(PICKED)  # the registry is in the page cache's key
    assert again.cache.validation.startswith("incremental:")
    _same_as_clean(pages, out, tmp_path, registry_folder=str(registry))


@pytest.mark.slow
def test_what_cannot_be_reused_is_validated_in_full(pages, tmp_path, monkeypatch):
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    chair = pages / "chair_en.txt"

    # other shapes, engine or code: the key differs
    _edit_state(out, key="0" * 64)
    chair.write_text(chair.read_text() + "\nOne.\n")
    assert _build(pages, out, **LEAN).cache.validation == "full: shapes, engine or code changed"

    # a state an older osce-kg wrote (its results without their sources)
    _edit_state(out, format=1)
    chair.write_text(chair.read_text() + "\nOne more.\n")
    assert _build(pages, out, **LEAN).cache.validation == "full: a validation state of another format"

    # a state that is not the store's (another build's)
    _edit_state(out, build=_manifest(out)[STATE]["build"] + "x")
    chair.write_text(chair.read_text() + "\nTwo.\n")
    assert _build(pages, out, **LEAN).cache.validation == "full: the validation state is not the store's"

    # no state at all
    _edit_state(out)
    chair.write_text(chair.read_text() + "\nThree.\n")
    assert _build(pages, out, **LEAN).cache.validation == "full: no previous validation state"

    # a change that reaches too much of the graph
    monkeypatch.setattr("osce_kg.incremental_validation.MOST_REACHED", 0.001)
    chair.write_text(chair.read_text() + "\nFour.\n")
    assert _build(pages, out, **LEAN).cache.validation.startswith("full: the change reaches")
    _same_as_clean(pages, out, tmp_path, **LEAN)

    # inferred triples: validated in full and no state kept
    inferred = _build(pages, out, infer="rdfs", **LEAN)
    assert inferred.cache.validation == "" and STATE not in _manifest(out)


def test_the_state_key_is_the_same_in_every_process():
    from osce_kg.incremental_validation import state_key
    from osce_kg.validate import _shapes_ntriples

    before = state_key()
    _shapes_ntriples.cache_clear()  # parsed again: other blank node labels, as in another process
    assert state_key() == before


# -- the shapes' profile ----------------------------------------------------------------------------------

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""


T = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "  # a shape's head


def _profile(ttl: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.load((HEAD + ttl).encode(), format=ox.RdfFormat.TURTLE)
    return profile(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))


def test_reach_counts_paths_class_checks_and_nested_shapes():
    assert _profile(T + "sh:datatype ex:D .").reach == 0
    assert _profile(T + "sh:property [ sh:path ex:p ; sh:minCount 1 ] .").reach == 0
    typed = _profile(T + "sh:property [ sh:path ex:p ; sh:class ex:K ] .")
    assert (typed.reach, typed.full_reach) == (1, 0)  # the value's rdf:type triples only
    closed = _profile(T + "sh:closed true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .")
    assert (closed.reach, closed.full_reach) == (0, 0)
    nested = T + """sh:property [ sh:path ( ex:p ex:q ) ; sh:node ex:T ] .
                ex:T a sh:NodeShape ; sh:property [ sh:path ex:r ; sh:class ex:K ] ."""
    # p, q to the value, r from it (every triple of the nodes 0-2 steps away), then the class of r's value
    assert (_profile(nested).reach, _profile(nested).full_reach) == (3, 2)
    objects = _profile("ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .")
    assert objects.target_objects_of == {"urn:ex#p"}


def test_shapes_the_profile_cannot_bound_are_unsupported():
    inverse = T + "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] ."
    assert "path" in _profile(inverse).unsupported
    star = T + "sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:class ex:K ] ."
    assert _profile(star).unsupported
    recursive = T + "sh:property [ sh:path ex:p ; sh:node ex:S ] ."
    assert "recursive" in _profile(recursive).unsupported
    variable = T + """sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] ."""
    assert _profile(variable).unsupported  # a blank rule shape, and a query that reads any predicate
    named = T + """sh:sparql ex:R .
               ex:R sh:select "SELECT $this WHERE { $this ?p ?o }" ."""
    assert "variable predicate" in _profile(named).unsupported


def test_rule_signatures_are_the_predicates_and_classes_a_query_reads():
    rule = T + """sh:sparql ex:R .
        ex:R sh:select \"""SELECT $this ?v WHERE { $this <urn:ex#a>/<urn:ex#b> ?v . ?v a <urn:ex#K> .
                        FILTER NOT EXISTS { ?v <urn:ex#c> ?x } }\""" ."""
    found = _profile(rule)
    assert found.unsupported is None
    type_ = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert found.rules["urn:ex#S"].signatures == {(type_, "urn:ex#C"), (type_, "urn:ex#K"), ("urn:ex#a", None),
                                                  ("urn:ex#b", None), ("urn:ex#c", None)}


def test_a_rule_that_reads_only_its_focus_node_is_local():
    own = T + """sh:sparql ex:R .
        ex:R sh:select "SELECT $this ?v WHERE { $this <urn:ex#a> ?v . FILTER NOT EXISTS { $this a <urn:ex#K> } }" ."""
    found = _profile(own)
    assert found.unsupported is None and not found.rules and found.reach == 0
    further = T + """sh:sparql ex:R .
        ex:R sh:select "SELECT $this ?v WHERE { $this <urn:ex#a> ?v . ?v <urn:ex#b> ?w }" ."""
    assert set(_profile(further).rules) == {"urn:ex#S"}


def test_the_bundled_profile_is_supported():
    from osce_kg.validate import _shape_paths, _shapes_ntriples

    bundled = profile(_shapes_ntriples(_shape_paths(None)))
    assert bundled.unsupported is None and bundled.reach >= 1
    assert "https://w3id.org/osce-kg/shapes#OneChairPerYearShape" in bundled.rules
    assert from_json(json.loads(json.dumps(to_json(bundled)))) == bundled  # kept in the state as JSON


def test_the_shapes_profile_is_kept_in_the_cache_folder_by_its_key(tmp_path, monkeypatch):
    import osce_kg.incremental_validation as iv

    made = []
    monkeypatch.setattr(iv, "profile", lambda nt: made.append(1) or profile(nt))
    monkeypatch.setattr(iv, "SHIPPED_PROFILE", tmp_path / "not-shipped.json")  # this test: made, never shipped
    key = iv.profile_key()
    assert len(key) == 64 and key != iv.state_key()
    first = iv.kept_profile(key, tmp_path)
    assert json.loads((tmp_path / iv.PROFILE_FILE).read_text())["key"] == key and len(made) == 1
    # another process: read from the file, not made again
    assert iv.kept_profile(key, tmp_path) == first and len(made) == 1
    # another key (shapes, profiling code or SPARQL parser changed): made again and kept under it
    assert iv.kept_profile("0" * 64, tmp_path) == first and len(made) == 2
    assert json.loads((tmp_path / iv.PROFILE_FILE).read_text())["key"] == "0" * 64
    for broken in ("{", '{"key": "%s", "profile": {"reach": 1}}' % ("0" * 64)):  # unreadable: made again
        (tmp_path / iv.PROFILE_FILE).write_text(broken)
        assert iv.kept_profile("0" * 64, tmp_path) == first
    assert len(made) == 4 and iv.kept_profile(key, None) == first  # no folder: nothing kept


def test_the_shipped_profile_is_the_one_the_bundled_shapes_give():
    """osce_kg/data/shape-profile.json is what profiling the bundled shapes gives with the installed SPARQL parser
    (if this fails after changing the shapes or shape_reach.py: python -m osce_kg.incremental_validation)."""
    import osce_kg.incremental_validation as iv

    assert iv.SHIPPED_PROFILE.read_text(encoding="utf-8") == iv.shipped_profile_text(), \
        "osce_kg/data/shape-profile.json is stale: write it again with python -m osce_kg.incremental_validation"


def test_a_clean_build_takes_the_shipped_profile_and_never_imports_the_sparql_parser(tmp_path):
    """No cache folder yet: the state's profile comes from the package, without rdflib's SPARQL parser (1 s of
    a clean build); shipped for other shapes or another profiling code, it is made as before."""
    code = f"""
import json, sys
from pathlib import Path
import osce_kg.incremental_validation as iv
from osce_kg.shape_reach import to_json
found = iv.kept_profile(iv.profile_key(), Path({str(tmp_path / 'cache')!r}))
used_parser = "rdflib.plugins.sparql" in sys.modules
Path({str(tmp_path / 'other.json')!r}).write_text(json.dumps({{"key": "0" * 64, "profile": to_json(found)}}))
iv.SHIPPED_PROFILE = Path({str(tmp_path / 'other.json')!r})
again = iv.kept_profile(iv.profile_key(), None)
print(json.dumps([used_parser, "rdflib.plugins.sparql" in sys.modules, to_json(found) == to_json(again)]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [False, True, True]
    assert json.loads((tmp_path / "cache" / "shape-profile.json").read_text())["profile"]["rules"]


def test_kept_results_keep_their_sources_unless_their_focus_moved():
    """A kept result's sources (the graphs with a triple about its focus) are the previous build's unless the
    focus is the subject of a triple some graph gained or lost, or a graph that came or went: only those are
    looked up again."""
    from osce_kg.incremental_validation import _with_sources
    from osce_kg.validation_results import ValidationResult

    def result(focus, sources):
        return ValidationResult("Warning", focus, None, None, "m", "https://w3id.org/osce-kg/shapes#S", "sparql",
                                sources)

    asked = []

    def graphs_of(focus):
        asked.append(focus)
        return [f"https://example.org/graph/now/{focus[-1]}"]

    kept = [result("https://example.org/a", ("g1", "g2")), result("https://example.org/b", ("g3",)),
            result("https://example.org/graph/c", ())]
    out = _with_sources(kept, {"https://example.org/b", "https://example.org/graph/c"}, graphs_of)
    assert [r.sources for r in out] == [("g1", "g2"), ("https://example.org/graph/now/b",),
                                        ("https://example.org/graph/now/c",)]
    assert asked == ["https://example.org/b", "https://example.org/graph/c"]
    assert [r.key() for r in out] == [r.key() for r in kept]


def test_the_state_keeps_each_results_sources(pages, tmp_path):
    """The sources are in the store manifest's state, and a state without them is not used (full validation)."""
    from osce_kg.incremental_validation import load_previous

    out = tmp_path / "out"
    first = _build(pages, out)
    rows = _manifest(out)[STATE]["results"]
    assert rows and all(len(row) == 8 and isinstance(row[7], list) for row in rows)
    by_key = {(r.focus, r.shape, r.constraint, r.message): list(r.sources) for r in first.validation.results}
    assert all(row[7] == by_key[(row[1], row[5], row[6], row[4])] for row in rows)
    assert any(row[7] for row in rows)
    _edit_state(out, results=[row[:7] for row in rows])  # as the state's first format wrote them
    assert load_previous(out.resolve()) == "an unreadable validation state"


def test_a_type_change_reruns_only_the_rules_whose_classes_the_type_closure_gains_or_loses():
    """A page whose kind changes (a topic page becomes a navigation-only page) is an osce:SourcePage in both
    builds: the rule about source pages keeps its results. A node that stops being a source page reruns it."""
    import pyoxigraph as ox

    from osce_kg.incremental_validation import _rules_to_run
    from osce_kg.store import KnowledgeGraph
    from osce_kg.validate import _shape_paths, _shapes_ntriples

    bundled = profile(_shapes_ntriples(_shape_paths(None)))
    osce, type_ = "https://w3id.org/osce-kg/ontology#", ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    provenance = "https://w3id.org/osce-kg/shapes#PageProvenanceShape"
    page, graph = ox.NamedNode("https://w3id.org/osce-kg/id/page/x"), ox.NamedNode("https://w3id.org/osce-kg/graph/x")

    def rerun(now: str, before: str) -> set[str]:
        kg = KnowledgeGraph()
        kg.add_quads([ox.Quad(page, type_, ox.NamedNode(osce + now), graph)])
        kg.prepare_for_query()  # the union default graph, as validation reads it
        changed = {ox.Triple(page, type_, ox.NamedNode(osce + kind)) for kind in (now, before)}
        return _rules_to_run(kg, changed, set(), bundled)

    assert provenance in bundled.rules
    assert provenance not in rerun("NavigationOnlyPage", "TopicPage")
    assert provenance in rerun("Mention", "TopicPage")  # no longer a source page
    assert provenance in rerun("TopicPage", "Mention")  # a new source page
