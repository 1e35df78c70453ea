"""RDF/XML of the union graph (RDF/XML cannot name graphs), in the canonical order, through pyoxigraph.

The sorted N-Triples lines of `base.Statements` are parsed a slice at a time and handed to pyoxigraph's
RDF/XML serialiser, which keeps their order (one `rdf:Description`, or a typed node element, per run of a
subject's statements), so the same triples always give the same bytes. Two things the serialiser would
leave broken for XML parsers other than its own are fixed on the way:

- blank node labels become `rdf:nodeID` values, which must be XML names: a store's labels are hex and
  often start with a digit, so a label that does not start with an ASCII letter gets a `_` in front (the
  labels left alone start with a letter, so no two labels become one);
- a raw carriage return in a literal would come back as a line feed (XML normalises line ends), so it is
  written `&#13;`; characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE, U+FFFF) are refused
  with an error naming the character, rather than written into a file no XML parser reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph as ox

from osce_kg.export.base import CannotWrite, Exporter, Statements
from osce_kg.vocab import PREFIXES

_CHUNK = 1 << 14  # lines parsed at a time: memory stays flat however big the graph
_SORTED_PREFIXES = dict(sorted(PREFIXES.items()))
# bytes of a character XML 1.0 cannot hold (C0 controls but tab, LF, CR; U+FFFE; U+FFFF): a multi-byte UTF-8
# sequence never holds a byte below 0x80, so the single bytes are found anywhere in a chunk
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _node_id(term: bytes) -> bytes:
    return term if term[2] in _LETTERS else b"_:_" + term[2:]


def _node_ids(line: bytes) -> bytes:
    """An N-Triples line whose blank node labels are valid rdf:nodeID values (XML names)."""
    if b"_:" not in line:
        return line
    s, p, o = line.split(b" ", 2)  # subjects and predicates hold no space
    if s.startswith(b"_:"):
        s = _node_id(s)
    if o.startswith(b"_:"):
        o = _node_id(o)
    return b" ".join((s, p, o))


def _triples(lines: list[bytes]) -> Iterator[ox.Quad]:
    for start in range(0, len(lines), _CHUNK):
        chunk = b"".join(_node_ids(line) for line in lines[start:start + _CHUNK])  # lines end with b"\n"
        # blank node labels are kept as written (not renamed per parse), so slices agree on them
        yield from ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES)


class _XmlOut:
    """The file the serialiser writes to: checks and escapes each chunk before passing it on."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.tail = b""  # the last two bytes of the previous chunk: U+FFFE may straddle two chunks

    def write(self, data: bytes) -> int:
        bad = _NOT_XML.search(self.tail + data)
        if bad:
            raise CannotWrite(f"RDF/XML cannot hold the character {bad.group().decode('utf-8')!r} of a literal "
                              "(XML 1.0 has no way to write it); export this data as Turtle or N-Triples")
        self.tail = data[-2:]
        self.out.write(data.replace(b"\r", b"&#13;"))  # a CR only occurs in literals (IRIs hold none)
        return len(data)

    def flush(self) -> None:
        pass


class RdfXmlExporter(Exporter):
    default_name = "rdfxml"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        ox.serialize(_triples(statements.union_lines()), _XmlOut(out), format=ox.RdfFormat.RDF_XML,
                     prefixes=_SORTED_PREFIXES)
        out.write(b"\n")


EXPORTER = RdfXmlExporter
