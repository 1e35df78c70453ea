"""TriG: Turtle with the named graphs kept, graphs and their contents sorted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter
from osce_kg.export.turtle import prefix_lines, render_triples, triples_by_subject, turtle_term


class TrigExporter(Exporter):
    name = "trig"
    extension = "trig"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        graphs: dict = defaultdict(list)
        for q in quads:
            graphs[q.graph_name].append(q)
        parts = [prefix_lines()]
        for graph in sorted(graphs, key=str):
            body = "\n".join(render_triples(triples_by_subject(graphs[graph]), indent="    "))
            if isinstance(graph, ox.DefaultGraph):
                parts.append("{\n" + body + "}\n\n")
            else:
                parts.append(f"{turtle_term(graph)} {{\n{body}}}\n\n")
        return "".join(parts)


EXPORTER = TrigExporter
