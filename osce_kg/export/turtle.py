"""Turtle of the union graph: prefixes, then one block per subject, everything in the canonical order.

Written by hand from the sorted N-Triples lines of `base.Statements` (no Python object per statement):
N-Triples terms are valid Turtle as they are, so a line only has to be cut into subject, predicate and
object, and IRIs in a known namespace whose local part is a safe name become prefixed names. Layout:

    <subject> a osce:Class ;
    \tskos:prefLabel "x"@en , "y"@fr ;
    \tosce:p <object> .

Subjects, predicates and objects come in the order of their N-Triples bytes, so the same triples always
give the same bytes. TriG (trig.py) writes each graph's block with the same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from osce_kg.export.base import Exporter, Statements, compact
from osce_kg.vocab import PREFIXES

SORTED_PREFIXES = dict(sorted(PREFIXES.items()))
RDF_TYPE = b"<" + PREFIXES["rdf"].encode() + b"type>"
_NAMESPACES = tuple(b"<" + ns.encode() for ns in PREFIXES.values())  # a term that may compact starts so
_CHUNK = 1 << 16  # parts joined and written at a time: memory stays flat however big the graph


def prefix_lines() -> bytes:
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in SORTED_PREFIXES.items())


class TermNames:
    """N-Triples terms as written in Turtle: a prefixed name where one is safe, the term itself otherwise."""

    def __init__(self):
        self.known: dict[bytes, bytes] = {RDF_TYPE: b"a"}  # predicates: few, looked up for every statement
        self._datatypes: dict[bytes, bytes] = {}

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
            datatype = self._datatypes.get(term[cut:])
            if datatype is None:
                datatype = self._datatypes[term[cut:]] = self.term(term[cut:])
            return term[:cut] + datatype
        return term  # "lexical", "lexical"@lang, _:blank


def write_blocks(lines: Iterable[bytes], out: BinaryIO, names: TermNames, indent: bytes = b"") -> None:
    """Sorted N-Triples lines as Turtle statements, one block per subject (each line indented by `indent`)."""
    parts: list[bytes] = []
    add = parts.append
    then_predicate = b" ;\n" + indent + b"\t"
    term, predicate_of, object_of, known = names.term, names.predicate, names.object, names.known  # per statement
    subject = predicate = None
    for line in lines:
        s, p, o = line.split(b" ", 2)  # subjects and predicates hold no space
        # the line ends with " ."; only an IRI in a known namespace or a typed literal is written otherwise
        o = object_of(o[:-2]) if o.startswith(_NAMESPACES) or o[-3] == 62 else o[:-2]
        if s == subject:
            if p == predicate:
                add(b" , " + o)
            else:
                add(then_predicate + (known.get(p) or predicate_of(p)) + b" " + o)
                predicate = p
        else:
            if subject is not None:
                add(b" .\n")
                if len(parts) > _CHUNK:
                    out.write(b"".join(parts))
                    parts.clear()
            add(indent + term(s) + b" " + (known.get(p) or predicate_of(p)) + b" " + o)
            subject, predicate = s, p
    if subject is not None:
        add(b" .\n")
    out.write(b"".join(parts))


class TurtleExporter(Exporter):
    default_name = "turtle"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        out.write(prefix_lines())
        write_blocks(statements.union_lines(), out, TermNames())


EXPORTER = TurtleExporter
