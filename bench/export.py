"""Export times against pyoxigraph's own serialisers of the same data, and framed exports per class.

Builds N synthetic pages with the real pipeline (bench/generate.py + osce_kg.build), or reads --data
files (e.g. a corpus build's osce.nq), then, in one run, times each RDF writer writing its file from the
store against pyoxigraph writing the same statements in the same format:
- `store.dump` (the reference): pyoxigraph dumps the same statements from a store to a file, for Turtle
  and N-Triples the union graph our writers read too, for the dataset formats a store holding the named
  graphs only;
- `serialize(list)`: `pyoxigraph.serialize` of a ready Python list of the quads (or distinct triples),
  the list's making not counted (it costs more than the serialisation).
As in a build, the union graph is materialised first (the validation and the dataset description query
it), for both sides and not timed. Each RDF export runs --repeat times (default 3), taking turns with the
two pyoxigraph serialisations, and the least CPU time of each is shown: on a busy machine a round can be
slowed for one side only. The Turtle rounds also time pyoxigraph's N-Triples dump of the union alone, the
part every union writer shares before it sorts and formats (osce_kg/_native.c). It says whether the
writers ran on their C core or in Python (no C compiler at install). Then the
framed JSON-LD and CSV export of every class against the plain JSON-LD export, and with --check each fast
framed export compared with pyld framing the whole graph (slow: quadratic).

    python bench/export.py                           # 300 pages
    python bench/export.py --pages 5000              # about 1M quads
    python bench/export.py --data /tmp/b/build/osce.nq --check
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from osce_kg.build import BuildOptions, build  # noqa: E402
from osce_kg.export import base  # noqa: E402
from osce_kg.export.base import FORMATS, Statements, exporter_for  # noqa: E402
from osce_kg.export.framed import GraphIndex, framed_document, framed_whole, frames, load_frame  # noqa: E402
from osce_kg.export.tables import class_table  # noqa: E402
from osce_kg.store import KnowledgeGraph  # noqa: E402
from osce_kg.vocab import PREFIXES  # noqa: E402


def timed(fn) -> tuple[float, object]:
    """CPU seconds of this process: steadier than wall time on a shared machine (both sides single-threaded)."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def best(fns, repeat: int) -> list[float]:
    """The least CPU seconds of each function over `repeat` rounds, the functions taking turns: a busy
    machine slows one round, and both sides of a ratio see the same rounds."""
    seconds = [[] for _ in fns]
    for _ in range(repeat):
        for times, fn in zip(seconds, fns, strict=True):
            times.append(timed(fn)[0])
    return [min(times) for times in seconds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--data", action="append", help="RDF files to export instead of synthetic pages")
    parser.add_argument("--check", action="store_true", help="compare each framed export with whole-graph framing")
    parser.add_argument("--no-framed", action="store_true", help="time the RDF writers only")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per RDF export; the least time is shown")
    args = parser.parse_args()
    result = None
    if args.data:
        kg = KnowledgeGraph.from_files(args.data)
        source = ", ".join(args.data)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            pages = generate(args.pages, Path(tmp) / "pages")
            result = build(BuildOptions(paths=[str(p) for p in pages], out_dir=None, validate=False))
            kg = result.graph
        source = f"{args.pages} synthetic pages"
    quads = list(kg.quads())
    triples = list({q.triple for q in quads})
    named = ox.Store()  # the dataset's graphs without the derived union, for pyoxigraph's dataset dumps
    named.bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    kg.prepare_for_query()
    print(f"{source}: {len(quads):,} quads, {len(triples):,} distinct triples")
    if result is not None:
        seconds, _ = timed(result.summary)
        print(f"build summary (entities per class): {seconds:.2f} s")
    core = "C core (osce_kg/_native.c)" if base._native is not None else "Python (the C core is not built)"
    print(f"\nRDF exports, CPU seconds, the least of {args.repeat} rounds; the writers on their {core}")
    print(f"{'export':10} {'osce-kg':>9} {'store.dump':>11} {'ratio':>6} {'serialize(list)':>16} {'ratio':>6}")
    plain_jsonld = floor = None
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in (f for f in FORMATS if f.rdf):
            exporter = exporter_for(fmt.name)
            ox_fmt = ox.RdfFormat.from_media_type(fmt.media_type)
            prefixes = PREFIXES if ox_fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            ours = partial(exporter.write_graph, kg, Path(tmp) / "ours")
            if ox_fmt.supports_datasets:
                dump = partial(named.dump, Path(tmp) / "theirs", format=ox_fmt, prefixes=prefixes)
                data = quads
            else:
                dump = partial(kg.store.dump, Path(tmp) / "theirs", format=ox_fmt, from_graph=ox.DefaultGraph(),
                               prefixes=prefixes)
                data = triples
            listed = partial(ox.serialize, data, Path(tmp) / "list", format=ox_fmt, prefixes=prefixes)
            fns = [ours, dump, listed]
            if fmt.name == "turtle":  # in the same rounds: the union's N-Triples the writer starts from
                fns.append(lambda: Statements.of_graph(kg).union_text())
                ours, dumped, listed, union_dump = best(fns, args.repeat)
                floor = (union_dump, dumped)
            else:
                ours, dumped, listed = best(fns, args.repeat)
            if fmt.name == "jsonld":
                plain_jsonld = ours
            print(f"{fmt.name:10} {ours:8.2f}s {dumped:10.2f}s {ours / dumped:5.2f}x {listed:15.2f}s "
                  f"{ours / listed:5.2f}x", flush=True)
    if floor is not None:
        union_dump, dumped = floor
        print(f"\nof which pyoxigraph's N-Triples dump of the union (what the Turtle, N-Triples and RDF/XML "
              f"writers sort and format): {union_dump:.2f}s, {union_dump / dumped:.2f}x pyoxigraph's Turtle dump")
    if args.no_framed:
        return
    print(f"\nframed and CSV exports per class, each as `osce-kg export` makes it (a fresh index of the store: "
          f"nodes read when the frame reaches them); ratio against the plain JSON-LD export, {plain_jsonld:.2f} s")
    check = "  same as whole-graph pyld" if args.check else ""
    print(f"{'class':16} {'entities':>8} {'framed':>8} {'ratio':>6} {'csv':>8} {'ratio':>6}{check}")
    for name in frames():
        frame = load_frame(name)
        seconds, doc = timed(lambda frame=frame: framed_document(GraphIndex.of(kg), frame))
        csv_seconds, _ = timed(lambda name=name: class_table(kg, name, "en", GraphIndex.of(kg)))
        line = (f"{name:16} {len(doc['@graph']):8,} {seconds:7.2f}s {seconds / plain_jsonld:5.2f}x "
                f"{csv_seconds:7.2f}s {csv_seconds / plain_jsonld:5.2f}x")
        if args.check:
            index = GraphIndex.of(kg)
            whole_seconds, whole = timed(lambda frame=frame, index=index: framed_whole(index, frame))
            line += f"  {'yes' if whole == doc else 'NO'} (whole graph: {whole_seconds:.1f} s)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
