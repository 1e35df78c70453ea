"""`osce-kg publish`: the build's named graphs loaded into `oxigraph serve` (Graph Store Protocol and SPARQL
Update) and Virtuoso (SPARQL Update in chunks); idempotent; the named queries give the embedded store's rows."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
import urllib.request

import pytest

from osce_kg.cli import main
from osce_kg.publish import Client, PublishError, publish, server_graphs
from osce_kg.query_library import execute, library
from osce_kg.store import KnowledgeGraph
from tests import servers
from tests.test_query_endpoints import canonical

# These tests share the SPARQL servers .ci/run starts: one xdist worker runs them all, one after another.
pytestmark = pytest.mark.xdist_group("shared-servers")


STALE = "https://w3id.org/osce-kg/graph/page/osce.org/no-longer-built"
OTHER = "urn:example:someone-elses-graph"


@pytest.fixture(scope="module")
def kg(bundled_build):
    return KnowledgeGraph.open(bundled_build.out_dir / "store")


@pytest.fixture(scope="module")
def embedded(kg):
    return {name: canonical(execute(q, kg=kg)) for name, q in library().items()}


@pytest.fixture
def oxigraph(tmp_path):
    if not servers.shutil.which("oxigraph"):
        pytest.skip("oxigraph binary not installed (pip install -e '.[test]')")
    base, process = servers.start_oxigraph(tmp_path)
    yield base
    process.terminate()
    process.wait(timeout=10)


def update(url: str, text: str) -> None:
    body = urllib.parse.urlencode({"update": text}).encode()
    urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=10).read()


def same_rows(endpoint: str, embedded: dict, ordered: bool = True) -> None:
    for name, q in library().items():
        rows = canonical(execute(q, endpoint=endpoint, timeout=30))
        if ordered:
            assert rows == embedded[name], name
        else:
            assert sorted(rows, key=repr) == sorted(embedded[name], key=repr), name


def test_graph_store_protocol_is_idempotent_and_replace_drops_stale_graphs(kg, embedded, oxigraph):
    query = oxigraph + "/query"
    update(oxigraph + "/update", f"INSERT DATA {{ GRAPH <{STALE}> {{ <urn:a> <urn:b> 1 }} "
                                 f"GRAPH <{OTHER}> {{ <urn:a> <urn:b> 2 }} }}")
    first = publish(kg, query, graph_store=oxigraph + "/store")
    assert first.method == "Graph Store Protocol" and not first.mismatched
    assert len(first.graphs) == len(kg.graphs()) and first.triples == len(kg)
    assert first.requests == len(kg.graphs()) + 1  # one PUT per graph, one count
    counts = server_graphs(Client(), query)
    second = publish(kg, query, graph_store=oxigraph + "/store")
    assert server_graphs(Client(), query) == counts and not second.mismatched  # the same data again
    assert STALE in counts and OTHER in counts  # without --replace, graphs are only put
    third = publish(kg, query, graph_store=oxigraph + "/store", replace=True)
    after = server_graphs(Client(), query)
    assert third.dropped == [STALE] and STALE not in after and OTHER in after  # only the project's graphs
    same_rows(query, embedded)


def test_sparql_update_in_chunks(kg, embedded, oxigraph):
    query = oxigraph + "/query"
    summary = publish(kg, query, update=oxigraph + "/update", chunk=500)
    assert summary.method == "SPARQL Update" and not summary.mismatched
    assert summary.requests > len(kg) // 500  # chunks, not one request per graph
    again = publish(kg, query, update=oxigraph + "/update", chunk=500, replace=True)
    assert again.on_server == summary.on_server
    same_rows(query, embedded)


def test_cli_summary_and_exit_codes(bundled_build, oxigraph, capsys):
    store = str(bundled_build.out_dir / "store")
    code = main(["publish", "--endpoint", oxigraph + "/query", "--graph-store", oxigraph + "/store", "--store", store])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("published ") and "by Graph Store Protocol" in out and "verified" in out
    port = servers.free_port()  # nothing listens there
    code = main(["publish", "--endpoint", f"http://127.0.0.1:{port}/query", "--store", store, "--retries", "0",
                 "--timeout", "2"])
    assert code == 1 and f"127.0.0.1:{port}" in capsys.readouterr().err
    assert main(["publish", "--endpoint", "x", "--graph-store", "y", "--update", "z", "--store", store]) == 2


def test_retries_on_server_errors():
    answers = [503, 502, 200]
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.path)
            self.send_response(answers.pop(0))
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sleeps = []
        client = Client(timeout=5, retries=3, sleep=sleeps.append)
        client.send("PUT", f"http://127.0.0.1:{server.server_port}/store?graph=x", b"", {})
        assert len(seen) == 3 and client.retried == 2 and sleeps == [0.5, 1.0]  # backoff doubles
        answers[:] = [500, 500]
        with pytest.raises(PublishError, match="HTTP 500"):
            Client(timeout=5, retries=1, sleep=sleeps.append).send(
                "PUT", f"http://127.0.0.1:{server.server_port}/store", b"", {})
    finally:
        server.shutdown()


def test_virtuoso(kg, embedded, virtuoso_server):
    url, isql, _ = virtuoso_server
    # the session's Virtuoso, which the query tests may have bulk-loaded: the build's graphs emptied first, so
    # what the queries read below is what publish put there
    servers.drop_virtuoso_graphs(isql, kg.graphs())
    assert server_graphs(Client(), url).keys().isdisjoint(kg.graphs())
    # Virtuoso's anonymous SPARQL user may not write until granted; no GSP without authentication
    servers.virtuoso_sql(isql, 'grant SPARQL_UPDATE to "SPARQL";')
    summary = publish(kg, url, update=url, chunk=1000)
    assert not summary.mismatched, summary.text()
    again = publish(kg, url, update=url, chunk=1000)
    assert again.on_server == summary.on_server
    same_rows(url, embedded)
