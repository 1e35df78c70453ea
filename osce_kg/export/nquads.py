"""N-Quads (named graphs kept) and N-Triples (the union graph), one statement per line, sorted.

N-Quads: graph after graph in the canonical order (`base.Statements`: the default graph first, then the
named graphs sorted), each graph's lines sorted; N-Triples: the distinct triples of all graphs, sorted."""

from __future__ import annotations

from typing import BinaryIO

from osce_kg.export.base import Exporter, Statements

_CHUNK = 1 << 16


class LineExporter(Exporter):
    default_name = "nquads"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        if self.name != "nquads":
            lines = statements.union_lines()
            for start in range(0, len(lines), _CHUNK):  # a slice at a time: no second copy of the whole file
                out.write(b"".join(lines[start:start + _CHUNK]))
            return
        for graph, lines in statements.by_graph():
            if not lines:
                continue
            block = b"".join(lines)
            if graph is not None:  # " .\n" ends every line and nothing else: literals hold no raw newline
                block = block.replace(b" .\n", b" " + graph + b" .\n")
            out.write(block)


EXPORTER = LineExporter
