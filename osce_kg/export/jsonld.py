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
        self._ids: dict = {}  # term -> its JSON-LD id (the same IRIs come back thousands of times)

    def id(self, term) -> str:
        found = self._ids.get(term)
        if found is None:
            if isinstance(term, ox.BlankNode):
                found = f"_:{term.value}"
            else:
                found = compact(term.value, self.prefixes) or term.value
            self._ids[term] = found
        return found

    def value(self, term) -> tuple:
        """A sortable stand-in for a JSON-LD value: (@id,) / (@value,) / (@value, @language|@type, tag)."""
        if isinstance(term, ox.Literal):
            if term.language:
                return (term.value, "@language", term.language)
            if term.datatype.value == XSD_STRING:
                return (term.value,)
            return (term.value, "@type", self.id(term.datatype))
        return ("", "@id", self.id(term))

    def node_objects(self, quads: Iterable[ox.Quad]) -> list[dict]:
        nodes: dict = defaultdict(lambda: defaultdict(set))
        for q in quads:
            is_type = q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)
            key = "@type" if is_type else self.id(q.predicate)
            nodes[q.subject][key].add(self.id(q.object) if is_type else self.value(q.object))
        out = []
        for subject in sorted(nodes, key=str):
            obj: dict = {"@id": self.id(subject)}
            for key in sorted(nodes[subject]):
                values = sorted(nodes[subject][key])
                obj[key] = values if key == "@type" else [_json_value(v) for v in values]
            out.append(obj)
        return out


def _json_value(value: tuple):
    if len(value) == 1:
        return value[0]
    if value[1] == "@id":
        return {"@id": value[2]}
    return {value[1]: value[2], "@value": value[0]}


def _schemes(quads: list[ox.Quad]) -> set[str]:
    """IRI schemes in the data (`osce` for an IRI `osce:x`): such names cannot be context prefixes."""
    terms = set()
    for q in quads:
        terms.update((q.subject, q.predicate, q.graph_name))
        terms.add(q.object.datatype if isinstance(q.object, ox.Literal) else q.object)
    return {t.value.partition(":")[0] for t in terms if isinstance(t, ox.NamedNode)}


def node_objects(quads: Iterable[ox.Quad]) -> list[dict]:
    return _Writer(PREFIXES).node_objects(quads)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # no indent: the C encoder, about 10x faster


class JsonLdExporter(Exporter):
    default_name = "jsonld"

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        if options.frame or options.split:  # framed documents are their own exporter
            from osce_kg.export import exporter_for

            return exporter_for("framed").export(kg, options)
        return super().export(kg, options)

    def render(self, quads: Iterable[ox.Quad]) -> str:
        """One node object per line: readable, diff-friendly, and written by the fast encoder."""
        quads = list(quads)
        clashes = _schemes(quads) & set(PREFIXES)
        prefixes = {p: ns for p, ns in PREFIXES.items() if p not in clashes}
        writer = _Writer(prefixes)
        parts = []
        for graph, graph_quads in by_graph(quads):
            nodes = ",\n".join(_dumps(n) for n in writer.node_objects(graph_quads))
            if isinstance(graph, ox.DefaultGraph):
                parts.append(nodes)
            else:
                parts.append(f'{{"@id": {_dumps(writer.id(graph))}, "@graph": [\n{nodes}\n]}}')
        context = {p: ns for p, ns in load_context()["@context"].items() if p not in clashes}
        return f'{{"@context": {json.dumps(context, indent=1)},\n"@graph": [\n' + ",\n".join(parts) + "\n]}\n"


EXPORTER = JsonLdExporter
