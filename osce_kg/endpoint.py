"""Client for remote SPARQL endpoints (SPARQLWrapper), always with a timeout."""

from __future__ import annotations


def select_remote(endpoint: str, sparql: str, timeout: float = 30.0) -> tuple[list[str], list[dict[str, str]]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setTimeout(int(max(1, timeout)))
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    columns = data["head"]["vars"]
    rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    return columns, rows
