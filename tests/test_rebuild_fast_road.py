"""The rebuild's fast road (osce_kg/rebuild.py): it starts from the previous on-disk store, reads no kept page, and
its output files and store are those of a clean build; where it cannot be sure, the build takes the full road."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg import iri, rebuild
from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from osce_kg.mapping import KeptReport
from osce_kg.outputs import OutputSet
from osce_kg.store import KnowledgeGraph
from tests.conftest import LEAN, PAGES, copy_pages, store_quads

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_de_moldova.txt", "fo_ru_chechnya.txt")
OUTPUTS = ("osce.ttl", "osce.nq", "osce.jsonld", "report.json", "validation.txt", "dataset.ttl")


def _build(pages: Path, out: Path, **kw):
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), **kw))


def _same_as_clean(pages: Path, out: Path, tmp_path: Path, name: str = "clean", **kw):
    clean = tmp_path / name
    result = _build(pages, clean, page_cache=False, **kw)
    for file in OUTPUTS:
        assert (out / file).read_bytes() == (clean / file).read_bytes(), file
    assert store_quads(out) == store_quads(clean)
    return result


def _edit(page: Path, line: str = "The Chairpersonship rotates every year.") -> None:
    page.write_text(page.read_text() + f"\n{line}\n")


@pytest.mark.slow
def test_fast_rebuilds_equal_clean_builds(tmp_path, monkeypatch):
    """A page edited, one removed and one added, at a later build time; then a rebuild of the rebuild. Every
    addition to the store goes through pyoxigraph's bulk loader here, as the 20,700-quad description of a big
    build does (the other tests add their few quads in transactions)."""
    monkeypatch.setattr("osce_kg.store.BULK_AT_LEAST", 1)
    monkeypatch.setattr("osce_kg.rebuild.BULK_AT_LEAST", 1)
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = _build(pages, out)
    assert not first.cache.fast and first.ok
    manifest = json.loads((out / MANIFEST).read_text())
    assert len(manifest["pages"]) == len(PICKED) and "void" in manifest
    assert manifest["description_apart"] is True  # no graph says anything about its subjects: the next build need
    # not ask its store (it was found as the summary's class counts were)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    _edit(pages / "chair_en.txt")

    def not_counted(*args):
        raise AssertionError("the dataset description's figures are counted from the change")

    with monkeypatch.context() as patched:
        patched.setattr("osce_kg.dataset.void_counts", not_counted)
        again = _build(pages, out)
    stats = again.cache
    assert stats.fast and stats.store_reused and again.ok
    kept = [s for s in again.sources if isinstance(s, KeptReport)]
    assert len(kept) == len(PICKED) - 1 and "facts" not in vars(kept[0])  # its report parsed only when asked for
    assert (stats.hits, stats.misses) == (len(PICKED) - 1, 1)  # the kept pages' entries were not even read
    assert stats.validation.startswith("incremental")
    assert set(stats.spliced) == {"turtle", "nquads", "jsonld"}
    clean = _same_as_clean(pages, out, tmp_path)
    assert len(again.graph) == len(clean.graph)  # the result reads the committed store
    # the size the manifest states was counted, not scanned: exact all the same (the store's mark left out)
    assert json.loads((out / MANIFEST).read_text())["quads"] == len(store_quads(out)) - 1
    assert again.summary() == {**clean.summary(), "seconds": again.summary()["seconds"]}
    assert again.sources == clean.sources and kept[0].facts and "facts" in vars(kept[0])  # a clean build's reports
    counted, again.counted = again.counted, None  # worked out from the change; a count of the store agrees
    assert again.summary() == {**clean.summary(), "seconds": again.summary()["seconds"]} and counted is not None

    assert stats.description_patched  # the previous description, left in the store, replaced by the difference
    assert json.loads((out / MANIFEST).read_text())["description_apart"] is True  # the next build need not ask

    # a page gone, one new (a subject the previous description had not), one edited
    (pages / "inst_it_rfom.txt").unlink()
    shutil.copy(Path(__file__).parent / "fixtures" / "pages" / "inst_fr_odihr.txt", pages / "inst_fr_odihr.txt")
    _edit(pages / "fo_fr_moldova.txt", "La Mission travaille avec les autorités.")
    third = _build(pages, out)
    assert third.cache.fast and third.cache.description_patched and third.ok
    _same_as_clean(pages, out, tmp_path, "clean2")

    # the previous description dropped and the new one joined whole, wherever the difference cannot be used:
    # it cannot be set aside at the checkpoint; a new subject of the description some graph might state something
    # about (here every subject asked is said to be in the union: the whole join then checks each statement);
    # a validation of the whole store, which must not see it
    from osce_kg import incremental_validation

    def whole_validation(*args, **kw):
        raise incremental_validation._Fallback("on purpose")

    lines = [("fifth", "The Chairpersonship is held for one calendar year.", rebuild, "_aside", lambda *a: None),
             ("sixth", "The Chairpersonship lasts a year.", KnowledgeGraph, "subjects_in_union",
              lambda kg, subjects: set(subjects)),
             ("seventh", "The Chairpersonship changes on 1 January.", incremental_validation, "_incremental",
              whole_validation)]
    for name, line, owner, attr, replacement in lines:
        _edit(pages / "chair_en.txt", line)
        if name == "sixth":  # a page back: its graph's subset is a subject the previous description had not
            shutil.copy(PAGES / "inst_it_rfom.txt", pages / "inst_it_rfom.txt")
        with monkeypatch.context() as patched:
            patched.setattr(owner, attr, replacement)
            result = _build(pages, out)
        assert result.cache.fast and not result.cache.description_patched and result.ok, name
        assert result.cache.validation.startswith("full") == (attr == "_incremental"), name
        _same_as_clean(pages, out, tmp_path, name)
        assert json.loads((out / MANIFEST).read_text())["quads"] == len(store_quads(out)) - 1, name


@pytest.mark.slow
def test_a_kept_page_that_loses_its_url_to_a_new_page(tmp_path):
    """A new file sorting first with the same source URL as a kept page: the new one wins, the kept one is
    reported as skipped, and its graph in the store is the new page's."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    shutil.copy(pages / "fo_fr_moldova.txt", pages / "a_copy.txt")
    _edit(pages / "a_copy.txt", "La Mission travaille avec les autorités.")
    again = _build(pages, out, **LEAN)
    assert again.cache.fast
    skipped = [s for s in again.sources if s.file.endswith("fo_fr_moldova.txt")]
    assert skipped[0].error and "same source URL as" in skipped[0].error
    _same_as_clean(pages, out, tmp_path, **LEAN)


