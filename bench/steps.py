"""Where one build's wall time goes, step by step: named functions of osce_kg timed while the build runs, printed
in the order they started (seconds from the build's start), with a function called many times (reading the
sources, hashing files) shown once with its first start, last end and total. No profiler: each step is timed
as it runs, so the figures are the build's own (cProfile doubled some of them).

Used by bench/incremental.py --steps; the names are the build's internals, so a step that is no longer there
is listed as missing rather than failing the run.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

# (module, function or Class.method, what it is), as a rebuild's fast road calls them
STEPS = (
    ("osce_kg.registry", "load_registry", "the registry (when this process loads it)"),
    ("osce_kg.build", "walk_sources", "listing the sources"),
    ("osce_kg.build", "read_source", "reading and hashing the sources"),
    ("osce_kg.rebuild", "FastRoad._manifest", "the previous store manifest"),
    ("osce_kg.rebuild", "FastRoad._old_reports", "the previous report.json"),
    ("osce_kg.reference", "registry_quads", "the registry graphs"),
    ("osce_kg.build", "_build_quads", "the build graph"),
    ("osce_kg.rebuild", "FastRoad._checkpoint", "checkpoint of the previous store, and the patch"),
    ("osce_kg.rebuild", "_aside", "  the previous description set aside"),
    ("osce_kg.rebuild", "patch", "  the patch"),
    ("osce_kg.rebuild", "_counted", "  the VoID figures from the change"),
    ("osce_kg.rebuild", "FastRoad._validate", "validation"),
    ("osce_kg.build", "write_outputs", "writing the output set"),
    ("osce_kg.dataset", "DatasetDescription.quads", "  the dataset description made"),
    ("osce_kg.store", "KnowledgeGraph.add_quads_keeping_union", "  the description into the store"),
    ("osce_kg.store", "KnowledgeGraph.replace_graph_lines", "  the description replacing the previous one"),
    ("osce_kg.build", "_write_format", "  one RDF file"),
    ("osce_kg.json_text", "report_text", "  report.json"),
    ("osce_kg.dataset", "FileChecksums.of", "  waiting for a file's checksum"),
    ("osce_kg.dataset", "render_dataset_ttl", "  dataset.ttl"),
    ("osce_kg.incremental", "save_store", "  the store manifest"),
    ("osce_kg.outputs", "OutputSet.commit", "the commit (fsync, the swap)"),
)
MANY = {"read_source", "FileChecksums.of"}  # called once per source or file: summed


def timed_steps(run: Callable[[], object]) -> tuple[object, list[tuple[float, float, float, str]], list[str]]:
    """run() with every step timed: (its result, [(start, end, seconds, label)] in order of start, missing
    step names). Times are seconds from run()'s start."""
    events: list[tuple[float, float, str]] = []
    undo, missing = [], []
    for module_name, name, label in STEPS:
        module = importlib.import_module(module_name)
        owner, attr = (getattr(module, name.split(".")[0], None), name.split(".")[1]) if "." in name \
            else (module, name)
        original = getattr(owner, attr, None) if owner is not None else None
        if original is None:
            missing.append(f"{module_name}.{name}")
            continue

        def timed(*args, _original=original, _label=label, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                events.append((started - begin, time.perf_counter() - begin, _label))

        setattr(owner, attr, timed)
        undo.append((owner, attr, original))
    try:
        begin = time.perf_counter()
        result = run()
    finally:
        for owner, attr, original in reversed(undo):
            setattr(owner, attr, original)
    rows: dict[str, list[float]] = {}
    order: list[tuple[float, float, float, str]] = []
    many = {label for _, name, label in STEPS if name in MANY}
    for start, end, label in events:
        if label in many:
            row = rows.setdefault(label, [start, end, 0.0])
            row[1], row[2] = max(row[1], end), row[2] + end - start
        else:
            order.append((start, end, end - start, label))
    order += [(start, end, total, f"{label} (sum)") for label, (start, end, total) in rows.items()]
    return result, sorted(order), missing


def print_steps(rows: list[tuple[float, float, float, str]], total: float, missing: list[str]) -> None:
    print(f"where the rebuild's {total:.2f} s went (seconds from its start; indented steps are inside the one above):")
    print(f"{'from':>7} {'to':>7} {'s':>7}  step")
    for start, end, seconds, label in rows:
        print(f"{start:7.2f} {end:7.2f} {seconds:7.3f}  {label}")
    if missing:
        print("steps not found (renamed?): " + ", ".join(missing))
