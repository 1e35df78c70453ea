"""N-Quads (named graphs kept) and N-Triples (the union graph), one statement per line, sorted.

N-Quads: graph after graph in the canonical order (`base.graph_order`: the default graph first, then the
named graphs sorted, those that name the build last), each graph's lines sorted; N-Triples: the distinct triples
of all graphs, sorted."""

from __future__ import annotations

from typing import BinaryIO

from osce_kg.export.base import Exporter, Statements, sorted_block


class LineExporter(Exporter):
    default_name = "nquads"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        if self.name != "nquads":
            out.write(sorted_block(*statements.union_text()))
            return
        at = out.tell()
        for graph, data in statements.dumps():
            if data:
                block = sorted_block(data, statements.distinct, graph=graph)
                out.write(block)
                if statements.written is not None:
                    statements.written.append((graph, at, len(block)))
                at += len(block)


EXPORTER = LineExporter