@pytest.mark.slow
def test_the_full_road_when_the_fast_one_cannot_be_sure(tmp_path, monkeypatch):
    """Each step is a case the fast road must not be taken in; every build still equals a clean one."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    def full_road(why: str) -> None:
        stats = _build(pages, out, **LEAN).cache
        assert not stats.fast and stats.not_fast == why

    # a store whose files are not the ones the manifest saw
    manifest_path = (out / MANIFEST).resolve()
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "files": "0" * 64}))
    _edit(pages / "chair_en.txt")
    full_road("the previous store is not the one its manifest describes")
    # a manifest of an earlier layout (pages as [display name, key, URL key])
    manifest_path = (out / MANIFEST).resolve()
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "pages": {g: e[:3] for g, e in manifest["pages"].items()}}))
    _edit(pages / "chair_en.txt", "The Chairperson-in-Office changes every year.")
    full_road("the previous store manifest's pages are of another layout")
    # a previous report.json that does not read; one that reads but is not the one the manifest recorded
    report = (out / "report.json").resolve()
    report.write_text(report.read_text()[:-20])
    _edit(pages / "chair_en.txt", "The Chairperson-in-Office is a foreign minister.")
    full_road("the previous report.json is not the one its store manifest recorded")
    report = (out / "report.json").resolve()
    report.write_text(report.read_text().replace('"title": "', '"title": "Edited: ', 1))
    _edit(pages / "chair_en.txt", "The Chairperson-in-Office is a minister.")
    full_road("the previous report.json is not the one its store manifest recorded")
    report = (out / "report.json").resolve()  # of the recorded size: told by its checksum
    text = report.read_bytes()
    at = text.index(b'"title": "') + len(b'"title": "')
    report.write_bytes(text[:at] + (b"X" if text[at:at + 1] != b"X" else b"Y") + text[at + 1:])
    _edit(pages / "chair_en.txt", "The Chairperson-in-Office is a serving minister.")
    full_road("the previous report.json is not the one its store manifest recorded")
    # most pages changed
    for name in PICKED[1:]:
        _edit(pages / name, "Some more words.")
    full_road("most pages changed")
    # the patch fails half-way: nothing of it is left, and the full road builds
    _edit(pages / "chair_en.txt", "The Chairpersonship is held for one calendar year.")

    def broken(*args, **kw):
        raise ValueError("broken on purpose")

    monkeypatch.setattr(rebuild, "patch", broken)
    result = _build(pages, out, **LEAN)
    assert not result.cache.fast and not result.errors and not any(s.error for s in result.sources)
    monkeypatch.undo()
    _same_as_clean(pages, out, tmp_path, **LEAN)
    # no store: no fast road, and the next build with a store takes the full road too
    _edit(pages / "chair_en.txt", "The Chairpersonship rotates.")
    assert not _build(pages, out, store=False, **LEAN).cache.fast
    assert not _build(pages, out, **LEAN).cache.fast


def test_a_failed_fast_rebuild_leaves_the_previous_output(tmp_path, monkeypatch):
    pages = copy_pages(tmp_path / "pages", PICKED[:3])
    out = tmp_path / "build"
    _build(pages, out, formats=("nquads",), validate=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _edit(pages / "chair_en.txt")

    def fail(*args, **kw):
        raise RuntimeError("killed")

    monkeypatch.setattr(sys.modules["osce_kg.build"], "write_outputs", fail)
    closed = []
    close = OutputSet.close

    def check_then_close(self):  # the staged store is closed before its folder goes: RocksDB writes nothing there
        if (self.folder / "store").is_dir():
            store = ox.Store(str(self.folder / "store"))  # RocksDB's lock: refused while the build holds it open
            del store
            closed.append(True)
        close(self)

    monkeypatch.setattr(OutputSet, "close", check_then_close)
    with pytest.raises(RuntimeError):
        _build(pages, out, formats=("nquads",), validate=False)
    assert closed == [True]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in (tmp_path / ".build.versions").iterdir() if p.name.startswith("tmp-")]


def _quad(s: str, o: str, g: str | None) -> ox.Quad:
    graph = ox.NamedNode(g) if g else ox.DefaultGraph()
    return ox.Quad(ox.NamedNode(f"http://x/{s}"), ox.NamedNode("http://x/p"), ox.NamedNode(f"http://x/{o}"), graph)


@pytest.mark.parametrize("shared", [False, True])
def test_dropping_the_description_keeps_the_union_a_set_of_the_other_graphs(shared):
    """The previous description leaves the union, except a triple another graph states too (then the engine's
    shortcut is not taken)."""
    from osce_kg import iri

    dataset, page = iri.dataset_graph(), "http://x/page"
    quads = [_quad("ds", "a", dataset), _quad("ds", "b", dataset), _quad("e", "f", page)]
    if shared:
        quads.append(_quad("ds", "a", page))
    store = ox.Store()
    store.extend(quads)
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    said = rebuild._drop_description(store)
    assert said == {b"<http://x/ds> <http://x/p> <http://x/a> .", b"<http://x/ds> <http://x/p> <http://x/b> ."}
    union = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {q.triple for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert union == named == ({_quad("e", "f", None).triple, _quad("ds", "a", None).triple} if shared
                              else {_quad("e", "f", None).triple})


def test_the_previous_description_is_read_from_the_previous_n_quads_file(tmp_path, monkeypatch):
    """What the Turtle splice compares the new description with: the dataset graph's block of the previous
    osce.nq (by its index), the same statements as the previous store holds, as N-Triples lines in its form;
    from the store when the file does not fit its index."""
    from osce_kg import iri

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    out = tmp_path / "build"
    _build(copy_pages(tmp_path / "pages", PICKED[:2]), out)
    store = ox.Store.read_only(str(out / "store"))
    expected = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri.dataset_graph()))}
    del store
    assert len(expected) > 100

    def triples(lines: set[bytes]) -> set[ox.Triple]:
        return {q.triple for q in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)}

    reads = []
    monkeypatch.setattr(rebuild.ox.Store, "read_only", lambda path: reads.append(path) or ox.Store(path))
    lines = rebuild._description_lines(out)
    assert len(lines) == len(expected) and triples(lines) == expected and reads == []
    with open(out / "osce.nq", "ab") as fh:  # no longer the size its index gives
        fh.write(b"\n")
    monkeypatch.undo()
    assert rebuild._description_lines(out) == lines


def test_the_changed_pages_map_in_a_worker_begun_before_the_previous_report_is_read(tmp_path, monkeypatch):
    """The fast road hands its changed pages, PAGES_PER_WORKER of them or more, to forked workers first
    (LocalPool.start), then reads the previous report; the result is a clean build's. Fewer pages, or `--jobs 1`,
    are mapped in this process once the report is read (a fork costs this process more than a few pages)."""
    from osce_kg.executor import LocalPool, default_jobs

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    steps = []
    start, old_reports = LocalPool.start, rebuild.FastRoad._old_reports
    monkeypatch.setattr(LocalPool, "start",
                        lambda self, fn, items: steps.append(("start", [Path(i.display_name).name for i in items]))
                        or workers.append(self.workers) or start(self, fn, items))
    monkeypatch.setattr(rebuild.FastRoad, "_old_reports",
                        lambda self, manifest: steps.append("read") or old_reports(self, manifest))
    _edit(pages / "chair_en.txt")
    _edit(pages / "fo_de_moldova.txt", "Die Mission arbeitet mit den Behörden.")
    workers = []
    with monkeypatch.context() as one_page_each:  # a worker per core once there are pages enough for each
        one_page_each.setattr(sys.modules["osce_kg.build"], "PAGES_PER_WORKER", 1)
        again = _build(pages, out, **LEAN)
    assert again.cache.fast and again.cache.misses == 2
    assert steps == [("start", ["chair_en.txt", "fo_de_moldova.txt"]), "read"]
    assert workers == [min(2, default_jobs())]
    _same_as_clean(pages, out, tmp_path, **LEAN)

    steps.clear()
    _edit(pages / "chair_en.txt", "The Chairpersonship is held for one calendar year.")
    assert _build(pages, out, jobs=1, **LEAN).cache.fast and steps == ["read"]  # the serial road, as the other tests
    steps.clear()
    _edit(pages / "chair_en.txt", "The Chairpersonship is held for a year.")
    assert _build(pages, out, **LEAN).cache.fast and steps == ["read"]  # one page: no worker
    monkeypatch.setattr(sys.modules["osce_kg.build"], "PAGES_PER_WORKER", 1)

    # a page of the same key whose graph the previous store manifest does not list, and the page cache emptied:
    # that page is mapped too, so the list begun ahead is left unused and both are mapped here
    manifest_path = (out / MANIFEST).resolve()
    manifest = json.loads(manifest_path.read_text())
    del manifest["graphs"][next(g for g, e in manifest["pages"].items() if e[0].endswith("fo_fr_moldova.txt"))]
    manifest_path.write_text(json.dumps(manifest))
    shutil.rmtree(tmp_path / ".build.cache")
    steps.clear()
    _edit(pages / "chair_en.txt", "The Chairpersonship changes hands on 1 January.")
    third = _build(pages, out, **LEAN)
    assert third.cache.fast and steps == [("start", ["chair_en.txt"]), "read"] and workers[-1] == 1
    assert (third.cache.misses, third.cache.hits) == (2, len(PICKED) - 2)
    _same_as_clean(pages, out, tmp_path, "clean3", **LEAN)


@pytest.mark.parametrize("whole", [None, "osce.nq", "osce.jsonld"])
def test_a_fast_rebuild_splices_its_files_at_once(tmp_path, monkeypatch, whole):
    """The fast road's splices (kernel copies of kept ranges) run in threads of their own, all at once, while the
    dataset description joins the store in another; the files and the order they are reported in are those of
    one after the other. `whole`: a previous file gone, so that file is written from the store once the
    description is in it."""
    import threading

    from osce_kg import dataset

    build_module = sys.modules["osce_kg.build"]  # the module (the package's `build` is the function)
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    threads, joined = [], []
    write = build_module._write_format
    monkeypatch.setattr(build_module, "_write_format",
                        lambda result, fmt, *rest, **kw: threads.append((fmt, threading.current_thread().name))
                        or write(result, fmt, *rest, **kw))
    read_back = []  # output files hashed by reading them (a spliced one is hashed as it is written)
    hash_file = dataset._size_sha256_states

    def hashed_reading(path):
        if Path(path).parent.name != "ontology":  # not the shipped vocabulary (ontology/osce.ttl)
            read_back.append(Path(path).name)
        return hash_file(path)

    monkeypatch.setattr(dataset, "_size_sha256_states", hashed_reading)
    replace = KnowledgeGraph.replace_graph_lines  # the description replacing the previous one by the difference
    monkeypatch.setattr(KnowledgeGraph, "replace_graph_lines",
                        lambda kg, *args: joined.append(threading.current_thread().name) or replace(kg, *args))
    from osce_kg import incremental

    closed, finish = [], incremental._finish_in_place  # the store closed beside the last files
    monkeypatch.setattr(incremental, "_finish_in_place",
                        lambda graph, *rest: closed.append(threading.current_thread().name) or finish(graph, *rest))
    sealed, seal = [], incremental.seal  # ... once marked and flushed beside the splices, after the description
    monkeypatch.setattr(incremental, "seal",
                        lambda graph: sealed.append(threading.current_thread().name) or seal(graph))
    _edit(pages / "chair_en.txt")
    if whole is not None:
        (out / whole).unlink()
    result = _build(pages, out)
    written_whole = {"osce.nq": "nquads", "osce.jsonld": "jsonld"}.get(whole)
    spliced = [f for f in ("turtle", "nquads", "jsonld") if f != written_whole]
    assert result.cache.fast and result.cache.spliced == spliced
    # the N-Quads and JSON-LD splices begin before the store is patched; a file they cannot splice is written
    # once it is, its writer asked again
    assert sorted(f for f, _ in threads) == sorted(["jsonld", "nquads", "turtle", *filter(None, [written_whole])])
    assert all(name.startswith("splice") for _, name in threads)
    assert len(joined) == 1 and joined[0].startswith("splice")  # the description, beside the splices
    assert len(closed) == 1 and closed[0].startswith("store-close")
    assert sealed == joined  # the thread that joined the description marked and flushed the store
    assert "osce.ttl" not in read_back and ("osce.nq" in read_back) == (whole == "osce.nq") \
        and ("osce.jsonld" in read_back) == (whole == "osce.jsonld")
    _same_as_clean(pages, out, tmp_path)  # dataset.ttl's checksums among what equals a clean build's


def test_no_deletion_thread_runs_when_the_rebuild_forks_its_map_worker(tmp_path, monkeypatch):
    """The output sets older than the one a build replaces are deleted in a thread after its swap, which the build
    does not wait for; the next build waits for it before it forks a map worker: a thread running then would make
    that worker start from a fresh interpreter (osce_kg/executor.py), and fork with a thread running is unsafe.
    Here the deletion is held for a while, so a build that did not wait for it would see it."""
    import threading

    from osce_kg import executor, outputs

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    _edit(pages / "chair_en.txt")
    _build(pages, out)  # two sets now: the third build has one to delete
    release, seen = threading.Event(), []
    delete_all = outputs._delete_all
    monkeypatch.setattr(outputs, "_delete_all", lambda folders: release.wait(30) and delete_all(folders))
    context = executor._context
    monkeypatch.setattr(executor, "_context", lambda: seen.append([t.name for t in threading.enumerate()])
                        or context())
    _edit(pages / "fo_fr_moldova.txt", "La Mission travaille avec les autorités.")
    third = _build(pages, out)
    assert third.cache.fast and any(t.name == "prune" and t.is_alive() for t in threading.enumerate())
    threading.Timer(0.3, release.set).start()
    _edit(pages / "fo_fr_moldova.txt", "La Mission travaille avec les partenaires.")
    monkeypatch.setattr(sys.modules["osce_kg.build"], "PAGES_PER_WORKER", 1)  # a worker for one page
    fourth = _build(pages, out)
    assert fourth.cache.fast and seen  # the changed page mapped in a worker
    assert all("prune" not in names for names in seen)
    outputs.wait_for_deletions()
    assert len(list((tmp_path / ".build.versions").iterdir())) == 2


def test_a_kept_report_is_read_from_its_text_when_asked_for():
    """mapping.KeptReport: what the summary reads is there from the start, the rest parsed from the previous
    report.json's text on first use; equal to the report it stands for; a text that is not that report's is an
    error, not another report."""
    from osce_kg.json_text import report_parts
    from osce_kg.mapping import SourceReport

    report = SourceReport(file="a.txt", url="https://www.osce.org/a", graph="https://w3id.org/osce-kg/graph/page/a",
                          kind="topic", language="en", title="Arms control", triples=3, records={"Mention": 1},
                          warnings=[{"code": "unknown-kind", "message": "m"}], facts={"Mention": [{"ref": "x"}]})
    parts, index = report_parts({"sources": [report.as_dict()]})
    at, length = index["a.txt"]
    text = b"".join(parts)[at:at + length].decode()
    read = []

    def kept(block: str = text, kind: str = "topic") -> KeptReport:  # its text read when asked, as a rebuild's is
        return KeptReport("a.txt", report.graph, kind, "en", report.warnings, lambda: read.append(1) or block)

    lazy = kept()
    assert lazy.kind == "topic" and lazy.warnings == report.warnings and lazy.error is None
    assert "title" not in vars(lazy) and "facts" not in vars(lazy) and read == []
    assert lazy.title == "Arms control" and vars(lazy)["facts"] == {"Mention": [{"ref": "x"}]} and read == [1]
    edited = kept()
    edited.title = "Arms control and disarmament"  # a field set before it is read: the rest read, this one kept
    assert edited.title == "Arms control and disarmament" and edited.triples == 3 and read == [1, 1]
    assert lazy == report and report == kept() and kept().as_dict() == report.as_dict()
    assert kept() != SourceReport(file="a.txt")
    with pytest.raises(ValueError, match="a.txt: the previous report.json's report of it is not the one"):
        _ = kept(kind="document").facts  # the manifest and the text disagree
    with pytest.raises(ValueError):
        _ = kept(text.replace('"triples": 3', '"triples": 3, "extra": 1')).title


def test_a_description_is_set_aside_only_when_no_other_graph_says_anything_about_its_subjects(tmp_path):
    """rebuild._aside: the previous description stays in the store only when its statements can be told from the
    data's by their subjects: a graph stating something about one of them (asked, unless the previous build's
    manifest says it checked), or a change that does, leaves it to be dropped."""
    from osce_kg import iri

    pages = copy_pages(tmp_path / "pages", PICKED[:2])
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    previous = out.resolve()
    disk = ox.Store.read_only(str(previous / "store"))
    disk.backup(str(tmp_path / "copy"))
    del disk
    disk = ox.Store(str(tmp_path / "copy"))
    dataset = ox.NamedNode(iri.entity("dataset", "osce-kg"))
    aside = rebuild._aside(disk, previous, KnowledgeGraph())
    assert aside is not None and dataset in aside.subjects and aside.graph.value == iri.dataset_graph()
    assert len(aside.lines) == sum(1 for _ in disk.quads_for_pattern(None, None, None, aside.graph))
    said = ox.Quad(dataset, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal("x"),
                   ox.NamedNode(iri.registry_graph("countries")))
    change = KnowledgeGraph()
    change.add_quads([said])
    assert rebuild._aside(disk, previous, change) is None  # the change says something about it
    disk.add(said)
    assert rebuild._aside(disk, previous, KnowledgeGraph()) is None  # another graph does
    assert rebuild._aside(disk, previous, KnowledgeGraph(), apart=True) is not None  # not asked: taken as checked


def test_the_cli_says_which_road_a_rebuild_took(tmp_path, capsys):
    """`osce-kg build` into a folder holding a previous build says whether it started from that build's store, or
    why not."""
    from osce_kg.cli import main

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    args = ["build", str(pages), "-o", str(out), "--no-validate", "--format", "nq"]
    assert main(args) == 0
    first = capsys.readouterr().err
    assert "5 mapped" in first and "rebuilt from" not in first and "full build (" not in first  # nothing before
    _edit(pages / "chair_en.txt")
    assert main(args) == 0
    assert "1 mapped; store: previous one updated; rebuilt from the previous build's store" in capsys.readouterr().err
    for name in PICKED:
        _edit(pages / name, "Some more words.")
    assert main(args) == 0
    assert "; full build (most pages changed)" in capsys.readouterr().err


def test_the_registry_graphs_are_kept_without_being_made_when_what_they_come_from_is_the_same(tmp_path,
                                                                                             monkeypatch):
    """The page-cache context names the code, the registry files and the enrichment cache: with the same context
    and enrichment folder as the previous build, a rebuild keeps its registry and enrichment graphs (and the
    warnings making them gave) without making them; with another folder, it makes them again. Either way the
    output is a clean build's."""
    from osce_kg import reference

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    assert json.loads((out / MANIFEST).read_text())["registry"][1] == ""
    made, make = [], reference.registry_quads
    monkeypatch.setattr(reference, "registry_quads", lambda registry: made.append(1) or make(registry))
    _edit(pages / "chair_en.txt")
    result = _build(pages, out)
    assert result.cache.fast and made == []
    _same_as_clean(pages, out, tmp_path, "clean1")
    elsewhere = tmp_path / "enrichment"  # no cache there either: the same context, another folder
    elsewhere.mkdir()
    _edit(pages / "fo_fr_moldova.txt", "La Mission travaille avec les autorités.")
    result = _build(pages, out, cache_dir=str(elsewhere))
    assert result.cache.fast and made == [1]
    _same_as_clean(pages, out, tmp_path, "clean2", cache_dir=str(elsewhere))


