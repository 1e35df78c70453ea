"""bench/serve.py runs end to end on a small build: both servers answer every named query, no errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bench_serve_smoke(bundled_build):
    if not shutil.which("oxigraph"):
        pytest.skip("oxigraph binary not installed (pip install -e '.[test]')")
    # a smoke, not a benchmark: a quarter second of load and one server process (test_serve runs --workers 2)
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "serve.py"), "--build", str(bundled_build.out_dir),
                          "--clients", "3", "--seconds", "0.25", "--workers", "1"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    lines = {line.split()[0] + " " + line.split()[1]: line.split() for line in run.stdout.splitlines()
             if line.startswith(("osce-kg serve ", "oxigraph serve ")) and line.split()[2].isdigit()}
    assert set(lines) == {"osce-kg serve", "oxigraph serve"}
    for cells in lines.values():
        assert int(cells[2]) > 0 and cells[-1] == "0"  # requests answered, no errors
    assert "throughput =" in run.stdout
