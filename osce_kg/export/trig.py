"""TriG: Turtle with the named graphs kept, graphs and their contents sorted."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter, by_graph, sorted_lines
from osce_kg.export.turtle import serialize_sorted


class TrigExporter(Exporter):
    default_name = "trig"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        lines = []
        for graph, graph_quads in by_graph(quads):  # graph by graph, so that each graph is one block
            triples = sorted_lines(graph_quads, graphs=False)
            if isinstance(graph, ox.DefaultGraph):
                lines += triples
            else:
                name = str(graph).encode("utf-8") + b" ."
                lines += [line[:-1] + name for line in triples]
        return serialize_sorted(lines, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


EXPORTER = TrigExporter