def test_a_process_that_has_not_mapped_yet_maps_its_rebuild_in_a_worker_begun_at_once(tmp_path, monkeypatch):
    """A rebuild in a process that has not set up mapping (a fresh `osce-kg build`) forks a worker as it starts,
    which sets mapping up (page_task.prewarm) while the build reads the previous one, and is handed the changed
    page before the previous report is read; the result is a clean build's. A process that has mapped already,
    and `--jobs 1`, map here."""
    from osce_kg.executor import LocalPool

    build_module = sys.modules["osce_kg.build"]
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    begun, mapped_by = [], []
    begin, map_all, start = LocalPool.begin, build_module._map_all, LocalPool.start
    old_reports = rebuild.FastRoad._old_reports
    monkeypatch.setattr(LocalPool, "begin", lambda self, fn, *args: begun.append(fn.__name__) or begin(self, fn, *args))
    monkeypatch.setattr(build_module, "_map_all", lambda tasks, settings, executor: mapped_by.append(
        type(executor).__name__) or map_all(tasks, settings, executor))
    monkeypatch.setattr(LocalPool, "start", lambda self, fn, items: mapped_by.append("LocalPool") or start(
        self, fn, items))
    monkeypatch.setattr(rebuild.FastRoad, "_old_reports", lambda self, manifest: mapped_by.append(
        "previous report read") or old_reports(self, manifest))
    parts = rebuild._description_parts  # read while the worker maps, else with the checkpoint
    monkeypatch.setattr(rebuild, "_description_parts", lambda previous: mapped_by.append(
        "previous description read") or parts(previous))
    from osce_kg.registry import LazyRegistry

    load = LazyRegistry.load  # the registry: loaded by the worker begun ahead, not here
    monkeypatch.setattr(LazyRegistry, "load", lambda self: mapped_by.append("registry loaded here") or load(self))
    _edit(pages / "chair_en.txt")
    assert _build(pages, out, **LEAN).cache.fast and begun == []
    assert mapped_by == ["registry loaded here", "previous report read", "SerialExecutor",
                         "previous description read"]  # mapped here

    monkeypatch.setattr(build_module, "prewarmed", lambda settings: False)  # as in a process new to mapping
    for n, jobs in enumerate((None, 1)):
        begun.clear(), mapped_by.clear()
        _edit(pages / "chair_en.txt", f"The Chairpersonship rotates every year ({n}).")
        again = _build(pages, out, jobs=jobs, **LEAN)
        assert again.cache.fast and again.cache.misses == 1
        assert (begun, mapped_by) == (
            (["prewarm"], ["LocalPool", "previous report read", "previous description read"]) if jobs is None
            else ([], ["registry loaded here", "previous report read", "SerialExecutor",
                       "previous description read"]))
        _same_as_clean(pages, out, tmp_path, f"clean{n}", **LEAN)


