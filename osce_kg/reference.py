"""The registry as RDF: one named graph per registry file, each fact citing its sources.

The registry turns its rows into records (`Registry.sections()`); they reach RDF through the same writer as
a page's records (`rdf.RecordWriter`). Registry facts never overwrite page facts: they live in their own
graphs, so where a page and the registry disagree, both statements stay, each with its provenance.
"""

from __future__ import annotations

import functools

from pyoxigraph import Quad

from osce_kg import iri
from osce_kg.rdf import QuadSink, RecordWriter
from osce_kg.records import RegistryGraph
from osce_kg.registry import Registry


def registry_quads(registry: Registry) -> list[Quad]:
    """The registry's quads. A registry is loaded once per folder (`load_registry`) and its quads depend only
    on it and the IRI base, so a process that builds many times (a server, the tests) writes them once."""
    return list(_registry_quads(registry, iri.base()))


@functools.lru_cache(maxsize=4)
def _registry_quads(registry: Registry, base: str) -> tuple[Quad, ...]:  # base: part of the key, read by iri
    quads: list[Quad] = []
    for section in registry.sections():
        sink = QuadSink(iri.registry_graph(section.name))
        cited = sorted({url for r in section.records if getattr(r, "citation", None) for url in r.citation.sources})
        RecordWriter(sink, type_references=False).write([*section.records, RegistryGraph(section.file, tuple(cited))])
        quads.extend(sink.quads)
    return tuple(quads)
