"""`osce-kg enrich`: Wikidata-shaped facts from a local SPARQL server (oxigraph), cached for offline builds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from osce_kg import iri
from osce_kg.build import BuildOptions, build
from osce_kg.cli import main
from osce_kg.enrich import enrichment_graph
from tests.conftest import FIXTURES, PAGES

FIXTURE = FIXTURES / "enrich" / "wikidata.ttl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(base: str, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"SPARQL server at {base} did not start")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """(query URL, graph holding the fixture): $OSCE_KG_TEST_ENDPOINT, else an oxigraph server of our own."""
    base, process = os.environ.get("OSCE_KG_TEST_ENDPOINT", "").rstrip("/"), None
    if not base:
        base = f"http://127.0.0.1:{_free_port()}"
        folder = tmp_path_factory.mktemp("oxigraph")
        try:
            process = subprocess.Popen(["oxigraph", "serve", "--location", str(folder / "db"), "--bind",
                                        base.removeprefix("http://")], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            pytest.skip("oxigraph binary not installed (pip install -e '.[test]')")
    try:
        _wait(base)
        graph = f"urn:osce-kg-test:enrich:{uuid.uuid4()}"
        request = urllib.request.Request(f"{base}/store?graph={urllib.parse.quote(graph, safe='')}",
                                         data=FIXTURE.read_bytes(), method="POST",
                                         headers={"Content-Type": "text/turtle"})
        urllib.request.urlopen(request, timeout=10).read()
        yield f"{base}/query", graph
        delete = urllib.request.Request(f"{base}/store?graph={urllib.parse.quote(graph, safe='')}", method="DELETE")
        urllib.request.urlopen(delete, timeout=10).read()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)


def test_enrich_caches_wikidata_facts_and_the_build_takes_them_offline(endpoint, tmp_path, capsys):
    url, graph = endpoint
    cache = tmp_path / "cache"
    assert main(["enrich", "--endpoint", url, "--graph", graph, "--cache", str(cache)]) == 0
    out, err = capsys.readouterr()
    assert "ISO code differs: country:de (Q183): registry iso3 DEU, Wikidata DEX" in err
    data = json.loads((cache / "wikidata.json").read_text("utf-8"))
    assert data["items"]["Q33"]["labels"] == {"en": "Finland", "fr": "Finlande", "de": "Finnland",
                                              "it": "Finlandia", "ru": "Финляндия", "es": "Finlandia"}
    assert data["items"]["Q33"]["iso2"] == ["FI"] and data["items"]["Q212"]["iso3"] == ["UKR"]

    # a second run is answered from the cache, without a request
    assert main(["enrich", "--endpoint", url, "--graph", graph, "--cache", str(cache)]) == 0
    assert "from cache" in capsys.readouterr().out

    result = build(BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None, cache_dir=str(cache)))
    kg, g = result.graph, enrichment_graph()
    assert result.conforms
    assert kg.ask(f"""ASK {{ GRAPH <{g}> {{ <{g}> <http://www.w3.org/ns/prov#wasDerivedFrom> <{url}> .
        <http://www.wikidata.org/entity/Q33> <http://www.w3.org/2000/01/rdf-schema#label> "Финляндия"@ru ;
        <http://www.wikidata.org/prop/direct/P297> "FI" }} }}""")
    # Wikidata's "Republic of Moldova" is a variant next to the registry's name, which stays preferred
    rows = kg.select("""SELECT ?g ?p WHERE { GRAPH ?g { <https://w3id.org/osce-kg/id/country/md> ?p
        "Republic of Moldova"@en } }""")
    assert {(r["g"], r["p"].rsplit("#", 1)[-1]) for r in rows} <= {
        (g, "altLabel"), (iri.registry_graph("countries"), "altLabel")}
    assert kg.ask("""ASK { GRAPH ?g { <https://w3id.org/osce-kg/id/country/md>
        <http://www.w3.org/2004/02/skos/core#prefLabel> "Moldova"@en } }""")


def test_no_cache_no_enrichment_graph(tmp_path):
    result = build(BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None, validate=False,
                                cache_dir=str(tmp_path / "none")))
    assert enrichment_graph() not in result.graph.graphs()


class _Flaky(BaseHTTPRequestHandler):
    hits = 0
    delay = 0.0

    def do_POST(self):  # noqa: N802 (http.server's naming)
        type(self).hits += 1
        time.sleep(self.delay)
        self.send_response(503)
        self.end_headers()

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):
        pass


def _serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_failing_endpoint_is_retried_with_backoff_then_reported(tmp_path, capsys):
    handler = type("Unavailable", (_Flaky,), {"hits": 0})
    server = _serve(handler)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        code = main(["enrich", "--endpoint", url, "--cache", str(tmp_path), "--retries", "2", "--backoff", "0.01"])
    finally:
        server.shutdown()
    assert code == 1 and handler.hits == 3
    assert f"{url}: no answer after 3 attempt(s)" in capsys.readouterr().err
    assert not (tmp_path / "wikidata.json").exists()


def test_a_slow_endpoint_times_out(tmp_path, capsys):
    handler = type("Slow", (_Flaky,), {"hits": 0, "delay": 3.0})
    server = _serve(handler)
    started = time.monotonic()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        code = main(["enrich", "--endpoint", url, "--cache", str(tmp_path), "--retries", "0", "--timeout", "1"])
    finally:
        server.shutdown()
    assert code == 1 and time.monotonic() - started < 2.9
    assert "no answer after 1 attempt(s)" in capsys.readouterr().err


def test_a_broken_cache_is_named_and_left_out(tmp_path):
    (tmp_path / "wikidata.json").write_text("{not json", "utf-8")
    from osce_kg.enrich import enrichment_quads
    from osce_kg.registry import load_registry

    warnings: list[str] = []
    assert enrichment_quads(load_registry(), Path(tmp_path), warnings) == []
    assert "wikidata.json: not a readable enrichment cache" in warnings[0]