def test_the_splices_begin_once_the_pages_are_mapped_before_the_store_is_patched(tmp_path, monkeypatch):
    """The N-Quads and JSON-LD splices begin from the graphs as the patched store will hold them
    (rebuild.BeforePatch: the change's from it, a kept one, the probe each splice checks its layout with, from the
    previous store), once the store is checkpointed, before it is patched; the files are a clean build's."""
    import threading

    build_module = sys.modules["osce_kg.build"]
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    _build(pages, out)
    events, lock = [], threading.Lock()
    write, patch = build_module._write_format, rebuild.patch
    read = rebuild.BeforePatch.graph_ntriples

    def record(event):
        with lock:
            events.append(event)

    monkeypatch.setattr(build_module, "_write_format", lambda result, fmt, *rest, **kw: record(
        (fmt, type(result).__name__)) or write(result, fmt, *rest, **kw))
    monkeypatch.setattr(rebuild, "patch", lambda *args: record("patch") or patch(*args))
    mapped = build_module._Begun.mapped
    monkeypatch.setattr(build_module._Begun, "mapped", lambda self, *args: record("splices begun")
                        or mapped(self, *args))
    monkeypatch.setattr(rebuild.BeforePatch, "graph_ntriples", lambda self, graph: record(
        ("read", "change" if self.delta.has_graph(graph) else "previous store")) or read(self, graph))
    _edit(pages / "chair_en.txt")
    result = _build(pages, out)
    assert result.cache.fast and result.cache.spliced == ["turtle", "nquads", "jsonld"]
    assert events.index("splices begun") < events.index("patch")
    assert ("nquads", "_BeforePatch") in events and ("jsonld", "_BeforePatch") in events
    assert ("read", "change") in events and ("read", "previous store") in events
    assert ("turtle", "BuildResult") in events and ("nquads", "BuildResult") not in events
    _same_as_clean(pages, out, tmp_path)


