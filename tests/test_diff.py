"""`osce-kg diff OLD NEW`: changes per graph and per entity; the SPARQL patch turns OLD into NEW exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.build import bundled_corpus
from osce_kg.cli import main

PAGES = Path(__file__).parent / "fixtures" / "pages"

# one worker runs this file, so the module's two builds is made once per run (tests/conftest.py)
pytestmark = pytest.mark.xdist_group("diff")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """OLD: the bundled corpus; NEW: one page less, one fixture page more, built at another time."""
    root = tmp_path_factory.mktemp("diff")
    corpus = sorted(bundled_corpus().glob("*.*"))
    new_pages = root / "new-pages"
    new_pages.mkdir()
    for page in corpus[1:]:
        shutil.copy(page, new_pages / page.name)
    shutil.copy(PAGES / "fo_de_moldova.txt", new_pages / "fo_de_moldova.txt")
    assert main(["build", "-o", str(root / "old"), "-q", "--no-validate", "--format", "nq"]) == 0
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        assert main(["build", str(new_pages), "-o", str(root / "new"), "-q", "--no-validate", "--format", "nq"]) == 0
    finally:
        mp.undo()
    return root / "old", root / "new"


def quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:])))


def apply(old_file: Path, patch: str) -> set[ox.Quad]:
    store = ox.Store()
    store.load(path=str(old_file), format=ox.RdfFormat.from_extension(old_file.suffix[1:]))
    store.update(patch)
    return set(store)


def test_sparql_patch_turns_the_old_build_into_the_new_one(builds, capsys):
    old, new = builds
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--format", "sparql"]) == 0
    patch = capsys.readouterr().out
    assert patch.startswith("DELETE DATA {") and "INSERT DATA {" in patch
    assert quads(old / "osce.nq") != quads(new / "osce.nq")
    assert apply(old / "osce.nq", patch) == quads(new / "osce.nq")


def test_json_and_text_name_graphs_and_entities(builds, capsys):
    old, new = builds
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    old_q, new_q = quads(old / "osce.nq"), quads(new / "osce.nq")
    assert doc["added"] == len(new_q - old_q) and doc["removed"] == len(old_q - new_q)
    only_added = [g for g, n in doc["graphs"].items() if n["removed"] == 0 and n["added"] > 10]
    only_removed = [g for g, n in doc["graphs"].items() if n["added"] == 0 and n["removed"] > 10]
    assert len(only_added) == 1 and "/graph/page/" in only_added[0]  # the page NEW has and OLD has not
    assert len(only_removed) == 1 and "/graph/page/" in only_removed[0]  # and the other way round
    build_graph = "<https://w3id.org/osce-kg/graph/build>"
    assert doc["graphs"][build_graph]["added"] >= 1 and doc["graphs"][build_graph]["removed"] >= 1  # new time
    # the build graph changes by its build node alone (two types, start time, tool), not by a line per page; no
    # page graph but the two changed pages' is in the diff
    assert doc["graphs"][build_graph] == {"added": 4, "removed": 4}
    assert [g for g in doc["graphs"] if "/graph/page/" in g] == sorted(only_added + only_removed)
    assert sum(len(e["added"]) for e in doc["entities"].values()) == doc["added"]
    unchanged = "<https://w3id.org/osce-kg/id/country/fi>"
    assert unchanged not in doc["entities"] or all(
        "graph/registry" not in g for change in doc["entities"][unchanged].values() for *_, g in change)
    assert main(["diff", str(old), str(new)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith(f"{old} -> {new}: +{doc['added']} -{doc['removed']} quads")
    assert f"graph {build_graph}: +" in text
    assert '  + <http://www.w3.org/ns/prov#startedAtTime> "2026-01-01T00:00:00Z"' in text


def test_default_graph_odd_literals_and_identical_inputs(tmp_path, capsys):
    old, new = tmp_path / "old.trig", tmp_path / "new.trig"
    old.write_text('<http://a/s> <http://a/p> "x\\n\\"y\\"" , "é"@fr .\n'
                   '<http://a/g> { <http://a/s> <http://a/p> 1 . }\n')
    new.write_text('<http://a/s> <http://a/p> "é"@fr , "2"^^<http://a/dt> .\n'
                   '<http://a/g> { <http://a/s> <http://a/p> 1 , "x\\ty" . }\n')
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--format", "sparql", "-o", str(tmp_path / "patch.ru")]) == 0
    assert apply(old, (tmp_path / "patch.ru").read_text()) == quads(new)
    assert main(["diff", str(old), str(old), "--format", "sparql"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["diff", str(old), str(old)]) == 0
    assert "+0 -0 quads in 0 graphs" in capsys.readouterr().out


def test_blank_nodes_missing_and_unreadable_inputs_are_one_line_errors(tmp_path, capsys):
    old, new = tmp_path / "a.nt", tmp_path / "b.nt"
    old.write_text("")
    new.write_text("_:b <http://a/p> <http://a/o> .\n")
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--format", "sparql"]) == 1
    assert "blank node" in capsys.readouterr().err
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0  # the diff itself is fine
    assert main(["diff", str(old), str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    (tmp_path / "bad.nt").write_text("not rdf\n")
    assert main(["diff", str(old), str(tmp_path / "bad.nt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "bad.nt" in err and err.count("\n") == 1


def test_a_build_names_what_changed_since_a_previous_build(builds, tmp_path, capsys):
    old, new = builds
    out = tmp_path / "again"
    capsys.readouterr()
    assert main(["build", "-o", str(out), "-q", "--no-validate", "--format", "nq", "--since", str(old), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert changes["added"] == changes["removed"] == 0 and changes["graphs"] == {}  # same input, same time
    assert json.loads((out / "report.json").read_text())["changes"] == {
        "since": str(old), "added": 0, "removed": 0, "graphs": {}}
    assert main(["build", "-o", str(out), "-q", "--no-validate", "--format", "nq", "--since", str(new)]) == 0
    err = capsys.readouterr().err
    expected = json.loads(_json_diff(new, out))
    assert f"since {new}: +{expected['added']} -{expected['removed']} quads" in err and expected["added"] > 10
    # report.json carries the same changes, per named graph, as `osce-kg diff` counts them
    report = json.loads((out / "report.json").read_text())
    assert report["changes"] == {"since": str(new), "added": expected["added"], "removed": expected["removed"],
                                 "graphs": expected["graphs"]}
    assert list(report)[-1] == "changes" and expected["removed"] > 0
    # without --since the report is what it was: the same bytes less the changes
    assert main(["build", "-o", str(out), "-q", "--no-validate", "--format", "nq"]) == 0
    del report["changes"]
    assert (out / "report.json").read_text() == json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    assert main(["build", "-o", str(out), "-q", "--no-validate", "--since", str(tmp_path / "none")]) == 2
    assert "error: --since:" in capsys.readouterr().err
    assert json.loads((out / "report.json").read_text()) == report  # refused before anything was written


def _json_diff(old: Path, new: Path) -> str:
    from osce_kg.diff import Diff, load_quads

    return Diff.between(load_quads(old), load_quads(new)).to_json()
