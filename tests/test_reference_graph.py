"""The registry as built RDF: queried through the public API (build + named queries), not read from the CSV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from osce_kg import iri
from osce_kg.build import BuildOptions, build
from osce_kg.language import LANGUAGES
from osce_kg.query_library import run_named
from osce_kg.registry import default_folder
from tests.conftest import PAGES

SKOS = "http://www.w3.org/2004/02/skos/core#"
OSCE = "https://w3id.org/osce-kg/ontology#"
PREFIXES = f"""PREFIX skos: <{SKOS}> PREFIX osce: <{OSCE}> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _build(registry_folder: Path | None = None):
    options = BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None, validate=False,
                           registry_folder=str(registry_folder) if registry_folder else None)
    return build(options).graph


@pytest.fixture(scope="module")
def kg():
    return _build()


def chairs_by_year(graph) -> dict[int, list[str]]:
    """year -> the States the built graph names as Chair for it (from the named query)."""
    years: dict[int, list[str]] = {}
    for row in run_named(graph, "chairpersonships"):
        years.setdefault(int(row["year"]), []).append(row["state"].rsplit("/", 1)[-1])
    return years


def chair_problems(graph, first: int = 1992, last: int = 2026) -> list[str]:
    years = chairs_by_year(graph)
    problems = []
    for year in range(first, last + 1):
        states = sorted(set(years.get(year, [])))
        if len(states) != 1:
            problems.append(f"{year}: {len(states)} chairs {states}")
    return problems


def test_participating_states_query_lists_57_with_six_labels_and_iso_codes(kg):
    rows = run_named(kg, "participating-states")
    states = {row["state"] for row in rows}
    assert len(rows) == len(states) == 57
    assert all(row["iso2"] and len(row["iso2"]) == 2 for row in rows)
    details = kg.select(PREFIXES + """
        SELECT ?s ?iso3 (GROUP_CONCAT(DISTINCT LANG(?l); separator=" ") AS ?langs) WHERE {
          ?s skos:prefLabel ?l ; osce:iso3166Alpha3 ?iso3 } GROUP BY ?s ?iso3""")
    by_state = {row["s"]: row for row in details}
    for state in states:
        assert set(by_state[state]["langs"].split()) == set(LANGUAGES), state
        assert len(by_state[state]["iso3"]) == 3
    names = {row["name"] for row in run_named(kg, "participating-states", lang="ru")}
    assert {"Монголия", "Черногория", "Ватикан"} <= names or {"Монголия", "Черногория"} <= names
    assert "https://w3id.org/osce-kg/id/country/mn" in states  # the 57th, admitted 2012


def test_partners_query_lists_11_in_two_groups(kg):
    rows = run_named(kg, "partners")
    assert len(rows) == 11
    groups = {}
    for row in rows:
        groups.setdefault(row["group"].rsplit("/", 1)[-1], set()).add(row["iso2"])
    assert groups == {"mediterranean-partners": {"DZ", "EG", "IL", "JO", "MA", "TN"},
                      "asian-partners": {"JP", "KR", "TH", "AF", "AU"}}
    since = {row["iso2"]: row["since"] for row in rows}
    assert since["JP"] == "1992" and since["AU"] == "2009"
    assert all(row["name"] and row["groupName"] for row in run_named(kg, "partners", lang="de"))


def test_mongolia_partner_then_participating_state_as_two_dated_memberships(kg):
    rows = kg.select(PREFIXES + """
        SELECT ?role ?start ?end WHERE {
          ?m org:member <https://w3id.org/osce-kg/id/country/mn> ; org:role ?role ;
             org:memberDuring ?d . ?d schema:startDate ?start . OPTIONAL { ?d schema:endDate ?end } }
        ORDER BY ?start""")
    assert [(r["role"].rsplit("/", 1)[-1], r["start"], r.get("end")) for r in rows] == [
        ("partner", "2004", "2012-11-21"), ("participating-state", "2012-11-21", None)]


