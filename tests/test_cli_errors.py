"""Every input the issue saw end in a traceback gives one line on stderr and exit 2 (usage) or 1 (failed)."""

from __future__ import annotations

import pytest

from osce_kg.cli import main
from tests.conftest import PAGES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-errors") / "build"
    assert main(["build", str(PAGES / "navonly_en.txt"), "-o", str(out), "-q", "--no-validate"]) == 0
    return out


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_output_that_is_a_file_or_unwritable(built, tmp_path, capsys):
    nq = str(built / "osce.nq")
    assert main(["build", str(PAGES / "navonly_en.txt"), "-o", nq, "-q"]) == 2
    assert "not a folder" in one_line(capsys)
    assert main(["export", "--data", nq, "--format", "turtle", "-o", "/proc/osce-kg.ttl"]) == 1
    assert "/proc/osce-kg.ttl: cannot write" in one_line(capsys)
    assert main(["export", "--data", nq, "--format", "turtle", "-o", nq + "/x.ttl"]) == 1
    assert "cannot write" in one_line(capsys)
    assert main(["validate", nq, "-o", "/proc/osce-kg.txt"]) == 1
    assert "cannot write" in one_line(capsys)


def test_export_graph_that_is_not_an_iri(built, capsys):
    assert main(["export", "--data", str(built / "osce.nq"), "--format", "turtle", "--graph", "a b"]) == 2
    line = one_line(capsys)
    assert "--graph 'a b'" in line and "IRI" in line


@pytest.mark.parametrize("content, suffix", [(b"not rdf at all <", ".nq"), (b"x", ""), (b"\xff\xfe", ".ttl")])
def test_bad_data_file(tmp_path, capsys, content, suffix):
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(content)
    assert main(["export", "--data", str(bad), "--format", "turtle"]) == 2
    line = one_line(capsys)
    assert f"{bad}: cannot read RDF" in line or f"{bad}: unknown RDF file extension" in line
    assert main(["query", "participating-states", "--data", str(bad)]) == 2
    assert f"{bad}: cannot read RDF" in one_line(capsys)


def test_data_that_is_not_a_regular_file(tmp_path, capsys):
    assert main(["export", "--data", str(tmp_path), "--format", "turtle"]) == 2
    assert f"{tmp_path}: no such file" in one_line(capsys)


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_enrich_timeout_must_be_finite(tmp_path, capsys, value):
    code = main(["enrich", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", value, "--cache", str(tmp_path)])
    assert code == 2
    assert "--timeout" in one_line(capsys)


def test_param_without_equals(built, capsys):
    nq = str(built / "osce.nq")
    assert main(["query", "participating-states", "--data", nq, "--param", "lang"]) == 2
    assert one_line(capsys) == "error: --param 'lang': expected NAME=VALUE"
    assert main(["export", "--data", nq, "--format", "csv", "--query", "participating-states", "--param", "lang"]) == 2
    assert one_line(capsys) == "error: --param 'lang': expected NAME=VALUE"
