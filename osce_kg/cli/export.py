"""`osce-kg export`: convert the built graph (or RDF files) to another format, a framed document or CSV.

The CLI only looks formats up in the exporter registry (osce_kg/export/base.py); each format says which
options it honours, and an option it would ignore is a usage error, as are options that contradict.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    from osce_kg.export.base import FORMATS

    names = ", ".join(f"{f.name} ({', '.join(f.aliases)})" if f.aliases else f.name for f in FORMATS)
    p = sub.add_parser(
        "export",
        help="export the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, framed JSON-LD or CSV",
        description="Export the last build (build/osce.nq) or --data files. Output is sorted and "
        "deterministic. Turtle, N-Triples and RDF/XML cannot name graphs: they write the union of the named "
        "graphs (N-Quads, TriG and JSON-LD keep them). CSV exports the rows of a named query (--query) or one "
        "table per class (--class, --all-classes) with a CSVW metadata file.",
    )
    p.add_argument("--format", "-f", required=True, metavar="FORMAT",
                   help=f"{names}, or a media type such as text/turtle")
    p.add_argument("--data", action="append", help="RDF file to read, repeatable (default: build/store)")
    p.add_argument("--store", help="on-disk store folder to read (default: build/store)")
    p.add_argument("--input-format", metavar="FORMAT",
                   help="format of the --data files when their extension cannot tell (name, alias or media type)")
    p.add_argument("--graph", help="export only this named graph (an absolute IRI)")
    p.add_argument("--query", help="with --format csv: the named query whose rows to export")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="with --query")
    p.add_argument("--frame", help="with --format jsonld: a bundled frame (see docs/exports.md) or a .jsonld frame "
                   "file; writes a framed document")
    p.add_argument("--split", action="store_true", help="with --frame: one document per entity, into -o DIR")
    p.add_argument("--class", dest="cls", metavar="CLASS", help="with --format csv: one row per entity of CLASS")
    p.add_argument("--all-classes", metavar="DIR", help="with --format csv: a table and CSVW file per class into DIR")
    p.add_argument("--lang", help="with --class/--all-classes: language of the labels (default en)")
    p.add_argument("-o", "--output", help="output file, '-' for stdout (default: stdout); a folder for multi-file "
                   "exports")
    p.set_defaults(run=run)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from osce_kg.cli import write_output  # -o that cannot be written: one line, exit 1
    from osce_kg.export.base import CannotWrite, ExportOptions, UsageError, exporter_for, rdf_extension, rdf_format

    try:
        exporter = exporter_for(args.format)
        input_format = rdf_format(args.input_format) if args.input_format else None
    except ValueError as exc:
        return _fail(str(exc))
    params = {}
    for item in args.param:
        name, eq, value = item.partition("=")
        if not eq or not name:
            return _fail(f"--param {item!r}: expected NAME=VALUE")
        params[name] = value
    options = ExportOptions(graph=args.graph, query=args.query, params=params, frame=args.frame, split=args.split,
                            cls=args.cls, all_classes=bool(args.all_classes), lang=args.lang)
    if args.graph and not urlsplit(args.graph).scheme:
        return _fail(f"--graph {args.graph!r} is not an absolute IRI (graphs are named like "
                     "https://w3id.org/osce-kg/graph/...)")
    if args.all_classes and args.output:
        return _fail("--all-classes DIR names the output folder; leave out -o")
    try:
        exporter.check(options)
    except UsageError as exc:
        return _fail(str(exc))

    from osce_kg.cli.data import DataError, open_data

    for path in map(Path, args.data or []):
        if path.is_file() and input_format is None and not rdf_extension(path):
            return _fail(f"{path}: unknown RDF file extension {path.suffix!r}; give --input-format")
    try:  # the last build's store (build/store), or --data files
        kg = open_data(args.data, args.store, format=input_format)
    except DataError as exc:
        return _fail(str(exc))
    if args.graph:
        try:
            known = args.graph in kg.graphs()
        except ValueError:
            known = False
        if not known:
            return _fail(f"--graph {args.graph}: no such named graph in the data ({len(kg.graphs())} graphs)")
    try:
        result = exporter.export(kg, options)
    except UsageError as exc:
        return _fail(str(exc))
    except CannotWrite as exc:
        return _fail(str(exc), EXIT_FAILED)
    if isinstance(result, dict):
        folder = args.all_classes or args.output
        if not folder or folder == "-":
            return _fail("this export writes several files: give -o DIR")
        for name, text in sorted(result.items()):
            write_output(str(Path(folder) / name), text)
        print(f"wrote {len(result)} files to {folder}", file=sys.stderr)
    elif args.output and args.output != "-":
        write_output(args.output, result)
        for path, text in exporter.companions(kg, options, args.output).items():
            write_output(str(path), text)
    else:
        sys.stdout.write(result)
    return EXIT_OK
