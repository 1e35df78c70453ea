"""Validation reports for people (text) and machines (json, turtle, junit, github annotations).

Every format is deterministic: results are sorted, the Turtle report mints result IRIs from the result's
content (no blank nodes), and nothing depends on time or engine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from osce_kg.validation_results import (
    SEVERITIES,
    SHAPES_NS,
    ValidationReport,
    ValidationResult,
    as_text,
    by_shape,
    parse_term,
    short,
    sort_key,
    summary,
)

FORMATS = ("text", "json", "turtle", "junit", "github")
SH = "http://www.w3.org/ns/shacl#"


def _as_dict(r: ValidationResult) -> dict:
    return {"severity": r.severity, "focus": r.focus, "path": r.path, "value": r.value, "message": r.message,
            "shape": r.shape, "constraint": r.constraint, "sources": list(r.sources)}


def as_json(report: ValidationReport) -> str:
    data = {"conforms": report.conforms, "failOn": report.fail_on, "counts": report.counts(),
            "results": [_as_dict(r) for r in sorted(report.results, key=sort_key)]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _result_iri(r: ValidationResult) -> str:
    digest = hashlib.sha256("\x1f".join(r.key()).encode()).hexdigest()[:24]
    return f"urn:osce-kg:validation-result:{digest}"


def as_turtle(report: ValidationReport) -> str:
    """A sh:ValidationReport graph, with IRIs minted from each result's content instead of blank nodes."""
    import pyoxigraph as ox

    sh = lambda name: ox.NamedNode(SH + name)  # noqa: E731
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    node = ox.NamedNode("urn:osce-kg:validation-report")
    triples = [ox.Triple(node, a, sh("ValidationReport")),
               ox.Triple(node, sh("conforms"), ox.Literal(str(report.conforms).lower(),
                                                          datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")))]
    for r in report.results:
        res = ox.NamedNode(_result_iri(r))
        triples += [ox.Triple(node, sh("result"), res), ox.Triple(res, a, sh("ValidationResult")),
                    ox.Triple(res, sh("resultSeverity"), sh(r.severity)),
                    ox.Triple(res, sh("focusNode"), _focus_term(r.focus)),
                    ox.Triple(res, sh("sourceConstraintComponent"), sh(r.constraint))]
        if r.path:
            triples.append(ox.Triple(res, sh("resultPath"), ox.NamedNode(r.path)))
        if r.value:
            triples.append(ox.Triple(res, sh("value"), parse_term(r.value)))
        if r.shape:
            triples.append(ox.Triple(res, sh("sourceShape"), ox.NamedNode(r.shape)))
        if r.message:
            triples.append(ox.Triple(res, sh("resultMessage"), ox.Literal(r.message)))
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    store = ox.Store()
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    body = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                      prefixes={"sh": SH, "oshape": SHAPES_NS})
    return body.decode()


def _focus_term(focus: str):
    import pyoxigraph as ox

    return ox.NamedNode(focus) if "://" in focus or focus.startswith("urn:") else parse_term(focus)


def as_junit(report: ValidationReport) -> str:
    """One test case per shape; each Violation (or result at the fail-on level) is a failure in it."""
    threshold = SEVERITIES[report.fail_on]
    suites = ET.Element("testsuites", name="osce-kg validate")
    suite = ET.SubElement(suites, "testsuite", name="SHACL")
    failures = 0
    for shape, items in by_shape(report).items():
        case = ET.SubElement(suite, "testcase", classname="shacl", name=short(shape))
        failing = [r for r in items if SEVERITIES[r.severity] >= threshold]
        others = [r for r in items if SEVERITIES[r.severity] < threshold]
        if failing:
            failures += 1
            fail = ET.SubElement(case, "failure", type=failing[0].severity,
                                 message=f"{len(failing)} result(s): {failing[0].message}")
            fail.text = "\n".join(_line(r) for r in failing)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(r) for r in others)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites.set("tests", suite.get("tests"))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _line(r: ValidationResult) -> str:
    path = f" {r.path}" if r.path else ""
    value = f" = {r.value}" if r.value else ""
    where = f" [{', '.join(r.sources)}]" if r.sources else ""
    return f"{r.severity}: {r.focus}{path}{value}: {r.message}{where}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: ValidationReport, file_of: Callable[[ValidationResult], str] | None = None) -> str:
    """GitHub Actions workflow commands: ::error (Violation), ::warning, ::notice (Info)."""
    command = {"Violation": "error", "Warning": "warning", "Info": "notice"}
    lines = []
    for r in sorted(report.results, key=sort_key):
        props = []
        if file_of:
            props.append(f"file={_escape_prop(file_of(r))}")
        props.append(f"title={_escape_prop(short(r.shape or r.constraint))}")
        message = f"{r.focus}{' ' + r.path if r.path else ''}: {r.message}"
        if r.sources:
            message += f" (from {', '.join(r.sources)})"
        lines.append(f"::{command[r.severity]} {','.join(props)}::{_escape_data(message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render(report: ValidationReport, fmt: str, file_of: Callable[[ValidationResult], str] | None = None) -> str:
    if fmt == "text":
        return as_text(report)
    if fmt == "json":
        return as_json(report)
    if fmt == "turtle":
        return as_turtle(report)
    if fmt == "junit":
        return as_junit(report)
    if fmt == "github":
        return as_github(report, file_of)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
