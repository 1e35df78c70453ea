"""N-Quads (named graphs kept) and N-Triples (the union graph), one statement per line, sorted."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter


class LineExporter(Exporter):
    default_name = "nquads"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        if self.name == "nquads":
            lines = {str(q) + " ." for q in quads}
        else:
            lines = {f"{q.subject} {q.predicate} {q.object} ." for q in quads}
        return "".join(line + "\n" for line in sorted(lines))


EXPORTER = LineExporter