def test_one_chair_per_year_1992_to_2026_in_the_built_graph(kg):
    assert chair_problems(kg) == []
    years = chairs_by_year(kg)
    assert years[2025] == ["fi"] and years[2026] == ["ch"] and years[1992] == ["cs"]


def test_chair_check_fails_when_a_year_has_two_chairs_or_none(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(default_folder(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / "chairpersonships.csv"
    lines = path.read_text("utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("2010,")] + ["2005,at,,https://example.org/x,,"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert chair_problems(_build(folder)) == ["2005: 2 chairs ['at', 'si']", "2010: 0 chairs []"]


def test_office_holders_are_dated_post_holdings_of_org_posts(kg):
    rows = run_named(kg, "office-holders")
    hcnm = [r["name"] for r in rows if r["post"].endswith("/high-commissioner-on-national-minorities")]
    assert hcnm[0] == "Max van der Stoel" and "Christophe Kamp" in hcnm
    assert all(r["source"] for r in rows)
    assert kg.ask(PREFIXES + """ASK {
        ?h a osce:PostHolding ; osce:post ?p ; org:memberDuring/schema:startDate ?s .
        ?p a org:Post ; org:postIn ?unit . ?person org:holds ?p }""")


def test_field_operation_predecessor_and_successor_links(kg):
    rows = kg.select(PREFIXES + """
        SELECT ?a ?b WHERE { ?b dcterms:replaces ?a . ?a dcterms:isReplacedBy ?b }""")
    chain = {r["a"].rsplit("/", 1)[-1]: r["b"].rsplit("/", 1)[-1] for r in rows}
    assert chain["centre-in-almaty"] == "centre-in-astana"
    assert chain["centre-in-astana"] == "programme-office-in-astana"


def test_every_registry_fact_cites_its_source_in_its_own_graph(kg):
    graphs = {g for g in kg.graphs() if "/graph/registry/" in g}
    assert iri.registry_graph("countries") in graphs and iri.registry_graph("memberships") in graphs
    uncited = kg.select(PREFIXES + """
        SELECT ?s ?g WHERE { GRAPH ?g { ?s a ?c } FILTER(?c IN (org:Membership, osce:Chairpersonship,
          osce:PostHolding, osce:State, osce:FieldOperation))
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/osce-kg/graph/registry/"))
          FILTER NOT EXISTS { GRAPH ?g { ?s dcterms:source ?src } }
          FILTER NOT EXISTS { GRAPH ?g { ?s osce:flag osce:unverified } } }""")
    assert uncited == []
    assert kg.ask(PREFIXES + """ASK { GRAPH ?g { ?g a osce:RegistryGraph ; prov:wasDerivedFrom ?url } }""")
    # flags travel with the fact: Serbia's admission date is disputed
    assert kg.ask(PREFIXES + """ASK { <https://w3id.org/osce-kg/id/membership/osce/participating-state/rs>
        osce:flag osce:conflict }""")


def test_wikidata_and_iso_alignment(kg):
    assert kg.ask(PREFIXES + """ASK { <https://w3id.org/osce-kg/id/country/fi>
        owl:sameAs <http://www.wikidata.org/entity/Q33> ; skos:exactMatch <urn:iso:std:iso:3166:-1:FI> }""")
    assert kg.ask(PREFIXES + """ASK { <https://w3id.org/osce-kg/id/org/osce>
        skos:exactMatch <http://www.wikidata.org/entity/Q81299> }""")


def test_name_variants_and_the_csce_renaming_are_labels(kg):
    alts = {(r["s"].rsplit("/", 1)[-1], r["l"]) for r in kg.select(PREFIXES + """
        SELECT ?s ?l WHERE { ?s skos:altLabel ?l }""")}
    for expected in [("cz", "Czech Republic"), ("tr", "Turkey"), ("nl", "The Netherlands"),
                     ("kg", "Kyrgyz Republic"), ("mk", "the former Yugoslav Republic of Macedonia"),
                     ("osce", "CSCE"), ("osce", "Conference on Security and Co-operation in Europe")]:
        assert expected in alts, expected
