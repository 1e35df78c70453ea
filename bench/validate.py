"""Validation speed: the default path against plain pySHACL, side by side, on the real pipeline's output.

For each size, bench/generate.py writes synthetic pages, `osce-kg build` maps them (no validation), and
each engine validates the result in its own process (so peak memory is that engine's). Prints seconds
and peak RSS, and checks that both report the same results.

    python bench/validate.py                       # quick: 20k triples
    python bench/validate.py --triples 100000 1000000 --baseline-timeout 1800
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate  # noqa: E402

TRIPLES_PER_PAGE_GUESS = 150


def peak_rss_mb() -> float:
    """High-water RSS of this process since exec (VmHWM); ru_maxrss would include the forking parent's."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(engine: str, data: str, out: str) -> None:
    """Run in a subprocess: load, validate, write the results and the figures."""
    from osce_kg.store import KnowledgeGraph
    from osce_kg.validate import validate_graph

    started = time.perf_counter()
    kg = KnowledgeGraph.from_files([data])
    loaded = time.perf_counter()
    report = validate_graph(kg, engine=engine)
    done = time.perf_counter()
    peak_mb = peak_rss_mb()
    Path(out).write_text(json.dumps({
        "engine": report.engine, "load": loaded - started, "validate": done - loaded, "timings": report.timings,
        "peak_mb": peak_mb, "triples": report.triples, "results": sorted(map(list, (r.key() for r in report.results))),
    }))


def build_graph(target: int, work: Path) -> tuple[Path, int]:
    from osce_kg.build import BuildOptions, build

    pages = work / "pages"
    count = max(1, target // TRIPLES_PER_PAGE_GUESS)
    generate(count, pages)
    result = build(BuildOptions(paths=[str(pages)], out_dir=str(work / "out"), formats=("nquads",), validate=False))
    quads = len(result.graph)
    del result  # free the store before the engines run
    return work / "out" / "osce.nq", quads


def measure(engine: str, data: Path, timeout: float) -> dict | None:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, __file__, "--child", engine, str(data), out], check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    figures = json.loads(Path(out).read_text())
    figures["wall"] = time.perf_counter() - started
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, nargs="+", default=[20_000], help="graph sizes (default: 20000)")
    ap.add_argument("--baseline-timeout", type=float, default=1200, help="seconds before plain pySHACL is given up")
    ap.add_argument("--child", nargs=3, metavar=("ENGINE", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"{'triples':>10} {'path':<22} {'validate s':>11} {'peak MB':>8} {'results':>8}  same")
    for target in args.triples:
        with tempfile.TemporaryDirectory() as tmp:
            data, quads = build_graph(target, Path(tmp))
            fast = measure("auto", data, timeout=None)
            slow = measure("pyshacl", data, timeout=args.baseline_timeout)
        rows = [("default (" + fast["engine"] + ")", fast), ("plain pySHACL", slow)]
        same = "n/a" if slow is None else ("yes" if slow["results"] == fast["results"] else "NO")
        for label, fig in rows:
            if fig is None:
                print(f"{quads:>10} {label:<22} {'> ' + str(int(args.baseline_timeout)):>11}")
                continue
            print(f"{quads:>10} {label:<22} {fig['validate']:>11.2f} {fig['peak_mb']:>8.0f} "
                  f"{len(fig['results']):>8}  {same}")
        if slow is not None:
            print(f"{'':>10} speed-up: {slow['validate'] / fast['validate']:.1f}x")


if __name__ == "__main__":
    main()
