"""The build benchmarks run end to end on a few pages (bench/build.py, bench/incremental.py): they wrap the build's
internals to time them, so a change of those internals shows here, not in the next long run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _run(*args: str) -> str:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000"}
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_bench_build_on_a_few_pages(tmp_path):
    out = _run(str(BENCH / "build.py"), "--pages", "12", "--repeat", "2", "--work", str(tmp_path))
    assert "rebuild after one page changed (2 in a row" in out and "RocksDB's background flushes" in out
    assert "output equals --jobs 1 output: yes (byte-identical files)" in out
    assert "every file equal to the default build's" in out
    assert "bytecode compiled as an install leaves it (osce_kg, mappings" in out  # nothing compiled inside a build


def test_bench_incremental_on_a_few_pages(tmp_path):
    out = _run(str(BENCH / "incremental.py"), "--pages", "12", "--check", "--work", str(tmp_path))
    assert "rebuild: fast road" in out and "spliced outputs: turtle, nquads, jsonld" in out
    assert "I/O floor of a rebuild" in out and "mapped; RocksDB " in out
    assert "rebuild outputs byte-identical to a clean build: yes" in out
    assert "bytecode compiled as an install leaves it (osce_kg, mappings" in out
