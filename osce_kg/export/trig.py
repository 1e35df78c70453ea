"""TriG: Turtle with the named graphs kept, graphs and their contents sorted."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter, by_graph
from osce_kg.export.turtle import prefix_lines, render_triples, triples_by_subject, turtle_term


class TrigExporter(Exporter):
    default_name = "trig"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        parts = [prefix_lines()]
        for graph, graph_quads in by_graph(quads):
            body = "\n".join(render_triples(triples_by_subject(graph_quads), indent="    "))
            if isinstance(graph, ox.DefaultGraph):
                parts.append("{\n" + body + "}\n\n")
            else:
                parts.append(f"{turtle_term(graph)} {{\n{body}}}\n\n")
        return "".join(parts)


EXPORTER = TrigExporter
