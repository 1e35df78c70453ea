"""A measured dead end, kept so it can be run again: the Turtle writer's split, sort and formatting done by
columnar engines (pyarrow.compute, polars for the sort) instead of Python, against pyoxigraph's own Turtle dump
of the union and the writer in use (osce_kg/export/turtle.py), in the same rounds.

Needs pyarrow and polars, which are NOT dependencies of osce-kg (`pip install pyarrow polars`). The output is
byte-identical to the writer in use (checked every run). The road: pyoxigraph's N-Triples dump of the union
(zero-copy into Arrow) -> split at newlines (Arrow) -> sort as bytes (polars: Arrow's own sort is 2-3x slower)
-> split each line at its first two spaces (Arrow) -> same-subject and same-predicate runs from shifted
comparisons -> predicates, subjects and objects compacted once per distinct value (dictionary encoding; about
one object in ten is distinct), the typed literal's datatype after its last '<' -> each statement's text by
element-wise joins -> the joined array's value buffer written as it is. Figures in docs/exports.md
(Performance): at 1M about 0.85-0.9x the CPU of the writer in use, far from 2x pyoxigraph, 3.6x its memory.

    python bench/turtle_columnar.py --pages 1500
    POLARS_MAX_THREADS=1 python bench/turtle_columnar.py --pages 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import io
import re
import struct
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.export.base import _MARK, Statements, exporter_for  # noqa: E402
from osce_kg.export.turtle import TermNames, prefix_lines  # noqa: E402
from osce_kg.vocab import PREFIXES  # noqa: E402

LB = pa.large_binary()
EMPTY = pa.scalar(b"", LB)
MARK = _MARK.rstrip(b"\n")
NS_START = "^<(?:" + "|".join(re.escape(ns) for ns in PREFIXES.values()) + ")"


def sorted_lines(data: bytes) -> pa.Array:
    """The union's N-Triples as a sorted Arrow array of lines (no newline), the store's mark left out."""
    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    whole = pa.Array.from_buffers(LB, 1, [None, offsets, pa.py_buffer(data)])  # no copy of the text
    lines = pc.list_flatten(pc.split_pattern(whole, b"\n"))
    if data.endswith(b"\n"):
        lines = lines[:-1]
    lines = pl.from_arrow(lines)
    return lines.filter(lines != pl.Series([MARK])).sort().to_arrow()


def by_distinct(values: pa.Array, make) -> pa.Array:
    """`make` applied once per distinct value of a binary array (Python work per distinct value only)."""
    encoded = pc.dictionary_encode(values)
    return pa.array([make(v) for v in encoded.dictionary.to_pylist()], LB).take(encoded.indices)


def statements(lines: pa.Array, names: TermNames) -> pa.Array:
    """Each statement's Turtle text, starting with what ends the statement before (as turtle.write_blocks)."""
    parts = pc.split_pattern(lines, b" ", max_splits=2)  # subjects and predicates hold no space
    subjects, predicates = pc.list_element(parts, 0), pc.list_element(parts, 1)
    objects = pc.binary_slice(pc.list_element(parts, 2), 0, -2)  # ' .' off
    first = pa.array([True])
    new_s = pa.concat_arrays([first, pc.not_equal(subjects[1:], subjects[:-1])])
    new_p = pc.or_(new_s, pa.concat_arrays([first, pc.not_equal(predicates[1:], predicates[:-1])]))
    # objects: an IRI, or a typed literal's datatype (after its last '<'), compacted once per distinct object
    found = pc.dictionary_encode(objects)
    distinct = found.dictionary
    iri_end = pc.ends_with(distinct, b">")
    head_tail = pc.split_pattern(distinct.filter(iri_end), b"<", max_splits=1, reverse=True)
    tails = by_distinct(pc.list_element(head_tail, 1), lambda v: names.term(b"<" + v))
    distinct = pc.replace_with_mask(distinct, iri_end,
                                    pc.binary_join_element_wise(pc.list_element(head_tail, 0), tails, EMPTY))
    objects = distinct.take(found.indices)
    # what goes before an object: ' ;\n\t' and the predicate, or ' , ', or a new subject with its predicate
    found = pc.dictionary_encode(predicates)
    preds = [names.predicate(p) for p in found.dictionary.to_pylist()]
    pieces = pa.array([b" ;\n\t" + p + b" " for p in preds] + [b" , "], LB)
    before = pieces.take(pc.if_else(new_p, found.indices, pa.scalar(len(preds), found.indices.type)))
    starts = pc.indices_nonzero(new_s)
    heads = subjects.take(starts)
    in_ns = pc.match_substring_regex(heads, NS_START)
    if pc.any(in_ns).as_py():
        named = pa.array([names.term(v) for v in heads.filter(in_ns).to_pylist()], LB)
        heads = pc.replace_with_mask(heads, in_ns, named)
    firsts = pa.array([b" " + p + b" " for p in preds], LB).take(found.indices.take(starts))
    opening = pc.binary_join_element_wise(pa.scalar(b" .\n", LB), heads, firsts, EMPTY)
    before = pc.replace_with_mask(before, new_s, opening)
    return pc.binary_join_element_wise(before, objects, EMPTY)


def write_turtle(data: bytes, out) -> None:
    out.write(prefix_lines())
    text = statements(sorted_lines(data), TermNames())
    if len(text):
        offsets, values = text.buffers()[1:]
        (start,) = struct.unpack_from("<q", offsets, text.offset * 8)
        (end,) = struct.unpack_from("<q", offsets, (text.offset + len(text)) * 8)
        out.write(memoryview(values)[start + 3:end])  # the first statement ends none: no ' .\n' before it
        out.write(b" .\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = generate(args.pages, Path(tmp) / "pages")
        kg = build(BuildOptions(paths=[str(p) for p in pages], out_dir=None, validate=False)).graph
    kg.prepare_for_query()
    union = kg.union_graph()
    exporter = exporter_for("turtle")
    ours = io.BytesIO()
    write_turtle(kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=union), ours)
    same = ours.getvalue() == exporter.export(kg).encode()
    print(f"{args.pages} pages; columnar output byte-identical to the writer in use: {'yes' if same else 'NO'}")

    def nt():
        return kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=union)

    sides = {
        "pyoxigraph Turtle dump": lambda: kg.store.dump(format=ox.RdfFormat.TURTLE, from_graph=union,
                                                        prefixes=PREFIXES),
        "pyoxigraph N-Triples dump": nt,
        "columnar Turtle": lambda: write_turtle(nt(), io.BytesIO()),
        "writer in use": lambda: exporter.dump(Statements.of_graph(kg), io.BytesIO()),
    }
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(args.repeat):  # the sides take turns: a busy machine slows one round, not one side
        for name, fn in sides.items():
            cpu, wall = time.process_time(), time.perf_counter()
            fn()
            seconds[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    reference = min(c for c, _ in seconds["pyoxigraph Turtle dump"])
    print(f"least of {args.repeat} rounds (CPU seconds of every thread; wall)")
    for name, times in seconds.items():
        cpu = min(c for c, _ in times)
        print(f"{name:26} {cpu:6.3f} s cpu {min(w for _, w in times):6.3f} s wall {cpu / reference:5.2f}x")


if __name__ == "__main__":
    main()
