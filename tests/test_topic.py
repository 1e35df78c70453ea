"""Topic pages in the six languages land on the fields-of-work concepts, labelled in their language."""

from __future__ import annotations

import pytest

from osce_kg.build import BuildOptions, build, bundled_corpus

ID = "https://w3id.org/osce-kg/id/"
CASES = [
    ("en_topic_elections.txt", "en", "elections", "Elections"),
    ("fr_topic_gender_equality.txt", "fr", "gender-equality", "Égalité entre les genres"),
    ("de_topic_border_management.txt", "de", "border-management", "Grenzmanagement"),
    ("it_topic_rule_of_law.txt", "it", "rule-of-law", "Stato di diritto"),
    ("ru_topic_policing.txt", "ru", "policing", "Полицейская деятельность"),
    ("es_topic_youth.txt", "es", "youth", "Juventud"),
]


@pytest.mark.parametrize(("name", "lang", "topic", "title"), CASES)
def test_topic_page(name, lang, topic, title):
    result = build(BuildOptions(paths=[str(bundled_corpus() / name)], out_dir=None, validate=False))
    source = result.sources[0]
    assert (source.kind, source.language, source.title) == ("topic", lang, title)
    rows = result.graph.select(f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX schema: <https://schema.org/>
        SELECT ?label ?desc ?page WHERE {{ GRAPH <{source.graph}> {{
            <{ID}topic/{topic}> skos:prefLabel ?label ; dcterms:description ?desc .
            ?page schema:about <{ID}topic/{topic}> ; dcterms:title ?t .
            FILTER(LANG(?label) = "{lang}" && LANG(?desc) = "{lang}" && LANG(?t) = "{lang}") }} }}""")
    assert len(rows) == 1
    assert rows[0]["label"] == title
    assert len(rows[0]["desc"]) > 40


def test_title_not_in_registry_spelling_becomes_an_alt_label(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("# source: https://www.osce.org/x/anti-trafficking\nCombating human trafficking\n"
                    "The OSCE helps its participating States fight trafficking in human beings.\n")
    result = build(BuildOptions(paths=[str(page)], out_dir=None, validate=False))
    graph = result.sources[0].graph
    rows = result.graph.select(f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?p ?l WHERE {{ GRAPH <{graph}> {{ <{ID}topic/combating-trafficking-in-human-beings> ?p ?l
        FILTER(isLiteral(?l) && LANG(?l) = "en") }} }}""")
    assert {"p": "http://www.w3.org/2004/02/skos/core#altLabel", "l": "Combating human trafficking"} in rows
    assert not [r for r in rows if r["p"].endswith("prefLabel")]


def test_years_and_mentions_are_recorded():
    result = build(BuildOptions(paths=[str(bundled_corpus() / "en_topic_elections.txt")], out_dir=None,
                                validate=False))
    graph = result.sources[0].graph
    years = result.graph.select(f"""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?y WHERE {{ GRAPH <{graph}> {{ ?p osce:mentionsYear ?y }} }}""")
    assert {r["y"] for r in years} >= {"1990", "1991"}
    mentions = result.graph.select(f"""PREFIX schema: <https://schema.org/>
        SELECT ?e WHERE {{ GRAPH <{graph}> {{ ?p schema:mentions ?e }} }}""")
    assert {ID + "org/odihr", ID + "org/parliamentary-assembly"} <= {r["e"] for r in mentions}
