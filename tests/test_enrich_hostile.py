"""`osce-kg enrich` against hostile servers on 127.0.0.1: a total deadline per request, a size cap, same-host
redirects only, answers checked before they are cached, labels cleaned; a bad cache never breaks a build."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from osce_kg.cli import main
from tests.conftest import PAGES

WD, LABEL = "http://www.wikidata.org/entity/", "http://www.w3.org/2000/01/rdf-schema#label"


class RawServer:
    """A TCP server on 127.0.0.1 answering every connection with `answer(sock, request_bytes)`."""

    def __init__(self, answer):
        self.answer, self.hits = answer, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn:
            conn.settimeout(5)
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    request += conn.recv(65536)
                self.answer(conn, request, self)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.fixture
def serve():
    servers = []

    def start(answer):
        servers.append(RawServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def reply(conn, body: bytes, status: str = "200 OK", headers: str = "") -> None:
    conn.sendall(f"HTTP/1.1 {status}\r\nContent-Type: application/sparql-results+json\r\n"
                 f"Content-Length: {len(body)}\r\n{headers}Connection: close\r\n\r\n".encode() + body)


def rows(*triples) -> bytes:
    bindings = [{"item": {"type": "uri", "value": WD + q}, "p": {"type": "uri", "value": p}, "o": o}
                for q, p, o in triples]
    return json.dumps({"head": {"vars": ["item", "p", "o"]}, "results": {"bindings": bindings}}).encode()


def enrich(url, cache, *extra) -> int:
    return main(["enrich", "--endpoint", url, "--cache", str(cache), "--retries", "0", *extra])


def test_a_trickling_server_is_cut_off_at_the_deadline(serve, tmp_path, capsys):
    def trickle(conn, request, server):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not server.stop.is_set():
            conn.sendall(b" ")
            time.sleep(0.1)

    def slow_headers(conn, request, server):
        while not server.stop.is_set():
            conn.sendall(b"X")
            time.sleep(0.1)

    for answer in (trickle, slow_headers):
        server = serve(answer)
        started = time.monotonic()
        assert enrich(server.url, tmp_path, "--timeout", "0.6") == 1
        assert time.monotonic() - started < 1.5  # the server would go on for ever
        assert "no answer after 1 attempt(s)" in capsys.readouterr().err
    assert not (tmp_path / "wikidata.json").exists()


def test_an_oversized_answer_is_refused(serve, tmp_path, capsys):
    def declared(conn, request, server):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 500000000\r\n\r\n{")

    def streamed(conn, request, server):
        conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
        block = b" " * 1_000_000
        for _ in range(20):
            conn.sendall(block)

    for answer, message in ((declared, "500,000,000 bytes is over the"), (streamed, "answer over the")):
        assert enrich(serve(answer).url, tmp_path, "--timeout", "5") == 1
        assert message in capsys.readouterr().err
    assert not (tmp_path / "wikidata.json").exists()


def test_redirects_only_to_the_same_host_and_port(serve, tmp_path, capsys):
    elsewhere = serve(lambda conn, request, server: reply(conn, rows()))
    away = serve(lambda conn, request, server: reply(conn, b"", "302 Found", f"Location: {elsewhere.url}\r\n"))
    assert enrich(away.url, tmp_path) == 1
    assert "redirect to another host or port refused" in capsys.readouterr().err
    assert elsewhere.hits == 0 and not (tmp_path / "wikidata.json").exists()

    def same(conn, request, server):
        if request.startswith(b"POST /sparql "):
            reply(conn, b"", "307 Temporary Redirect", "Location: /real\r\n")
        else:
            reply(conn, rows(("Q33", LABEL, {"type": "literal", "value": "Suomi", "xml:lang": "fr"})))

    assert enrich(serve(same).url, tmp_path) == 0
    assert json.loads((tmp_path / "wikidata.json").read_text())["items"]["Q33"]["labels"] == {"fr": "Suomi"}


@pytest.mark.parametrize("body", [b"not json", b'{"results": 5}', b'{"results": {"bindings": [1, 2]}}', b"[]"])
def test_an_answer_of_the_wrong_shape_is_not_cached(serve, tmp_path, capsys, body):
    assert enrich(serve(lambda conn, request, server: reply(conn, body)).url, tmp_path) == 1
    assert "answer is not" in capsys.readouterr().err
    assert not (tmp_path / "wikidata.json").exists()


def test_hostile_labels_are_cleaned_or_dropped_before_caching(serve, tmp_path):
    def lit(text, lang):
        return {"type": "literal", "value": text, "xml:lang": lang}

    hostile = rows(("Q33", LABEL, lit("<script>alert(1)</script>", "en")),
                   ("Q33", LABEL, lit("Fin\u202eland\x00", "fr")),
                   ("Q33", LABEL, lit("F" * 500, "de")),
                   ("Q33", LABEL, lit("Finlandia", "it")),
                   ("Q33", "http://www.wikidata.org/prop/direct/P297", {"type": "literal", "value": "F<I"}),
                   ("Q33", LABEL, {"type": "uri", "value": "http://example.org/x"}))
    assert enrich(serve(lambda conn, request, server: reply(conn, hostile)).url, tmp_path) == 0
    item = json.loads((tmp_path / "wikidata.json").read_text())["items"]["Q33"]
    assert item == {"labels": {"fr": "Finland", "it": "Finlandia"}, "iso2": [], "iso3": []}


def test_a_tampered_cache_is_left_out_of_the_build_with_a_warning(tmp_path, capsys, monkeypatch):
    from osce_kg.enrich import enrichment_quads
    from osce_kg.registry import load_registry

    registry, cache = load_registry(), tmp_path / "cache"
    cache.mkdir()
    for bad in ({"endpoint": "not an iri", "items": {}},
                {"endpoint": "http://x/", "items": {"Q33": {"labels": ["x"]}}},
                {"endpoint": "http://x/", "items": {"../etc": {}}},
                {"endpoint": "http://x/", "fetched": "<script>", "items": {}}):
        (cache / "wikidata.json").write_text(json.dumps(bad))
        warnings: list[str] = []
        assert enrichment_quads(registry, cache, warnings) == []
        assert "enrichment left out of this build" in warnings[0]
    # through the CLI: the build goes on, says why, and exits 0
    out = tmp_path / "out"
    page = str(PAGES / "navonly_en.txt")
    monkeypatch.setenv("OSCE_KG_CACHE", str(cache))
    assert main(["build", page, "-o", str(out), "-q", "--no-validate"]) == 0
    assert "warning: " in capsys.readouterr().err and (out / "report.json").exists()
    # a cache written by hand with a bidi override: cleaned when read, like an answer
    (cache / "wikidata.json").write_text(json.dumps(
        {"endpoint": "http://127.0.0.1/sparql", "items": {"Q33": {"labels": {"fr": "Fin\u202eland"}}}}))
    labels = {q.object.value for q in enrichment_quads(registry, cache)
              if q.predicate.value == LABEL and q.subject.value == WD + "Q33"}
    assert labels == {"Finland"}


def test_an_endpoint_that_is_not_a_usable_url_is_a_usage_error(tmp_path, capsys):
    for url in ("ftp://127.0.0.1/x", "http://user:secret@127.0.0.1/sparql", "http://127.0.0.1/a b"):
        assert enrich(url, tmp_path) == 2
        assert capsys.readouterr().err.startswith(f"error: endpoint {url!r}")
