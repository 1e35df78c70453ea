"""Every shape of the osce-kg profile, one fixture at a time: valid.trig conforms, and each file in
fixtures/shapes/bad/ added to it gives exactly the results its `# expect:` lines list."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.store import KnowledgeGraph
from osce_kg.validate import default_shapes, validate_graph

SHAPES_DIR = Path(__file__).parent / "fixtures" / "shapes"
VALID = SHAPES_DIR / "valid.trig"
BAD = sorted((SHAPES_DIR / "bad").glob("*.t*"))
PREFIXES = {
    "id": "https://w3id.org/osce-kg/id/", "g": "https://w3id.org/osce-kg/graph/",
    "oshape": "https://w3id.org/osce-kg/shapes#", "osce": "https://w3id.org/osce-kg/ontology#",
    "org": "http://www.w3.org/ns/org#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/", "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
# The whole bundled profile: entities, structure, cross-entity rules and what the page-kind mappers state.
PROFILE_FILES = ("shapes.ttl", "shapes-structure.ttl", "shapes-rules.ttl", "shapes-kinds.ttl")
PROFILE = [p for p in default_shapes() if p.name in PROFILE_FILES]


def expand(curie: str) -> str:
    prefix, sep, local = curie.partition(":")
    return PREFIXES[prefix] + local if sep and prefix in PREFIXES else curie


def expected(path: Path) -> set[tuple]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"# expect: (\w+) (\S+) (\S+) (\S+)$", line):
            severity, focus, rpath, shape = m.groups()
            out.add((severity, expand(focus), None if rpath == "-" else expand(rpath), expand(shape)))
    assert out, f"{path.name} has no '# expect:' line"
    return out


def load(*paths: Path) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for p in paths:
        kg.load_file(p)
    return kg


def got(report) -> set[tuple]:
    return {(r.severity, r.focus, r.path, r.shape) for r in report.results}


def test_the_profile_under_test_is_every_bundled_shapes_file():
    # a new shapes*.ttl is loaded by every build, so it must come with fixtures here too
    assert sorted(p.name for p in PROFILE) == sorted(p.name for p in default_shapes())


def test_valid_fixture_conforms_with_no_result_at_all():
    report = validate_graph(load(VALID), shapes=PROFILE)
    assert report.results == []
    assert report.conforms


@pytest.mark.parametrize("case", BAD, ids=[p.stem for p in BAD])
def test_each_broken_fixture_gives_exactly_the_expected_results(case):
    report = validate_graph(load(VALID, case), shapes=PROFILE, fail_on="Info")
    assert got(report) == expected(case)
    assert not report.conforms
    for r in report.results:
        assert r.message, f"{r.shape} has no sh:message"


@cache
def shape_inventory() -> set[str]:
    """Shapes that can report: property shapes reached by sh:property, and node shapes with a target and a
    constraint of their own (a pattern, sh:closed or SPARQL)."""
    store = ox.Store()
    for p in PROFILE:
        store.load(path=str(p), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT DISTINCT ?s WHERE {
            { ?n sh:property ?s }
            UNION { ?s sh:targetClass|sh:targetSubjectsOf|sh:targetObjectsOf ?t .
                    ?s sh:pattern|sh:closed|sh:sparql ?c }
        }""")
    return {row["s"].value for row in rows}


def test_every_shape_is_named_and_has_a_broken_fixture():
    shapes = shape_inventory()
    assert all(s.startswith(PREFIXES["oshape"]) for s in shapes), "every shape has an IRI"
    covered = {shape for case in BAD for (_, _, _, shape) in expected(case)}
    assert sorted(shapes - covered) == []


def test_property_shapes_document_themselves():
    store = ox.Store()
    for p in PROFILE:
        store.load(path=str(p), format=ox.RdfFormat.TURTLE)
    missing = store.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?s WHERE { ?s a sh:PropertyShape .
            FILTER NOT EXISTS { ?s sh:name ?n ; sh:description ?d ; sh:order ?o ; sh:message ?m } }""")
    assert [row["s"].value for row in missing] == []


def test_blank_node_shapes_are_absent_from_the_profile():
    store = ox.Store()
    for p in PROFILE:
        store.load(path=str(p), format=ox.RdfFormat.TURTLE)
    blank = store.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?s WHERE { { ?n sh:property ?s } UNION { ?s sh:path ?p } FILTER(isBlank(?s)) }""")
    assert list(blank) == []
