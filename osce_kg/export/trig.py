"""TriG: Turtle with the named graphs kept: the prefixes, the default graph's statements (if any), then
one `<graph> { ... }` block per named graph, graphs and their contents in the canonical order
(`base.Statements`), each graph written like Turtle (turtle.py), indented by a tab."""

from __future__ import annotations

from typing import BinaryIO

from osce_kg.export.base import Exporter, Statements
from osce_kg.export.turtle import TermNames, prefix_lines, write_text


class TrigExporter(Exporter):
    default_name = "trig"

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        out.write(prefix_lines())
        names = TermNames()
        for graph, data in statements.dumps():
            if not data:
                continue
            if graph is None:
                write_text(data, statements.distinct, None, out, names)
                continue
            out.write(names.term(graph) + b" {\n")
            write_text(data, statements.distinct, None, out, names, b"\t")
            out.write(b"}\n")


EXPORTER = TrigExporter
