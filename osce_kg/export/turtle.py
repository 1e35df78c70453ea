"""Turtle of the union graph: prefixes, one block per subject, everything sorted.

The statements are sorted as N-Triples lines and handed, in that order, to pyoxigraph's streaming
serialiser with the project's prefixes: the same triples always give the same bytes, and only names
that are valid prefixed names in Turtle are written as such (pyoxigraph checks the local part).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter, joined, sorted_lines
from osce_kg.vocab import PREFIXES

SORTED_PREFIXES = dict(sorted(PREFIXES.items()))


def serialize_sorted(lines: list[bytes], source: ox.RdfFormat, target: ox.RdfFormat) -> str:
    """Sorted N-Triples/N-Quads lines re-serialised in `target`, order kept, with the project's prefixes."""
    data = joined(lines)
    text = ox.serialize(ox.parse(data, format=source), format=target, prefixes=SORTED_PREFIXES).decode("utf-8")
    # the writer declares the prefixes in an order of its own: sort the declarations, so the bytes never
    # depend on it
    head_end = 0
    while text.startswith("@prefix ", head_end):
        head_end = text.index("\n", head_end) + 1
    return "".join(sorted(text[:head_end].splitlines(keepends=True))) + text[head_end:]


class TurtleExporter(Exporter):
    default_name = "turtle"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        return serialize_sorted(sorted_lines(quads, graphs=False), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)


EXPORTER = TurtleExporter
