"""Named queries on the persistent store through osce-kg, raw pyoxigraph on the same store, and rdflib;
then `--infer rdfs`: the fast path against owlrl (time and identical triples).

Builds N synthetic pages with the real pipeline (bench/generate.py + osce_kg.build, validation off) into
a temporary folder with its on-disk store (build/store). For each query of the library:
- osce-kg: `execute(query, kg=KnowledgeGraph.open(store))`, the path `osce-kg query` takes (parameter
  binding, the query checks, results as terms);
- pyoxigraph: the same final SPARQL text on `pyoxigraph.Store.read_only(store)`, rows materialised;
- rdflib: the same text on an rdflib Dataset holding the same quads (in a forked worker, so a query that
  runs past --rdflib-timeout is stopped and reported as such).
Medians of --repeat runs; "same" compares the rows of osce-kg and rdflib as multisets of lexical values.

    python bench/query.py                           # 300 pages (~65k quads)
    python bench/query.py --pages 4500 --infer-pages 300 --rdflib-timeout 60   # ~1M quads
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.query_library import execute, library, values_block  # noqa: E402
from osce_kg.store import KnowledgeGraph  # noqa: E402


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def rows_of(result) -> Counter:
    return Counter(tuple(s[v].value if v in s else "" for v in result.variables) for s in result.solutions)


_DATASET = None  # the rdflib copy, loaded in the parent and inherited by each forked worker


def _rdflib_worker(conn, sparql: str, repeat: int) -> None:
    times, rows = [], None
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            # rdflib writes an aggregate over nothing as the string "None": read it as unbound
            rows = Counter(tuple("" if v is None or str(v) == "None" else str(v) for v in row)
                           for row in _DATASET.query(sparql))
            times.append(time.perf_counter() - start)
    except Exception as exc:  # rdflib cannot run some queries (e.g. MIN over unbound values)
        conn.send((None, f"{type(exc).__name__}"))
        return
    conn.send((statistics.median(times), rows))


def rdflib_time(sparql: str, repeat: int, timeout: float) -> tuple[float | None, Counter | None]:
    parent, child = mp.Pipe()
    worker = mp.get_context("fork").Process(target=_rdflib_worker, args=(child, sparql, repeat))
    worker.start()
    if parent.poll(timeout * repeat + 1):
        out = parent.recv()
        worker.join()
        return out
    worker.kill()
    worker.join()
    return None, None


def build_pages(pages: int, folder: Path):
    paths = generate(pages, folder / "pages")
    started = time.perf_counter()
    result = build(BuildOptions(paths=[str(p) for p in paths], out_dir=str(folder / "build"), validate=False,
                                formats=("nquads",)))
    return result, time.perf_counter() - started


def bench_queries(args, folder: Path) -> None:
    global _DATASET
    result, built = build_pages(args.pages, folder)
    store_dir = folder / "build" / "store"
    del result  # only the persistent store from here on
    kg = KnowledgeGraph.open(store_dir)
    raw = ox.Store.read_only(str(store_dir))
    quads = len(kg)
    print(f"{args.pages} pages -> {quads:,} quads; build with store {built:.1f} s ({args.pages / built:.0f} pages/s)")
    if not args.no_rdflib:
        import rdflib

        started = time.perf_counter()
        _DATASET = rdflib.Dataset(default_union=True)
        _DATASET.parse(str(folder / "build" / "osce.nq"), format="nquads")
        print(f"rdflib copy loaded in {time.perf_counter() - started:.1f} s")
    print(f"{'query':28} {'rows':>6} {'osce-kg':>10} {'pyoxigraph':>11} {'ratio':>6} {'rdflib':>11} "
          f"{'speed-up':>8}  same")
    ratios, speedups = [], []
    for name, query in library().items():
        sparql = values_block(query.sparql, query.terms())
        t_kg, res = median_time(lambda q=query: execute(q, kg=kg), args.repeat)
        t_raw, _ = median_time(lambda s=sparql: [list(r) for r in raw.query(s)], args.repeat)
        ratio = t_kg / t_raw if t_raw else float("inf")
        ratios.append(ratio)
        rows = rows_of(res)
        if args.no_rdflib:
            rd, same = "-", "-"
        else:
            t_rdf, rdf_rows = rdflib_time(sparql, max(1, args.repeat // 2), args.rdflib_timeout)
            if t_rdf is None:
                rd = f"{rdf_rows} fails" if isinstance(rdf_rows, str) else f">{args.rdflib_timeout:.0f} s"
                same = "?"
            else:
                rd, same = f"{t_rdf * 1000:9.1f}ms", "yes" if rdf_rows == rows else "NO"
                speedups.append(t_rdf / t_kg if t_kg else float("inf"))
        print(f"{name:28} {sum(rows.values()):6d} {t_kg * 1000:8.1f}ms {t_raw * 1000:9.1f}ms {ratio:5.2f}x "
              f"{rd:>11} {(f'{speedups[-1]:.0f}x' if speedups and same != '?' else '-'):>8}  {same}")
    print(f"osce-kg / raw pyoxigraph: median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x")
    if speedups:
        print(f"rdflib / osce-kg: median {statistics.median(speedups):.0f}x over {len(speedups)} queries")


def bench_infer(args, folder: Path) -> None:
    from osce_kg.infer import INFERRED_GRAPH, infer, ontology_store, owlrl_entailments

    result, _ = build_pages(args.infer_pages, folder)
    kg = result.graph
    print(f"\n--infer rdfs on {args.infer_pages} pages ({len(kg):,} quads)")
    started = time.perf_counter()
    reference = owlrl_entailments(kg, "rdfs")
    t_owlrl = time.perf_counter() - started
    started = time.perf_counter()
    added = infer(kg, "rdfs")
    t_fast = time.perf_counter() - started
    ontology = {(q.subject, q.predicate, q.object) for q in ontology_store()}
    fast = {(q.subject, q.predicate, q.object) for q in kg.quads(INFERRED_GRAPH)} - ontology
    print(f"fast path (SPARQL UPDATE): {t_fast:.2f} s, {added:,} triples; owlrl: {t_owlrl:.1f} s, "
          f"{len(reference):,} triples; speed-up {t_owlrl / t_fast:.0f}x; identical: {fast == reference}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query run")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--infer-pages", type=int, default=100,
                        help="pages for the inference comparison (owlrl is slow: keep it small)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_queries(args, Path(tmp) / "q")
        if args.infer_pages:
            bench_infer(args, Path(tmp) / "i")


if __name__ == "__main__":
    main()
