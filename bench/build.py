"""`osce-kg build` against the raw engines on the same output, at about 100k, 300k and 1M quads.

For each size, bench/generate.py writes synthetic pages, then, each in a fresh process of its own, started once
what the run before it wrote is on disk (`os.sync`):
- the build as `osce-kg build` runs it (every output format of the default, the on-disk store, `--jobs N`),
  timed per phase: wall seconds and peak RSS (the process's high-water mark, reset at each phase), plus the
  largest worker's peak RSS. Phases are what the main thread waits for: the on-disk store is bulk-loaded
  and the dataset description's figures counted in threads while it validates and writes ('union' is the
  union made, beside the copy's start; 'store start' the copy begun, before it in older code the union made and
  dumped for the copy; 'store' finishing it; 'other' holds the rest, the description included);
- the same build with `--jobs 1`, whose output files must be byte-identical;
- the raw-engine floor on the build's own N-Quads: pyoxigraph bulk_load, the union and the RDFS type closure
  as SPARQL UPDATE, the `shacl` engine with the bundled shapes, and pyoxigraph's own N-Quads, JSON-LD and
  Turtle serialisers; and, timed as a step of its own, the engine writing what build/store holds (the named
  graphs and their union dumped, and bulk-loaded into a new on-disk store);
- the build with `--no-store`, which does what the floor does (its files must equal the default build's);
- rebuilds after one page changed, `--repeat` in a row (a new change each time), in the folder of the last
  build: their wall times, their median against the full build's, and the CPU RocksDB's background threads
  spent in each (merging the levels of the store a full build bulk-loaded, then the file each rebuild adds).
Build, floor and the build without the store run in turns, `--repeat` times each (default 3): the per-phase
figures are medians, and the ratio printed is the build's median wall time to the floor's (the minima's ratio
beside it), twice: against the floor as issue 14 defines it (no on-disk store, which the default build has
written since the store was added for `osce-kg query`), and against the floor with the store step (the same
outputs on both sides); and the build without the store against the floor. The map workers' CPU time is
printed against the floor too (no floor step maps pages), and the least wall any build doing the floor's
work with the store plus this mapping needs on the machine's cores.

    python bench/build.py                         # 500, 1,500 and 5,020 pages (about 100k, 300k, 1M quads)
    python bench/build.py --pages 500 1500        # the smaller sizes only
    python bench/build.py --pages 5020 --repeat 5 # 1M quads, five builds and five floors in turns
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HWM = re.compile(r"VmHWM:\s+(\d+)\s+kB")


# -- memory -------------------------------------------------------------------------------------------------


def peak_mb() -> float:
    """This process's RSS high-water mark since the last reset."""
    try:
        return int(HWM.search(Path("/proc/self/status").read_text()).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Restart the high-water mark from the current RSS (Linux: /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


class Phases:
    """Wall seconds and peak RSS per named phase. A phase entered inside another counts towards the outer.

    Reading and resetting the high-water mark costs ~0.1 ms, and the per-page phases (map, page cache) are
    entered three times per page: a call is sampled only when `SAMPLE_EVERY` seconds have passed since that
    phase's last sample (the overall peak still counts the calls between: it is read before each reset)."""

    SAMPLE_EVERY = 0.05

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.peak: dict[str, float] = {}
        self.overall = 0.0
        self.active: str | None = None
        self.sampled: dict[str, float] = {}  # phase -> perf_counter of its last sample

    def wrap(self, name: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            if self.active is not None:
                return fn(*args, **kwargs)
            started = time.perf_counter()
            sample = started - self.sampled.get(name, -self.SAMPLE_EVERY) >= self.SAMPLE_EVERY
            if sample:
                self.overall = max(self.overall, peak_mb())
                reset_peak()
                started = time.perf_counter()
            self.active = name
            try:
                return fn(*args, **kwargs)
            finally:
                ended = time.perf_counter()
                self.seconds[name] = self.seconds.get(name, 0.0) + ended - started
                if sample:
                    self.peak[name] = max(self.peak.get(name, 0.0), peak_mb())
                    self.overall = max(self.overall, self.peak[name])
                    self.sampled[name] = ended
                self.active = None

        return timed

    def wrap_iterator(self, name: str, fn: Callable) -> Callable:
        """For a generator function: time each step (what the caller waits for), not what it does in between."""

        def stepped(*args, **kwargs):
            iterator = iter(fn(*args, **kwargs))
            step = self.wrap(name, lambda: next(iterator, StopIteration))
            while (item := step()) is not StopIteration:
                yield item

        return stepped


# -- the build, in a child process ---------------------------------------------------------------------------


def child_build(pages: str, out: str, jobs: int, figures: str, store: bool = True) -> None:
    import importlib

    build_module = importlib.import_module("osce_kg.build")  # the module (osce_kg.build is also the function)
    validate_module = importlib.import_module("osce_kg.validate")
    from osce_kg.store import KnowledgeGraph

    phases = Phases()
    build_module._map_all = phases.wrap_iterator("map", build_module._map_all)
    KnowledgeGraph.add_nquads = phases.wrap("load", KnowledgeGraph.add_nquads)
    KnowledgeGraph.add_quads = phases.wrap("load", KnowledgeGraph.add_quads)
    validate_module.validate_graph = phases.wrap("validate", validate_module.validate_graph)
    if hasattr(build_module, "_start_validation"):  # (not in builds before it: the bench also times older code)
        build_module._start_validation = phases.wrap("validate", build_module._start_validation)  # data prepared
        # a full validation's engine runs in a thread beside the writers: what the build waits for it at the end
        build_module.BuildResult.wait_validation = phases.wrap("validate", build_module.BuildResult.wait_validation)
    build_module.BuildResult.summary = phases.wrap("summary", build_module.BuildResult.summary)
    KnowledgeGraph.save = phases.wrap("store", KnowledgeGraph.save)  # finishing the copy begun in a thread
    incremental = importlib.import_module("osce_kg.incremental")
    incremental.save_store = phases.wrap("store", incremental.save_store)  # or patching the previous store
    KnowledgeGraph.start_save = phases.wrap("store start", KnowledgeGraph.start_save)  # the copy begun
    KnowledgeGraph.prepare_for_query = phases.wrap("union", KnowledgeGraph.prepare_for_query)  # the union made
    write_format = build_module._write_format

    def timed_write(result, fmt, *rest, **kw):  # each format's writer is its own phase (N-Quads may be spliced)
        return phases.wrap(f"write {fmt}", write_format)(result, fmt, *rest, **kw)

    build_module._write_format = timed_write
    page_cache = importlib.import_module("osce_kg.page_cache")
    page_cache.PageCache.put = phases.wrap("page cache", page_cache.PageCache.put)
    page_cache.PageCache.get = phases.wrap("page cache", page_cache.PageCache.get)
    dataset = importlib.import_module("osce_kg.dataset")
    dataset.render_dataset_ttl = phases.wrap("dataset.ttl", dataset.render_dataset_ttl)
    reset_peak()
    started = time.perf_counter()
    result = build_module.build(build_module.BuildOptions(paths=[pages], out_dir=out, jobs=jobs, store=store))
    wall = time.perf_counter() - started
    phases.overall = max(phases.overall, peak_mb())
    Path(figures).write_text(json.dumps({
        "engine_background_cpu": engine_background_cpu(),
        "wall": wall, "cpu": time.process_time(), "seconds": phases.seconds, "peak": phases.peak,
        "workers_cpu": (lambda r: r.ru_utime + r.ru_stime)(resource.getrusage(resource.RUSAGE_CHILDREN)),
        "peak_overall": phases.overall, "workers_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "quads": len(result.graph) if hasattr(result.graph, "__len__") else None,
        "errors": len(result.errors), "conforms": result.conforms,
    }))


def engine_background_cpu() -> float | None:
    """CPU seconds of RocksDB's background threads (flushes, compactions: named rocksdb:*) in this process so far;
    None where /proc does not tell (not Linux)."""
    tasks, total = Path("/proc/self/task"), 0.0
    if not tasks.is_dir():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    for task in tasks.iterdir():
        try:
            if (task / "comm").read_text().startswith("rocksdb"):
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return total


# -- the floor, in a child process ---------------------------------------------------------------------------


STORE_STEP = "on-disk store"  # a floor step the floor leaves out: timed, and reported both ways


def child_floor(nquads: str, out: str, figures: str) -> None:
    import shutil

    import pyoxigraph as ox
    import shacl

    from osce_kg.validate import _closure_update, _shape_paths, _shapes_ntriples

    phases = Phases()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shapes = shacl.Shapes.from_text(_shapes_ntriples(_shape_paths(None)).decode(), format="ntriples")
    store = ox.Store()
    reset_peak()
    started = time.perf_counter()
    phases.wrap("load", lambda: store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS))()
    phases.wrap("write nquads", lambda: store.dump(output=str(folder / "floor.nq"), format=ox.RdfFormat.N_QUADS))()
    phases.wrap("write jsonld", lambda: store.dump(output=str(folder / "floor.jsonld"),
                                                   format=ox.RdfFormat.JSON_LD))()
    phases.wrap("union", lambda: store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"))()
    phases.wrap("write turtle", lambda: store.dump(output=str(folder / "floor.ttl"), format=ox.RdfFormat.TURTLE,
                                                   from_graph=ox.DefaultGraph()))()

    def write_store():  # what build/store holds (the named graphs and their union), by the engine alone
        from osce_kg.store import _bulk_load_chunks

        dump, disk_folder = folder / "floor-store.nq", folder / "floor-store"
        shutil.rmtree(disk_folder, ignore_errors=True)
        store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        disk = ox.Store(str(disk_folder))
        # the engine's fastest road found here, as the build's copy takes it: bulk loads of 16 MB, two at once (at
        # 1.5M quads 4.4 s and 8.2 CPU s, where one bulk load of the file took 7.9 s and 11.8 CPU s)
        if _bulk_load_chunks(dump, disk) is None:  # a blank node: one bulk load keeps every label
            disk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        disk.flush()
        dump.unlink()

    phases.wrap(STORE_STEP, write_store)()
    phases.wrap("closure", lambda: store.update(_closure_update()))()

    def validate():
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return shapes.validate_text(data.decode(), format="ntriples", allow_warnings=True)

    phases.wrap("validate", validate)()
    wall = time.perf_counter() - started
    Path(figures).write_text(json.dumps({"wall": wall, "cpu": time.process_time(), "seconds": phases.seconds,
                                         "peak": phases.peak, "peak_overall": max(phases.overall, peak_mb()),
                                         "quads": len(store)}))


# -- the parent ----------------------------------------------------------------------------------------------


def run_child(*args: str) -> dict:
    import os

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        figures = fh.name
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000"}  # a fixed build time: outputs comparable byte for byte
    # what the run before wrote (a gigabyte at 1M: files, RocksDB, the folder deleted) is written back before this
    # one starts, not by the kernel during it: each run, build or floor, pays for its own writes only
    os.sync()
    subprocess.run([sys.executable, __file__, "--child", *args, figures], check=True, env=env)
    return json.loads(Path(figures).read_text())


# RocksDB's folders (the store, and the store before its description the next rebuild starts from), and the
# manifest naming RocksDB's files: RocksDB's bytes vary from run to run
NOT_OUTPUT = {"store", "store.manifest.json"}


def same_files(a: Path, b: Path) -> list[str]:
    """The output files (not the RocksDB store) that differ or exist on one side only."""
    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for p in root.rglob("*")
                if p.is_file() and not NOT_OUTPUT & set(p.relative_to(root).parts)}

    names = sorted(files(a) | files(b))
    return [str(n) for n in names if not ((a / n).is_file() and (b / n).is_file()
                                          and filecmp.cmp(a / n, b / n, shallow=False))]


def compile_package() -> list[str]:
    """Byte-compile osce_kg's code folders, as `pip install .` leaves an installed package (pip compiles what it
    installs; Python writes bytecode on a module's first import). Where bytecode is not written (an editable
    checkout with PYTHONDONTWRITEBYTECODE set, as on CI machines, or a read-only one), every build process would
    compile each osce_kg module it imports from source, inside the timed build: a rebuild's worker imports the
    mappers (0.05 s of its 0.8 s). The folders compiled; the code's digest (page_cache.mapper_version) leaves
    bytecode out, so the page cache and the fast road are unaffected."""
    import compileall

    from osce_kg.page_cache import code_folders

    folders = code_folders()
    for folder in folders:
        compileall.compile_dir(str(folder), quiet=1)
    return [folder.name for folder in folders]


def fresh(out: Path) -> Path:
    """An output folder with no previous build and no page cache: the folder (a link into its versions, beside
    it: out -> .out.versions/<id>, osce_kg/outputs.py), its versions and the cache beside it (.out.cache) go."""
    import shutil

    if out.is_symlink():
        out.unlink()
    shutil.rmtree(out, ignore_errors=True)
    for beside in (f".{out.name}.versions", f".{out.name}.cache"):
        shutil.rmtree(out.with_name(beside), ignore_errors=True)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def measure(count: int, work: Path, jobs: int, repeat: int = 1) -> None:
    from bench.generate import generate

    pages = work / f"pages-{count}"
    written = generate(count, pages)
    out, out_one = work / f"out-{count}", work / f"out-{count}-j1"
    # Build and floor in turns, `repeat` times: a load that comes and goes touches both alike, and the medians
    # (and the minima, also printed) are compared, not one run of each.
    builds, floors, bare = [], [], []
    for _ in range(repeat):
        builds.append(run_child("build", str(pages), str(fresh(out)), str(jobs)))
        floors.append(run_child("floor", str(out / "osce.nq"), str(work / f"floor-{count}")))
        # the build doing what the floor does: no on-disk store (`osce-kg build --no-store`)
        bare.append(run_child("build-no-store", str(pages), str(fresh(work / f"out-{count}-no-store")), str(jobs)))
    one = run_child("build", str(pages), str(fresh(out_one)), "1")
    differ = same_files(out, out_one)
    # one page changed, built again into the same folder: the page cache has every other page
    changed = written[len(written) // 2]
    original = changed.read_text()
    rebuilds = []  # `repeat` in a row, each after one more change of the page (a new sentence each time)
    for n in range(repeat):
        changed.write_text(original + f"The OSCE works with its partners on security ({n + 1}).\n")
        rebuilds.append(run_child("build", str(pages), str(out), str(jobs)))
    changed.write_text(original)

    for build in builds:
        build["seconds"]["other"] = build["wall"] - sum(build["seconds"].values())
    build = builds[-1]
    quads = sum(1 for _ in (out / "osce.nq").open("rb"))
    runs = f"median of {repeat} runs each, in turns" if repeat > 1 else "one run each"
    print(f"\n{count:,} pages, {quads:,} quads in osce.nq ({build['errors']} page errors, conforms: "
          f"{build['conforms']}); wall seconds: {runs}; peak MB: the largest")
    print(f"  {'build phase':16} {'wall s':>8} {'peak MB':>8}   {'floor step':14} {'wall s':>8} {'peak MB':>8}")
    left = [*dict.fromkeys(name for b in builds for name in b["seconds"] if name != "other"), "other"]
    right = list(dict.fromkeys(name for f in floors for name in f["seconds"]))

    def cell(runs: list[dict], name: str, width: int) -> str:
        seconds = median([r["seconds"].get(name, 0.0) for r in runs])
        peak = max(r["peak"].get(name, 0) for r in runs)
        return f"{name:{width}} {seconds:8.1f} {peak:8.0f}"

    for n in range(max(len(left), len(right))):
        line = "  " + (cell(builds, left[n], 16) + "   " if n < len(left) else " " * 37)
        if n < len(right):
            line += cell(floors, right[n], 14)
        print(line.rstrip())
    walls = [b["wall"] for b in builds]
    # the floor as the issue defines it has no store step; beside it, the floor that also writes build/store
    floor_walls = [f["wall"] - f["seconds"].get(STORE_STEP, 0.0) for f in floors]
    store_walls = [f["wall"] for f in floors]
    print(f"  {'build (-j ' + str(jobs) + ')':16} {median(walls):8.1f} {max(b['peak_overall'] for b in builds):8.0f}   "
          f"{'floor':14} {median(floor_walls):8.1f} {max(f['peak_overall'] for f in floors):8.0f}")
    if repeat > 1:
        print("  every run, wall s: build " + ", ".join(f"{w:.1f}" for w in walls) + "; floor "
              + ", ".join(f"{w:.1f}" for w in floor_walls))
    print(f"  CPU s (medians): build {median([b['cpu'] for b in builds]):.1f} in its process + "
          f"{median([b.get('workers_cpu', 0.0) for b in builds]):.1f} in its map workers; "
          f"floor {median([f['cpu'] for f in floors]):.1f}")
    print(f"  map workers: largest peak RSS {build['workers_peak']:.0f} MB; the build process: "
          f"{build['peak_overall'] * 1024 * 1024 / max(quads, 1):,.0f} bytes per quad at its peak")
    print(f"  build --jobs 1: {one['wall']:.1f} s wall, peak {one['peak_overall']:.0f} MB")
    print(f"  ratio build / floor: {median(walls) / median(floor_walls):.2f}x (medians)"
          + (f"; {min(walls) / min(floor_walls):.2f}x (minima)" if repeat > 1 else "")
          + f" (floor without its '{STORE_STEP}' step, as the issue defines it)")
    print(f"  ratio build / (floor + {STORE_STEP}): {median(walls) / median(store_walls):.2f}x (medians)"
          + (f"; {min(walls) / min(store_walls):.2f}x (minima)" if repeat > 1 else "")
          + f" (floor {median(store_walls):.1f} s: the same outputs as the build, build/store included)")
    mapping_cpu = median([b.get("workers_cpu", 0.0) for b in builds])
    print(f"  no floor step maps pages: the map workers' {mapping_cpu:.1f} CPU s are at least "
          f"{mapping_cpu / jobs:.1f} s of wall on {jobs} cores, {mapping_cpu / jobs / median(floor_walls):.2f}x "
          "the floor by themselves")
    # the floor's engine work and the mapping, every core busy from start to end: what a build doing the floor's
    # way would take at best (the build does less than the floor's engines: no in-memory store, the union from text)
    cores = os.cpu_count() or 1
    bound = (median([f["cpu"] for f in floors]) + mapping_cpu) / cores
    build_cpu = median([b["cpu"] + b.get("workers_cpu", 0.0) for b in builds]) / cores
    print(f"  on {cores} cores all busy: the floor's engine work (with the store) plus the mapping {bound:.1f} s of "
          f"wall, {bound / median(floor_walls):.2f}x the floor; the build's own CPU {build_cpu:.1f} s, "
          f"{build_cpu / median(floor_walls):.2f}x (2x allows {2 * median(floor_walls):.1f} s)")
    bare_walls = [b["wall"] for b in bare]
    bare_differ = same_files(out_one, work / f"out-{count}-no-store")  # (out has the rebuild's change by now)
    print(f"  build --no-store (no on-disk store, as the floor): {median(bare_walls):.1f} s wall, "
          f"{median([b['cpu'] for b in bare]):.1f} CPU s + {median([b['workers_cpu'] for b in bare]):.1f} in its "
          f"map workers; ratio {median(bare_walls) / median(floor_walls):.2f}x the floor (medians)"
          + (f", {min(bare_walls) / min(floor_walls):.2f}x (minima)" if repeat > 1 else "")
          + ("; every file equal to the default build's" if not bare_differ else f"; DIFFERENT: {bare_differ}"))
    rebuild_walls = [r["wall"] for r in rebuilds]
    engine = [r.get("engine_background_cpu") for r in rebuilds]
    print(f"  rebuild after one page changed ({len(rebuilds)} in a row, each after another change of it): "
          f"{', '.join(f'{w:.2f}' for w in rebuild_walls)} s wall; median {median(rebuild_walls):.2f} s = "
          f"{median(rebuild_walls) / median(walls):.1%} of the full build's median (the first: "
          f"{rebuild_walls[0] / median(walls):.1%})")
    if all(e is not None for e in engine):
        print(f"    of their CPU, RocksDB's background flushes and compactions: {', '.join(f'{e:.2f}' for e in engine)}"
              f" s (merging the level-0 files the rebuilds' flushes add; a build settles the store it bulk-loads)")
    print(f"  --jobs {jobs} output equals --jobs 1 output: "
          + ("yes (byte-identical files)" if not differ else f"NO: {', '.join(differ)} differ"))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, *args = sys.argv[2:]
        if kind in ("build", "build-no-store"):
            pages, out, jobs, figures = args
            child_build(pages, out, int(jobs), figures, store=kind == "build")
        else:
            child_floor(*args)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 1500, 5020])
    parser.add_argument("--jobs", type=int, default=None, help="workers for the build (default: one per core)")
    parser.add_argument("--work", type=Path, help="folder for pages and outputs (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="build and floor runs per size, in turns; medians compared (default 3)")
    args = parser.parse_args()
    from osce_kg.executor import default_jobs

    jobs = args.jobs or default_jobs()
    compiled = compile_package()
    print(f"osce-kg build (--jobs {jobs}) against the raw engines on its own output; "
          f"{default_jobs()} cores, Python {sys.version.split()[0]}; bytecode compiled as an install leaves it "
          f"({', '.join(compiled)})")
    if args.work:
        for count in args.pages:
            measure(count, args.work, jobs, max(1, args.repeat))
        return
    with tempfile.TemporaryDirectory() as work:
        for count in args.pages:
            measure(count, Path(work), jobs, max(1, args.repeat))


if __name__ == "__main__":
    main()
