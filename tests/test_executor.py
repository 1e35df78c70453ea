"""The executor interface (osce_kg/executor.py): results in input order, one item's failure (an exception, a dead
worker, a hung worker) is that item's TaskFailed and the rest go on; the build maps pages through any
implementation of the interface."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from osce_kg.executor import LocalPool, SerialExecutor, TaskFailed

_STATE: dict[str, int] = {}


def _init(offset: int) -> None:
    _STATE["offset"] = offset


def _add_offset(n: int) -> int:
    time.sleep(0.002 * (n % 3))  # finish out of order
    return n + _STATE["offset"]


def _fragile(n: int) -> int:
    if n == 3:
        raise ValueError("three is bad")
    if n == 5:
        os._exit(7)  # the worker dies, as with a segfault or the OOM killer
    if n == 8:
        raise MemoryError
    return n * 10


def _hangs_on_two(n: int) -> int:
    if n == 2:
        time.sleep(60)
    return n


@pytest.mark.parametrize("chunk", [1, 2, 4])
def test_local_pool_runs_the_initializer_in_each_worker_and_keeps_input_order(chunk):
    with LocalPool(2, _init, (100,), window=3 if chunk < 4 else 8, chunk=chunk) as pool:
        assert list(pool.map(_add_offset, range(20))) == [n + 100 for n in range(20)]


def test_serial_executor_runs_the_initializer_here():
    with SerialExecutor(_init, (5,)) as serial:
        assert list(serial.map(_add_offset, [1, 2])) == [6, 7]


@pytest.mark.parametrize("executor", [lambda: SerialExecutor(), lambda: LocalPool(2, window=4),
                                      lambda: LocalPool(2, window=8, chunk=3)])  # 3, 4 and 5 in one chunk
def test_a_failing_item_is_its_own_failure(executor):
    items = [n for n in range(10) if n != 5] if isinstance(executor(), SerialExecutor) else list(range(10))
    with executor() as ex:
        results = list(ex.map(_fragile, items))
    by_item = dict(zip(items, results, strict=True))
    assert by_item[3] == TaskFailed("ValueError: three is bad")
    assert by_item[8] == TaskFailed("out of memory")
    if 5 in by_item:
        assert isinstance(by_item[5], TaskFailed) and "worker process died" in by_item[5].problem
    assert {n: r for n, r in by_item.items() if n not in (3, 5, 8)} == {n: n * 10 for n in items if n not in (3, 5, 8)}


@pytest.mark.parametrize("chunk", [1, 2])
def test_a_hung_worker_is_stopped_and_only_its_item_fails(chunk):
    started = time.perf_counter()
    with LocalPool(2, window=4, task_seconds=0.5, chunk=chunk) as pool:
        results = list(pool.map(_hangs_on_two, range(6)))
    assert time.perf_counter() - started < 20
    assert results[:2] == [0, 1] and results[3:] == [3, 4, 5]
    assert isinstance(results[2], TaskFailed) and "time limit" in results[2].problem


class ThreadExecutor:
    """A third implementation, to show what the interface asks: threads, results in input order."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(3)

    def map(self, fn, items):
        for future in [self.pool.submit(fn, item) for item in items]:
            try:
                yield future.result()
            except Exception as exc:
                yield TaskFailed(f"{type(exc).__name__}: {exc}")

    def close(self):
        self.pool.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def test_the_build_maps_pages_through_any_executor(pages_dir):
    from osce_kg.build import _map_all
    from osce_kg.limits import Limits
    from osce_kg.page_cache import PageJob
    from osce_kg.page_task import MapSettings, warm
    from osce_kg.registry import load_registry
    from osce_kg.sources import read_source

    registry = load_registry()
    settings = MapSettings(str(registry.folder), Limits(page_seconds=0))
    warm(settings, registry)
    files = sorted(pages_dir.glob("*.txt"))[:2]
    tasks = [PageJob(read_source(f), f.name) for f in files]
    with SerialExecutor() as serial, ThreadExecutor() as threads:
        one = list(_map_all(tasks, settings, serial))
        other = list(_map_all(tasks, settings, threads))
    assert [m.report.file for m in one] == [f.name for f in files]
    assert all(m.nquads and not m.report.error for m in one)
    assert [(vars(m.report), m.nquads, m.url_key) for m in one] == [(vars(m.report), m.nquads, m.url_key)
                                                                    for m in other]


