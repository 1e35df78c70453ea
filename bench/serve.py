"""Load test: N concurrent clients against `osce-kg serve` and `oxigraph serve` on the same data.

Builds synthetic pages with the real pipeline (bench/generate.py + osce_kg.build, validation off), or
takes an existing build (--build DIR with store/ and osce.nq). Then, one server at a time on 127.0.0.1:
- `osce-kg serve --store build/store --workers <cores>` (the CLI, in its own processes), queried at /sparql;
- `oxigraph serve` with build/osce.nq loaded (no union default graph: the named queries read their
  graphs with GRAPH ?g, so they return the same rows there), queried at /query.
Each of --clients asyncio tasks (one httpx connection pool) sends GET requests in a loop for --seconds:
the named queries of the library in turn (parameters bound to their defaults), asking for SPARQL JSON.
Requests/s, latency percentiles and errors (non-200 answers, timeouts, connection errors) are printed side
by side. Bounded: fixed duration, per-request timeout, every server stopped at the end.

    python bench/serve.py                                   # 300 pages, 50 clients, 60 s per server
    python bench/serve.py --pages 1000 --clients 50 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from osce_kg.query_library import library, values_block  # noqa: E402
from tests.servers import free_port, wait  # noqa: E402


def queries(skip: set[str]) -> list[str]:
    return [values_block(q.sparql, q.terms()) for name, q in library().items() if name not in skip]


async def client(http: httpx.AsyncClient, url: str, texts: list[str], offset: int, stop: float,
                 latencies: list[float], errors: list[str]) -> None:
    n = offset
    while time.monotonic() < stop:
        text = texts[n % len(texts)]
        n += 1
        started = time.perf_counter()
        try:
            r = await http.get(url, params={"query": text}, headers={"Accept": "application/sparql-results+json"})
            await r.aread()
            if r.status_code != 200:
                errors.append(f"HTTP {r.status_code}: {r.text[:120]}")
                continue
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - started)


async def load(url: str, texts: list[str], clients: int, seconds: float, timeout: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as http:
        for text in texts:  # warm-up: each query once
            (await http.get(url, params={"query": text}, headers={"Accept": "application/sparql-results+json"})
             ).raise_for_status()
        started = time.monotonic()
        stop = started + seconds
        await asyncio.gather(*(client(http, url, texts, i, stop, latencies, errors) for i in range(clients)))
        elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": q[49], "p95": q[94], "p99": q[98],
            "errors": len(errors), "first_error": errors[0] if errors else ""}


def build_pages(pages: int, folder: Path) -> Path:
    from generate import generate

    from osce_kg.build import BuildOptions, build

    paths = generate(pages, folder / "pages")
    result = build(BuildOptions(paths=[str(p) for p in paths], out_dir=str(folder / "build"), validate=False,
                                formats=("nquads",)))
    print(f"built {pages} pages: {len(result.graph)} quads", flush=True)
    return folder / "build"


def start_osce_kg(store: Path, workers: int, timeout: float) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "osce_kg", "serve", "--store", str(store), "--port", str(port),
                                "--max-rows", "1000000", "--workers", str(workers), "--timeout", str(timeout)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    wait(url)
    return url, process


def start_oxigraph(nquads: Path, folder: Path) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen(["oxigraph", "serve", "--location", str(folder / "oxigraph-db"), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait(base + "/query")
    with nquads.open("rb") as fh:
        request = urllib.request.Request(base + "/store", data=fh.read(), method="POST",
                                         headers={"Content-Type": "application/n-quads"})
    urllib.request.urlopen(request, timeout=600).read()
    return base + "/query", process


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300, help="synthetic pages to build (default 300)")
    ap.add_argument("--build", type=Path, help="an existing build folder (store/ and osce.nq) instead")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0, help="duration per server (default 60)")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="per-request timeout in seconds (default 120: with 50 clients on 2 cores a request "
                    "waits behind the others, and the heavier named queries take seconds at 200k quads)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="osce-kg serve --workers (default: the number of cores, as oxigraph serve uses them all)")
    ap.add_argument("--skip", action="append", default=[], help="leave a named query out (repeatable)")
    args = ap.parse_args()
    if not (0 < args.clients <= 500 and 0 < args.seconds <= 600):
        ap.error("--clients must be 1..500 and --seconds 1..600")
    texts = queries(set(args.skip))
    with tempfile.TemporaryDirectory(prefix="osce-kg-bench-serve-") as tmp:
        folder = args.build or build_pages(args.pages, Path(tmp))
        results = {}
        for name, start in (("osce-kg serve", lambda: start_osce_kg(folder / "store", args.workers, args.timeout)),
                            ("oxigraph serve", lambda: start_oxigraph(folder / "osce.nq", Path(tmp)))):
            url, process = start()
            try:
                print(f"{name}: {args.clients} clients, {args.seconds:g} s, {len(texts)} named queries ...", flush=True)
                results[name] = asyncio.run(load(url, texts, args.clients, args.seconds, args.timeout))
            finally:
                process.terminate()
                process.wait(timeout=30)
    print(f"\n{'server':<16}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<16}{r['requests']:>10}{r['rps']:>10.1f}{r['p50'] * 1000:>10.1f}{r['p95'] * 1000:>10.1f}"
              f"{r['p99'] * 1000:>10.1f}{r['errors']:>8}")
    ours, theirs = results["osce-kg serve"], results["oxigraph serve"]
    print(f"\nosce-kg serve throughput = {ours['rps'] / theirs['rps']:.2f} x oxigraph serve's")
    for name, r in results.items():
        if r["first_error"]:
            print(f"{name}: first error: {r['first_error']}")


if __name__ == "__main__":
    main()
