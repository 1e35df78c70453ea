"""Load a build's named graphs into a SPARQL 1.1 server (`osce-kg publish`).

Two ways in, both idempotent (publishing the same build twice leaves the same data):
- the Graph Store Protocol: one `PUT ?graph=G` per named graph, N-Triples; PUT replaces the graph;
- SPARQL Update, for servers without GSP: `DROP SILENT GRAPH G` (with `replace`), then `INSERT DATA` in
  chunks of `chunk` triples (Virtuoso fails on large INSERT DATA). A graph with blank nodes goes in one
  request, so its blank nodes stay one node each.
`replace` also drops the server's graphs under the project's graph base that the build does not have.
Every request has a timeout and is retried on connection errors and 5xx answers. Afterwards the triples
of each graph are counted on the query endpoint and compared with the build's.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from osce_kg import iri
from osce_kg.store import KnowledgeGraph


class PublishError(Exception):
    """A server that refused or could not be reached (after the retries); the message names the URL."""


@dataclass
class PublishSummary:
    method: str
    graphs: dict[str, int] = field(default_factory=dict)  # graph -> triples sent
    dropped: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    on_server: dict[str, int] = field(default_factory=dict)  # graph -> triples counted on the server

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    @property
    def mismatched(self) -> list[str]:
        return sorted(g for g, n in self.graphs.items() if self.on_server.get(g) != n)

    def text(self) -> str:
        lines = [f"published {len(self.graphs)} graphs, {self.triples} triples by {self.method} "
                 f"({self.requests} requests, {self.retries} retries)"]
        if self.dropped:
            lines.append(f"dropped {len(self.dropped)} graphs the build no longer has")
        if self.on_server:
            bad = self.mismatched
            lines.append("verified: every graph has the same number of triples on the server" if not bad else
                         f"MISMATCH in {len(bad)} graphs, e.g. {bad[0]}: {self.graphs[bad[0]]} sent, "
                         f"{self.on_server.get(bad[0], 0)} on the server")
        return "\n".join(lines)


class Client:
    def __init__(self, timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep):
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep
        self.requests = self.retried = 0

    def send(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        for attempt in range(self.retries + 1):
            self.requests += 1
            request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                detail = exc.read(500).decode("utf-8", "replace").strip().splitlines()
                message = f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else "")
                if exc.code < 500 or attempt == self.retries:
                    raise PublishError(message) from None
            except (OSError, TimeoutError) as exc:  # refused, reset, timed out
                if attempt == self.retries:
                    raise PublishError(f"{url}: {getattr(exc, 'reason', exc)}") from None
            self.retried += 1
            self.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")


def _with_param(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode({name: value})


def server_graphs(client: Client, endpoint: str) -> dict[str, int]:
    """Triples per named graph on the server (GRAPH ?g: no reliance on the default graph)."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    body = client.send("GET", _with_param(endpoint, "query", query),
                       headers={"Accept": "application/sparql-results+json"})
    data = json.loads(body)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"] if "g" in b}


def publish(kg: KnowledgeGraph, endpoint: str, graph_store: str | None = None, update: str | None = None,
            replace: bool = False, chunk: int = 1000, client: Client | None = None,
            verify: bool = True) -> PublishSummary:
    """Load every named graph of `kg` into the server; see the module docstring."""
    client = client or Client()
    summary = PublishSummary("Graph Store Protocol" if graph_store else "SPARQL Update")
    mine = kg.graphs()
    if replace:
        stale = sorted(g for g in server_graphs(client, endpoint) if g.startswith(iri.GRAPH_BASE) and g not in mine)
        for g in stale:
            if graph_store:
                try:
                    client.send("DELETE", _with_param(graph_store, "graph", g))
                except PublishError as exc:
                    if "HTTP 404" not in str(exc):
                        raise
            else:
                _update(client, update or endpoint, f"DROP SILENT GRAPH <{g}>")
            summary.dropped.append(g)
    for g in mine:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in kg.quads(g)]
        triples.sort(key=str)
        if graph_store:
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            client.send("PUT", _with_param(graph_store, "graph", g), data,
                        {"Content-Type": "application/n-triples"})
        else:
            target = update or endpoint
            if replace:
                _update(client, target, f"DROP SILENT GRAPH <{g}>")
            blank = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
            size = len(triples) if blank else chunk
            for start in range(0, len(triples), max(1, size)):
                part = ox.serialize(triples[start:start + size], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                _update(client, target, f"INSERT DATA {{ GRAPH <{g}> {{\n{part}}} }}")
        summary.graphs[g] = len(triples)
    if verify:
        counts = server_graphs(client, endpoint)
        summary.on_server = {g: counts.get(g, 0) for g in mine}
    summary.requests, summary.retries = client.requests, client.retried
    return summary


def _update(client: Client, url: str, text: str) -> None:
    body = urllib.parse.urlencode({"update": text}).encode("utf-8")
    client.send("POST", url, body, {"Content-Type": "application/x-www-form-urlencoded"})
