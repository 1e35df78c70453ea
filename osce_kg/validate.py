"""SHACL validation with pySHACL (the reference engine), and a report people and machines can read.

The data graph is the union of all named graphs plus the ontology (so subclass targets see the class
hierarchy). Each result names the source page(s) whose graph holds the offending node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from osce_kg.store import KnowledgeGraph

SEVERITIES = {"Violation": 3, "Warning": 2, "Info": 1}


def ontology_path(name: str) -> Path:
    return Path(str(resources.files("osce_kg.ontology").joinpath(name)))


def default_shapes() -> list[Path]:
    folder = ontology_path("")
    return sorted(p for p in folder.glob("shapes*.ttl"))


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    constraint: str
    sources: tuple[str, ...] = ()  # graphs (source pages / registry files) holding the focus node


@dataclass
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)
    fail_on: str = "Violation"

    @property
    def conforms(self) -> bool:
        threshold = SEVERITIES[self.fail_on]
        return not any(SEVERITIES[r.severity] >= threshold for r in self.results)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for r in self.results:
            out[r.severity] += 1
        return out

    def text(self) -> str:
        counts = self.counts()
        head = "conforms" if self.conforms else "does NOT conform"
        lines = [f"SHACL validation: {head} ({counts['Violation']} violations, {counts['Warning']} warnings, "
                 f"{counts['Info']} infos)"]
        by_shape: dict[str, list[ValidationResult]] = {}
        for r in self.results:
            by_shape.setdefault(r.shape or r.constraint, []).append(r)
        for shape in sorted(by_shape):
            items = by_shape[shape]
            lines.append(f"\n{shape} ({len(items)})")
            for r in sorted(items, key=lambda r: (-SEVERITIES[r.severity], r.focus, r.path or "")):
                where = f" [{', '.join(r.sources)}]" if r.sources else ""
                path = f" {r.path}" if r.path else ""
                value = f" = {r.value}" if r.value else ""
                lines.append(f"  {r.severity}: {r.focus}{path}{value}: {r.message}{where}")
        return "\n".join(lines) + "\n"


def _shapes_graph(shapes: Iterable[str | Path] | None) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in shapes or default_shapes():
        graph.parse(str(path), format="turtle")
    return graph


def _ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(str(ontology_path("osce.ttl")), format="turtle")
    return graph


def validate_graph(kg: KnowledgeGraph, shapes: Iterable[str | Path] | None = None,
                   fail_on: str = "Violation") -> ValidationReport:
    from pyshacl import validate

    data = kg.to_rdflib_graph()
    _, results_graph, _ = validate(
        data,
        shacl_graph=_shapes_graph(shapes),
        ont_graph=_ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
    )
    report = ValidationReport(fail_on=fail_on)
    graphs_of = _graphs_index(kg)
    for result in results_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        def one(pred, result=result):
            value = results_graph.value(result, pred)
            return None if value is None else str(value)

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        focus = one(SH.focusNode) or ""
        report.results.append(
            ValidationResult(
                severity=severity,
                focus=focus,
                path=one(SH.resultPath),
                value=one(SH.value),
                message=one(SH.resultMessage) or "",
                shape=one(SH.sourceShape),
                constraint=(one(SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1],
                sources=tuple(graphs_of(focus)),
            )
        )
    report.results.sort(key=lambda r: (-SEVERITIES[r.severity], r.shape or "", r.focus, r.path or "", r.value or ""))
    return report


def _graphs_index(kg: KnowledgeGraph):
    import pyoxigraph as ox

    def graphs_of(focus: str) -> list[str]:
        if not focus.startswith(("http://", "https://", "urn:")):
            return []
        return sorted({q.graph_name.value for q in kg.store.quads_for_pattern(ox.NamedNode(focus), None, None)
                       if isinstance(q.graph_name, ox.NamedNode)})

    return graphs_of
