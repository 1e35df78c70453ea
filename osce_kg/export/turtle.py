"""Turtle of the union graph: prefixes, then one block per subject, everything in the canonical order.

Written by hand from the sorted N-Triples lines of `base.Statements` (no Python object per statement; in
C where osce_kg/_native.c is built, by `write_blocks` otherwise, the same bytes):
N-Triples terms are valid Turtle as they are, so a line only has to be cut into subject, predicate and
object, and IRIs in a known namespace whose local part is a safe name become prefixed names. Layout:

    <subject> a osce:Class ;
    \tskos:prefLabel "x"@en , "y"@fr ;
    \tosce:p <object> .

Subjects, predicates and objects come in the order of their N-Triples bytes, so the same triples always
give the same bytes. TriG (trig.py) writes each graph's block with the same code, one tab further in.
"""

from __future__ import annotations

from typing import BinaryIO

from osce_kg.export.base import Exporter, Memo, Statements, compact, namespace_pairs, native_turtle, sorted_lines
from osce_kg.vocab import PREFIXES

SORTED_PREFIXES = dict(sorted(PREFIXES.items()))
RDF_TYPE = b"<" + PREFIXES["rdf"].encode() + b"type>"
_NAMESPACE_PAIRS = namespace_pairs(PREFIXES)  # for the C core
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


def write_text(data: bytes | memoryview, distinct: bool, drop: bytes | None, out: BinaryIO, names: TermNames,
               indent: bytes = b"") -> None:
    """Unsorted N-Triples text (as `base.sorted_lines` takes it) as `write_blocks` writes its sorted lines:
    in C where the native module is built (the same bytes), else in Python."""
    text = native_turtle(data, distinct, drop, indent, _NAMESPACE_PAIRS)
    if text is None:
        write_blocks(sorted_lines(data, distinct, drop), out, names, indent)
    else:
        out.write(text)


class TurtleExporter(Exporter):
    default_name = "turtle"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        out.write(prefix_lines())
        write_text(*statements.union_text(), out, TermNames())


EXPORTER = TurtleExporter
