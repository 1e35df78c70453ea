"""The navigation block: both menu variants, other languages, names that fit two entities."""

from __future__ import annotations

import pytest

from osce_kg.build import BuildOptions, build
from tests.conftest import PAGES

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"""
ID = "https://w3id.org/osce-kg/id/"


def build_pages(*paths):
    return build(BuildOptions(paths=[str(p) for p in paths], out_dir=None, validate=False, registry=False))


def members(kg, graph: str) -> set[str]:
    rows = kg.select(PREFIXES + f"""SELECT ?s WHERE {{ GRAPH <{graph}> {{
        ?m org:member ?s ; org:role <{ID}role/participating-state> }} }}""")
    return {r["s"].removeprefix(ID) for r in rows}


def test_menu_spellings_link_to_registry_states():
    result = build_pages(PAGES / "navonly_en.txt")
    graph = result.sources[0].graph
    assert members(result.graph, graph) == {"country/cz", "country/nl", "country/tr", "country/fi"}
    posts = result.graph.select(
        PREFIXES + f"SELECT ?p ?u WHERE {{ GRAPH <{graph}> {{ ?p a org:Post ; org:postIn ?u }} }}"
    )
    units = {r["u"].removeprefix(ID) for r in posts}
    assert units == {"org/hcnm", "org/rfom"}  # posts under 'Leadership', not the institutions themselves


def test_french_menu_maps_to_the_same_entities():
    result = build_pages(PAGES / "navonly_fr.txt")
    graph = result.sources[0].graph
    assert members(result.graph, graph) == {"country/at", "country/fi", "country/md", "country/ch"}
    rows = result.graph.select(PREFIXES + f"""SELECT ?s ?y WHERE {{ GRAPH <{graph}> {{
        ?c a osce:Chairpersonship ; org:member ?s ; osce:year ?y }} }}""")
    assert rows == [{"s": ID + "country/fi", "y": "2025"}]
    ops = result.graph.select(
        PREFIXES + f"SELECT ?o ?h WHERE {{ GRAPH <{graph}> {{ ?o a osce:FieldOperation ; osce:host ?h }} }}"
    )
    assert ops == [{"o": ID + "field-operation/mission-to-moldova", "h": ID + "country/md"}]


def test_the_extended_menu_variant(corpus_dir):
    result = build_pages(corpus_dir / "024_en_navonly_cio84562.txt")
    kg, graph = result.graph, result.sources[0].graph
    assert result.sources[0].kind == "navigation-only"
    topics = kg.select(PREFIXES + f"SELECT DISTINCT ?t WHERE {{ GRAPH <{graph}> {{ ?t a skos:Concept }} }}")
    assert len(topics) == 23
    series = kg.select(PREFIXES + f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s a osce:MeetingSeries }} }}")
    assert len(series) == 16  # 'Partnerships' in the same menu group is not a meeting series
    assert {ID + "meeting-series/gender-equality-review-conferences"} <= {r["s"] for r in series}
    assert "country/cz" in members(kg, graph)  # 'Czechia' here, 'Czech Republic' in the seed
    assert len(members(kg, graph)) == 57


def test_a_fact_stated_by_two_pages_is_in_both_graphs(corpus_dir):
    result = build_pages(corpus_dir / "024_en_navonly_cio84562.txt", corpus_dir / "000_fr_fow_trafficking_seed.txt")
    rows = result.graph.select(PREFIXES + f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{
        <{ID}membership/osce/participating-state/fi> org:member <{ID}country/fi> }} }}""")
    assert {r["g"] for r in rows} == {s.graph for s in result.sources}
    assert len(rows) == 2


@pytest.mark.parametrize("name", ["navonly_en.txt", "navonly_fr.txt", "topic_en_elections.txt"])
def test_menus_build_without_warnings_about_known_items(name):
    result = build_pages(PAGES / name)
    assert not [w for w in result.sources[0].warnings if w["code"] == "ambiguous-name"]
