"""Content negotiation of `osce-kg serve`: one table of Accept headers / ?format= values and the answer."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from osce_kg.conneg import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, accepts_html, languages, negotiate
from osce_kg.server import ServerConfig, create_app

# (Accept, format of a SELECT result); None: 406
TABLE = [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("text/csv;q=0.5, text/tab-separated-values", "tsv"),
    ("text/csv, text/tab-separated-values", "csv"),  # equal q: the first listed
    ("text/tab-separated-values;q=0.8, text/csv;q=0.9, */*;q=0.1", "csv"),
    ("text/*;q=0.9, application/sparql-results+xml;q=0.95", "xml"),
    ("text/*", "csv"),
    ("application/sparql-results+json;q=0, */*", "xml"),  # q=0 means 'not this one'
    ("image/png, */*;q=0.1", "json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),  # a browser
    ("APPLICATION/SPARQL-RESULTS+XML", "xml"),
    ("text/csv;q=abc, text/tab-separated-values;q=0.1", "tsv"),  # a broken q counts as 0
    ("image/png", None),
]
GRAPH_TABLE = [
    (None, "turtle"),
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/ld+json;q=0.5, text/turtle;q=0.4", "jsonld"),
    ("text/plain", "ntriples"),
    ("application/rdf+xml", "rdfxml"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.5", "rdfxml"),
    ("application/sparql-results+json, application/n-triples;q=0.1", "ntriples"),
    ("*/*", "turtle"),
    ("image/png", None),
]
FORMAT_PARAM = [("json", "application/sparql-results+json"), ("srj", "application/sparql-results+json"),
                ("xml", "application/sparql-results+xml"), ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                ("text/csv", "text/csv")]
GRAPH_FORMAT_PARAM = [("turtle", "text/turtle"), ("ttl", "text/turtle"), ("nt", "application/n-triples"),
                      ("ntriples", "application/n-triples"), ("jsonld", "application/ld+json"),
                      ("json", "application/ld+json"), ("rdfxml", "application/rdf+xml"),
                      ("xml", "application/rdf+xml"), ("rdf", "application/rdf+xml"),
                      ("application/rdf+xml", "application/rdf+xml")]
SELECT = "SELECT ?s WHERE { GRAPH ?g { ?s a <https://w3id.org/osce-kg/ontology#State> } } LIMIT 2"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2"


@pytest.mark.parametrize(("accept", "expected"), TABLE)
def test_select_table(accept, expected):
    if expected is None:
        with pytest.raises(NotAcceptable):
            negotiate(accept, RESULT_TYPES, "json")
    else:
        assert negotiate(accept, RESULT_TYPES, "json") == expected


@pytest.mark.parametrize(("accept", "expected"), GRAPH_TABLE)
def test_graph_table(accept, expected):
    if expected is None:
        with pytest.raises(NotAcceptable):
            negotiate(accept, GRAPH_TYPES, "turtle")
    else:
        assert negotiate(accept, GRAPH_TYPES, "turtle") == expected


def test_html_and_languages():
    assert accepts_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert not accepts_html("*/*") and not accepts_html(None)
    assert not accepts_html("text/turtle, text/html;q=0.5")
    assert accepts_html("text/turtle;q=0.5, text/html")
    assert languages("fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5") == ["fr", "de", "en"]
    assert languages("ru;q=0.2, it") == ["it", "ru", "en"]
    assert languages(None) == ["en"] and languages("en-GB;q=0, de") == ["de", "en"]


@pytest.fixture(scope="module")
def client(bundled_build):
    with TestClient(create_app(ServerConfig(store=bundled_build.out_dir / "store"))) as c:
        yield c


def test_the_table_through_the_server(client):
    """Every row of both tables, sent as a real request: the Content-Type says what was chosen."""
    from osce_kg.conneg import CONTENT_TYPES

    for query, table in ((SELECT, TABLE), (CONSTRUCT, GRAPH_TABLE)):
        for accept, expected in table:
            headers = {"Accept": accept} if accept is not None else {}
            r = client.get("/sparql", params={"query": query}, headers=headers)
            if expected is None:
                assert r.status_code == 406, accept
            else:
                assert r.status_code == 200, (accept, r.text)
                assert r.headers["content-type"].split(";")[0] == CONTENT_TYPES[expected].split(";")[0], accept
    for query, table in ((SELECT, FORMAT_PARAM), (CONSTRUCT, GRAPH_FORMAT_PARAM)):
        for value, media in table:  # ?format= wins over Accept
            r = client.get("/sparql", params={"query": query, "format": value}, headers={"Accept": "image/png"})
            assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media, value


@pytest.mark.parametrize(("accept", "media"), [
    ("text/html", "text/html"), ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("*/*", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/ld+json, text/html;q=0.5", "application/ld+json"),
])
def test_resources(client, accept, media):
    for path in ("/id/country/fi", "/graph/registry/countries", "/ontology"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media, (path, accept)
        assert "Accept" in r.headers["vary"]
