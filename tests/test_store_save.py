"""The on-disk store written early, in a thread (KnowledgeGraph.start_save), holds exactly what the plain save
writes; a store changed in a way the copy does not follow, or a build that fails, never leaves a wrong copy."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg import store as store_module
from osce_kg.build import BuildOptions, build
from osce_kg.store import KnowledgeGraph
from tests.conftest import LEAN, PAGES

EX = "https://example.org/"


def _disk(path: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(path))
    try:
        return set(store)
    finally:
        del store


def _graph(n: int = 20) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_quads(ox.Quad(ox.NamedNode(f"{EX}s{i % 7}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i % 5)),
                         ox.NamedNode(f"{EX}g{i % 3}")) for i in range(n))
    return kg


def _plain_save(kg: KnowledgeGraph, path: Path) -> set[ox.Quad]:
    copy = KnowledgeGraph()
    copy.add_quads(kg.quads())
    return _disk(copy.save(path))


def test_an_early_copy_with_later_quads_equals_the_plain_save(tmp_path, monkeypatch):
    finished = []
    finish = store_module._BackgroundSave.finish
    monkeypatch.setattr(store_module._BackgroundSave, "finish",
                        lambda self, kg: finished.append(finish(self, kg)) or finished[-1])
    kg = _graph()
    kg.start_save(tmp_path / "store")
    kg.add_quads([ox.Quad(ox.NamedNode(f"{EX}late"), ox.NamedNode(f"{EX}p"), ox.Literal("0"),
                          ox.NamedNode(f"{EX}g9"))])
    kg.add_quads_keeping_union([ox.Quad(ox.NamedNode(f"{EX}s1"), ox.NamedNode(f"{EX}q"), ox.NamedNode(f"{EX}o"),
                                        ox.NamedNode(f"{EX}g0"))])
    kg.save(tmp_path / "store")
    assert finished == [True]
    saved = _disk(tmp_path / "store")
    assert saved == _plain_save(kg, tmp_path / "plain")
    assert kg.saved_size == len(saved) - 1 == len(kg.store)  # known from the copy, the mark left out
    assert ox.Quad(ox.NamedNode(f"{EX}late"), ox.NamedNode(f"{EX}p"), ox.Literal("0")) in saved  # in the union
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain", "store"]  # nothing left beside


def test_a_copy_begun_before_the_union_takes_the_union_given(tmp_path, monkeypatch):
    """start_save(union_text=...): the named graphs copied graph by graph while the caller makes the union, which
    the copy then loads from the text given, in one piece (into indexes empty until then: nothing for RocksDB to
    merge), the named graphs in many; the store saved equals the plain save's."""
    finished, loaded = [], []
    finish = store_module._BackgroundSave.finish
    monkeypatch.setattr(store_module._BackgroundSave, "finish",
                        lambda self, kg: finished.append(finish(self, kg)) or finished[-1])
    monkeypatch.setattr(store_module, "LOAD_CHUNK_BYTES", 256)
    chunks = store_module._graph_chunks
    monkeypatch.setattr(store_module, "_graph_chunks", lambda *a: (loaded.append(c) or c for c in chunks(*a)))
    kg = _graph(200)
    made = []

    def union_text() -> bytes:
        made.append(kg.union_graph() is not None)
        return kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

    kg.start_save(tmp_path / "store", union_text=union_text)
    assert kg.union_graph() is None  # left to the caller
    kg.prepare_for_query()
    kg.save(tmp_path / "store")
    assert finished == [True] and made == [True]
    assert loaded[-1] == union_text() and len(loaded) > 5
    saved = _disk(tmp_path / "store")
    assert saved == _plain_save(kg, tmp_path / "plain")
    assert kg.saved_size == len(saved) - 1


