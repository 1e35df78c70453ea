"""Wikidata enrichment: labels and identifiers of registry entities from a SPARQL endpoint, cached on disk.

`fetch_enrichment` asks an endpoint (Wikidata's query service or any mirror shaped like it) for the
rdfs:label in the six OSCE languages and the ISO 3166-1 codes (P297 alpha-2, P298 alpha-3) of every
registry entity with a Wikidata QID, with a timeout, retries with exponential backoff, and writes the
answer to `<cache>/wikidata.json`. Builds never go to the network: `enrichment_quads` turns that file,
when it exists, into the named graph `graph/registry/wikidata-enrichment`, with its provenance (endpoint,
time of the fetch).

What the graph says: the Wikidata item's labels and codes, as Wikidata states them, about the Wikidata
item (`wd:Q33 rdfs:label "Suomi"@...`, `wdt:P297 "FI"`); and, on the registry entity, Wikidata's labels
that the registry lacks, as skos:altLabel. Registry names and codes are never replaced; where Wikidata's
ISO code differs from the registry's, `compare` reports it.
"""

from __future__ import annotations

import http.client
import io
import json
import math
import re
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from pyoxigraph import Literal, NamedNode, Quad

from osce_kg import iri
from osce_kg.language import LANGUAGES
from osce_kg.rdf import node
from osce_kg.records import Ref
from osce_kg.registry import CountryEntity, Registry
from osce_kg.settings import setting
from osce_kg.text import match_key
from osce_kg.vocab import OSCE, PROV, RDFS, SKOS, A

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
PROPERTIES = {"P297": "iso2", "P298": "iso3"}
CACHE_FILE = "wikidata.json"
BATCH = 50


class EnrichError(Exception):
    pass


def default_cache_dir() -> Path:
    """$OSCE_KG_CACHE, else .osce-kg-cache in the working directory."""
    return Path(setting("OSCE_KG_CACHE"))


def targets(registry: Registry) -> dict[str, Ref]:
    """QID -> registry entity, for every entity the registry gives a Wikidata QID."""
    out = {}
    for entity in registry.entities.values():
        qid = entity.wikidata or ""
        if qid.startswith("Q") and qid[1:].isdigit():
            out[qid] = entity.ref
    return dict(sorted(out.items()))


def query_for(qids: list[str]) -> str:
    values = " ".join(f"<{WD}{q}>" for q in qids)
    langs = ", ".join(f'"{lang}"' for lang in LANGUAGES)
    return f"""SELECT ?item ?p ?o WHERE {{
  VALUES ?item {{ {values} }}
  {{ ?item <{RDFS.label.value}> ?o FILTER(LANG(?o) IN ({langs})) BIND(<{RDFS.label.value}> AS ?p) }}
  UNION {{ ?item <{WDT}P297> ?o BIND(<{WDT}P297> AS ?p) }}
  UNION {{ ?item <{WDT}P298> ?o BIND(<{WDT}P298> AS ?p) }}
}}"""


MAX_RESPONSE = 16 * 1024 * 1024  # bytes of one answer; Wikidata's answer for ~80 entities is ~100 kB
MAX_LABEL = 200  # characters; longer "labels" are not names
MAX_REDIRECTS = 3
# Control characters and the bidirectional-text controls (embeddings, overrides, isolates, marks): they
# can make a label display as something else. Removed from every label.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CODES = {"iso2": re.compile(r"^[A-Z]{2}$"), "iso3": re.compile(r"^[A-Z]{3}$")}


