"""JSON-LD of the dataset: one graph object per named graph, one node object per line, stable context.

The context (ontology/context.jsonld) declares the prefixes only, so every key is a CURIE such as
`skos:prefLabel`: no term can be compacted two ways, and the same quads always give the same bytes.
Foreign data stays exact: blank nodes are written `_:id`, an `rdf:type` literal stays a literal, and a
prefix is left out of the context when some IRI of the data has that prefix as its scheme (`osce:x` as
an IRI would otherwise re-expand into the ontology namespace).

Written by hand from the sorted N-Triples lines of `base.Statements` (no Python object per statement):
an N-Triples string literal, as pyoxigraph writes it, is also a valid JSON string with the same value
(it escapes only `"`, `\\` and control characters, in forms JSON shares), and IRIs hold no character
JSON would escape. Order: graphs as `Statements` gives them, nodes by subject, in a node `@id` first,
then the keys in the order of their predicate IRIs, each key's values in the order of their N-Triples
bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import BinaryIO

from osce_kg.export.base import Exporter, ExportOptions, Statements, compact
from osce_kg.vocab import PREFIXES

RDF_TYPE = b"<" + PREFIXES["rdf"].encode() + b"type>"
_NAMESPACES = tuple(b"<" + ns.encode() for ns in PREFIXES.values())
# an IRI whose scheme is a prefix name, e.g. <osce:x> (a literal holding such text only costs a prefix)
_SCHEMES = re.compile(rb"<(" + b"|".join(re.escape(p.encode()) for p in PREFIXES) + rb"):")
_TYPE = b'"@type": ['
_CHUNK = 1 << 14  # node objects joined and written at a time


def load_context() -> dict:
    return json.loads(resources.files("osce_kg.ontology").joinpath("context.jsonld").read_text("utf-8"))


class _Restart(Exception):
    """A graph holds an IRI whose scheme is a prefix still in use: write again without that prefix."""


class _Writer:
    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self._starts = tuple(b"<" + ns.encode() for ns in prefixes.values())
        self._keys: dict[bytes, bytes] = {}  # predicate -> '"key": [' (few, looked up for every statement)
        self._datatypes: dict[bytes, bytes] = {}  # datatype -> '{"@type": "xsd:date", "@value": '

    def id(self, term: bytes) -> bytes:
        """The JSON string naming an N-Triples IRI or blank node."""
        if term[0] != 60:  # _:blank
            return b'"' + term + b'"'
        if term.startswith(self._starts):
            name = compact(term[1:-1].decode("utf-8"), self.prefixes)
            if name:
                return b'"' + name.encode("utf-8") + b'"'
        return b'"' + term[1:-1] + b'"'

    def key(self, predicate: bytes) -> bytes:
        found = self._keys.get(predicate)
        if found is None:
            found = self._keys[predicate] = self.id(predicate) + b": ["
        return found

    def value(self, term: bytes) -> bytes:
        """The JSON-LD value of an N-Triples object."""
        first = term[0]
        if first != 34:  # <iri> or _:blank
            return b'{"@id": ' + self.id(term) + b"}"
        last = term[-1]
        if last == 34:  # a plain string
            return term
        if last == 62:  # "lexical"^^<datatype>
            cut = term.rindex(b'"^^<') + 1
            head = self._datatypes.get(term[cut + 2:])
            if head is None:
                head = self._datatypes[term[cut + 2:]] = b'{"@type": ' + self.id(term[cut + 2:]) + b', "@value": '
            return head + term[:cut] + b"}"
        cut = term.rindex(b'"@') + 1  # "lexical"@lang
        return b'{"@language": "' + term[cut + 1:] + b'", "@value": ' + term[:cut] + b"}"

    def nodes(self, lines: Iterable[bytes]) -> list[bytes]:
        """One JSON object per subject of a graph's sorted lines."""
        out: list[bytes] = []
        subject = None
        keys: dict[bytes, list[bytes]] = {}
        known, key_of, value_of = self._keys, self.key, self.value  # local names: this loop runs per statement
        for line in lines:
            s, p, o = line.split(b" ", 2)
            if s != subject:
                if subject is not None:
                    out.append(self._node(subject, keys))
                subject, keys = s, {}
            if o[0] == 34 and o[-3] == 34:  # a plain string, as it is (the line ends with '" .')
                key, value = known.get(p) or key_of(p), o[:-2]
            elif p == RDF_TYPE and o[0] == 60:
                key, value = _TYPE, self.id(o[:-2])
            else:
                key, value = known.get(p) or key_of(p), value_of(o[:-2])
            found = keys.get(key)
            if found is None:
                keys[key] = [value]
            else:
                found.append(value)
        if subject is not None:
            out.append(self._node(subject, keys))
        return out

    def _node(self, subject: bytes, keys: dict[bytes, list[bytes]]) -> bytes:
        return (b'{"@id": ' + self.id(subject) + b", "
                + b", ".join(key + b", ".join(values) + b"]" for key, values in keys.items()) + b"}")


class JsonLdExporter(Exporter):
    default_name = "jsonld"

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        if options.frame or options.split:  # framed documents are their own exporter
            from osce_kg.export import exporter_for

            return exporter_for("framed").export(kg, options)
        return super().export(kg, options)

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        """One node object per line: readable and diff-friendly."""
        clashes: set[str] = set()
        start = out.tell()
        while True:
            try:
                return self._dump(statements, out, clashes)
            except _Restart as restart:  # rare (foreign data): the graphs already written used the prefix
                clashes |= restart.args[0]
                out.seek(start)
                out.truncate()

    def _dump(self, statements: Statements, out: BinaryIO, clashes: set[str]) -> None:
        writer = _Writer({p: ns for p, ns in PREFIXES.items() if p not in clashes})
        context = {p: ns for p, ns in load_context()["@context"].items() if p not in clashes}
        out.write(b'{"@context": ' + json.dumps(context, indent=1).encode() + b',\n"@graph": [')
        first = True
        for graph, lines in statements.by_graph():
            if not lines:
                continue
            found = {m.decode() for m in _SCHEMES.findall(b"\n".join(lines) + (graph or b""))} - clashes
            if found:
                raise _Restart(found)
            nodes = writer.nodes(lines)
            out.write(b"\n" if first else b",\n")
            first = False
            if graph is not None:
                out.write(b'{"@id": ' + writer.id(graph) + b', "@graph": [\n')
            for i in range(0, len(nodes), _CHUNK):
                out.write((b",\n" if i else b"") + b",\n".join(nodes[i:i + _CHUNK]))
            if graph is not None:
                out.write(b"\n]}")
        out.write(b"\n]}\n")


EXPORTER = JsonLdExporter
