"""Run one function over many items and get the results back in input order: in this process, or in a pool
of local worker processes. The build maps its pages through this interface (osce_kg/build.py `_map_all`);
docs/scaling.md shows the same per-page function on Dask or Ray.

An executor never raises for one item: an item whose function raised, or whose worker process died (killed,
out of memory, `os._exit`), comes back as a `TaskFailed` in its place, and the other items go on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class TaskFailed:
    """In place of a result: the function raised for this item, or the process running it died."""

    problem: str


class Executor(Protocol):
    """`map(fn, items)` yields fn(item) or a TaskFailed for each item, in the order of `items`.

    `fn` and the items must be picklable for executors that run elsewhere (a top-level function, or a
    functools.partial of one); the results are what crosses back, so keep them plain (bytes, dataclasses)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R | TaskFailed]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def _failure(exc: BaseException) -> TaskFailed:
    if isinstance(exc, MemoryError):
        return TaskFailed("out of memory")
    return TaskFailed(f"{type(exc).__name__}: {exc}")


class SerialExecutor:
    """Everything in this process, one item after the other (`--jobs 1`): no pool, no pickling."""

    def __init__(self, initializer: Callable[..., Any] | None = None, initargs: tuple = ()):
        if initializer is not None:
            initializer(*initargs)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R | TaskFailed]:
        for item in items:
            try:
                yield fn(item)
            except Exception as exc:  # noqa: BLE001 - one item's failure is its result, as in a pool
                yield _failure(exc)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _run_chunk(fn: Callable[[T], R], items: list[T]) -> list[R | TaskFailed]:
    """In a worker: `fn` over a chunk of items, an item's exception its own TaskFailed."""
    results: list[R | TaskFailed] = []
    for item in items:
        try:
            results.append(fn(item))
        except Exception as exc:  # noqa: BLE001 - one item's failure is its result
            results.append(_failure(exc))
    return results


def _ignore_interrupts_then(initializer: Callable[..., Any] | None, *initargs: Any) -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool (else every worker prints a traceback), and end
    when the parent does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    if initializer is not None:
        initializer(*initargs)


