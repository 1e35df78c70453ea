"""`osce-kg build` end to end through the CLI: default corpus, outputs, determinism, bad input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.cli import main
from tests.conftest import FIXTURES, PAGES

OUTPUTS = ("osce.ttl", "osce.nq", "osce.jsonld", "report.json")


@pytest.mark.slow
def test_default_build_writes_the_three_formats_and_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    for name in OUTPUTS:
        assert (tmp_path / "build" / name).stat().st_size > 0
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert report["summary"]["errors"] == 0
    assert report["summary"]["conforms"] is True
    # `osce-kg validate` with no arguments validates the last build
    assert main(["validate"]) == 0


@pytest.fixture(scope="module")
def pages_build(tmp_path_factory):
    """The fixture pages built once through the CLI (default outputs, validated): the first of the two builds
    the determinism test compares, and the data of the export and query checks."""
    out = tmp_path_factory.mktemp("pages-build")
    assert main(["build", str(PAGES), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.xdist_group("pages-build")
def test_builds_are_byte_identical(tmp_path, pages_build):
    # a second build of the same pages, into another folder, at another moment
    assert main(["build", str(PAGES), "-o", str(tmp_path / "b"), "-q"]) == 0
    for name in OUTPUTS:
        assert (pages_build / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_build_time_comes_from_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert main(["build", str(PAGES / "navonly_en.txt"), "-o", str(tmp_path), "-q", "--no-validate"]) == 0
    assert '"1970-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in (tmp_path / "osce.nq").read_text()


def test_bad_files_fail_the_build_but_not_the_batch(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["build", str(FIXTURES / "bad"), str(PAGES / "navonly_en.txt"), "-o", str(out), "-q"])
    assert code == 1
    err = capsys.readouterr().err
    for name, problem in [("empty.txt", "empty file"), ("binary.txt", "binary file"),
                          ("latin1.txt", "not UTF-8"), ("not_osce.txt", "not an OSCE page")]:
        line = next(line for line in err.splitlines() if name in line)
        assert line.startswith("error: ") and problem in line
    nq = (out / "osce.nq").read_text()
    assert "example/navigation-only" in nq  # the good file was built
    # no temporary files left (the store's checkpoint before its description is kept: osce_kg/rebuild.py)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_url_option_names_a_file_without_source_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Elections\nThe OSCE observes elections in its participating States.\n")
    assert main(["build", str(page), "--url", "https://www.osce.org/elections", "-o", str(tmp_path / "o"), "-q"]) == 0
    assert "<https://w3id.org/osce-kg/graph/page/osce.org/elections>" in (tmp_path / "o" / "osce.nq").read_text()


def test_every_shared_corpus_file_builds_and_the_summary_names_warnings(corpus_dir, corpus_build):
    # the session's CLI build of the shared corpus (`osce-kg build CORPUS -o OUT`): every file built, and the
    # summary on stderr
    assert corpus_build.exit_code == 0
    err = corpus_build.stderr
    report = json.loads((corpus_build.out_dir / "report.json").read_text())
    assert report["summary"]["errors"] == 0
    assert report["summary"]["built"] == len(list(corpus_dir.glob("*.txt")))
    for source in report["sources"]:
        assert source["kind"] and source["language"] in {"en", "fr", "de", "it", "ru", "es"}
        if source["kind"] == "document":
            assert any(w["code"] == "unknown-kind" for w in source["warnings"])
    summary = report["summary"]
    assert "warnings by kind: " in err
    assert sum(summary["warnings_by_code"].values()) == summary["warnings"]
    for candidate in summary["candidates"]:
        assert f"candidate: {candidate}" in err


def test_module_entry_point_and_help(capsys):
    # `python -m osce_kg` in a process of its own (a fresh interpreter costs about a second here), then each
    # command's help through the same `main` that __main__.py calls
    done = subprocess.run([sys.executable, "-m", "osce_kg", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "usage: osce-kg" in done.stdout
    for args in (["build", "--help"], ["validate", "--help"], ["query", "--help"], ["export", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        assert exit_.value.code == 0, args
        assert "usage: osce-kg" in capsys.readouterr().out, args


@pytest.mark.xdist_group("pages-build")
@pytest.mark.parametrize("fmt", ["turtle", "trig", "ntriples"])
def test_exports_parse_back_to_the_same_triples(tmp_path, fmt, pages_build):
    # read back by pyoxigraph's parsers (independent of our writers, and far cheaper than rdflib's); the JSON-LD
    # export below is read by rdflib, a second implementation of the whole chain
    from pyoxigraph import RdfFormat, parse

    nq = pages_build / "osce.nq"
    out = tmp_path / f"export.{fmt}"
    assert main(["export", "--data", str(nq), "--format", fmt, "-o", str(out)]) == 0
    built = list(parse(path=nq, format=RdfFormat.N_QUADS))
    union = {(q.subject, q.predicate, q.object) for q in built}
    rdf_format = {"turtle": RdfFormat.TURTLE, "trig": RdfFormat.TRIG, "ntriples": RdfFormat.N_TRIPLES}[fmt]
    parsed = list(parse(path=out, format=rdf_format))
    assert {(q.subject, q.predicate, q.object) for q in parsed} == union
    assert len(union) > 1000
    if fmt == "trig":  # a dataset format keeps the named graphs, and each triple in its own graph
        assert set(parsed) == set(built)


@pytest.mark.xdist_group("pages-build")
def test_jsonld_export_parses_back_in_rdflib(tmp_path, pages_build):
    import rdflib

    nq = pages_build / "osce.nq"
    out = tmp_path / "export.jsonld"
    assert main(["export", "--data", str(nq), "--format", "jsonld", "-o", str(out)]) == 0
    built = rdflib.Dataset()
    built.parse(nq, format="nquads")
    parsed = rdflib.Dataset()
    parsed.parse(out, format="json-ld")
    assert {(s, p, o) for s, p, o, _ in parsed.quads()} == {(s, p, o) for s, p, o, _ in built.quads()}
    assert {str(g) for *_, g in parsed.quads()} == {str(g) for *_, g in built.quads()}


@pytest.mark.xdist_group("pages-build")
def test_query_named_and_csv_export(tmp_path, capsys, pages_build):
    capsys.readouterr()
    assert main(["query", "chairpersonships", "--data", str(pages_build / "osce.nq"), "--format", "json"]) == 0
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(capsys.readouterr().out)["results"]["bindings"]]
    assert {"year": "2025", "state": "https://w3id.org/osce-kg/id/country/fi", "name": "Finland"} in rows
    assert main(["export", "--data", str(pages_build / "osce.nq"), "--format", "csv", "--query", "participating-states",
                 "-o", str(tmp_path / "states.csv")]) == 0
    lines = Path(tmp_path / "states.csv").read_text().splitlines()
    assert lines[0] == "state,iso2,name,admitted"
    assert len(lines) == 1 + 57


def test_a_file_without_url_is_named_by_its_content(tmp_path):
    text = "Elections\nThe OSCE observes elections in its participating States.\n"
    graphs = []
    for folder in ("one", "two"):  # same content, different paths and names: the same page
        page = tmp_path / folder / f"{folder}.txt"
        page.parent.mkdir()
        page.write_text(text)
        result = build(BuildOptions(paths=[str(page)], out_dir=None))
        assert result.ok
        graphs.append(result.sources[0].graph)
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert graphs == [f"https://w3id.org/osce-kg/graph/page/sha256:{digest}"] * 2


def test_the_time_the_summary_states_is_the_whole_build(tmp_path, monkeypatch, capsys):
    """Writing and swapping in the output set count too: the summary once stated only the build in memory
    (1.8 s for a 5 s rebuild). A commit made half a second slower shows in the stated time."""
    import time

    from osce_kg.outputs import OutputSet

    commit = OutputSet.commit
    monkeypatch.setattr(OutputSet, "commit", lambda self, build_id: time.sleep(0.5) or commit(self, build_id))
    page = str(PAGES / "chair_en.txt")
    started = time.perf_counter()
    result = build(BuildOptions(paths=[page], out_dir=str(tmp_path / "out"), formats=("nquads",), registry=False))
    assert 0.5 <= result.seconds <= time.perf_counter() - started
    assert main(["build", page, "-o", str(tmp_path / "cli"), "--no-registry", "--format", "nquads"]) in (0, 1)
    stated = float(capsys.readouterr().err.split("time: ")[1].split(" s")[0])
    assert stated >= 0.5
