"""JSON-LD of the dataset: one graph object per named graph, nodes and values sorted, stable context.

The context (ontology/context.jsonld) declares the prefixes only, so every key is a CURIE such as
`skos:prefLabel`: no term can be compacted two ways, and the same quads always give the same bytes.
Foreign data stays exact: blank nodes are written `_:id`, an `rdf:type` literal stays a literal, and a
prefix is left out of the context when some IRI of the data has that prefix as its scheme (`osce:x` as
an IRI would otherwise re-expand into the ontology namespace).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

import pyoxigraph as ox

from osce_kg.export.base import Exporter, ExportOptions, by_graph, compact
from osce_kg.vocab import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"


def load_context() -> dict:
    return json.loads(resources.files("osce_kg.ontology").joinpath("context.jsonld").read_text("utf-8"))


class _Writer:
    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes

    def id(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return compact(term.value, self.prefixes) or term.value

    def value(self, term):
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@language": term.language, "@value": term.value}
            if term.datatype.value == XSD_STRING:
                return term.value
            return {"@type": self.id(term.datatype), "@value": term.value}
        return {"@id": self.id(term)}

    def node_objects(self, quads: Iterable[ox.Quad]) -> list[dict]:
        nodes: dict = defaultdict(lambda: defaultdict(list))
        for q in quads:
            is_type = q.predicate.value == RDF_TYPE and not isinstance(q.object, ox.Literal)
            key = "@type" if is_type else self.id(q.predicate)
            nodes[q.subject][key].append(self.id(q.object) if is_type else self.value(q.object))
        out = []
        for subject in sorted(nodes, key=str):
            obj: dict = {"@id": self.id(subject)}
            for key in sorted(nodes[subject]):
                values = sorted(set(map(_sort_key, nodes[subject][key])))
                obj[key] = [json.loads(v) for v in values]
            out.append(obj)
        return out


def _sort_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _schemes(quads: list[ox.Quad]) -> set[str]:
    """IRI schemes in the data (`osce` for an IRI `osce:x`): such names cannot be context prefixes."""
    schemes = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.Literal):
                term = term.datatype
            if isinstance(term, ox.NamedNode):
                schemes.add(term.value.partition(":")[0])
    return schemes


def node_objects(quads: Iterable[ox.Quad]) -> list[dict]:
    return _Writer(PREFIXES).node_objects(quads)


class JsonLdExporter(Exporter):
    default_name = "jsonld"

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        if options.frame or options.split:  # framed documents are their own exporter
            from osce_kg.export import exporter_for

            return exporter_for("framed").export(kg, options)
        return super().export(kg, options)

    def render(self, quads: Iterable[ox.Quad]) -> str:
        quads = list(quads)
        clashes = _schemes(quads)
        prefixes = {p: ns for p, ns in PREFIXES.items() if p not in clashes}
        writer = _Writer(prefixes)
        doc_graph = []
        for graph, graph_quads in by_graph(quads):
            nodes = writer.node_objects(graph_quads)
            if isinstance(graph, ox.DefaultGraph):
                doc_graph.extend(nodes)
            else:
                doc_graph.append({"@id": writer.id(graph), "@graph": nodes})
        context = {p: ns for p, ns in load_context()["@context"].items() if p not in clashes}
        doc = {"@context": context, "@graph": doc_graph}
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


EXPORTER = JsonLdExporter