def _end_with_parent(every: float = 0.5) -> None:
    """A thread ending this worker once its parent is gone (killed: SIGKILL leaves it no way to stop its pool), as
    a worker waiting for its next item would wait for ever."""
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest (the workers inherit the imported modules) but unsafe once threads run; forkserver then
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class LocalPool:
    """Worker processes on this machine (`--jobs N`). Each worker runs `initializer(*initargs)` once (e.g. loads
    the registry). At most `window` items are in flight, so results stream out as fast as they are consumed
    and memory stays bounded however many items there are.

    A worker that dies takes the pool down with every item in flight; those items are then run again one at
    a time in a fresh pool, so exactly the item that kills its worker becomes a TaskFailed. `task_seconds`
    (optional) bounds one item's wall time the same way: the pool is stopped and the item retried alone, and
    an item over the limit on its own is a TaskFailed.

    `chunk` items go to a worker at a time (one task, one result message): handing out and taking back each
    item costs this process about half a millisecond, 2-3 CPU seconds for 5,000 pages. A chunk's time limit is
    `task_seconds` per item in it, so a hung item is noticed that much later; it is then retried alone."""

    def __init__(self, workers: int, initializer: Callable[..., Any] | None = None, initargs: tuple = (),
                 window: int | None = None, task_seconds: float | None = None, chunk: int = 1):
        self.workers = max(1, workers)
        self.window = window or self.workers * 8
        self.task_seconds = task_seconds
        self.chunk = max(1, chunk)
        self._init = (initializer, *initargs)
        self._pool: ProcessPoolExecutor | None = None

    def _open(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                             initializer=_ignore_interrupts_then, initargs=self._init)
        return self._pool

    def _kill(self) -> None:
        """Stop the pool now, workers included (a hung or dead worker never finishes on its own)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        try:
            return self._open().submit(fn, *args)
        except BrokenProcessPool as exc:  # broke before its end was noticed: the item is lost with the others
            future: Future = Future()
            future.set_exception(exc)
            return future

    def _outcome(self, future: Future) -> Any:
        """The item's result; raises BrokenProcessPool or FutureTimeout when the pool must be restarted."""
        try:
            return future.result(timeout=self.task_seconds)
        except (BrokenProcessPool, FutureTimeout):
            raise
        except Exception as exc:  # noqa: BLE001 - the function raised (or its result did not pickle)
            return _failure(exc)

    def _chunk_outcome(self, future: Future, size: int) -> list | None:
        """A chunk's results (each a result or a TaskFailed), None when they did not come back (one did not
        pickle); raises BrokenProcessPool or FutureTimeout when the pool must be restarted."""
        try:
            return future.result(timeout=self.task_seconds * size if self.task_seconds else None)
        except (BrokenProcessPool, FutureTimeout):
            raise
        except Exception:  # noqa: BLE001 - each item is run again alone, and fails alone
            return None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R | TaskFailed]:
        return self._results(fn, iter(items), deque())

    def start(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R | TaskFailed]:
        """`map`, with the first `window` items handed to the workers now rather than at the first `next()`:
        they run while this process does something else (the workers start here, in this thread, so the
        pool forks where `map` would)."""
        items, in_flight = iter(items), deque()
        self._fill(fn, items, in_flight)
        return self._results(fn, items, in_flight)

    def _fill(self, fn: Callable[[T], R], items: Iterator[T], in_flight: deque) -> bool:
        """Submit chunks of items until `window` items are in flight; False once `items` is exhausted."""
        count = sum(len(chunk) for chunk, _ in in_flight)
        while count < self.window:
            chunk = list(islice(items, min(self.chunk, self.window - count)))
            if not chunk:
                return False
            in_flight.append((chunk, self._submit(_run_chunk, fn, chunk)))
            count += len(chunk)
        return True

    def _results(self, fn: Callable[[T], R], items: Iterator[T], in_flight: deque) -> Iterator[R | TaskFailed]:
        more = True
        while True:
            if more:
                more = self._fill(fn, items, in_flight)
            if not in_flight:
                return
            chunk, future = in_flight[0]
            try:
                results = self._chunk_outcome(future, len(chunk))
            except (BrokenProcessPool, FutureTimeout):
                lost = list(in_flight)
                in_flight.clear()
                self._kill()
                yield from self._one_by_one(fn, lost)
                continue
            in_flight.popleft()
            if results is None:
                yield from self._alone(fn, chunk)
            else:
                yield from results

    def _one_by_one(self, fn: Callable[[T], R], lost: list[tuple[list, Future]]) -> Iterator[R | TaskFailed]:
        """The chunks that were in flight when the pool broke: a chunk that had finished gives its results, the
        others' items run each alone, so a failure is that item's own."""
        for chunk, future in lost:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()  # finished before the pool broke
            else:
                yield from self._alone(fn, chunk)

    def _alone(self, fn: Callable[[T], R], items: list) -> Iterator[R | TaskFailed]:
        for item in items:
            try:
                yield self._outcome(self._submit(fn, item))
            except BrokenProcessPool:
                self._kill()
                yield TaskFailed("the worker process died (killed, out of memory or exited)")
            except FutureTimeout:
                self._kill()
                yield TaskFailed(f"over the pool's time limit ({self.task_seconds:g} s for one item)")

    def begin(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start the workers now (forked here) and have one run fn(*args) before any item: what a first item
        would set up (imports), done while this process does something else."""
        self._submit(fn, *args)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def discard(self) -> None:
        """Stop the workers now, whatever they are doing (a pool begun and not needed after all)."""
        self._kill()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.close()
        else:  # interrupted or failed: do not wait for the workers to finish their items
            self._kill()


_END = object()


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
