"""CSV per class with CSVW metadata: one row per entity, labels in a chosen language, multi-values joined
predictably, and a CSVW processor (the `csvw` package) reads the table back to the graph's own facts."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from osce_kg.cli import main
from osce_kg.export.framed import frames

LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"

# one worker runs this file, so the module's CSV export of every class is made once per run (tests/conftest.py)
pytestmark = pytest.mark.xdist_group("tables")


@pytest.fixture(scope="module")
def built(bundled_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    (out / "osce.nq").symlink_to(bundled_build.out_dir / "osce.nq")
    assert main(["export", "--data", str(out / "osce.nq"), "-f", "csv", "--all-classes", str(out / "tables")]) == 0
    return out


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_table_and_csvw_file_per_class(built):
    names = {p.name for p in (built / "tables").iterdir()}
    assert names == {f"{c}.csv" for c in frames()} | {f"{c}.csv-metadata.json" for c in frames()}
    states = rows((built / "tables" / "state.csv").read_text())
    finland = next(r for r in states if r["id"].endswith("/country/fi"))
    assert finland["name"] == "Finland" and finland["iso2"] == "FI"
    assert len(states) == len({r["id"] for r in states}) > 50  # one row per entity
    ops = rows((built / "tables" / "field-operation.csv").read_text())
    moldova = next(r for r in ops if r["id"].endswith("/mission-to-moldova"))
    assert moldova["established"] == "1993-02-04" and moldova["host.name"] == "Moldova"
    assert moldova["status"] == "https://w3id.org/osce-kg/ontology#current"  # full IRIs, not 'current'
    alt = moldova["altNames"].split(" | ")
    assert len(alt) > 1 and alt == sorted(alt)


def test_partners_table_gives_each_partnership_with_its_state_group_and_dates(built):
    partners = {r["state"].rsplit("/", 1)[1]: r for r in rows((built / "tables" / "partner.csv").read_text())}
    assert set(partners) == {"dz", "eg", "il", "jo", "ma", "tn", "af", "au", "jp", "kr", "th", "mn"}  # no 'fi'
    mongolia = partners["mn"]
    assert mongolia["state.name"] == "Mongolia" and mongolia["partnerGroup.name"] == "Asian Partners for Co-operation"
    dates = (mongolia["during.startYear"], mongolia["during.end"], mongolia["during.start"])
    assert dates == ("2004", "2012-11-21", "")
    assert partners["au"]["during.startYear"] == "2009" and partners["au"]["during.end"] == ""
    meta = json.loads((built / "tables" / "partner.csv-metadata.json").read_text())
    aids = {c["name"]: c for c in meta["tableSchema"]["columns"] if c["name"].startswith("during.")}
    assert aids["during.end"]["datatype"] == "date" and aids["during.startYear"]["datatype"] == "gYear"
    assert all(c["suppressOutput"] for c in aids.values())  # reading aids: the period's own IRI is in 'during'
    chairs = {r["year"]: r for r in rows((built / "tables" / "chairpersonship.csv").read_text())}
    assert chairs["2025"]["during.start"] == "2025-01-01" and chairs["2025"]["during.end"] == "2025-12-31"


def test_labels_in_a_chosen_language_to_stdout(built, capsys):
    capsys.readouterr()
    assert main(["export", "--data", str(built / "osce.nq"), "-f", "csv", "--class", "field-operation",
                 "--lang", "de"]) == 0
    moldova = next(r for r in rows(capsys.readouterr().out) if r["id"].endswith("/mission-to-moldova"))
    assert moldova["host.name"] == "Moldau" and "Moldau" in moldova["name"]


def test_a_class_table_saved_to_a_file_gets_its_csvw_file(built, tmp_path, capsys):
    target = tmp_path / "ops.csv"
    assert main(["export", "--data", str(built / "osce.nq"), "-f", "csv", "--class", "field-operation",
                 "-o", str(target)]) == 0
    meta = json.loads((tmp_path / "ops.csv-metadata.json").read_text())
    assert meta["url"] == "ops.csv"
    assert main(["export", "--data", str(built / "osce.nq"), "-f", "csv", "--class", "nope"]) == 2
    assert "no class named 'nope'" in capsys.readouterr().err


def _literal_ok(term, column) -> bool:
    datatype = column.get("datatype")
    if not isinstance(term, ox.Literal):
        return datatype == "anyURI"
    if column.get("lang"):
        return term.language == column["lang"]
    if datatype:
        return term.datatype.value == "http://www.w3.org/2001/XMLSchema#" + datatype
    return term.datatype.value == "http://www.w3.org/2001/XMLSchema#string"


def _lexical(value, datatype: str | None) -> str:
    """A value as the CSVW parser gives it (typed) -> its lexical form in the graph."""
    if hasattr(value, "unsplit"):
        return value.unsplit()
    if isinstance(value, bool):
        return str(value).lower()
    if hasattr(value, "year"):
        return {"gYear": f"{value.year:04d}", "gYearMonth": f"{value.year:04d}-{value.month:02d}"}.get(
            datatype or "", f"{value.year:04d}-{value.month:02d}-{value.day:02d}")
    return str(value)


def test_csvw_reads_every_table_back_to_the_graphs_own_facts(built):
    from csvw import CSVW  # here: importing it takes half a second, in the one worker that runs this file

    store = ox.Store()
    store.load(path=str(built / "osce.nq"), format=ox.RdfFormat.N_QUADS)
    checked = 0
    for name in sorted(frames()):
        meta_path = built / "tables" / f"{name}.csv-metadata.json"
        table = CSVW(str(meta_path))
        assert table.is_valid, (name, table.warnings)
        columns = [c for c in json.loads(meta_path.read_text())["tableSchema"]["columns"]
                   if c.get("propertyUrl") and not c.get("suppressOutput")]
        for row in table.tables[0].iterdicts():
            subject = ox.NamedNode(row["id"].unsplit())
            for column in columns:
                prop = column["propertyUrl"]
                expected = {t.object.value for t in store.quads_for_pattern(subject, ox.NamedNode(prop), None)
                            if _literal_ok(t.object, column)}
                got = {_lexical(v, column.get("datatype")) for v in row[column["name"]]}
                assert got == expected, (name, row["id"], column["name"])
                checked += 1
    assert checked > 1000
