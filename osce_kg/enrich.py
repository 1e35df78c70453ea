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

import json
import time
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from osce_kg import iri
from osce_kg.language import LANGUAGES
from osce_kg.rdf import node
from osce_kg.records import Ref
from osce_kg.registry import Registry
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
    """QID -> registry entity, for every entity whose row names a Wikidata QID."""
    out = {}
    for entity in registry.entities.values():
        qid = entity.row.get("wikidata", "")
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


@dataclass
class Client:
    """SPARQLWrapper with a timeout on every call and retries with exponential backoff."""

    endpoint: str
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    graph: str | None = None  # default-graph-uri, for a mirror that keeps the data in a named graph
    attempts: int = 0

    def select(self, sparql: str) -> list[dict]:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        client = SPARQLWrapper(self.endpoint, agent="osce-kg enrich (https://w3id.org/osce-kg)")
        client.setTimeout(max(1, int(self.timeout)))
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        if self.graph:
            client.addDefaultGraph(self.graph)
        client.setQuery(sparql)
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self.attempts += 1
            try:
                return client.query().convert()["results"]["bindings"]
            except Exception as exc:  # network errors, HTTP 5xx, timeouts: all worth another try
                last = exc
        raise EnrichError(f"{self.endpoint}: no answer after {self.retries + 1} attempt(s): "
                          f"{type(last).__name__}: {str(last)[:200]}")


def fetch_enrichment(registry: Registry, client: Client, cache_dir: Path, refresh: bool = False) -> dict:
    """Fetch (or reuse from the cache) Wikidata facts for the registry's QIDs; returns the cache content."""
    path = cache_dir / CACHE_FILE
    wanted = targets(registry)
    if path.exists() and not refresh:
        cached = read_cache(path)
        if cached.get("endpoint") == client.endpoint and set(wanted) <= set(cached.get("items", {})):
            return cached
    items: dict[str, dict] = {q: {"labels": {}, "iso2": [], "iso3": []} for q in wanted}
    qids = list(wanted)
    for i in range(0, len(qids), BATCH):
        for row in client.select(query_for(qids[i:i + BATCH])):
            qid = row["item"]["value"].removeprefix(WD)
            if qid not in items:
                continue
            prop, value = row["p"]["value"], row["o"]
            if prop == RDFS.label.value and value.get("xml:lang") in LANGUAGES:
                items[qid]["labels"][value["xml:lang"]] = value["value"]
            elif prop.startswith(WDT) and prop.removeprefix(WDT) in PROPERTIES:
                field = PROPERTIES[prop.removeprefix(WDT)]
                items[qid][field] = sorted(set(items[qid][field]) | {value["value"]})
    data = {"endpoint": client.endpoint, "graph": client.graph, "fetched": _now(), "items": items}
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    tmp.replace(path)
    return data


def read_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise EnrichError(f"{path}: not a readable enrichment cache ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise EnrichError(f"{path}: not an enrichment cache (no 'items')")
    return data


def compare(registry: Registry, data: dict) -> list[str]:
    """Where Wikidata's ISO codes differ from the registry's: one line per difference."""
    out = []
    for qid, ref in targets(registry).items():
        entity, item = registry.get(ref), data["items"].get(qid, {})
        for field in ("iso2", "iso3"):
            theirs, ours = item.get(field) or [], entity.row.get(field, "") if entity else ""
            if theirs and ours and ours not in theirs:
                out.append(f"{ref.type}:{ref.key} ({qid}): registry {field} {ours}, Wikidata {'/'.join(theirs)}")
    return out


def enrichment_graph() -> str:
    """The named graph of the Wikidata enrichment: a registry graph (reference data, not page facts)."""
    return iri.registry_graph("wikidata-enrichment")


def enrichment_quads(registry: Registry, cache_dir: Path | None = None) -> list[Quad]:
    """The cached Wikidata facts as quads in graph/enrichment/wikidata; nothing when there is no cache."""
    path = (cache_dir or default_cache_dir()) / CACHE_FILE
    if not path.exists():
        return []
    data = read_cache(path)
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
