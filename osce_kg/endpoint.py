"""Client for remote SPARQL endpoints: kept for callers of `select_remote`; see osce_kg.sparql.run_remote."""

from __future__ import annotations


def select_remote(endpoint: str, sparql: str, timeout: float = 30.0) -> tuple[list[str], list[dict[str, str]]]:
    """A SELECT on an endpoint (SPARQLWrapper, with a timeout): (columns, rows of lexical values)."""
    from osce_kg.sparql import run_remote

    result = run_remote(endpoint, sparql, timeout=timeout)
    return result.variables, result.rows()
