"""Turtle of the union graph: prefixes, one block per subject, everything sorted.

Written by hand rather than by a library serialiser so that the same triples always give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from osce_kg.export.base import Exporter, compact
from osce_kg.vocab import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"


def turtle_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value) or f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = str(term)
        datatype = term.datatype.value
        if term.language or datatype == PREFIXES["xsd"] + "string":
            return text
        lexical, _, _ = text.rpartition("^^")
        return f"{lexical}^^{compact(datatype) or '<' + datatype + '>'}"
    return str(term)


def triples_by_subject(quads: Iterable[ox.Quad]) -> dict:
    by_subject: dict = defaultdict(lambda: defaultdict(set))
    for q in quads:
        by_subject[q.subject][q.predicate].add(q.object)
    return by_subject


def render_triples(by_subject: dict, indent: str = "") -> list[str]:
    out = []
    for subject in sorted(by_subject, key=str):
        predicates = by_subject[subject]
        lines = []
        for predicate in sorted(predicates, key=lambda p: (p.value != RDF_TYPE, str(p))):
            name = "a" if predicate.value == RDF_TYPE else turtle_term(predicate)
            objects = sorted(turtle_term(o) for o in predicates[predicate])
            lines.append(f"{indent}    {name} " + f" ,\n{indent}        ".join(objects))
        out.append(f"{indent}{turtle_term(subject)}\n" + " ;\n".join(lines) + " .\n")
    return out


def prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


class TurtleExporter(Exporter):
    default_name = "turtle"

    def render(self, quads: Iterable[ox.Quad]) -> str:
        return prefix_lines() + "\n".join(render_triples(triples_by_subject(quads)))


EXPORTER = TurtleExporter
