"""JSON-LD of the dataset: one graph object per named graph, nodes and values sorted, stable context.

The context (ontology/context.jsonld) declares the prefixes only, so every key is a CURIE such as
`skos:prefLabel`: no term can be compacted two ways, and the same quads always give the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

import pyoxigraph as ox

from osce_kg.export.base import Exporter, by_graph, compact
from osce_kg.vocab import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"


def load_context() -> dict:
    return json.loads(resources.files("osce_kg.ontology").joinpath("context.jsonld").read_text("utf-8"))


def _id(term) -> str:
    return compact(term.value) or term.value


def _value(term):
    if isinstance(term, ox.NamedNode):
        return {"@id": _id(term)}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@type": _id(term.datatype), "@value": term.value}
    return {"@id": str(term)}


def _sort_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def node_objects(quads: Iterable[ox.Quad]) -> list[dict]:
    nodes: dict = defaultdict(lambda: defaultdict(list))
    for q in quads:
        key = "@type" if q.predicate.value == RDF_TYPE else _id(q.predicate)
        nodes[q.subject][key].append(_id(q.object) if key == "@type" else _value(q.object))
    out = []
    for subject in sorted(nodes, key=str):
        obj: dict = {"@id": _id(subject)}
        for key in sorted(nodes[subject]):
            values = sorted(set(map(_sort_key, nodes[subject][key])))
            obj[key] = [json.loads(v) for v in values]
        out.append(obj)
    return out


class JsonLdExporter(Exporter):
    name = "jsonld"
    extension = "jsonld"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        doc_graph = []
        for graph, graph_quads in by_graph(quads):
            nodes = node_objects(graph_quads)
            if isinstance(graph, ox.DefaultGraph):
                doc_graph.extend(nodes)
            else:
                doc_graph.append({"@id": _id(graph), "@graph": nodes})
        doc = {"@context": load_context()["@context"], "@graph": doc_graph}
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


EXPORTER = JsonLdExporter
