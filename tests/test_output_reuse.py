"""A rebuild's osce.nq and osce.jsonld spliced from the previous build's (osce_kg/output_reuse.py) are
byte-identical to a clean build's, also when the build time changes; an index that does not fit writes the
file whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from osce_kg.output_reuse import OUTPUTS
from tests.conftest import PAGES

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_de_moldova.txt")


def _build(pages: Path, out: Path, **kw):
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), formats=("nquads", "jsonld"), validate=False,
                              **kw))


def _indexes(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text())[OUTPUTS]


def _edit_index(out: Path, fmt: str, **changes) -> None:
    manifest = json.loads((out / MANIFEST).read_text())
    manifest[OUTPUTS][fmt].update(changes)
    (out / MANIFEST).resolve().write_text(json.dumps(manifest))


def _same_as_clean(out: Path, pages: Path, tmp_path: Path) -> bool:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    _build(pages, clean, page_cache=False)
    return all((out / n).read_bytes() == (clean / n).read_bytes() for n in ("osce.nq", "osce.jsonld"))


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PICKED:
        shutil.copy(PAGES / name, folder / name)
    return folder


@pytest.mark.slow
def test_a_spliced_nquads_file_equals_a_clean_builds(pages, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / "build"
    first = _build(pages, out)
    assert not first.cache.spliced and set(_indexes(out)) == {"nquads", "jsonld"}
    blocks = _indexes(out)["nquads"]["blocks"]
    assert sum(size for _, _, size in blocks) == (out / "osce.nq").stat().st_size
    # another build time, one page changed, one removed, one added: kept pages' blocks name the new build
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764086400")
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    (pages / "fo_fr_moldova.txt").unlink()
    shutil.copy(PAGES / "partners_de.txt", pages / "partners_de.txt")
    again = _build(pages, out)
    assert again.cache.spliced == ["nquads", "jsonld"] and again.cache.hits == 2
    assert _same_as_clean(out, pages, tmp_path)
    # and again from the spliced file's own index
    chair.write_text(chair.read_text() + "\nIt is held by a participating State.\n")
    assert _build(pages, out).cache.spliced == ["nquads", "jsonld"]
    assert _same_as_clean(out, pages, tmp_path)


@pytest.mark.slow
def test_an_index_that_does_not_fit_writes_the_file_whole(pages, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / "build"
    _build(pages, out)
    chair = pages / "chair_en.txt"

    _edit_index(out, "nquads", code="other exporters")
    _edit_index(out, "jsonld", code="other exporters")
    chair.write_text(chair.read_text() + "\nOne.\n")
    assert not _build(pages, out).cache.spliced
    assert _same_as_clean(out, pages, tmp_path)

    # blocks that do not hold the build-naming lines the index says (another build time)
    _edit_index(out, "nquads", time="1999-01-01T00:00:00Z")
    chair.write_text(chair.read_text() + "\nTwo.\n")
    assert _build(pages, out).cache.spliced == ["jsonld"]
    assert _same_as_clean(out, pages, tmp_path)

    # a file that is not the one indexed
    for name in ("osce.nq", "osce.jsonld"):
        written = (out / name).resolve()
        written.write_bytes(written.read_bytes() + b"\n")
    chair.write_text(chair.read_text() + "\nThree.\n")
    assert not _build(pages, out).cache.spliced
    assert _same_as_clean(out, pages, tmp_path)