def test_a_build_through_another_executor_gives_the_same_graph(pages_dir):
    from osce_kg import BuildOptions, build

    paths = [str(p) for p in sorted(pages_dir.glob("*.txt"))[:3]]
    here = build(BuildOptions(paths=paths, out_dir=None, validate=False, jobs=1))
    with ThreadExecutor() as threads:
        there = build(BuildOptions(paths=paths, out_dir=None, validate=False, executor=threads))
    assert set(there.graph.quads()) == set(here.graph.quads()) and len(here.graph) > 100
    assert [vars(r) for r in there.sources] == [vars(r) for r in here.sources]


def _touch(path: str) -> str:
    with open(path, "w") as fh:
        fh.write("ran")
    return path


def test_start_runs_the_first_items_before_any_result_is_asked_for(tmp_path):
    """LocalPool.start hands the first window to the workers at once (the fast road's changed pages map while
    the build reads the previous report); the results then come as from `map`, failures included."""
    paths = [str(tmp_path / f"item{n}") for n in range(3)]
    with LocalPool(1, window=4) as pool:
        results = pool.start(_touch, paths)
        deadline = time.monotonic() + 20
        while not all(os.path.exists(p) for p in paths) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert all(os.path.exists(p) for p in paths)  # before the first next()
        assert list(results) == paths
        assert list(pool.start(_fragile, [2, 3, 4])) == [20, TaskFailed("ValueError: three is bad"), 40]
    with LocalPool(1, window=2) as pool:  # more items than the window: the rest go as results are taken
        assert list(pool.start(_add_offset_zero, range(7))) == list(range(7))


def _add_offset_zero(n: int) -> int:
    return n


class _Unpicklable:
    def __reduce__(self):
        raise TypeError("cannot be sent back")


def _unpicklable_on_four(n: int):
    return _Unpicklable() if n == 4 else n


def test_a_chunk_whose_results_cannot_come_back_is_run_again_item_by_item():
    """One result that does not pickle loses its whole chunk's message: each item of the chunk then runs alone,
    and only that item fails."""
    with LocalPool(2, window=8, chunk=4) as pool:
        results = list(pool.map(_unpicklable_on_four, range(8)))
    assert results[:4] == [0, 1, 2, 3] and results[5:] == [5, 6, 7]
    assert isinstance(results[4], TaskFailed) and "cannot be sent back" in results[4].problem


def test_begin_starts_the_workers_before_any_item(tmp_path):
    """LocalPool.begin forks the workers at once and has one run a first call (a rebuild's worker setting up
    mapping while its build reads the previous one); items then map as usual."""
    marker = tmp_path / "begun"
    with LocalPool(1) as pool:
        pool.begin(_touch, str(marker))
        deadline = time.monotonic() + 20
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists()
        assert list(pool.map(_add_offset_zero, range(3))) == [0, 1, 2]
    pool = LocalPool(1)
    pool.begin(time.sleep, 30)
    started = time.monotonic()
    pool.discard()  # not needed after all: stopped without waiting for its call
    assert time.monotonic() - started < 10


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie: ended, not yet reaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_a_worker_ends_when_its_parent_is_killed(tmp_path):
    """A pool's worker whose parent was killed (SIGKILL: the parent cannot stop its pool) ends by itself, rather
    than wait for ever for its next item (and keep what it inherited open, an output folder's lock)."""
    import signal
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text("import os, time\nfrom osce_kg.executor import LocalPool\n"
                      "from tests.test_executor import _worker_pid\n"
                      "pool = LocalPool(1)\nprint(list(pool.map(_worker_pid, [0]))[0], flush=True)\ntime.sleep(60)\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=root,
                              env={**os.environ, "PYTHONPATH": root})
    try:
        worker = int(parent.stdout.readline())
        assert not _gone(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 20
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker)
    finally:
        parent.kill()
        parent.stdout.close()


def _worker_pid(_: int) -> int:
    return os.getpid()
