"""What a SHACL validation found, engine-neutral: results, the report, their order, and the report for
people (text). Shared by osce_kg.validate (which runs the engines) and osce_kg.validate_formats (which
renders the report for machines), so neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

SEVERITIES = {"Violation": 3, "Warning": 2, "Info": 1}
SHAPES_NS = "https://w3id.org/osce-kg/shapes#"


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation | Warning | Info
    focus: str  # IRI, or N-Triples for a literal / blank node
    path: str | None
    value: str | None  # N-Triples
    message: str
    shape: str | None  # IRI of the source shape (None when it is a blank node)
    constraint: str  # local name of the constraint component
    sources: tuple[str, ...] = ()  # graphs (source pages / registry files) holding the focus node

    def key(self) -> tuple:
        """What two engines must agree on."""
        return (self.severity, self.focus, self.path or "", self.value or "", self.shape or "", self.constraint,
                self.message)


@dataclass
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)
    fail_on: str = "Violation"
    engine: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    triples: int = 0

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
        return as_text(self)


def sort_key(r: ValidationResult) -> tuple:
    return (-SEVERITIES[r.severity], r.shape or "", r.focus, r.path or "", r.value or "", r.constraint)


def parse_term(nt: str):
    """An N-Triples term -> pyoxigraph term (the one normal form both engines' output goes through)."""
    quad = next(iter(ox.parse(f"<urn:s> <urn:p> {nt} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    return quad.object


def short(iri: str | None) -> str:
    """oshape:Name for the project's shapes, the IRI otherwise."""
    if not iri:
        return ""
    return "oshape:" + iri[len(SHAPES_NS):] if iri.startswith(SHAPES_NS) else iri


def summary(report: ValidationReport) -> str:
    c = report.counts()
    head = "conforms" if report.conforms else "does NOT conform"
    return (f"SHACL validation: {head} ({c['Violation']} violations, {c['Warning']} warnings, {c['Info']} infos; "
            f"failing on {report.fail_on.lower()} or worse)")


def by_shape(report: ValidationReport) -> dict[str, list[ValidationResult]]:
    groups: dict[str, list[ValidationResult]] = {}
    for r in sorted(report.results, key=sort_key):
        groups.setdefault(r.shape or r.constraint, []).append(r)
    return dict(sorted(groups.items(), key=lambda kv: (-max(SEVERITIES[r.severity] for r in kv[1]), kv[0])))


def as_text(report: ValidationReport) -> str:
    """Grouped by shape, then by focus node; each focus node names the graphs (pages) that state it."""
    lines = [summary(report)]
    for shape, items in by_shape(report).items():
        lines.append(f"\n{short(shape)}  ({len(items)} result{'s' if len(items) != 1 else ''})")
        by_focus: dict[str, list[ValidationResult]] = {}
        for r in items:
            by_focus.setdefault(r.focus, []).append(r)
        for focus, results in by_focus.items():
            lines.append(f"  {focus}")
            if results[0].sources:
                lines.append(f"    from: {', '.join(results[0].sources)}")
            for r in results:
                path = f" {r.path}" if r.path else ""
                value = f" = {r.value}" if r.value else ""
                lines.append(f"    {r.severity}{path}{value}: {r.message}")
    return "\n".join(lines) + "\n"
