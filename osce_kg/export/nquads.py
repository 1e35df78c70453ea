"""N-Quads (named graphs kept) and N-Triples (the union graph), one statement per line, sorted."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter, joined, sorted_lines


class LineExporter(Exporter):
    default_name = "nquads"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        return joined(sorted_lines(quads, graphs=self.name == "nquads")).decode("utf-8")


EXPORTER = LineExporter
