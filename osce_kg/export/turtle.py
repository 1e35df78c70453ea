"""Turtle of the union graph (or of one graph): pyoxigraph's own serialisation, in an on-disk store's key order.

An on-disk (RocksDB) pyoxigraph store dumps a graph in the order of its keys, and a key is the encoded
terms (subject, predicate, object), each a fixed hash of the term or the value itself: the same triples
give the same bytes whatever order they were inserted in, in any process (an in-memory store's order
follows insertion instead). Subjects come grouped, so pyoxigraph's serialiser writes one block per subject
(`a` for `rdf:type`, `;` between predicates, `,` between objects, numbers and booleans as bare literals),
with the project's prefixes. So:

- a store on disk (a build's `build/store/`, what `osce-kg export` opens) is dumped as it is;
- statements only in memory (RDF files, a build without a store) are bulk-loaded into a temporary
  on-disk store first, so the bytes are the same whatever the source;
- Python quads (`render`: query results, the dataset description) are written by hand from sorted
  N-Triples lines (`write_sorted`), as given: a store would rewrite typed literals ("007"^^xsd:integer
  as 7). That writer's layout:

    <subject> a osce:Class ;
    \tskos:prefLabel "x"@en , "y"@fr ;
    \tosce:p <object> .

TriG (trig.py) writes each graph's block with that same code, one tab further in.
"""

from __future__ import annotations

import tempfile
from typing import BinaryIO

import pyoxigraph as ox

from osce_kg.export.base import Exporter, Memo, Statements, compact
from osce_kg.store import STORE_MARK
from osce_kg.vocab import PREFIXES

SORTED_PREFIXES = dict(sorted(PREFIXES.items()))
RDF_TYPE = b"<" + PREFIXES["rdf"].encode() + b"type>"
_NAMESPACES = tuple(b"<" + ns.encode() for ns in PREFIXES.values())  # a term that may compact starts so
_CHUNK = 1 << 15  # lines written at a time: memory stays flat however big the graph


def prefix_lines() -> bytes:
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in SORTED_PREFIXES.items())


class TermNames:
    """N-Triples terms as written in Turtle: a prefixed name where one is safe, the term itself otherwise.

    Keeps what it has worked out for the whole export (every graph of a TriG file): the pieces of a line
    for each predicate, and each IRI or typed-literal object."""

    def __init__(self):
        self.known: dict[bytes, bytes] = {RDF_TYPE: b"a"}
        self._datatypes = Memo(self.term)
        self.objects = Memo(lambda tail: self.object(tail[:-3]))  # 'object .\n' as in N-Triples -> Turtle
        self._layouts: dict[bytes, tuple[Memo, Memo]] = {}

    def term(self, term: bytes) -> bytes:
        if term.startswith(_NAMESPACES):
            name = compact(term[1:-1].decode("utf-8"))
            if name:
                return name.encode("utf-8")
        return term

    def predicate(self, term: bytes) -> bytes:
        found = self.known.get(term)
        if found is None:
            found = self.known[term] = self.term(term)
        return found

    def object(self, term: bytes) -> bytes:
        first = term[0]
        if first == 60:  # <iri>
            return self.term(term)
        if first == 34 and term[-1] == 62:  # "lexical"^^<datatype>: no IRI holds '^' or '<'
            cut = term.rindex(b"^^<") + 2
            return term[:cut] + self._datatypes[term[cut:]]
        return term  # "lexical", "lexical"@lang, _:blank

    def layout(self, indent: bytes) -> tuple[Memo, Memo]:
        """For lines indented by `indent`: predicate -> what follows the subject on its first line;
        predicate -> what ends the line before and starts a later line of the same subject."""
        found = self._layouts.get(indent)
        if found is None:
            found = self._layouts[indent] = (Memo(lambda p: b" " + self.predicate(p) + b" "),
                                             Memo(lambda p: b" ;\n" + indent + b"\t" + self.predicate(p) + b" "))
        return found


def write_blocks(lines: list[bytes], out: BinaryIO, names: TermNames, indent: bytes = b"") -> None:
    """Sorted N-Triples lines as Turtle statements, one block per subject (each line indented by `indent`).

    A statement's pieces start with what ends the statement before: ' .' and a newline before a new
    subject, ' ;' and a newline before a new predicate, ' , ' before another object of the same one."""
    first_predicate, next_predicate = names.layout(indent)
    objects, term = names.objects, names.term
    new_subject = b" .\n" + indent
    subject = predicate = None
    cut = 3  # the block's first statement ends none: no " .\n" before it
    for start in range(0, len(lines), _CHUNK):
        parts: list[bytes] = []
        add = parts.append
        for line in lines[start:start + _CHUNK]:  # runs per statement: kept to the least work
            s, p, o = line.split(b" ", 2)  # subjects and predicates hold no space; o ends with ' .\n'
            # an IRI or a typed literal may compact; other objects are written as they are
            o = objects[o] if o[-4] == 62 else o[:-3]
            if s != subject:  # pieces appended one by one: the join copies them once, a '+' twice
                add(new_subject)
                add(term(s) if s.startswith(_NAMESPACES) else s)  # a subject is rarely in a namespace
                add(first_predicate[p])
                subject, predicate = s, p
            elif p != predicate:
                add(next_predicate[p])
                predicate = p
            else:
                add(b" , ")
            add(o)
        out.write(memoryview(b"".join(parts))[cut:])
        cut = 0
    if subject is not None:
        out.write(b" .\n")


# a saved store's default graph holds its union and this one triple (store.py), a block of its own in the dump
_MARK_BLOCK = b"\n" + ox.serialize([STORE_MARK.triple], format=ox.RdfFormat.TURTLE)


def write_sorted(statements: Statements, out: BinaryIO) -> None:
    """The union's Turtle written by hand from the sorted N-Triples lines (Python quads, written as given)."""
    out.write(prefix_lines())
    write_blocks(statements.union_lines(), out, TermNames())


def store_turtle(statements: Statements, out: BinaryIO) -> None:
    """The union (or the one graph) of statements in a store, dumped by pyoxigraph in on-disk key order."""
    store = statements.store
    graphs = [statements.union] if statements.union is not None else statements.graphs
    if statements.on_disk and len(graphs) == 1:
        data = store.dump(format=ox.RdfFormat.TURTLE, from_graph=graphs[0], prefixes=SORTED_PREFIXES)
    else:
        with tempfile.TemporaryDirectory(prefix="osce-kg-turtle-") as tmp:
            disk = ox.Store(tmp)
            for graph in graphs:  # into the default graph: a set, so a triple of several graphs comes once
                nt = statements.dump(graph)
                if b"_:" in nt:  # parsed text gets new blank node labels: such a graph goes as terms
                    disk.extend(ox.Quad(q.subject, q.predicate, q.object)
                                for q in store.quads_for_pattern(None, None, None, graph))
                else:
                    disk.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
            data = disk.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=SORTED_PREFIXES)
            del disk  # closed before its folder goes
    at = data.find(_MARK_BLOCK)
    if at >= 0:
        data = data[:at + 1] + data[at + len(_MARK_BLOCK):]
    out.write(data)


class TurtleExporter(Exporter):
    default_name = "turtle"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        if statements.store is None:
            write_sorted(statements, out)
        else:
            store_turtle(statements, out)


EXPORTER = TurtleExporter