def test_a_worker_begun_ahead_and_not_needed_is_stopped_before_other_workers_fork(tmp_path, monkeypatch):
    """The worker begun ahead (in a process new to mapping) is stopped, its pool's thread with it, before the build
    forks workers of its own (the fast road not taken, or pages enough for a pool): else they would start from a
    fresh interpreter, a pool forking only while no other thread runs."""
    import threading

    from osce_kg import executor

    build_module = sys.modules["osce_kg.build"]
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    seen = []
    context = executor._context
    monkeypatch.setattr(executor, "_context", lambda: seen.append(sorted(t.name for t in threading.enumerate()))
                        or context())
    monkeypatch.setattr(build_module, "prewarmed", lambda settings: False)
    with monkeypatch.context() as one_page_each:
        one_page_each.setattr(build_module, "PAGES_PER_WORKER", 1)
        for name in PICKED:  # most pages changed: the full road
            _edit(pages / name, "Some more words.")
        assert not _build(pages, out, **LEAN).cache.fast and len(seen) == 2
        _edit(pages / "chair_en.txt", "The Chairpersonship rotates every year.")  # pages enough for a pool
        assert _build(pages, out, **LEAN).cache.fast and len(seen) == 4
    assert all(names == ["MainThread"] for names in seen)
    seen.clear()
    _edit(pages / "chair_en.txt", "The Chairpersonship rotates.")  # the one page mapped by the worker ahead
    assert _build(pages, out, **LEAN).cache.fast and len(seen) == 1
    _same_as_clean(pages, out, tmp_path, **LEAN)


