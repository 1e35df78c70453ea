"""Export times against a plain pyoxigraph serialisation of the same quads, and framed exports per class.

Builds N synthetic pages with the real pipeline (bench/generate.py + osce_kg.build), or reads --data
files (e.g. a corpus build's osce.nq), then times each RDF exporter against `pyoxigraph.serialize` in the
same format, the framed JSON-LD and CSV export of every class against the plain JSON-LD export, and with
--check compares each fast framed export with pyld framing the whole graph (slow: quadratic).

    python bench/export.py                           # 300 pages
    python bench/export.py --pages 2000
    python bench/export.py --data /tmp/b/build/osce.nq --check
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.export.base import FORMATS, exporter_for  # noqa: E402
from osce_kg.export.framed import GraphIndex, framed_document, framed_whole, frames, load_frame  # noqa: E402
from osce_kg.export.tables import class_table  # noqa: E402
from osce_kg.store import KnowledgeGraph  # noqa: E402

DATASET = {"nquads", "trig", "jsonld"}


def timed(fn) -> tuple[float, object]:
    """CPU seconds of this process: steadier than wall time on a shared machine (both sides single-threaded)."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--data", action="append", help="RDF files to export instead of synthetic pages")
    parser.add_argument("--check", action="store_true", help="compare each framed export with whole-graph framing")
    args = parser.parse_args()
    if args.data:
        kg = KnowledgeGraph.from_files(args.data)
        source = ", ".join(args.data)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            pages = generate(args.pages, Path(tmp) / "pages")
            kg = build(BuildOptions(paths=[str(p) for p in pages], out_dir=None, validate=False)).graph
        source = f"{args.pages} synthetic pages"
    quads = list(kg.quads())
    triples = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    print(f"{source}: {len(quads):,} quads, {len(triples):,} distinct triples")
    print(f"\n{'export':12} {'osce-kg':>9} {'pyoxigraph':>11} {'ratio':>6}")
    plain_jsonld = None
    for fmt in (f for f in FORMATS if f.rdf):
        exporter = exporter_for(fmt.name)
        ours, _ = timed(lambda exporter=exporter: exporter.render(quads))
        ox_fmt = ox.RdfFormat.from_media_type(fmt.media_type)
        data = quads if fmt.name in DATASET else triples
        theirs, _ = timed(lambda data=data, ox_fmt=ox_fmt: ox.serialize(data, format=ox_fmt))
        if fmt.name == "jsonld":
            plain_jsonld = ours
        print(f"{fmt.name:12} {ours:8.2f}s {theirs:10.2f}s {ours / theirs:5.1f}x")
    indexed, index = timed(lambda: GraphIndex.of(kg))
    print(f"\nframed and CSV exports per class (index of {len(index.nodes):,} nodes built once: {indexed:.2f} s; "
          f"ratio against the plain JSON-LD export, {plain_jsonld:.2f} s)")
    check = "  same as whole-graph pyld" if args.check else ""
    print(f"{'class':16} {'entities':>8} {'framed':>8} {'ratio':>6} {'csv':>8}{check}")
    for name in frames():
        frame = load_frame(name)
        seconds, doc = timed(lambda frame=frame: framed_document(index, frame))
        csv_seconds, _ = timed(lambda name=name: class_table(kg, name, "en", index))
        line = f"{name:16} {len(doc['@graph']):8,} {seconds:7.2f}s {seconds / plain_jsonld:5.2f}x {csv_seconds:7.2f}s"
        if args.check:
            whole_seconds, whole = timed(lambda frame=frame: framed_whole(index, frame))
            line += f"  {'yes' if whole == doc else 'NO'} (whole graph: {whole_seconds:.1f} s)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
