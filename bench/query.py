"""Named queries on the persistent store through osce-kg, raw pyoxigraph on the same store, and rdflib;
then `--infer rdfs`: the fast path against owlrl (time and identical triples).

Builds N synthetic pages with the real pipeline (bench/generate.py + osce_kg.build, validation off) into
a folder with its on-disk store (build/store). For each query of the library:
- osce-kg: `execute(query, kg=KnowledgeGraph.open(store))`, the path `osce-kg query` takes (parameter
  binding, the query checks, results as terms);
- pyoxigraph: the same final SPARQL text on `pyoxigraph.Store.read_only(store)`, rows materialised;
- rdflib: the same text on an rdflib Dataset holding the same quads.
osce-kg and pyoxigraph run in one worker process, alternately (osce-kg, pyoxigraph, osce-kg, ...), so both
see the same cache and the same load; rdflib runs in a forked worker per query. Every worker has a time
cap (--timeout, --rdflib-timeout): a query past it is stopped and reported as such, and a query that fails
is reported with its error, so every query gets a row. Medians of --repeat runs or more, wall-clock and
CPU time (the thread's, for osce-kg and pyoxigraph: on a machine shared with other jobs, waiting for a
core inflates wall-clock times at random, so ratios are taken on CPU time); "same" compares the rows
of osce-kg and rdflib as multisets of lexical values.

    python bench/query.py                           # 300 pages (~65k quads)
    python bench/query.py --pages 5020 --rdflib-timeout 30 --markdown /tmp/q.md   # ~1M quads
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.query_library import library, values_block  # noqa: E402

MAX_RUNS, MIN_SECONDS = 51, 1.0
FORK = mp.get_context("fork")  # rdflib workers inherit the loaded copy
# The oxigraph worker starts afresh: a forked child of a process that has used RocksDB can hang opening a store.
SPAWN = mp.get_context("spawn")


# -- osce-kg and raw pyoxigraph, side by side in one worker --------------------------------------------


def _oxigraph_worker(conn, store_dir: str, repeat: int) -> None:
    """Serve (name) -> (t_osce_kg, t_raw, rows) requests; both stores opened here, read-only."""
    import pyoxigraph as ox

    from osce_kg.query_library import execute
    from osce_kg.store import KnowledgeGraph

    kg = KnowledgeGraph.open(store_dir)
    raw = ox.Store.read_only(store_dir)
    queries = library()
    while True:
        name = conn.recv()
        if name is None:
            return
        try:
            query = queries[name]
            sparql = values_block(query.sparql, query.terms())
            t_kg, t_raw, c_kg, c_raw, result = [], [], [], [], None
            # alternately, so drifting load hits both alike, and each first in turn (the second of two runs
            # of the same query finds the data hot in the CPU caches); fast queries get more runs (up to
            # MAX_RUNS or about a second each side): a few runs of a millisecond are mostly noise on a busy machine
            while len(t_kg) < repeat or (len(t_kg) < MAX_RUNS and sum(t_kg) + sum(t_raw) < 2 * MIN_SECONDS):
                for side in ("kg", "raw") if len(t_kg) % 2 == 0 else ("raw", "kg"):
                    started, cpu = time.perf_counter(), time.thread_time()
                    if side == "kg":
                        result = execute(query, kg=kg)
                        c_kg.append(time.thread_time() - cpu)
                        t_kg.append(time.perf_counter() - started)
                    else:
                        [list(r) for r in raw.query(sparql)]
                        c_raw.append(time.thread_time() - cpu)
                        t_raw.append(time.perf_counter() - started)
            rows = Counter(tuple(s[v].value if v in s else "" for v in result.variables) for s in result.solutions)
            med = statistics.median
            conn.send(("ok", (med(t_kg), med(c_kg)), (med(t_raw), med(c_raw)), rows))
        except Exception as exc:  # a failing query gets its row, with the error
            conn.send(("error", f"{type(exc).__name__}: {exc}".splitlines()[0][:80], None, None))


class OxigraphRunner:
    """A worker process running the oxigraph side; restarted after a query that runs past the cap."""

    def __init__(self, store_dir: Path, repeat: int, timeout: float):
        self.store_dir, self.repeat, self.timeout = str(store_dir), repeat, timeout
        self.worker = None

    def _start(self) -> None:
        self.conn, child = SPAWN.Pipe()
        self.worker = SPAWN.Process(target=_oxigraph_worker, args=(child, self.store_dir, self.repeat), daemon=True)
        self.worker.start()

    def run(self, name: str):
        if self.worker is None or not self.worker.is_alive():
            self._start()
        try:
            self.conn.send(name)
            if self.conn.poll(self.timeout * 2 * self.repeat + 2 * MIN_SECONDS + 30):  # + the start of a worker
                return self.conn.recv()
        except (EOFError, OSError) as exc:  # the worker died (out of memory, a crash): report it, start anew
            self.stop()
            return ("error", f"worker died: {type(exc).__name__}", None, None)
        self.stop()
        return ("timeout", None, None, None)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker.join()
            self.worker = None


# -- rdflib ---------------------------------------------------------------------------------------------

_DATASET = None  # the rdflib copy, loaded in the parent and inherited by each forked worker


def _rdflib_worker(conn, sparql: str, repeat: int) -> None:
    times, cpus, rows = [], [], None
    try:
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            # rdflib writes an aggregate over nothing as the string "None": read it as unbound
            rows = Counter(tuple("" if v is None or str(v) == "None" else str(v) for v in row)
                           for row in _DATASET.query(sparql))
            cpus.append(time.process_time() - cpu)
            times.append(time.perf_counter() - start)
    except Exception as exc:  # rdflib cannot run some queries (e.g. MIN over unbound values)
        conn.send((None, f"{type(exc).__name__}"))
        return
    conn.send(((statistics.median(times), statistics.median(cpus)), rows))


def rdflib_time(sparql: str, repeat: int, timeout: float) -> tuple[tuple[float, float] | None, Counter | str | None]:
    """((median wall seconds, median CPU seconds), rows); (None, error name) when rdflib fails; (None, None)
    past the cap."""
    parent, child = FORK.Pipe()
    worker = FORK.Process(target=_rdflib_worker, args=(child, sparql, repeat))
    worker.start()
    if parent.poll(timeout * repeat + 1):
        out = parent.recv()
        worker.join()
        return out
    worker.kill()
    worker.join()
    return None, None


# -- the runs -------------------------------------------------------------------------------------------


def build_pages(pages: int, folder: Path):
    paths = generate(pages, folder / "pages")
    started = time.perf_counter()
    result = build(BuildOptions(paths=[str(p) for p in paths], out_dir=str(folder / "build"), validate=False,
                                formats=("nquads",)))
    return result, time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def bench_queries(args, folder: Path, out) -> None:
    global _DATASET
    result, built = build_pages(args.pages, folder)
    quads = len(result.graph)
    store_dir = folder / "build" / "store"
    del result  # only the persistent store from here on
    print(f"{args.pages} pages -> {quads:,} quads; build with store {built:.1f} s ({args.pages / built:.0f} pages/s)")
    out.append(f"{args.pages:,} synthetic pages, {quads:,} quads; medians of {args.repeat} runs or more (fast "
               f"queries: up to {MAX_RUNS} runs or ~{MIN_SECONDS:.0f} s; osce-kg and pyoxigraph alternately in one "
               f"process); caps {args.timeout:.0f} s per run "
               f"(oxigraph), {args.rdflib_timeout:.0f} s per run (rdflib).\n")
    if not args.no_rdflib:
        import rdflib

        started = time.perf_counter()
        _DATASET = rdflib.Dataset(default_union=True)
        _DATASET.parse(str(folder / "build" / "osce.nq"), format="nquads")
        print(f"rdflib copy loaded in {time.perf_counter() - started:.1f} s")
    print(f"{'query':28} {'rows':>6} {'osce-kg':>11} {'pyoxigraph':>11} {'cpu':>6} {'wall':>6} {'rdflib':>12} "
          f"{'rdflib/kg':>9}  same", flush=True)
    out += ["| query | rows | osce-kg | raw pyoxigraph | ratio (CPU) | ratio (wall) | rdflib | rdflib / osce-kg (CPU) "
            "| same rows |",
            "|---|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    runner = OxigraphRunner(store_dir, args.repeat, args.timeout)
    ratios, wall_ratios, speedups, unfinished = [], [], [], []
    try:
        for name, query in library().items():
            status, kg_t, raw_t, rows = runner.run(name)
            if status != "ok":
                note = f">{args.timeout:.0f} s" if status == "timeout" else f"error: {kg_t}"
                unfinished.append(f"{name} (oxigraph {note})")
                print(f"{name:28} {'-':>6} {note:>11}", flush=True)
                out.append(f"| {name} | - | {note} | {note} | - | - | - | - | - |")
                continue
            (t_kg, c_kg), (t_raw, c_raw) = kg_t, raw_t
            ratio = c_kg / c_raw if c_raw else float("inf")
            wall = t_kg / t_raw if t_raw else float("inf")
            ratios.append((ratio, name))
            wall_ratios.append(wall)
            n_rows = sum(rows.values())
            rd, up, same = "-", "-", "-"
            if not args.no_rdflib:
                sparql = values_block(query.sparql, query.terms())
                t_rdf, rdf_rows = rdflib_time(sparql, args.rdflib_repeat, args.rdflib_timeout)
                if t_rdf is None:
                    rd = f"fails ({rdf_rows})" if isinstance(rdf_rows, str) else f">{args.rdflib_timeout:.0f} s"
                    unfinished.append(f"{name} (rdflib {rd})")
                    same = "?"
                else:
                    speedups.append(t_rdf[1] / c_kg if c_kg else float("inf"))
                    rd, up, same = _ms(t_rdf[0]), f"{speedups[-1]:,.0f}x", "yes" if rdf_rows == rows else "NO"
            print(f"{name:28} {n_rows:6d} {_ms(t_kg):>11} {_ms(t_raw):>11} {ratio:5.2f}x {wall:5.2f}x {rd:>12} "
                  f"{up:>9}  {same}", flush=True)
            out.append(f"| {name} | {n_rows} | {_ms(t_kg)} | {_ms(t_raw)} | {ratio:.2f}x | {wall:.2f}x | {rd} | {up} "
                       f"| {same} |")
    finally:
        runner.stop()
    lines = []
    if ratios:
        worst = max(ratios)
        lines.append(f"osce-kg / raw pyoxigraph, CPU time: median {statistics.median(r for r, _ in ratios):.2f}x, "
                     f"max {worst[0]:.2f}x ({worst[1]}), over {len(ratios)} queries; "
                     f"{sum(r > 1.5 for r, _ in ratios)} above 1.5x; wall-clock: median "
                     f"{statistics.median(wall_ratios):.2f}x, max {max(wall_ratios):.2f}x")
    if speedups:
        lines.append(f"rdflib / osce-kg: median {statistics.median(speedups):,.0f}x over the {len(speedups)} "
                     f"queries rdflib finished")
    if unfinished:
        lines.append("did not finish: " + "; ".join(unfinished))
    for line in lines:
        print(line, flush=True)
    out += [""] + lines


def _infer_worker(conn, pages: int, folder: str) -> None:
    try:
        from osce_kg.infer import INFERRED_GRAPH, infer, ontology_store, owlrl_entailments

        result, _ = build_pages(pages, Path(folder))
        kg = result.graph
        quads = len(kg)
        started = time.perf_counter()
        reference = owlrl_entailments(kg, "rdfs")
        t_owlrl = time.perf_counter() - started
        started = time.perf_counter()
        infer(kg, "rdfs")
        t_fast = time.perf_counter() - started
        ontology = {(q.subject, q.predicate, q.object) for q in ontology_store()}
        fast = {(q.subject, q.predicate, q.object) for q in kg.quads(INFERRED_GRAPH)} - ontology
        conn.send(("ok", quads, t_fast, len(fast), t_owlrl, len(reference), fast == reference))
    except Exception:
        conn.send(("error", traceback.format_exc().splitlines()[-1]))


def bench_infer(args, folder: Path, out) -> None:
    parent, child = SPAWN.Pipe()
    worker = SPAWN.Process(target=_infer_worker, args=(child, args.infer_pages, str(folder)))
    worker.start()
    if not parent.poll(args.infer_timeout):
        worker.kill()
        worker.join()
        line = f"--infer rdfs on {args.infer_pages} pages: did not finish in {args.infer_timeout:.0f} s"
    else:
        got = parent.recv()
        worker.join()
        if got[0] != "ok":
            line = f"--infer rdfs on {args.infer_pages} pages: failed: {got[1]}"
        else:
            _, quads, t_fast, added, t_owlrl, n_ref, same = got
            line = (f"--infer rdfs on {args.infer_pages} pages ({quads:,} quads): fast path (SPARQL UPDATE) "
                    f"{t_fast:.2f} s, {added:,} triples; owlrl {t_owlrl:.1f} s, {n_ref:,} triples; "
                    f"speed-up {t_owlrl / t_fast:,.0f}x; identical: {'yes' if same else 'NO'}")
    print("\n" + line, flush=True)
    out += ["", line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query and engine (median)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per osce-kg / pyoxigraph run")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0, help="seconds per rdflib query run")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="rdflib runs per query (median)")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--infer-pages", type=int, default=100,
                        help="pages for the inference comparison (owlrl is slow: keep it small; 0 skips it)")
    parser.add_argument("--infer-timeout", type=float, default=900.0, help="seconds for the inference comparison")
    parser.add_argument("--markdown", type=Path, help="also write the results as a Markdown table to this file")
    args = parser.parse_args()
    out: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        bench_queries(args, Path(tmp) / "q", out)
        if args.infer_pages:
            bench_infer(args, Path(tmp) / "i", out)
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.markdown:
        args.markdown.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
