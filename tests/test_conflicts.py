"""Where a page and the registry disagree, both statements stay, each in its own graph, and validation
reports the disagreement as a Warning naming both graphs (the registry never overwrites a page)."""

from __future__ import annotations

import csv
import shutil

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.registry import default_folder
from tests.conftest import PAGES

ID = "https://w3id.org/osce-kg/id/"
REGISTRY = "https://w3id.org/osce-kg/graph/registry/"


def registry_copy(tmp_path, file: str, change) -> str:
    """A copy of the registry with one row of `file` changed, so it disagrees with a true fixture page."""
    folder = tmp_path / "registry"
    shutil.copytree(default_folder(), folder)
    path = folder / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return str(folder)


def graphs_stating(kg, s: str, p: str, o: str) -> set[str]:
    rows = kg.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{s}> <{p}> {o} }} }}")
    return {r["g"] for r in rows}


@pytest.fixture
def chair_conflict(tmp_path):
    def change(row):
        if row["year"] == "2025":
            row["state"] = "se"

    folder = registry_copy(tmp_path, "chairpersonships.csv", change)
    result = build(BuildOptions(paths=[str(PAGES / "navonly_en.txt")], out_dir=None, registry_folder=folder))
    yield result


def test_page_and_registry_chair_both_stay(chair_conflict):
    kg, page_graph = chair_conflict.graph, chair_conflict.sources[0].graph
    member = "http://www.w3.org/ns/org#member"
    assert graphs_stating(kg, ID + "chairpersonship/2025", member, f"<{ID}country/fi>") == {page_graph}
    assert graphs_stating(kg, ID + "chairpersonship/2025", member, f"<{ID}country/se>") == {
        REGISTRY + "chairpersonships"
    }


def test_disagreement_is_a_warning_naming_both_sources(chair_conflict):
    report = chair_conflict.validation
    assert report.conforms
    found = [r for r in report.results if r.shape.endswith("#Chairpersonship-state-agreed")]
    assert len(found) == 1
    assert found[0].severity == "Warning"
    assert found[0].focus == ID + "chairpersonship/2025"
    assert set(found[0].sources) >= {chair_conflict.sources[0].graph, REGISTRY + "chairpersonships"}


def test_page_and_registry_dates_both_stay(tmp_path):
    def change(row):
        if row["member"] == "jp" and row["role"] == "partner":
            row["start"] = "1993"

    folder = registry_copy(tmp_path, "memberships.csv", change)
    result = build(BuildOptions(paths=[str(PAGES / "partners_de.txt")], out_dir=None, registry_folder=folder))
    during = ID + "membership/osce/partner/jp/during"
    start = "https://schema.org/startDate"
    gyear = "<http://www.w3.org/2001/XMLSchema#gYear>"
    assert graphs_stating(result.graph, during, start, f'"1992"^^{gyear}') == {result.sources[0].graph}
    assert graphs_stating(result.graph, during, start, f'"1993"^^{gyear}') == {REGISTRY + "memberships"}
    assert result.validation.conforms
    assert [r.severity for r in result.validation.results if r.shape.endswith("#Interval-start-agreed")] == [
        "Warning"
    ]
