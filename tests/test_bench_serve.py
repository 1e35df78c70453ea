"""bench/serve.py runs end to end on a small build: both servers answer every named query, no errors."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bench_serve_smoke(bundled_build, monkeypatch, capsys):
    if not shutil.which("oxigraph"):
        pytest.skip("oxigraph binary not installed (pip install -e '.[test]')")
    # a smoke, not a benchmark: a quarter second of load and one server process (test_serve runs --workers 2).
    # The script's main() runs in this process (the servers it starts are processes of their own either way):
    # a fresh interpreter would spend a second importing what this one has.
    spec = importlib.util.spec_from_file_location("bench_serve", ROOT / "bench" / "serve.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts bench/ and the repo first
    spec.loader.exec_module(bench)
    monkeypatch.setattr(sys, "argv", ["serve.py", "--build", str(bundled_build.out_dir), "--clients", "3",
                                      "--seconds", "0.25", "--workers", "1"])
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    bench.main()
    out = capsys.readouterr().out
    lines = {line.split()[0] + " " + line.split()[1]: line.split() for line in out.splitlines()
             if line.startswith(("osce-kg serve ", "oxigraph serve ")) and line.split()[2].isdigit()}
    assert set(lines) == {"osce-kg serve", "oxigraph serve"}
    for cells in lines.values():
        assert int(cells[2]) > 0 and cells[-1] == "0"  # requests answered, no errors
    assert "throughput =" in out
