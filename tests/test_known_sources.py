"""Source files a previous build read are known unchanged by their identity (device, inode, size, modification and
change times: osce_kg/sources.py), recorded in the store manifest: a rebuild reads only the files that changed,
and its outputs are still those of a clean build."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from osce_kg.limits import Limits
from osce_kg.sources import SourceError, UnreadSource, known_source, read_source, seen_entry
from tests.conftest import copy_pages, store_quads

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_de_moldova.txt")
OUTPUTS = ("osce.ttl", "osce.nq", "osce.jsonld", "report.json", "validation.txt", "dataset.ttl")


def _build(pages: Path, out: Path, **kw):
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), **kw))


def _reads(monkeypatch) -> list[str]:
    """The names of the files the build reads from here on."""
    build_module = sys.modules["osce_kg.build"]
    read, names = build_module.read_source, []
    monkeypatch.setattr(build_module, "read_source", lambda path, *a, **kw: names.append(Path(path).name)
                        or read(path, *a, **kw))
    return names


def _same_as_clean(pages: Path, out: Path, tmp_path: Path, name: str) -> None:
    clean = tmp_path / name
    _build(pages, clean, page_cache=False)
    for file in OUTPUTS:
        assert (out / file).read_bytes() == (clean / file).read_bytes(), file
    assert store_quads(out) == store_quads(clean)


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (the tests' copies are seconds old at most)."""
    monkeypatch.setattr("osce_kg.sources.SETTLED_NS", 0)


def test_a_rebuild_reads_only_the_files_that_changed(tmp_path, monkeypatch, settled):
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    recorded = json.loads((out / MANIFEST).read_text())["sources"]
    assert recorded["limits"] == repr(Limits.from_env()) and sorted(Path(n).name for n in recorded["files"]) \
        == sorted(PICKED)
    reads = _reads(monkeypatch)
    edited = pages / "chair_en.txt"
    edited.write_text(edited.read_text() + "\nThe Chairpersonship rotates every year.\n")
    result = _build(pages, out)
    assert result.cache.fast and reads == ["chair_en.txt"]
    _same_as_clean(pages, out, tmp_path, "clean1")
    reads.clear()
    (pages / "fo_de_moldova.txt").unlink()  # gone: nothing to read either
    result = _build(pages, out)
    assert result.cache.fast and reads == []
    _same_as_clean(pages, out, tmp_path, "clean2")


def test_a_file_rewritten_with_its_size_and_times_kept_is_read_again(tmp_path, monkeypatch, settled):
    """Same size, modification time set back: its change time (which cannot be set back) tells it."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    page = pages / "fo_fr_moldova.txt"
    before = page.stat()
    text = page.read_text()
    assert "Moldova" in text
    time.sleep(0.05)  # past the file system clock's tick
    page.write_text(text.replace("Moldova", "MOLDOVA", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = page.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    reads = _reads(monkeypatch)
    result = _build(pages, out)
    assert reads == ["fo_fr_moldova.txt"] and result.ok
    _same_as_clean(pages, out, tmp_path, "clean")


def test_files_changed_just_before_they_were_read_are_not_recorded(tmp_path, monkeypatch):
    """A file written moments before the build read it could change again within the same tick of the clock,
    its times the same: it is read again by the next build."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out)
    assert json.loads((out / MANIFEST).read_text())["sources"]["files"] == {}
    reads = _reads(monkeypatch)
    _build(pages, out)
    assert sorted(reads) == sorted(PICKED)
    info = (pages / PICKED[0]).stat()
    source = read_source(pages / PICKED[0])
    assert seen_entry(info, source, time.time_ns()) is None
    assert seen_entry(info, source, time.time_ns() + 3 * 10**9)[5:] == [source.sha256, source.format, source.url]


def test_other_limits_read_every_file_again(tmp_path, monkeypatch, settled):
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out)
    reads = _reads(monkeypatch)
    _build(pages, out, limits=Limits(max_lines=19_999))
    assert sorted(reads) == sorted(PICKED)


def test_an_unread_source_reads_its_text_when_asked_and_checks_it(tmp_path):
    page = copy_pages(tmp_path / "pages", ["chair_en.txt"]) / "chair_en.txt"
    source = read_source(page)
    info = page.stat()
    entry = seen_entry(info, source, time.time_ns() + 3 * 10**9)
    known = known_source(page, source.path, entry, Limits())
    assert isinstance(known, UnreadSource) and "_text" not in known.__dict__
    assert (known.path, known.sha256, known.format, known.url) == (source.path, source.sha256, source.format,
                                                                   source.url)
    assert known.text == source.text
    time.sleep(0.05)
    page.write_text(source.text + "\nA line more.\n")
    assert known_source(page, source.path, entry, Limits()) is None  # no longer that file
    stale = UnreadSource(page, source.path, source.sha256, source.format, source.url, Limits())
    with pytest.raises(SourceError, match="changed while the build was reading it"):
        stale.text  # noqa: B018 (the read is the test)
    page.unlink()
    assert known_source(page, source.path, entry, Limits()) is None
