"""bench/steps.py (bench/incremental.py --steps) times a rebuild step by step: every step it names is still a
function of the build, the rows follow the fast road in order, and the build's result is untouched."""

from __future__ import annotations

import sys
from pathlib import Path

from osce_kg.build import BuildOptions, build
from tests.conftest import copy_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from steps import STEPS, timed_steps  # noqa: E402


def test_a_rebuild_timed_step_by_step(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    pages = copy_pages(tmp_path / "pages", ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt"))
    options = BuildOptions(paths=[str(pages)], out_dir=str(tmp_path / "build"), formats=("nquads",))
    build(options)
    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    result, rows, missing = timed_steps(lambda: build(options))
    assert missing == [] and result.cache.fast and result.ok
    labels = [label for _, _, _, label in rows]
    road = ["the previous report.json", "checkpoint of the previous store, and the patch", "validation",
            "writing the output set", "the commit (fsync, the swap)"]
    assert [label for label in labels if label in road] == road  # in the order the fast road takes them
    assert "reading and hashing the sources (sum)" in labels
    assert all(0 <= start <= end and seconds >= 0 for start, end, seconds, _ in rows)
    import osce_kg.rebuild

    assert osce_kg.rebuild.FastRoad._checkpoint.__name__ == "_checkpoint"  # put back as it was
    assert len(STEPS) == len({(m, n) for m, n, _ in STEPS})
