"""`osce-kg build --jobs N`: pages mapped in a pool of worker processes give the same bytes as one process, and
a page that kills or hangs its worker is one error line for that file, not a dead build."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import time

import pytest

from osce_kg import BuildOptions, build
from osce_kg.cli import main
from tests.conftest import FIXTURES, PAGES

build_module = importlib.import_module("osce_kg.build")  # the module; osce_kg.build is also the function
PAGE_FILES = ("chair_en.txt", "event_fr_mc2023.txt", "fo_de_moldova.txt", "navonly_en.txt", "partners_es.txt",
              "pr_ru_sg2017.txt")


@pytest.fixture
def pages(tmp_path, monkeypatch):
    """A few fixture pages, a copy of one under a later name (same source URL: the first path wins) and a bad
    file; a pool however few pages there are."""
    monkeypatch.setattr(build_module, "PAGES_PER_WORKER", 1)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGE_FILES:
        shutil.copy(PAGES / name, folder / name)
    shutil.copy(PAGES / "chair_en.txt", folder / "zz_chair_en_again.txt")
    shutil.copy(FIXTURES / "bad" / "not_osce.txt", folder / "not_osce.txt")
    return folder


def _build(pages, out, *extra):
    return main(["build", str(pages), "-o", str(out), "-q", "--no-store", "--format", "nquads", *extra])


def test_a_pool_writes_the_same_bytes_as_one_process(pages, tmp_path, capsys):
    assert _build(pages, tmp_path / "one", "--jobs", "1", "--no-validate") == 1  # a bad file and a duplicate
    one_err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")]
    assert _build(pages, tmp_path / "pool", "--jobs", "3", "--no-validate") == 1
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")] == one_err
    one_err = "\n".join(one_err)
    for name in ("osce.nq", "report.json", "dataset.ttl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name
    assert "zz_chair_en_again.txt: same source URL as" in one_err and "not_osce.txt: not an OSCE page" in one_err


def _dies_on(name, how):
    mapping = sys.modules["osce_kg.mapping"]
    original = mapping.map_page

    def map_page(page, registry):
        if page.source.path.endswith(name):
            how()
        return original(page, registry)

    return map_page


@pytest.mark.parametrize("chunk", [1, 3])  # pages handed out one by one, or three at a time
def test_a_page_that_kills_its_worker_is_one_error_line(pages, tmp_path, capsys, monkeypatch, chunk):
    monkeypatch.setattr(build_module, "chunk_size", lambda workers, count: chunk)
    monkeypatch.setattr(sys.modules["osce_kg.mapping"], "map_page", _dies_on("fo_de_moldova.txt", lambda: os._exit(9)))
    assert _build(pages, tmp_path / "out", "--jobs", "2", "--no-validate") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "fo_de_moldova" in line]
    assert len(errors) == 1
    assert errors[0].startswith("error: ") and "worker process died" in errors[0]
    nq = (tmp_path / "out" / "osce.nq").read_text()
    assert "graph/page/osce.org/" in nq and "moldova" not in nq.split("graph/page/")[0]  # the others were built
    built = {s["file"].rsplit("/", 1)[-1] for s in _report(tmp_path / "out")["sources"] if not s["error"]}
    assert built == set(PAGE_FILES) - {"fo_de_moldova.txt"}


@pytest.mark.parametrize("chunk", [1, 3])
def test_the_time_budget_stops_a_slow_page_in_a_worker(pages, tmp_path, capsys, monkeypatch, chunk):
    monkeypatch.setattr(build_module, "chunk_size", lambda workers, count: chunk)
    monkeypatch.setattr(sys.modules["osce_kg.mapping"], "map_page", _dies_on("chair_en.txt", lambda: time.sleep(60)))
    started = time.perf_counter()
    assert _build(pages, tmp_path / "out", "--jobs", "2", "--no-validate", "--page-seconds", "0.5") == 1
    assert time.perf_counter() - started < 20
    errors = [line for line in capsys.readouterr().err.splitlines() if line.endswith("chair_en.txt") or
              "/chair_en.txt:" in line]
    assert len(errors) == 1 and "over the time budget (0.5 s per page" in errors[0]


def test_jobs_must_be_a_whole_number_of_at_least_one(tmp_path, capsys):
    for bad in ("0", "-2", "two"):
        with pytest.raises(SystemExit) as exit_info:
            main(["build", str(PAGES / "navonly_en.txt"), "-o", str(tmp_path), "--jobs", bad])
        assert exit_info.value.code == 2
        assert "--jobs" in capsys.readouterr().err


def _report(out):
    import json

    return json.loads((out / "report.json").read_text())


def test_a_build_hands_its_pages_out_in_chunks(monkeypatch, pages_dir):
    """Many pages go to the workers several at a time, few pages one by one; the graph and the reports are the
    same as when every page is mapped here."""
    assert build_module.chunk_size(2, 5020) == build_module.PAGES_PER_CHUNK > 1
    assert build_module.chunk_size(2, 48) == 3 and build_module.chunk_size(2, 20) == 1
    sizes = []
    real = build_module.LocalPool

    def recording(*args, **kwargs):
        kwargs["chunk"] = 3  # the fixture pages are too few to be chunked by the rule
        sizes.append(kwargs["chunk"])
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "LocalPool", recording)
    monkeypatch.setattr(build_module, "PAGES_PER_WORKER", 1)
    paths = [str(p) for p in sorted(pages_dir.glob("*.txt"))]
    chunked = build(BuildOptions(paths=paths, out_dir=None, validate=False, jobs=2))
    assert sizes == [3] and len(paths) > 3
    here = build(BuildOptions(paths=paths, out_dir=None, validate=False, jobs=1))
    assert set(chunked.graph.quads()) == set(here.graph.quads())
    assert [vars(r) for r in chunked.sources] == [vars(r) for r in here.sources]
