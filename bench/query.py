"""Named queries on the embedded store (pyoxigraph, the default) against rdflib's memory store.

Builds N synthetic pages with the real pipeline (bench/generate.py + osce_kg.build), loads the same quads
into both stores, runs every query of the library several times on each, and prints medians side by side
with the ratio, checking both stores return the same rows.

    python bench/query.py            # 300 pages
    python bench/query.py --pages 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.query_library import library  # noqa: E402


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def canonical(value: str) -> str:
    return " ".join(sorted(value.split(" ")))  # GROUP_CONCAT's order is unspecified: compare as sets


def rdflib_rows(graph, sparql: str) -> set[tuple]:
    return {tuple("" if v is None else canonical(str(v)) for v in row) for row in graph.query(sparql)}


def oxigraph_rows(kg, sparql: str) -> set[tuple]:
    columns, rows = kg.table(sparql)
    return {tuple(canonical(row.get(c, "")) for c in columns) for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = generate(args.pages, Path(tmp) / "pages")
        started = time.perf_counter()
        result = build(BuildOptions(paths=[str(p) for p in pages], out_dir=None, validate=False))
        built = time.perf_counter() - started
    kg = result.graph
    started = time.perf_counter()
    union = kg.to_rdflib_dataset()
    union.default_union = True  # queries see the union of the named graphs, as on the embedded store
    converted = time.perf_counter() - started
    print(f"{args.pages} pages -> {len(kg):,} quads; build {built:.1f} s "
          f"({args.pages / built:.0f} pages/s); rdflib copy {converted:.1f} s")
    print(f"{'query':28} {'rows':>6} {'pyoxigraph':>12} {'rdflib':>12} {'ratio':>7}  same")
    ratios = []
    for name, query in library().items():
        sparql = query.bind()
        t_ox, ox_rows = median_time(lambda s=sparql: oxigraph_rows(kg, s), args.repeat)
        t_rdf, rdf_rows = median_time(lambda s=sparql: rdflib_rows(union, s), args.repeat)
        ratio = t_rdf / t_ox if t_ox else float("inf")
        ratios.append(ratio)
        print(f"{name:28} {len(ox_rows):6d} {t_ox * 1000:10.1f}ms {t_rdf * 1000:10.1f}ms {ratio:6.1f}x  "
              f"{'yes' if ox_rows == rdf_rows else 'NO'}")
    print(f"median speed-up of pyoxigraph over rdflib: {statistics.median(ratios):.1f}x")


if __name__ == "__main__":
    main()