def test_a_graph_added_after_the_copy_began_comes_through_its_later_quads(tmp_path, monkeypatch):
    """The graphs copied graph by graph are the store's when the copy begins: the description that joins later
    comes through the copy's `later` quads, however late the copy thread gets to the graphs."""
    go = __import__("threading").Event()
    chunks = store_module._graph_chunks

    def late(*args):
        go.wait()
        yield from chunks(*args)

    monkeypatch.setattr(store_module, "_graph_chunks", late)
    kg = _graph(200)
    union = []  # its text as made, before the description joins (as a build's)
    kg.start_save(tmp_path / "store", union_text=lambda: union[0])
    kg.prepare_for_query()
    union.append(kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    described = ox.NamedNode(f"{EX}description")
    kg.add_quads_keeping_union([ox.Quad(ox.NamedNode(f"{EX}d{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)),
                                        described) for i in range(10)])
    go.set()
    kg.save(tmp_path / "store")
    saved = _disk(tmp_path / "store")
    assert saved == _plain_save(kg, tmp_path / "plain") and kg.saved_size == len(saved) - 1
    assert {q for q in saved if q.graph_name == described} == {q for q in kg.store if q.graph_name == described}


def test_a_copy_given_no_union_leaves_the_store_to_a_whole_save(tmp_path):
    kg = _graph()
    kg.start_save(tmp_path / "store", union_text=lambda: None)  # the caller could not make it
    kg.prepare_for_query()
    kg.save(tmp_path / "store")
    assert kg.saved_size is None  # written whole
    assert _disk(tmp_path / "store") == _plain_save(kg, tmp_path / "plain")


def test_a_change_the_copy_does_not_follow_gives_a_whole_save(tmp_path):
    kg = _graph()
    kg.start_save(tmp_path / "store")
    gone = next(iter(kg.quads()))
    kg.store.remove(gone)  # straight to the engine: the copy cannot know
    kg.save(tmp_path / "store")
    twin = _graph()  # the same changes, saved without an early copy
    twin.prepare_for_query()
    twin.store.remove(gone)
    saved = _disk(tmp_path / "store")
    assert gone not in saved
    # written whole (its size not known without a count), or copied after the change (dumped after it: exact)
    assert kg.saved_size in (None, len(saved) - 1)
    assert saved == _disk(twin.save(tmp_path / "plain"))


def test_cancelled_or_elsewhere_copies_leave_nothing(tmp_path):
    kg = _graph()
    (tmp_path / "a").mkdir()
    kg.start_save(tmp_path / "a" / "store")
    kg.cancel_save()
    assert list((tmp_path / "a").iterdir()) == []
    kg.start_save(tmp_path / "a" / "store")
    kg.save(tmp_path / "b")  # another place: written whole there, the copy dropped
    assert list((tmp_path / "a").iterdir()) == []
    assert _disk(tmp_path / "b") == _plain_save(kg, tmp_path / "plain")


def test_a_build_writes_its_store_early_and_equal(tmp_path, monkeypatch):
    started = []
    start = KnowledgeGraph.start_save
    finished = []
    finish = store_module._BackgroundSave.finish
    monkeypatch.setattr(store_module._BackgroundSave, "finish",
                        lambda self, kg: finished.append(finish(self, kg)) or finished[-1])
    monkeypatch.setattr(KnowledgeGraph, "start_save",
                        lambda self, path, **kw: started.append((path, kw)) or start(self, path, **kw))
    result = build(BuildOptions(paths=[str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")],
                                out_dir=str(tmp_path / "build"), formats=("nquads",), validate=True))
    assert result.ok and len(started) == 1
    assert started[0][1]["union_text"] is not None and finished == [True]  # graph by graph, then the union
    saved = _disk(tmp_path / "build" / "store")
    assert saved == _plain_save(result.graph, tmp_path / "plain")
    manifest = json.loads((tmp_path / "build" / "store.manifest.json").read_text())
    assert manifest["quads"] == result.graph.saved_size == len(saved) - 1  # the copy's size, not a count
    assert not [p for p in (tmp_path / "build").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_graph_there_only_for_a_moment_is_not_in_the_copy(tmp_path, monkeypatch):
    """Validation adds its scratch graph and drops it while the copy is dumped (osce_kg/validate.py)."""
    finished = []
    finish = store_module._BackgroundSave.finish
    monkeypatch.setattr(store_module._BackgroundSave, "finish",
                        lambda self, kg: finished.append(finish(self, kg)) or finished[-1])
    kg = _graph(2000)
    kg.prepare_for_query()
    scratch = ox.NamedNode("urn:osce-kg:validation-data")
    kg.store.add(ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}y"), scratch))
    kg.start_save(tmp_path / "store")
    kg._saving._thread.join()  # the copy has the scratch graph
    kg.store.remove_graph(scratch)  # not in the union, as validation's graph
    kg.save(tmp_path / "store")
    assert finished == [True]
    saved = _disk(tmp_path / "store")
    assert not [q for q in saved if q.graph_name == scratch]
    assert saved == _plain_save(kg, tmp_path / "plain")


def test_a_rebuild_that_patches_the_previous_store_starts_no_copy(tmp_path, monkeypatch):
    started = []
    start = KnowledgeGraph.start_save
    monkeypatch.setattr(KnowledgeGraph, "start_save",
                        lambda self, path, **kw: started.append(path) or start(self, path, **kw))
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("chair_en.txt", "fo_fr_moldova.txt"):
        (pages / name).write_bytes((PAGES / name).read_bytes())
    options = BuildOptions(paths=[str(pages)], out_dir=str(tmp_path / "build"), formats=("nquads",), validate=False,
                           **LEAN)
    build(options)
    assert len(started) == 1
    again = build(options)
    assert again.cache.store_reused and len(started) == 1  # made from the previous store: no copy begun
    (tmp_path / "build" / "store" / "EXTRA").write_bytes(b"x")  # not the store its manifest describes
    third = build(options)
    assert not third.cache.store_reused and len(started) == 2


def _disk_graph(tmp_path: Path, name: str) -> KnowledgeGraph:
    """A saved store opened for writing, as a rebuild holds its checkpoint: the union ready, the size known."""
    saved = _graph().save(tmp_path / name)
    kg = KnowledgeGraph.open(saved, read_only=False)
    kg.path, kg.size = saved, len(kg.store)
    return kg


def _description(blank: bool = False) -> list[ox.Quad]:
    """Many quads of a new graph: new subjects, a subject the union has (one of its triples already there), a
    repeated quad."""
    g = ox.NamedNode(f"{EX}description")
    quads = [ox.Quad(ox.NamedNode(f"{EX}part{i}"), ox.NamedNode(f"{EX}n"), ox.Literal(str(i)), g) for i in range(40)]
    quads += [ox.Quad(ox.NamedNode(f"{EX}s1"), ox.NamedNode(f"{EX}p"), ox.Literal("1"), g),  # in the union already
              ox.Quad(ox.NamedNode(f"{EX}s1"), ox.NamedNode(f"{EX}q"), ox.Literal("x \"<a>\" .\n<b>"), g),
              quads[0]]
    if blank:
        quads.append(ox.Quad(ox.BlankNode("b0"), ox.NamedNode(f"{EX}n"), ox.Literal("b"), g))
    return quads


def test_many_quads_of_a_new_graph_go_in_as_text_and_the_size_stays_exact(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_AT_LEAST", 10)
    taken = []
    bulk = KnowledgeGraph._bulk_add_new_graphs
    monkeypatch.setattr(KnowledgeGraph, "_bulk_add_new_graphs",
                        lambda self, quads, known=None: taken.append(bulk(self, quads, known)) or taken[-1])
    for blank, asked in ((False, False), (True, False), (False, True)):
        kg = _disk_graph(tmp_path, f"text-{blank}-{asked}")
        description = _description(blank)
        # `asked`: the subjects the union has, asked beforehand (as a rebuild does, for two steps at once)
        known = kg.subjects_in_union({q.subject for q in description}) if asked else None
        assert known is None or known == {ox.NamedNode(f"{EX}s1")}
        kg.add_quads_keeping_union(description, known)
        assert taken.pop() is not blank  # a blank node takes the Quad road
        assert kg.size == len(kg.store)
        named = {q.triple for q in kg.store if not isinstance(q.graph_name, ox.DefaultGraph)}
        union = {q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert union == named | {store_module.STORE_MARK.triple}
        assert {q for q in _description(blank)} <= set(kg.store)
    # a graph the store holds already: the Quad road, the same store
    kg = _disk_graph(tmp_path, "again")
    kg.add_quads_keeping_union([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"{EX}g0"))
                                for q in _description()])
    assert taken.pop() is False and kg.size == len(kg.store)


def test_the_copy_loads_chunks_at_once_and_gets_every_quad(tmp_path):
    """Chunks are bulk-loaded by several threads at once: every quad in every index, the lines counted; a blank
    node stops it (None), and a chunk the engine refuses fails the load as it would one at a time."""
    kg = KnowledgeGraph()
    kg.add_quads(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i % 5)),
                         ox.NamedNode(f"{EX}g{i % 3}")) for i in range(600))
    kg.prepare_for_query()
    dump = tmp_path / "dump.nq"
    kg.store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    disk = ox.Store(str(tmp_path / "disk"))
    lines = store_module._bulk_load_chunks(dump, disk, chunk_bytes=1024, threads=3)  # a hundred chunks
    assert lines == len(kg.store) == len(disk) and set(disk) == set(kg.store)
    assert {q for q in disk.quads_for_pattern(None, None, ox.Literal("3"), None)} == \
        {q for q in kg.store.quads_for_pattern(None, None, ox.Literal("3"), None)}  # the object index too
    del disk

    blank = tmp_path / "blank.nq"
    blank.write_bytes(dump.read_bytes() + b'_:b <https://example.org/p> "x" <https://example.org/g0> .\n')
    assert store_module._bulk_load_chunks(blank, ox.Store(str(tmp_path / "b")), chunk_bytes=1024) is None
    broken = tmp_path / "broken.nq"
    broken.write_bytes(dump.read_bytes() + b"<https://example.org/s> not N-Quads .\n")
    with pytest.raises(SyntaxError):
        store_module._bulk_load_chunks(broken, ox.Store(str(tmp_path / "c")), chunk_bytes=1024)


def test_the_copys_threads_yield_the_cpu_to_the_builds_others():
    """The copy runs beside the union's making, validation and the writers, which the build waits for: its
    threads (and the engine's they start) run at a lower priority (nice 10), so they take what those leave; the
    thread that begins the copy keeps its own."""
    import os
    import threading

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    if before >= 10:
        pytest.skip("this process already runs at nice 10 or lower")
    seen = []

    def run():
        store_module._lower_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [10]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


def test_settling_waits_while_the_engines_threads_work_and_stops_once_they_rest(monkeypatch):
    """store.settle_compactions: polls RocksDB's background threads (CPU ticks, and whether one runs or waits on
    the disk) until three polls in a row see them resting; at most `limit` seconds; at once where /proc is not."""
    clock = [0.0]
    monkeypatch.setattr(store_module.time, "sleep", lambda s: clock.__setitem__(0, clock[0] + s))
    monkeypatch.setattr(store_module.time, "monotonic", lambda: clock[0])
    states = iter([(0, False), (5, True), (9, True), (9, True), (9, False), (9, False), (12, False), (12, False),
                   (12, False), (12, False), (40, True)])
    polled = []
    monkeypatch.setattr(store_module, "_engine_threads_busy", lambda: polled.append(1) or next(states))
    store_module.settle_compactions(poll=0.02)
    assert len(polled) == 10  # the first state, then every poll until three quiet ones after the last change
    busy = iter(lambda: (len(polled), True), None)  # never resting: given up at the limit
    monkeypatch.setattr(store_module, "_engine_threads_busy", lambda: polled.append(1) or next(busy))
    clock[0], polled[:] = 0.0, []
    store_module.settle_compactions(poll=0.5, limit=3.0)
    assert clock[0] == pytest.approx(3.0) and len(polled) == 7
    monkeypatch.setattr(store_module, "_engine_threads_busy", lambda: None)  # not Linux: nothing to wait for
    clock[0] = 0.0
    store_module.settle_compactions()
    assert clock[0] == 0.0


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_the_engines_background_threads_are_found(tmp_path):
    disk = ox.Store(str(tmp_path / "s"))  # RocksDB starts its threads
    disk.add(ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("0"), ox.NamedNode(f"{EX}g")))
    disk.flush()
    ticks, busy = store_module._engine_threads_busy()
    assert isinstance(ticks, int) and ticks >= 0 and isinstance(busy, bool)
    del disk


def test_a_store_loaded_in_pieces_is_closed_once_its_compactions_are_done(tmp_path, monkeypatch):
    """Both saves (the copy begun early and the plain one) wait for RocksDB's compactions before they close a store
    they bulk-loaded in more than one piece (the pieces are taken in as overlapping files): one closed with
    compactions to do leaves them to every later process that opens it for writing. One piece: nothing to wait
    for."""
    settled = []
    monkeypatch.setattr(store_module, "settle_compactions", lambda: settled.append(True))
    kg = _graph(400)
    kg.start_save(tmp_path / "early")
    kg.save(tmp_path / "early")
    _graph(400).save(tmp_path / "plain")
    assert settled == []  # each in one piece
    monkeypatch.setattr(store_module, "LOAD_CHUNK_BYTES", 1024)  # many pieces
    kg = _graph(400)
    kg.start_save(tmp_path / "early2")
    kg.save(tmp_path / "early2")
    assert settled == [True]
    _graph(400).save(tmp_path / "plain2")
    assert settled == [True, True]
    assert _disk(tmp_path / "plain2") == _disk(tmp_path / "early2") == _disk(tmp_path / "plain")
