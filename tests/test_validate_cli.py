"""`osce-kg validate` end to end: formats, exit codes, fail-on levels, bad input, the default build file."""

from __future__ import annotations

import json
import shutil
from xml.etree import ElementTree as ET

import pytest

from osce_kg.cli import main
from osce_kg.validate import shacl_engine_version
from tests.test_shapes import BAD, PROFILE, VALID

OSCE_ID = "https://w3id.org/osce-kg/id/"


def case(name: str):
    return next(c for c in BAD if c.stem == name)


def shapes_args() -> list[str]:
    return [arg for p in PROFILE for arg in ("--shapes", str(p))]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_conforming_data_exits_0_with_a_text_summary(capsys):
    code, out, _ = run(capsys, str(VALID), *shapes_args())
    assert code == 0
    assert out.startswith("SHACL validation: conforms (0 violations, 0 warnings, 0 infos")


def test_violation_exits_1_and_the_text_report_groups_by_shape_and_focus_naming_the_page(capsys):
    code, out, _ = run(capsys, str(VALID), str(case("SourcePage-language")), *shapes_args())
    assert code == 1
    lines = out.splitlines()
    assert "does NOT conform (2 violations" in lines[0]
    i = lines.index("oshape:SourcePage-language  (2 results)")
    assert lines[i + 1] == f"  {OSCE_ID}page/osce.org/elections"
    assert lines[i + 2] == "    from: https://w3id.org/osce-kg/graph/page/osce.org/elections"
    assert lines[i + 3].startswith("    Violation https://schema.org/inLanguage")


def test_fail_on_sets_the_severity_that_fails(capsys):
    data = [str(VALID), str(case("FieldOperation-hostPresent"))]
    assert run(capsys, *data, *shapes_args())[0] == 0
    assert run(capsys, *data, *shapes_args(), "--fail-on", "warning")[0] == 1
    info = [str(VALID), str(case("Interval-bounded"))]
    assert run(capsys, *info, *shapes_args(), "--fail-on", "warning")[0] == 0
    assert run(capsys, *info, *shapes_args(), "--fail-on", "info")[0] == 1


def test_json_report_lists_exact_results(capsys):
    code, out, _ = run(capsys, str(VALID), str(case("rule-ChairParticipating")), *shapes_args(), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["conforms"] is False and data["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    (result,) = data["results"]
    assert result["focus"] == OSCE_ID + "chairpersonship/1972"
    assert result["shape"] == "https://w3id.org/osce-kg/shapes#ChairParticipatingShape"
    assert result["value"] == f"<{OSCE_ID}country/at>"
    assert result["severity"] == "Violation" and result["constraint"] == "SPARQLConstraintComponent"


def test_turtle_report_is_a_shacl_report_without_blank_nodes(capsys):
    import rdflib

    code, out, _ = run(capsys, str(VALID), str(case("State-alpha3")), *shapes_args(), "--format", "turtle")
    assert code == 1
    g = rdflib.Graph().parse(data=out, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (result,) = list(g.subjects(rdflib.RDF.type, sh.ValidationResult))
    assert str(g.value(result, sh.focusNode)) == OSCE_ID + "country/at"
    assert str(g.value(result, sh.resultPath)) == "https://w3id.org/osce-kg/ontology#iso3166Alpha3"
    assert g.value(result, sh.resultSeverity) == sh.Violation
    assert str(g.value(result, sh.sourceShape)) == "https://w3id.org/osce-kg/shapes#State-alpha3"
    assert not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def test_junit_report_parses_with_xml_etree(capsys):
    code, out, _ = run(capsys, str(VALID), str(case("Post-postIn")), str(case("Post-postInPresent")),
                       *shapes_args(), "--format", "junit")
    assert code == 1
    root = ET.fromstring(out.encode())
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"oshape:Post-postIn", "oshape:Post-postInPresent"}
    assert cases["oshape:Post-postIn"].find("failure") is not None
    assert cases["oshape:Post-postInPresent"].find("failure") is None  # a Warning below --fail-on violation
    assert suite.get("failures") == "1" and suite.get("tests") == "2"


def test_junit_report_is_accepted_by_junitparser(capsys, tmp_path):
    junitparser = pytest.importorskip("junitparser")
    code, out, _ = run(capsys, str(VALID), str(case("Post-postIn")), *shapes_args(), "--format", "junit")
    report = tmp_path / "shacl.xml"
    report.write_text(out)
    xml = junitparser.JUnitXml.fromfile(str(report))
    suites = list(xml) if hasattr(xml, "__iter__") else [xml]
    results = [(c.name, [type(r).__name__ for r in c.result]) for s in suites for c in s]
    assert results == [("oshape:Post-postIn", ["Failure"])]


def test_github_format_emits_workflow_commands(capsys):
    data = str(case("rule-HostParticipating"))
    code, out, _ = run(capsys, str(VALID), data, *shapes_args(), "--format", "github", "--fail-on", "warning")
    assert code == 1
    (line,) = [x for x in out.splitlines() if x.startswith("::")]
    assert line.startswith(f"::warning file={data},title=oshape%3AHostParticipatingShape::")
    assert f"{OSCE_ID}field-operation/test-mission" in line
    code, out, _ = run(capsys, str(VALID), str(case("State-alpha2")), *shapes_args(), "--format", "github")
    assert code == 1
    assert any(x.startswith(f"::error file={case('State-alpha2')},title=oshape%3AState-alpha2::")
               for x in out.splitlines())


@pytest.mark.slow
@pytest.mark.skipif(shacl_engine_version() is None, reason="the 'shacl' engine is not installed")
def test_both_engines_give_the_same_report_through_the_cli(capsys):
    data = [str(VALID), str(case("rule-PostHoldingOverlap"))]
    _, fast, _ = run(capsys, *data, *shapes_args(), "--format", "json", "--engine", "shacl")
    _, reference, _ = run(capsys, *data, *shapes_args(), "--format", "json", "--engine", "pyshacl")
    assert json.loads(fast) == json.loads(reference)


def test_missing_or_unreadable_input_exits_2_naming_the_file(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "nope.nq"))
    assert code == 2 and "nope.nq: no such file" in err
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> ")
    code, _, err = run(capsys, str(broken))
    assert code == 2 and f"{broken}: cannot read RDF" in err
    code, _, err = run(capsys, str(VALID), "--shapes", str(tmp_path / "none.ttl"))
    assert code == 2 and "none.ttl: no such shapes file" in err
    bad_shapes = tmp_path / "bad-shapes.ttl"
    bad_shapes.write_text("this is not turtle")
    code, _, err = run(capsys, str(VALID), "--shapes", str(bad_shapes))
    assert code == 2 and f"{bad_shapes}: cannot read shapes" in err
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "yaml"])
    assert exc.value.code == 2


def test_no_argument_validates_the_last_build(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys)
    assert code == 2 and "run 'osce-kg build' first" in err
    (tmp_path / "build").mkdir()
    shutil.copy(case("rule-PageProvenance"), tmp_path / "build" / "page.ttl")
    # a TriG copy of the valid fixture named like a build's output
    from osce_kg.store import KnowledgeGraph

    kg = KnowledgeGraph.from_files([VALID])
    (tmp_path / "build" / "osce.nq").write_bytes(kg.store.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS))
    code, out, _ = run(capsys, *shapes_args())
    assert code == 0 and "conforms" in out.splitlines()[0]