def test_a_build_walks_its_objects_for_cycles_every_million_allocations_then_gives_the_thresholds_back(tmp_path,
                                                                                                      monkeypatch):
    """A build runs Python's cyclic collector every 1,000,000 container allocations, not every 700: a rebuild's
    containers (the previous store manifest's, its report index, terms) hold no cycles, and at 1M quads two
    collections every 100,000 walked them for 45-55 ms of its 0.8 s. The caller's thresholds come back after."""
    import gc

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    seen, patch = [], rebuild.patch
    monkeypatch.setattr(rebuild, "patch", lambda *args: seen.append(gc.get_threshold()) or patch(*args))
    before = gc.get_threshold()
    _edit(pages / "chair_en.txt")
    assert _build(pages, out, **LEAN).cache.fast
    assert len(seen) == 1 and seen[0][0] >= 1_000_000 and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before


def test_what_a_build_leaves_alive_joins_the_oldest_generation_unwalked_and_a_callers_frozen_objects_stay(
        tmp_path, monkeypatch):
    """At its end a build moves what it leaves alive into the oldest generation without a walk (a young
    collection of its 175,000 containers cost a rebuild at 1M quads 40 ms); where the caller froze objects
    (gc.freeze), they stay frozen and the build's survivors are left to the collector as they are."""
    import gc

    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    made, patch = [], rebuild.patch
    monkeypatch.setattr(rebuild, "patch", lambda *args: made.append(["made in the build"]) or patch(*args))
    frozen_here = gc.get_freeze_count() > 0  # (tests/conftest.py freezes the test process's heap)
    gc.unfreeze()
    frozen = ["frozen by the caller"]
    try:
        _edit(pages / "chair_en.txt")
        assert _build(pages, out, **LEAN).cache.fast
        assert any(o is made[0] for o in gc.get_objects(generation=2))
        assert gc.get_count()[0] < 700
    finally:
        gc.freeze()
    try:
        _edit(pages / "chair_en.txt", "The Chairpersonship rotates every year.")
        assert _build(pages, out, **LEAN).cache.fast
        assert gc.get_freeze_count() > 0 and not any(o is frozen for o in gc.get_objects())
    finally:
        if not frozen_here:
            gc.unfreeze()


