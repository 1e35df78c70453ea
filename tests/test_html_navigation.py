"""The site menu of an HTML page maps like the navigation block of a text dump."""

from __future__ import annotations

from osce_kg.build import BuildOptions, build
from tests.conftest import FIXTURES

ID = "https://w3id.org/osce-kg/id/"


def test_html_menu_yields_the_osce_structure():
    result = build(BuildOptions(paths=[str(FIXTURES / "menus" / "nav_en_elections.html")], out_dir=None))
    assert result.ok, result.validation.text()
    source = result.sources[0]
    assert source.graph.endswith("/page/osce.org/example/html-menu-elections")
    assert source.kind == "topic"
    kg = result.graph
    q = f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
    SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{source.graph}> {{
        ?m org:member ?s ; org:role <{ID}role/participating-state> }} }}"""
    assert kg.select(q) == [{"n": "57"}]
    chair = kg.select(f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?s WHERE {{ GRAPH <{source.graph}> {{ ?c a osce:Chairpersonship ; org:member ?s }} }}""")
    assert chair == [{"s": ID + "country/fi"}]
    posts = kg.select(f"""PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?u WHERE {{ GRAPH <{source.graph}> {{ ?p a org:Post ; org:postIn ?u }} }} ORDER BY ?u""")
    assert [r["u"] for r in posts] == [ID + "field-operation/mission-to-moldova", ID + "org/hcnm"]
    hosts = kg.select(f"""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?h WHERE {{ GRAPH <{source.graph}> {{ <{ID}field-operation/mission-in-kosovo> osce:host ?h }} }}""")
    assert hosts == [{"h": ID + "territory/xk"}]


def test_breadcrumbs_are_not_a_menu():
    result = build(BuildOptions(paths=[str(FIXTURES / "menus" / "nav_en_elections.html")], out_dir=None,
                                validate=False))
    assert "Home" not in result.sources[0].unmapped_navigation
