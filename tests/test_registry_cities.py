"""Registry cities (mappings/reference/cities.csv, schema:City): the seats the registry cites are the very
place nodes the pages name, each city row cites its sources, and a body's seat (osce:seat) and a field
operation's (osce:office) point at its city."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from osce_kg import iri, places
from osce_kg.entity_types import entity_types, unlinked_types
from osce_kg.linker import Linker
from osce_kg.registry import (
    BodyEntity,
    CityEntity,
    FieldOperationEntity,
    Registry,
    RegistryError,
    default_folder,
    load_registry,
)
from osce_kg.validate import ontology_path

SCHEMA, SKOS, OSCE = "https://schema.org/", "http://www.w3.org/2004/02/skos/core#", "https://w3id.org/osce-kg/ontology#"
PREFIXES = f"PREFIX schema: <{SCHEMA}> PREFIX skos: <{SKOS}> PREFIX osce: <{OSCE}> " \
           "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
CITIES_GRAPH = iri.registry_graph("cities")
BODIES_GRAPH = iri.registry_graph("bodies")
KEYS = ("belgrade", "chisinau", "copenhagen", "geneva", "podgorica", "prague", "pristina", "sarajevo", "tashkent",
        "the-hague", "tirana", "vienna", "warsaw")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def cities(registry: Registry) -> list[CityEntity]:
    found = registry.of_type("city")
    assert all(isinstance(c, CityEntity) for c in found)
    return found


def test_the_city_type_is_declared_registry_backed_unlinked_and_shaped():
    row = next(t for t in entity_types() if t.name == "city")
    assert (row.segment, row.cls, row.registry_file, row.menu, row.linked) == \
        ("place", SCHEMA + "City", "cities.csv", False, False)
    assert unlinked_types() == {"city"}
    onto = ox.Store()
    onto.load(path=str(ontology_path("osce.ttl")), format=ox.RdfFormat.TURTLE)
    assert onto.query(f"{PREFIXES} ASK {{ schema:City a ?c ; rdfs:subClassOf schema:Place ; rdfs:label ?l ; "
                      "rdfs:comment ?d }")
    shapes = ox.Store()
    shapes.load(path=str(ontology_path("shapes.ttl")), format=ox.RdfFormat.TURTLE)
    assert shapes.query("PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX schema: <https://schema.org/> "
                        "ASK { <https://w3id.org/osce-kg/shapes#CityShape> sh:targetClass schema:City }")


def test_a_city_is_the_place_node_pages_name_in_any_of_its_names(registry):
    found = cities(registry)
    assert tuple(c.ref.key for c in found) == KEYS
    for city in found:
        assert iri.entity("city", city.ref.key) == iri.entity("place", city.ref.key)
        assert set(city.names) == {"en", "fr", "de", "it", "ru", "es"}
        for label in city.labels():  # 'Варшава', 'L’Aia', 'Den Haag' key as the page's place would
            assert places.place_key(label.text) == city.ref.key, label


def test_every_city_row_cites_a_source_and_names_a_country_only_where_a_source_does(registry):
    for city in cities(registry):
        assert city.citation.sources, city.ref.key
        assert all(s.startswith(("http://", "https://")) for s in city.citation.sources)
    by_key = {c.ref.key: c for c in cities(registry)}
    assert by_key["warsaw"].country.key == "pl" and by_key["the-hague"].country.key == "nl"
    assert by_key["pristina"].country.type == "territory"  # Kosovo (xk) is a territory, not a State
    # the Court's and the Prague Office's sources name the city, not its country: none is stated
    assert by_key["geneva"].country is None and by_key["prague"].country is None
    assert by_key["copenhagen"].citation.flags == ("inferred",)  # the country read from a Danish address


def test_every_body_seat_is_a_registry_city_in_the_body_s_seat_country(registry):
    seated = [b for b in registry.of_type("body") if isinstance(b, BodyEntity) and b.seat]
    assert len(seated) >= 10
    for body in seated:
        assert body.seat_city is not None and body.seat_city.key == places.place_key(body.seat), body.ref.key
        city = registry.get(body.seat_city)
        if city.country is not None and body.seat_country is not None:
            assert city.country == body.seat_country, body.ref.key


def test_a_field_operation_s_seat_is_a_registry_city_in_its_host(registry):
    seated = {f.ref.key: f for f in registry.of_type("field-operation")
              if isinstance(f, FieldOperationEntity) and f.seat_city is not None}
    assert {k: f.seat_city.key for k, f in seated.items()} == {
        "liaison-office-in-central-asia": "tashkent", "mission-in-kosovo": "pristina",
        "mission-to-bosnia-and-herzegovina": "sarajevo", "mission-to-moldova": "chisinau",
        "mission-to-montenegro": "podgorica", "mission-to-serbia": "belgrade", "presence-in-albania": "tirana",
        "project-co-ordinator-in-uzbekistan": "tashkent"}
    for operation in seated.values():
        assert registry.get(operation.seat_city).country == operation.host, operation.ref.key
        assert operation.citation.sources  # the row that names the city cites its sources


@pytest.mark.parametrize("file, old, new, error", [
    ("bodies.csv", ",Warsaw,pl,", ",Valletta,mt,", r"bodies\.csv: odihr: seat 'Valletta' is no city key"),
    ("field_operations.csv", ",al,Tirana,", ",al,Durres,",
     r"field_operations\.csv: presence-in-albania: seat 'Durres' is no city key"),
])
def test_a_seat_that_is_no_registry_city_is_an_error_naming_file_row_and_seat(tmp_path, file, old, new, error):
    folder = tmp_path / "reg"
    shutil.copytree(default_folder(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    with pytest.raises(RegistryError, match=error):
        Registry(folder)


def test_the_linker_and_untyped_lookups_leave_city_names_to_the_place_reader(registry):
    links = Linker(registry).find("ODIHR in Warsaw and the Secretariat in Vienna (Вена, Wien)", "en")
    assert {link.ref.type for link in links if link.ref} == {"body"}
    # 'does the registry know this name?' (an 'Office in Warsaw' is not only its owner's name) stays no
    assert registry.lookup("Warsaw") == [] and registry.lookup_one("Вена") is None
    assert [e.ref.key for e in registry.lookup("Varsovie", ["city"])] == ["warsaw"]


# -- the shared-corpus build ---------------------------------------------------------------------------


def test_the_registry_graph_holds_each_city_with_its_names_country_and_sources(corpus_build):
    rows = corpus_build.graph.select(f"""{PREFIXES}
        SELECT ?city (COUNT(DISTINCT ?label) AS ?labels) (COUNT(DISTINCT ?source) AS ?sources) WHERE {{
            GRAPH <{CITIES_GRAPH}> {{ ?city a schema:City ; skos:prefLabel ?label ; dcterms:source ?source }}
        }} GROUP BY ?city ORDER BY ?city""")
    assert [(r["city"].rsplit("/", 1)[-1], r["labels"]) for r in rows] == [(k, "6") for k in KEYS]
    assert all(int(r["sources"]) >= 1 for r in rows)
    warsaw = iri.entity("place", "warsaw")
    assert corpus_build.graph.ask(f"""{PREFIXES} ASK {{ GRAPH <{CITIES_GRAPH}> {{
        <{warsaw}> dcterms:source <{iri.page("https://odihr.osce.org/fr/node/660237")}> ;
                   schema:containedInPlace <{iri.entity("country", "pl")}> ; skos:prefLabel "Varsovie"@fr }} }}""")


def test_the_seat_of_odihr_is_warsaw_in_the_registry_and_on_the_odihr_page(corpus_build):
    rows = corpus_build.graph.select(f"""{PREFIXES}
        SELECT DISTINCT ?g ?city ?name WHERE {{
            GRAPH ?g {{ <{iri.entity("body", "odihr")}> osce:seat ?city }}
            GRAPH <{CITIES_GRAPH}> {{ ?city skos:prefLabel ?name FILTER(lang(?name) = "en") }}
        }} ORDER BY ?g""")
    assert {r["city"] for r in rows} == {iri.entity("place", "warsaw")}
    assert {r["name"] for r in rows} == {"Warsaw"}
    graphs = {r["g"] for r in rows}
    assert BODIES_GRAPH in graphs and any("/graph/page/" in g for g in graphs)  # the page's statement meets it


def test_the_registry_and_the_mission_s_own_page_put_the_mission_to_moldova_in_chisinau(corpus_build):
    rows = corpus_build.graph.select(f"""{PREFIXES}
        SELECT DISTINCT ?g ?op WHERE {{ GRAPH ?g {{ ?op osce:office <{iri.entity("place", "chisinau")}> }} }}""")
    moldova = iri.entity("field-operation", "mission-to-moldova")
    assert {r["op"] for r in rows} == {moldova}
    assert iri.registry_graph("field-operations") in {r["g"] for r in rows}
    assert any("/graph/page/" in r["g"] for r in rows)
    # which operations worked from Tashkent: the registry's two, each once, whichever graphs state it
    rows = corpus_build.graph.select(f"""{PREFIXES} SELECT DISTINCT ?op WHERE {{
        GRAPH <{iri.registry_graph("field-operations")}> {{ ?op osce:office <{iri.entity("place", "tashkent")}> }}
        }} ORDER BY ?op""")
    assert [r["op"].rsplit("/", 1)[-1] for r in rows] == ["liaison-office-in-central-asia",
                                                          "project-co-ordinator-in-uzbekistan"]


def test_no_second_node_for_a_city_and_no_city_without_a_source(corpus_build):
    kg = corpus_build.graph
    # every node any graph names with one of a registry city's names is that city's place node
    for city in cities(load_registry()):
        names = " ".join(f'"{n}"' for n in {label.text for label in city.labels()})
        rows = kg.select(f"""{PREFIXES} SELECT DISTINCT ?n WHERE {{ VALUES ?name {{ {names} }}
            {{ ?n schema:name ?name }} UNION {{ ?n skos:prefLabel|skos:altLabel|rdfs:label ?l FILTER(STR(?l) = ?name) }}
            FILTER(isIRI(?n) && !STRENDS(STR(?n), "/seat")) }}""")  # a body's org:Site is labelled with its city
        assert {r["n"] for r in rows} <= {iri.entity("place", city.ref.key)}, city.ref.key
    assert not kg.select(f"{PREFIXES} SELECT ?c WHERE {{ ?c a schema:City "
                         "FILTER NOT EXISTS { ?c dcterms:source ?s } }")
    # only the registry types a node as a city: pages state places, never registry classes of places
    typed_in = {r["g"] for r in kg.select(f"{PREFIXES} SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?c a schema:City }} }}")}
    assert typed_in == {CITIES_GRAPH}