def test_the_patch_takes_the_previous_stores_graphs_from_its_manifest(tmp_path, monkeypatch):
    """The patch does not list the previous store's named graphs (5,034 names looked up in its string table at 1M):
    its manifest lists them, but for the build's and the description's graphs, asked for one by one. The same
    graphs as the store's; listed from the store when a recorded name is not an IRI."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    seen, named_graphs = [], rebuild._named_graphs

    def spied(disk, recorded):
        found = named_graphs(disk, recorded)
        seen.append((recorded is not None, set(found), set(disk.named_graphs())))
        return found

    monkeypatch.setattr(rebuild, "_named_graphs", spied)
    _edit(pages / "chair_en.txt")
    assert _build(pages, out, **LEAN).cache.fast
    ((given, found, listed),) = seen
    assert given and found == listed and len(found) > len(PICKED)
    _same_as_clean(pages, out, tmp_path, **LEAN)

    store = ox.Store()
    graph = ox.NamedNode("https://example.org/g")
    store.add(ox.Quad(graph, graph, graph, graph))
    assert named_graphs(store, ["not an IRI"]) == [graph]  # listed from the store
    assert named_graphs(store, [graph.value]) == [graph]  # neither the build's graph nor the description's there


def test_a_rebuilds_result_opens_its_store_the_first_time_it_is_read(tmp_path):
    """A fast rebuild's result does not open the store it committed until something reads it (the CLI reads nothing
    there); then it opens this build's store, even once a later build has moved the output folder's link."""
    pages = copy_pages(tmp_path / "pages", PICKED)
    out = tmp_path / "build"
    _build(pages, out, **LEAN)
    _edit(pages / "chair_en.txt")
    first = _build(pages, out, **LEAN)
    assert first.cache.fast and first.graph._open_on_use == (out / "store").resolve()
    assert first.graph._open_on_use.parent.name.startswith(first.build_id)
    _edit(pages / "chair_en.txt", "The Chairpersonship rotates every year.")
    second = _build(pages, out, **LEAN)
    assert second.cache.fast and second.build_id != first.build_id
    first_size, second_size = len(first.graph), len(second.graph)  # each opened now, its own build's store
    assert first.graph._open_on_use is None and first.graph.union_graph() is not None
    builds = {q.subject.value for q in first.graph.store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, ox.NamedNode(iri.build_graph()))}
    # the first build's store, not the second's
    assert iri.entity("build", first.build_id) in builds and iri.entity("build", second.build_id) not in builds
    assert second_size == len(KnowledgeGraph.open(out / "store")) and first_size > 0