def check_endpoint(url: str) -> str:
    """An endpoint URL enrich may ask and publish as provenance: http(s), a host, a valid IRI, no password."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EnrichError(f"endpoint {url!r}: not an http(s) URL with a host")
    if parts.username or parts.password:
        raise EnrichError(f"endpoint {url!r}: credentials in the URL are not allowed (they would be published)")
    try:
        NamedNode(url)
    except ValueError as exc:
        raise EnrichError(f"endpoint {url!r}: not a valid IRI ({exc})") from None
    return url


def clean_label(text: object) -> str | None:
    """A Wikidata label made safe to publish, or None when it is not a plausible name: control and
    bidi-control characters removed, spaces collapsed, markup and over-long text refused."""
    if not isinstance(text, str):
        return None
    text = " ".join(_UNSAFE.sub("", text).split())
    if not text or len(text) > MAX_LABEL or "<" in text or ">" in text:
        return None
    return text


class _DeadlineSocket:
    """A socket whose every send and receive gets the time left before one deadline: a server that trickles
    a byte a second cannot stretch a request past it (a plain socket timeout restarts at every byte)."""

    def __init__(self, sock, deadline: float):
        self._sock, self._deadline = sock, deadline
        self._files, self._closed = 0, False  # the real socket closes when the response's file is done too

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("request deadline passed")
        self._sock.settimeout(left)

    def recv_into(self, buffer, nbytes: int = 0) -> int:
        self._arm()
        return self._sock.recv_into(buffer, nbytes)

    def recv(self, bufsize: int) -> bytes:
        self._arm()
        return self._sock.recv(bufsize)

    def sendall(self, data) -> None:
        self._arm()
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", buffering: int = -1):
        self._files += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"))

    def _decref_socketios(self) -> None:
        self._files -= 1
        if self._closed and self._files <= 0:
            self._sock.close()

    def close(self) -> None:
        self._closed = True
        if self._files <= 0:
            self._sock.close()

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _connection(url: str, deadline: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    left = max(0.001, deadline - time.monotonic())
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname, parts.port, timeout=left)
    conn.connect()
    conn.sock = _DeadlineSocket(conn.sock, deadline)
    return conn


def http_post_form(url: str, fields: dict[str, str], timeout: float, max_bytes: int = MAX_RESPONSE,
                   accept: str = "application/sparql-results+json") -> bytes:
    """POST a form and return the body: everything within `timeout` seconds in total, at most `max_bytes`,
    redirects followed only to the same scheme, host and port (at most MAX_REDIRECTS)."""
    deadline = time.monotonic() + timeout
    origin = urlsplit(url)[:2]
    body = urlencode(fields).encode()
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = _connection(url, deadline)
        try:
            conn.request("POST", target, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
                "User-Agent": "osce-kg enrich (https://w3id.org/osce-kg)", "Connection": "close"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = urljoin(url, response.getheader("Location") or "")
                if urlsplit(location)[:2] != origin:
                    raise EnrichError(f"{url}: redirect to another host or port refused ({location})")
                url = location
                continue
            if response.status != 200:
                raise OSError(f"HTTP {response.status} {response.reason}")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise EnrichError(f"{url}: answer of {int(length):,} bytes is over the {max_bytes:,}-byte cap")
            chunks, size = [], 0
            while True:
                chunk = response.read(min(65536, max_bytes + 1 - size))
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise EnrichError(f"{url}: answer over the {max_bytes:,}-byte cap")
        finally:
            conn.close()
    raise EnrichError(f"{url}: more than {MAX_REDIRECTS} redirects")


@dataclass
class Client:
    """A SPARQL client with a total deadline per request (`timeout`), a size cap on answers, same-origin
    redirects only, and retries with exponential backoff after network errors, HTTP errors and timeouts."""

    endpoint: str
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    graph: str | None = None  # default-graph-uri, for a mirror that keeps the data in a named graph
    attempts: int = 0
    max_bytes: int = MAX_RESPONSE

    def __post_init__(self) -> None:
        check_endpoint(self.endpoint)
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise EnrichError(f"timeout {self.timeout}: must be a finite number of seconds above 0")
        if self.graph is not None:
            try:
                NamedNode(self.graph)
            except ValueError as exc:
                raise EnrichError(f"graph {self.graph!r}: not a valid IRI ({exc})") from None

    def select(self, sparql: str) -> list[dict]:
        fields = {"query": sparql}
        if self.graph:
            fields["default-graph-uri"] = self.graph
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self.attempts += 1
            try:
                raw = http_post_form(self.endpoint, fields, self.timeout, self.max_bytes)
            except EnrichError:
                raise  # refused on purpose (redirect elsewhere, too big): asking again would not help
            except (OSError, http.client.HTTPException) as exc:  # network errors, HTTP 5xx, timeouts
                last = exc
                continue
            return bindings(raw, self.endpoint)
        raise EnrichError(f"{self.endpoint}: no answer after {self.retries + 1} attempt(s): "
                          f"{type(last).__name__}: {str(last)[:200]}")


def bindings(raw: bytes, endpoint: str) -> list[dict]:
    """The rows of a SPARQL JSON answer, after checking its shape (anything else is refused, not cached)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise EnrichError(f"{endpoint}: answer is not SPARQL JSON ({exc})") from None
    rows = data.get("results", {}).get("bindings") if isinstance(data, dict) and isinstance(
        data.get("results"), dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise EnrichError(f"{endpoint}: answer is not a SPARQL SELECT result (no results.bindings list)")
    return rows


def _term(row: dict, name: str, kind: str) -> dict | None:
    term = row.get(name)
    if isinstance(term, dict) and term.get("type") == kind and isinstance(term.get("value"), str):
        return term
    return None


def fetch_enrichment(registry: Registry, client: Client, cache_dir: Path, refresh: bool = False) -> dict:
    """Fetch (or reuse from the cache) Wikidata facts for the registry's QIDs; returns the cache content."""
    path = cache_dir / CACHE_FILE
    wanted = targets(registry)
    if path.exists() and not refresh:
        try:
            cached = read_cache(path)
        except EnrichError:
            cached = {}  # a cache that fails the checks is fetched again, never reused
        if cached.get("endpoint") == client.endpoint and set(wanted) <= set(cached.get("items", {})):
            return cached
    items: dict[str, dict] = {q: {"labels": {}, "iso2": [], "iso3": []} for q in wanted}
    qids = list(wanted)
    for i in range(0, len(qids), BATCH):
        for row in client.select(query_for(qids[i:i + BATCH])):
            item, prop = _term(row, "item", "uri"), _term(row, "p", "uri")
            value = _term(row, "o", "literal")
            if item is None or prop is None or value is None:
                continue  # not a row of the shape asked for
            qid = item["value"].removeprefix(WD)
            if qid not in items:
                continue
            if prop["value"] == RDFS.label.value and value.get("xml:lang") in LANGUAGES:
                label = clean_label(value["value"])
                if label:
                    items[qid]["labels"][value["xml:lang"]] = label
            elif prop["value"].startswith(WDT) and prop["value"].removeprefix(WDT) in PROPERTIES:
                field = PROPERTIES[prop["value"].removeprefix(WDT)]
                if _CODES[field].match(value["value"]):
                    items[qid][field] = sorted(set(items[qid][field]) | {value["value"]})
    data = {"endpoint": client.endpoint, "graph": client.graph, "fetched": _now(), "items": items}
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    tmp.replace(path)
    return data


def read_cache(path: Path) -> dict:
    """The cache, checked and cleaned as an answer is before it is cached (a cache edited by hand or by an
    older version gets the same checks); EnrichError when it cannot be used."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise EnrichError(f"{path}: not a readable enrichment cache ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise EnrichError(f"{path}: not an enrichment cache (no 'items')")
    endpoint = data.get("endpoint")
    if endpoint is not None:
        if not isinstance(endpoint, str):
            raise EnrichError(f"{path}: endpoint is not a string")
        try:
            check_endpoint(endpoint)
        except EnrichError as exc:
            raise EnrichError(f"{path}: {exc}") from None
    if data.get("fetched") is not None and not (isinstance(data["fetched"], str)
                                                and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["fetched"])):
        raise EnrichError(f"{path}: 'fetched' is not an ISO time")
    items = {}
    for qid, item in data["items"].items():
        if not (isinstance(qid, str) and re.fullmatch(r"Q\d{1,12}", qid) and isinstance(item, dict)):
            raise EnrichError(f"{path}: item {str(qid)[:40]!r} is not a Wikidata QID with facts")
        labels = item.get("labels") or {}
        if not isinstance(labels, dict):
            raise EnrichError(f"{path}: {qid}: labels is not an object")
        clean = {lang: clean_label(text) for lang, text in labels.items() if lang in LANGUAGES}
        out = {"labels": {lang: text for lang, text in sorted(clean.items()) if text}}
        for field, pattern in _CODES.items():
            codes = item.get(field) or []
            if not isinstance(codes, list):
                raise EnrichError(f"{path}: {qid}: {field} is not a list")
            out[field] = sorted({c for c in codes if isinstance(c, str) and pattern.match(c)})
        items[qid] = out
    return {**data, "items": items}


def compare(registry: Registry, data: dict) -> list[str]:
    """Where Wikidata's ISO codes differ from the registry's: one line per difference."""
    out = []
    for qid, ref in targets(registry).items():
        entity, item = registry.get(ref), data["items"].get(qid, {})
        codes = {"iso2": entity.iso2, "iso3": entity.iso3} if isinstance(entity, CountryEntity) else {}
        for field in ("iso2", "iso3"):
            theirs, ours = item.get(field) or [], codes.get(field) or ""
            if theirs and ours and ours not in theirs:
                out.append(f"{ref.type}:{ref.key} ({qid}): registry {field} {ours}, Wikidata {'/'.join(theirs)}")
    return out


def enrichment_graph() -> str:
    """The named graph of the Wikidata enrichment: a registry graph (reference data, not page facts)."""
    return iri.registry_graph("wikidata-enrichment")


def enrichment_quads(registry: Registry, cache_dir: Path | None = None,
                     warnings: list[str] | None = None) -> list[Quad]:
    """The cached Wikidata facts as quads in graph/enrichment/wikidata; nothing when there is no cache.

    A cache that fails the checks of `read_cache` is left out: its problem is appended to `warnings`
    (the build goes on without it)."""
    path = (cache_dir or default_cache_dir()) / CACHE_FILE
    if not path.exists():
        return []
    try:
        data = read_cache(path)
    except EnrichError as exc:
        if warnings is not None:
            warnings.append(f"{exc}; enrichment left out of this build")
        return []
    graph = NamedNode(enrichment_graph())
    # typed as a registry graph: reference data about registry entities, kept apart from page facts
    fetched = f" (fetched {data['fetched']})" if data.get("fetched") else ""
    quads = [Quad(graph, A, OSCE.RegistryGraph, graph),
             Quad(graph, RDFS.label, Literal(f"osce-kg enrichment: Wikidata labels and identifiers{fetched}",
                                             language="en"), graph)]
    if data.get("endpoint"):
        quads.append(Quad(graph, PROV.wasDerivedFrom, NamedNode(data["endpoint"]), graph))
    for qid, ref in targets(registry).items():
        item = data["items"].get(qid)
        entity = registry.get(ref)
        if not item or entity is None:
            continue
        wd = NamedNode(WD + qid)
        known = {match_key(label.text) for label in entity.labels()}
        for lang, text in sorted(item.get("labels", {}).items()):
            quads.append(Quad(wd, RDFS.label, Literal(text, language=lang), graph))
            if match_key(text) not in known:
                quads.append(Quad(node(ref), SKOS.altLabel, Literal(text, language=lang), graph))
        for prop, field in PROPERTIES.items():
            for code in item.get(field, []):
                quads.append(Quad(wd, NamedNode(WDT + prop), Literal(code), graph))
    return sorted(set(quads), key=str)


def _now() -> str:
    from osce_kg.settings import build_time

    return build_time()
