"""`osce-kg serve`: the SPARQL 1.1 Protocol, what it refuses, Linked Data pages and the query page, through
Starlette's test client and, for real clients (SPARQLWrapper, rdflib's SPARQLStore), on uvicorn."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from starlette.testclient import TestClient

from osce_kg.server import ServerConfig, create_app
from osce_kg.store import KnowledgeGraph
from tests import servers

# pyoxigraph results freed on another thread than the one that made them surface as unraisable errors
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

SELECT = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { GRAPH ?g { "
          "<https://w3id.org/osce-kg/id/country/fi> skos:prefLabel ?l } } ORDER BY ?l")
CONSTRUCT = ("CONSTRUCT { <https://w3id.org/osce-kg/id/country/fi> ?p ?o } "
             "WHERE { <https://w3id.org/osce-kg/id/country/fi> ?p ?o }")
FI = "https://w3id.org/osce-kg/id/country/fi"


@pytest.fixture(scope="module")
def store(bundled_build):
    return bundled_build.out_dir / "store"


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(ServerConfig(store=store)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def server(store):
    srv = servers.OsceKgServer(store)
    yield srv
    srv.stop()


def labels(response) -> list[str]:
    return [b["l"]["value"] for b in response.json()["results"]["bindings"]]


def test_get_post_form_and_post_query_give_the_same_rows(client):
    get = client.get("/sparql", params={"query": SELECT})
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post("/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query"})
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.headers["content-type"].startswith("application/sparql-results+json")
    assert labels(get) == labels(form) == labels(direct)
    assert {"Finland", "Finnland", "Finlande", "Финляндия"} <= set(labels(get))


def test_every_form_and_result_format(client):
    ask = client.get("/sparql", params={"query": f"ASK {{ GRAPH ?g {{ <{FI}> ?p ?o }} }}"})
    assert ask.json() == {"head": {}, "boolean": True}
    ask_xml = client.get("/sparql", params={"query": f"ASK {{ <{FI}> ?p ?o }}", "format": "xml"})
    assert "<boolean>true</boolean>" in ask_xml.text
    xml = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml") and "Finnland" in xml.text
    csv = client.get("/sparql", params={"query": SELECT, "format": "csv"})
    assert csv.text.startswith("l\r\n") and "Finnland\r\n" in csv.text
    tsv = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.startswith("?l\n") and '"Finnland"@de' in tsv.text
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept), accept
        g = rdflib.Graph().parse(data=r.text, format=fmt)
        assert (rdflib.URIRef(FI), rdflib.SKOS.prefLabel, rdflib.Literal("Finlande", lang="fr")) in g


def test_service_description_without_a_query(client):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(g.subjects(rdflib.RDF.type, sd.Service))
    assert str(g.value(service, sd.endpoint)).endswith("/sparql")
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    names = {str(o) for o in g.objects(None, sd.name)}
    assert "https://w3id.org/osce-kg/graph/registry/countries" in names
    # a browser that asks /sparql for a page is sent to the query page
    assert client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False).status_code == 303


@pytest.mark.parametrize("request_", [
    {"method": "POST", "data": {"update": "DROP ALL"}},
    {"method": "POST", "content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"query": f"INSERT DATA {{ <{FI}> <urn:p> 1 }}"}},
    {"method": "POST", "data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
])
def test_updates_are_refused(client, request_):
    r = client.request(url="/sparql", **request_)
    assert r.status_code == 403 and "read-only" in r.text
    assert labels(client.get("/sparql", params={"query": SELECT}))  # the data is still there


def test_service_is_refused_unless_federation_is_allowed(client, store):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403 and "--allow-federation" in r.text
    with TestClient(create_app(ServerConfig(store=store, allow_federation=True))) as fed:
        r = fed.get("/sparql", params={"query": query})
        assert r.status_code == 400 and "query failed" in r.text  # it tried: nothing listens on port 9


def test_limits_time_and_size(store):
    # rows that keep coming: the server stops reading them at the deadline and drops the evaluation
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with TestClient(create_app(ServerConfig(store=store, timeout=0.3, max_rows=10**9))) as c:
        r = c.get("/sparql", params={"query": endless})
        assert r.status_code == 503 and "timed out after 0.3 s" in r.text
    with TestClient(create_app(ServerConfig(store=store, max_rows=5))) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 6"})
        assert r.status_code == 400 and "more than 5 rows" in r.text
        assert c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}).status_code == 200


def test_an_evaluation_that_gives_no_row_is_answered_at_the_limit_and_keeps_its_slot(store, monkeypatch):
    """An aggregate gives its first row only when the engine is done: the answer is a 503 one second past the
    limit all the same. pyoxigraph cannot stop a running evaluation, so it goes on in its thread, and it keeps
    its slot until it ends: past `threads` of them, a query is refused at once as busy, not evaluated beside
    them. (Here the evaluation is a wait the test ends, not a cross product that would hold a core.)"""
    import threading
    import time

    from osce_kg import server

    release = threading.Event()
    evaluate = server.Backend.evaluate

    def blocked_or_real(self, sparql, form, **kwargs):
        return release.wait(10) if "COUNT" in sparql else evaluate(self, sparql, form, **kwargs)

    monkeypatch.setattr(server.Backend, "evaluate", blocked_or_real)
    aggregate = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    try:
        with TestClient(create_app(ServerConfig(store=store, timeout=0.2, threads=1))) as c:
            r = c.get("/sparql", params={"query": aggregate})
            assert r.status_code == 503 and "timed out after 0.2 s" in r.text
            r = c.get("/sparql", params={"query": SELECT})  # the one slot is still taken
            assert r.status_code == 503 and "the server is busy" in r.text
            release.set()
            for _ in range(100):  # the abandoned thread ends and gives its slot back
                r = c.get("/sparql", params={"query": SELECT})
                if r.status_code == 200:
                    break
                time.sleep(0.01)
            assert r.status_code == 200 and "Finland" in r.text
    finally:
        release.set()


@pytest.mark.parametrize(("kwargs", "status", "message"), [
    ({"params": {"query": "SELECT ?x WHERE { ?x ?y }"}}, 400, "line 1, column"),
    ({"params": {"query": "SELECT ?x WHERE { ?x ?y ?z }", "format": "yaml"}}, 400, "unknown format 'yaml'"),
    ({"params": {"query": CONSTRUCT, "format": "csv"}}, 400, "for a graph result"),
    ({"params": {"query": ""}}, 400, "empty"),
    ({"params": {"query": "hello"}}, 400, "not a SPARQL query"),
    ({"method": "POST", "content": "x" * 2_000_001, "headers": {"Content-Type": "application/sparql-query"}},
     400, "over the limit"),
    ({"method": "POST", "content": "{}", "headers": {"Content-Type": "application/json"}}, 400, "Content-Type"),
    ({"params": {"query": SELECT}, "headers": {"Accept": "image/png"}}, 406, "offered"),
])
def test_bad_requests_get_a_readable_message(client, kwargs, status, message):
    kwargs = dict(kwargs)
    r = client.request(kwargs.pop("method", "GET"), "/sparql", **kwargs)
    assert r.status_code == status and message in r.text, r.text
    assert r.headers["content-type"].startswith("text/plain")


def test_cors_headers(client):
    r = client.get("/sparql", params={"query": SELECT}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]


def test_entity_pages_in_the_readers_language(client):
    cases = (("fr-CH, fr;q=0.9, en;q=0.5", "Finlande"), ("de", "Finnland"), ("ka", "Finland"), (None, "Finland"))
    for lang, name in cases:
        headers = {"Accept": "text/html"} | ({"Accept-Language": lang} if lang else {})
        r = client.get("/id/country/fi", headers=headers)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert f"<h1>{name}</h1>" in r.text, lang
    page = client.get("/id/country/fi", headers={"Accept": "text/html"}).text
    assert 'href="/graph/registry/countries"' in page  # where each fact comes from
    assert client.get("/graph/registry/countries", headers={"Accept": "text/html"}).status_code == 200


def test_entity_data_by_conneg_and_suffix(client):
    fi = rdflib.URIRef(FI)
    for path, headers, fmt in (("/id/country/fi", {"Accept": "text/turtle"}, "turtle"),
                               ("/id/country/fi.ttl", {}, "turtle"),
                               ("/id/country/fi", {"Accept": "application/ld+json"}, "json-ld"),
                               ("/id/country/fi.jsonld", {"Accept": "text/html"}, "json-ld"),
                               ("/id/country/fi.nt", {}, "nt")):
        r = client.get(path, headers=headers)
        assert r.status_code == 200, path
        g = rdflib.Graph().parse(data=r.text, format=fmt)
        assert (fi, rdflib.SKOS.prefLabel, rdflib.Literal("Finnland", lang="de")) in g, path
        assert {s for s in g.subjects()} == {fi}, path  # the entity's own description, nothing else
    page = "https://w3id.org/osce-kg/id/page/osce.org/elections"  # an IRI with dots in it
    r = client.get("/id/page/osce.org/elections.ttl")
    assert r.status_code == 200 and (rdflib.URIRef(page), None, None) in rdflib.Graph().parse(data=r.text)


def test_unknown_iris_are_404(client):
    for path in ("/id/country/zz", "/id/country/zz.ttl", "/graph/page/nowhere", "/ontology.xyz", "/nothing"):
        assert client.get(path, headers={"Accept": "text/html"}).status_code == 404, path


def test_graph_and_ontology_resources(client):
    r = client.get("/graph/page/osce.org/elections", headers={"Accept": "text/html"})
    assert r.status_code == 200 and 'href="https://www.osce.org/elections"' in r.text  # the source page
    g = rdflib.Graph().parse(data=client.get("/graph/page/osce.org/elections.ttl").text, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/osce-kg/id/page/osce.org/elections"), rdflib.URIRef("https://schema.org/url"),
            rdflib.Literal("https://www.osce.org/elections", datatype=rdflib.XSD.anyURI)) in g
    osce = rdflib.Namespace("https://w3id.org/osce-kg/ontology#")
    for headers, fmt in (({"Accept": "text/turtle"}, "turtle"), ({"Accept": "application/ld+json"}, "json-ld")):
        onto = rdflib.Graph().parse(data=client.get("/ontology", headers=headers).text, format=fmt)
        assert (osce.FieldOperation, rdflib.RDF.type, rdflib.OWL.Class) in onto
    html = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert 'id="FieldOperation"' in html


def test_values_are_escaped(tmp_path):
    kg = KnowledgeGraph()
    evil = '<script>alert("x")</script> & ODIHR'
    kg.add_quads([ox.Quad(ox.NamedNode(FI), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                          ox.Literal(evil, language="en"), ox.NamedNode("https://w3id.org/osce-kg/graph/test/x")),
                  ox.Quad(ox.NamedNode(FI), ox.NamedNode("http://www.w3.org/2004/02/skos/core#note"),
                          ox.Literal('"quoted" <b>'), ox.NamedNode("https://w3id.org/osce-kg/graph/test/x"))])
    kg.save(tmp_path / "store")
    with TestClient(create_app(ServerConfig(store=tmp_path / "store"))) as c:
        for r in (c.get("/id/country/fi", headers={"Accept": "text/html"}),
                  c.get("/graph/test/x", headers={"Accept": "text/html"}),
                  c.get("/", params={"query": "SELECT ?o WHERE { ?s ?p ?o }"})):
            assert "<script>" not in r.text and "<b>" not in r.text.replace("<b>osce-kg</b>", "")
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ODIHR" in r.text


def test_query_page_lists_named_queries_and_runs_them(client):
    from osce_kg.query_library import library

    home = client.get("/").text
    for name, q in library().items():
        assert f'href="/?name={name}"' in home and q.title.replace("&", "&amp;").replace("'", "&#x27;") in home
    r = client.get("/", params={"name": "participating-states", "param.lang": "fr", "run": "1"})
    assert r.status_code == 200 and 'id="results"' in r.text and "Finlande" in r.text
    assert 'name="param.lang" value="fr"' in r.text
    downloads = [a.split('"')[0].replace("&amp;", "&") for a in r.text.split('class="download" href="')[1:]]
    assert [d.rsplit("=", 1)[1] for d in downloads] == ["json", "xml", "csv", "tsv"]
    assert "Finlande" in client.get(downloads[2]).text
    bad = client.get("/", params={"name": "participating-states", "param.lang": "not a tag!", "run": "1"})
    assert bad.status_code == 200 and 'class="error"' in bad.text and "must be a language" in bad.text
    mine = client.get("/", params={"query": SELECT})
    assert "Finnland" in mine.text and 'id="results"' in mine.text


def test_sparqlwrapper_and_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    url = server.base + "/sparql"
    sw = SPARQLWrapper(url)
    sw.setTimeout(10)
    sw.setQuery(SELECT)
    sw.setReturnFormat(JSON)
    assert "Finlande" in [b["l"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    sw.setMethod(POST)
    assert "Finlande" in [b["l"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert (rdflib.URIRef(FI), rdflib.SKOS.prefLabel, rdflib.Literal("Finlande", lang="fr")) in g

    remote = rdflib.Graph(SPARQLStore(url, timeout=10))
    rows = {str(r.l) for r in remote.query(SELECT)}
    assert {"Finland", "Finlande"} <= rows
    assert remote.query(f"ASK {{ <{FI}> ?p ?o }}").askAnswer is True
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    writer = SPARQLUpdateStore(url, url, timeout=10)  # a client that does send updates: the server refuses
    with pytest.raises(Exception, match="403"):
        writer.update("DROP ALL")
    assert {"Finland", "Finlande"} <= {str(r.l) for r in remote.query(SELECT)}


def test_the_server_survives_bad_requests(server):
    import httpx

    with httpx.Client(base_url=server.base, timeout=10) as http:
        assert http.get("/sparql", params={"query": "SELECT {"}).status_code == 400
        assert http.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}
                         ).status_code == 400
        assert http.get("/sparql", params={"query": SELECT, "format": "nope"}).status_code == 400
        assert http.get("/id/%00").status_code == 404
        r = http.get("/sparql", params={"query": SELECT})
        assert r.status_code == 200 and json.loads(r.text)["results"]["bindings"]


@pytest.mark.slow
def test_the_command(store, tmp_path):
    import subprocess
    import sys

    from osce_kg.cli import main

    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    assert main(["serve", "--store", str(store), "--max-rows", "0"]) == 2
    assert main(["serve", "--store", str(store), "--threads", "0"]) == 2
    port = servers.free_port()
    process = subprocess.Popen([sys.executable, "-m", "osce_kg", "serve", "--store", str(store), "--port", str(port),
                                "--max-rows", "3"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        servers.wait(f"http://127.0.0.1:{port}/sparql")
        import httpx

        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 4"},
                      timeout=10)
        assert r.status_code == 400 and "more than 3 rows" in r.text
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err
    port = servers.free_port()  # several worker processes, each opening the store read-only
    process = subprocess.Popen([sys.executable, "-m", "osce_kg", "serve", "--store", str(store), "--port", str(port),
                                "--workers", "2", "--threads", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        servers.wait(f"http://127.0.0.1:{port}/sparql")
        for _ in range(4):
            assert "Finlande" in httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": SELECT},
                                           timeout=10).text
    finally:
        process.terminate()
        process.wait(timeout=10)
