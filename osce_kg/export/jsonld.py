"""JSON-LD of the dataset: one graph object per named graph, one node object per line, stable context.

The context (ontology/context.jsonld) declares the prefixes only, so every key is a CURIE such as
`skos:prefLabel`: no term can be compacted two ways, and the same quads always give the same bytes.
Foreign data stays exact: blank nodes are written `_:id`, an `rdf:type` literal stays a literal, and a
prefix is left out of the context when some IRI of the data has that prefix as its scheme (`osce:x` as
an IRI would otherwise re-expand into the ontology namespace).

Written by hand from the sorted N-Triples lines of `base.Statements` (no Python object per statement; the
node objects in C where osce_kg/_native.c is built, `_Writer.write_nodes` otherwise, the same bytes):
an N-Triples string literal, as pyoxigraph writes it, is also a valid JSON string with the same value
(it escapes only `"`, `\\` and control characters, in forms JSON shares), and IRIs hold no character
JSON would escape. Order: graphs as `Statements` gives them, nodes by subject, in a node `@id` first,
then the keys in the order of their predicate IRIs, each key's values in the order of their N-Triples
bytes.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import BinaryIO

from osce_kg.export.base import Exporter, ExportOptions, Memo, Statements, compact, namespace_pairs, native_jsonld
from osce_kg.vocab import PREFIXES

RDF_TYPE = b"<" + PREFIXES["rdf"].encode() + b"type>"
# an IRI whose scheme is a prefix name, e.g. <osce:x> (a literal holding such text only costs a prefix)
_SCHEMES = re.compile(rb"<(" + b"|".join(re.escape(p.encode()) for p in PREFIXES) + rb"):")
_NO_HTTP_PREFIX = not any(p.startswith("http") for p in PREFIXES)  # then '<http' starts no <prefix:x>
# an rdf:type line whose object is not an IRI (foreign data only; see _Writer.nodes)
_ODD_TYPES = (RDF_TYPE + b' "', RDF_TYPE + b" _:")
_TYPE = b'"@type": ['
_CHUNK = 1 << 15  # lines written at a time


def load_context() -> dict:
    return json.loads(resources.files("osce_kg.ontology").joinpath("context.jsonld").read_text("utf-8"))


def _schemes(data: bytes) -> set[str]:
    """The prefix names some IRI of `data` has as its scheme. Two counts first: when every '<' starts
    '<http', no IRI has another scheme (and the regex, which stops at every '<', is not run)."""
    if _NO_HTTP_PREFIX and data.count(b"<") == data.count(b"<http"):
        return set()
    return {m.decode() for m in _SCHEMES.findall(data)}


class _Restart(Exception):
    """A graph holds an IRI whose scheme is a prefix still in use: write again without that prefix."""


class _Writer:
    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.namespaces = namespace_pairs(prefixes)  # for the C core
        self._starts = tuple(b"<" + ns.encode() for ns in prefixes.values())
        self._keys: dict[bytes, bytes] = {}  # predicate -> '"key": [' (few, looked up for every statement)
        self._datatypes: dict[bytes, bytes] = {}  # datatype -> '{"@type": "xsd:date", "@value": '
        # what a statement's line becomes, worked out once for the whole document (see write_nodes)
        self._subjects = Memo(lambda s: b']},\n{"@id": ' + self.id(s) + b", ")
        self._values = Memo(lambda o: self.value(o[:-3]))  # 'object .\n' -> its JSON-LD value
        self._types = Memo(lambda o: self.id(o[:-3]))  # 'class .\n' -> '"osce:Class"'
        self._predicates = Memo(lambda p: (self.key(p), b"], " + self.key(p),
                                           self._types if p == RDF_TYPE else self._values))

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
            found = self._keys[predicate] = _TYPE if predicate == RDF_TYPE else self.id(predicate) + b": ["
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

    def write_nodes(self, lines: list[bytes], out: BinaryIO) -> None:
        """One JSON object per subject of a graph's sorted lines, `,\\n` between them.

        Streams: a statement's line adds its value to the node being written, after the start of a node
        (a new subject), of a key (a new predicate: keys in predicate order) or a ', ' (the same predicate:
        values in order). Every rdf:type object must be an IRI (its key is @type; see `nodes`)."""
        subjects, predicates = self._subjects, self._predicates
        subject = predicate = values = None
        cut = 4  # the first node's start has no ']},\n' before it
        for start in range(0, len(lines), _CHUNK):
            parts: list[bytes] = []
            add = parts.append
            for line in lines[start:start + _CHUNK]:  # runs per statement: kept to the least work
                s, p, o = line.split(b" ", 2)  # o ends with ' .\n'
                if o[-4] == 34:  # a plain string: a JSON string as it is
                    o = o[:-3]
                else:
                    o = values[o] if p == predicate else predicates[p][2][o]
                if s != subject:  # pieces appended one by one: the join copies them once, a '+' twice
                    key, _, values = predicates[p]
                    add(subjects[s])
                    add(key)
                    subject, predicate = s, p
                elif p != predicate:
                    _, key, values = predicates[p]
                    add(key)
                    predicate = p
                else:
                    add(b", ")
                add(o)
            out.write(memoryview(b"".join(parts))[cut:])
            cut = 0
        if subject is not None:
            out.write(b"]}")

    def nodes(self, lines: list[bytes]) -> list[bytes]:
        """One JSON object per subject of a graph's sorted lines: for a graph where some rdf:type object
        is a literal or a blank node, which keeps the key rdf:type (one key for both, after @type when
        no literal comes first)."""
        out: list[bytes] = []
        subject = None
        keys: dict[bytes, list[bytes]] = {}
        for line in lines:
            s, p, o = line.split(b" ", 2)
            o = o[:-3]
            if s != subject:
                if subject is not None:
                    out.append(self._node(subject, keys))
                subject, keys = s, {}
            if p == RDF_TYPE and o[0] == 60:
                key, value = _TYPE, self.id(o)
            else:
                key, value = self.id(p) + b": [", self.value(o)
            keys.setdefault(key, []).append(value)
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
                if statements.written is not None:
                    statements.written.clear()

    def _dump(self, statements: Statements, out: BinaryIO, clashes: set[str]) -> None:
        writer = _Writer({p: ns for p, ns in PREFIXES.items() if p not in clashes})
        context = {p: ns for p, ns in load_context()["@context"].items() if p not in clashes}
        out.write(b'{"@context": ' + json.dumps(context, indent=1).encode() + b',\n"@graph": [')
        first = True
        for graph, data in statements.dumps():
            if not data:
                continue
            found = _schemes(data) | _schemes(graph or b"")
            if found - clashes:
                raise _Restart(found - clashes)
            out.write(b"\n" if first else b",\n")
            first = False
            begun = out.tell()
            if graph is not None:
                out.write(b'{"@id": ' + writer.id(graph) + b', "@graph": [\n')
            if any(odd in data for odd in _ODD_TYPES):  # rare: a literal or blank node as a class
                out.write(b",\n".join(writer.nodes(statements.sorted_lines(data))))
            else:  # in C where the native module is built (the same bytes)
                text = native_jsonld(data, statements.distinct, writer.namespaces)
                if text is None:
                    writer.write_nodes(statements.sorted_lines(data), out)
                else:
                    out.write(text)
            if graph is not None:
                out.write(b"\n]}")
            if statements.written is not None:
                statements.written.append((graph, begun, out.tell() - begun))
        out.write(b"\n]}\n")


EXPORTER = JsonLdExporter
