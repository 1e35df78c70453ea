"""A rebuild after one changed page against the full build, with the page cache (osce_kg/page_cache.py).

Writes N synthetic pages (bench/generate.py), builds them into a fresh output folder (the full build; the
cache starts empty), changes one page and builds again into the same folder (the rebuild: the other pages
come from the cache). Times are wall and CPU seconds of this process, side by side in one run; with
--check a third, clean build (--no-cache) of the changed pages goes to another folder and every output file
is compared with the rebuild's.

    python bench/incremental.py                 # 5,000 pages
    python bench/incremental.py --pages 500 --check
    python bench/incremental.py --pages 5020 --rebuilds 3 --check   # three rebuilds, each of the one before
    python bench/incremental.py --pages 5020 --steps                # and where one more rebuild's time goes
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import compile_package, engine_background_cpu, fresh  # noqa: E402
from generate import generate  # noqa: E402
from steps import print_steps, timed_steps  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402

OUTPUTS = ("osce.ttl", "osce.nq", "osce.jsonld", "report.json", "validation.txt", "dataset.ttl")


def timed_build(options: BuildOptions) -> tuple[float, float, object, str]:
    """(wall s, CPU s, the result, the CPU RocksDB's background threads spent in it, as printed)."""
    wall, cpu, engine = time.perf_counter(), time.process_time(), engine_background_cpu()
    result = build(options)
    wall, cpu, after = time.perf_counter() - wall, time.process_time() - cpu, engine_background_cpu()
    return wall, cpu, result, f"RocksDB {after - engine:.2f} CPU s" if after is not None else ""


def io_floor(folder: Path, names: tuple[str, ...], scratch: Path, repeat: int = 3) -> tuple[float, int]:
    """What a rebuild cannot avoid on this machine, whatever the code: every output file names the build (its id
    is a digest of the inputs), so every file is new bytes, checksummed (dataset.ttl) and flushed before the
    swap. The files in `folder` copied in the kernel (copy_file_range: no trip through Python), each read back
    through SHA-256 and fsynced, the files at once in threads as a rebuild writes them; (median seconds of
    `repeat` runs, bytes)."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from osce_kg.dataset import size_and_sha256
    from osce_kg.output_reuse import copy_range

    def one(name: str) -> None:  # with the build's own copy and checksum
        source, target = folder / name, scratch / name
        with open(source, "rb") as old, open(target, "wb") as new:
            copy_range(old, new, 0, os.fstat(old.fileno()).st_size)
        size_and_sha256(target)
        with open(target, "rb") as new:
            os.fsync(new.fileno())

    times = []
    for _ in range(repeat):
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            list(pool.map(one, names))
        times.append(time.perf_counter() - started)
    shutil.rmtree(scratch, ignore_errors=True)
    return sorted(times)[len(times) // 2], sum((folder / n).stat().st_size for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--check", action="store_true", help="also build clean and compare every output file")
    parser.add_argument("--work", type=Path, help="folder for pages and builds (default: a temporary one)")
    parser.add_argument("--profile", type=int, metavar="N", help="also print the rebuild's N costliest calls")
    parser.add_argument("--steps", action="store_true",
                        help="also time one more rebuild step by step, without a profiler (bench/steps.py)")
    parser.add_argument("--rebuilds", type=int, default=1, metavar="N",
                        help="rebuild N times, another page changed each time (the machine's load moves: the median "
                             "is printed too)")
    args = parser.parse_args()
    compiled = compile_package()  # as an install leaves it: no module compiled from source inside a timed build
    if args.check:  # a clean build made later compares equal only with one build time for all
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1764000000")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        pages = generate(args.pages, work / "pages")
        # a fresh output folder, also in a --work folder used before: a previous build there would make the
        # "full" build patch its store (and leave no checkpoint for the first rebuild to start from)
        out = fresh(work / "out" / "build")
        fresh(work / "out" / "clean")

        def options(**kw) -> BuildOptions:
            return BuildOptions(paths=[str(work / "pages")], out_dir=str(out), **kw)

        full_wall, full_cpu, full, full_engine = timed_build(options())
        quads = len(full.graph)
        changed = pages[len(pages) // 2]
        changed.write_text(changed.read_text() + "The OSCE works with its partners on security.\n")
        re_wall, re_cpu, rebuilt, re_engine = timed_build(options())
        more = []
        for n in range(1, args.rebuilds):  # each after the one before: a rebuild of a rebuild
            page = pages[(len(pages) // 2 + 97 * n) % len(pages)]
            page.write_text(page.read_text() + f"The OSCE works with its partners on security ({n}).\n")
            more.append(timed_build(options()))
        print(f"{args.pages:,} pages, {quads:,} quads; one page changed ({changed.name}); bytecode compiled as an "
              f"install leaves it ({', '.join(compiled)})")
        print(f"{'':22} {'wall s':>8} {'cpu s':>8}  page cache")
        print(f"{'full build':22} {full_wall:8.2f} {full_cpu:8.2f}  {full.cache.hits} reused, "
              f"{full.cache.misses} mapped; {full_engine}")
        print(f"{'rebuild (1 changed)':22} {re_wall:8.2f} {re_cpu:8.2f}  {rebuilt.cache.hits} reused, "
              f"{rebuilt.cache.misses} mapped; {re_engine}")
        print(f"{'rebuild / full':22} {re_wall / full_wall:8.1%} {re_cpu / full_cpu:8.1%}")
        if more:
            walls = sorted([re_wall, *(w for w, _, _, _ in more)])
            for n, (wall, cpu, result, engine) in enumerate(more, 2):
                print(f"{f'rebuild {n}':22} {wall:8.2f} {cpu:8.2f}  {result.cache.hits} reused, "
                      f"{result.cache.misses} mapped; {engine}; {result.cache.validation}")
            print(f"{'median rebuild / full':22} {walls[len(walls) // 2] / full_wall:8.1%}")
        floor, size = io_floor(out, (*OUTPUTS, "store.manifest.json"), work / "out" / "floor")
        print(f"{'I/O floor of a rebuild':22} {floor:8.2f} {'':8}  {size / 1e6:,.0f} MB copied, hashed and fsynced "
              f"(every file names the build): {floor / full_wall:.1%} of the full build")
        stats = rebuilt.cache
        road = "fast road (the previous store patched, its description " \
            + ("by the difference)" if stats.description_patched else "dropped and joined whole)") \
            if stats.fast else f"full road ({stats.not_fast})"
        print(f"rebuild: {road}; validation {stats.validation}; store "
              f"{'patched' if stats.store_reused else 'written whole'}; "
              f"spliced outputs: {', '.join(stats.spliced) or 'none'}")
        if args.steps:  # one more rebuild (another page changed), each step timed as it runs
            other = pages[len(pages) // 4]
            other.write_text(other.read_text() + "The OSCE works with its partners on security (steps).\n")
            wall = time.perf_counter()
            _, rows, missing = timed_steps(lambda: build(options()))
            print_steps(rows, time.perf_counter() - wall, missing)
        if args.profile:  # a second rebuild (another page changed), profiled: where the time goes
            import cProfile
            import pstats

            other = pages[len(pages) // 3]
            other.write_text(other.read_text() + "The OSCE works with its partners on security.\n")
            profiler = cProfile.Profile()
            profiler.runcall(build, options())
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
        if args.check:
            clean = work / "out" / "clean"
            build(BuildOptions(paths=[str(work / "pages")], out_dir=str(clean), page_cache=False))
            differ = [n for n in OUTPUTS if (out / n).read_bytes() != (clean / n).read_bytes()]
            print("rebuild outputs byte-identical to a clean build: " + ("yes" if not differ else f"NO: {differ}"))
            if differ:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
