"""Issue 2's yardstick: the French seed page, built through the CLI, yields the OSCE's structure."""

from __future__ import annotations

import pytest

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.store import KnowledgeGraph

SEED = "000_fr_fow_trafficking_seed.txt"
GRAPH = "https://w3id.org/osce-kg/graph/page/osce.org/fr/combating-human-trafficking"
PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX id: <https://w3id.org/osce-kg/id/>
"""


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory, corpus_dir):
    path = corpus_dir / SEED
    out = tmp_path_factory.mktemp("seed")
    code = main(["build", str(path), "-o", str(out), "-q"])
    assert code == 0, "the seed build must succeed and conform"
    return KnowledgeGraph.from_files([out / "osce.nq"])


def count(kg: KnowledgeGraph, pattern: str) -> int:
    rows = kg.select(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ {pattern} }} }}")
    return int(rows[0]["n"])


def test_the_osce_is_in_the_page_graph(seed_graph):
    assert count(seed_graph, "BIND(id:org\\/osce AS ?x) ?x a osce:InternationalOrganization") == 1


def test_57_participating_states_each_a_membership(seed_graph):
    pattern = (
        "?m a org:Membership ; org:member ?x ; org:organization id:org\\/osce ; "
        "org:role id:role\\/participating-state"
    )
    assert count(seed_graph, pattern) == 57


def test_two_partner_groups(seed_graph):
    assert count(seed_graph, "?x a osce:PartnerGroup") == 2


def test_12_current_field_operations_with_hosts(seed_graph):
    assert count(seed_graph, "?x a osce:FieldOperation ; osce:operationalStatus osce:current") == 12
    # the menu states a host only where an operation's name names a State or territory ('Mission to
    # Moldova'); 'Centre in Ashgabat' names a city, and the registry's host stays in the registry's graph
    assert count(seed_graph, "?x a osce:FieldOperation ; osce:host ?h") == 7
    assert count(seed_graph, "BIND(id:field-operation\\/centre-in-ashgabat AS ?x) ?x osce:host ?h") == 0
    kosovo = seed_graph.select(
        PREFIXES + f"SELECT ?h WHERE {{ GRAPH <{GRAPH}> {{ id:field-operation\\/mission-in-kosovo osce:host ?h }} }}"
    )
    assert [r["h"] for r in kosovo] == ["https://w3id.org/osce-kg/id/territory/xk"]
    moldova = seed_graph.select(
        PREFIXES + f"SELECT ?h WHERE {{ GRAPH <{GRAPH}> {{ id:field-operation\\/mission-to-moldova osce:host ?h }} }}"
    )
    assert [r["h"] for r in moldova] == ["https://w3id.org/osce-kg/id/country/md"]


def test_leadership_posts_each_linked_to_their_unit(seed_graph):
    posts = count(seed_graph, "?x a org:Post")
    assert posts == 22
    assert count(seed_graph, "?x a org:Post ; org:postIn ?unit") == posts
    unit = seed_graph.select(
        PREFIXES + f"""SELECT ?u WHERE {{ GRAPH <{GRAPH}> {{
            ?p a org:Post ; skos:prefLabel "Head of the OSCE Mission to Moldova"@en ; org:postIn ?u }} }}"""
    )
    assert [r["u"] for r in unit] == ["https://w3id.org/osce-kg/id/field-operation/mission-to-moldova"]


def test_16_meeting_series(seed_graph):
    assert count(seed_graph, "?x a osce:MeetingSeries") == 16


def test_finland_chairs_in_2025(seed_graph):
    rows = seed_graph.select(
        PREFIXES
        + f"SELECT ?s ?y WHERE {{ GRAPH <{GRAPH}> {{ ?c a osce:Chairpersonship ; org:member ?s ; osce:year ?y }} }}"
    )
    assert rows == [{"s": "https://w3id.org/osce-kg/id/country/fi", "y": "2025"}]


def test_topic_with_french_label_and_description(seed_graph):
    rows = seed_graph.select(
        PREFIXES + f"""SELECT ?label ?desc WHERE {{ GRAPH <{GRAPH}> {{
            id:topic\\/combating-trafficking-in-human-beings skos:prefLabel ?label ; dcterms:description ?desc .
            FILTER(LANG(?label) = "fr" && LANG(?desc) = "fr") }} }}"""
    )
    assert len(rows) == 1
    assert rows[0]["label"] == "Lutte contre la traite des êtres humains"
    assert rows[0]["desc"].startswith("La traite des êtres humains")


def test_page_graph_has_provenance(seed_graph):
    rows = seed_graph.select(
        PREFIXES + f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
        SELECT ?url ?sha ?when ?build WHERE {{
            GRAPH <{GRAPH}> {{ <{GRAPH}> prov:wasDerivedFrom ?page ; osce:sha256 ?sha . ?page schema:url ?url }}
            GRAPH <{iri.build_graph()}> {{ ?build a osce:Build ; prov:startedAtTime ?when }} }}"""
    )
    assert len(rows) == 1
    assert rows[0]["url"] == "https://www.osce.org/fr/combating-human-trafficking"
    assert len(rows[0]["sha"]) == 64
    assert rows[0]["when"] == "2025-01-01T00:00:00Z"
    # the page graph names nothing of the build: an unchanged page gives the same graph in every build; nor does
    # the build graph name the page graph (a line per page that would change with every build)
    build = rows[0]["build"]
    assert not seed_graph.select(f"SELECT * WHERE {{ GRAPH <{iri.build_graph()}> {{ ?s ?p <{GRAPH}> }} }}")
    assert not seed_graph.select(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT * WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o
            FILTER(?p IN (prov:wasGeneratedBy, prov:generatedAtTime) || ?o = <{build}> || ?s = <{build}>) }} }}""")
