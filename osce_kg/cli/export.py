"""`osce-kg export`: convert the built graph (or RDF files) to another format, or a query to CSV."""

from __future__ import annotations

import argparse
import sys

from osce_kg.cli import EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    from osce_kg.export import EXPORTERS

    p = sub.add_parser(
        "export",
        help="export the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or CSV",
        description="Export the last build (its store, build/store) or --data files. Output is sorted and "
        "deterministic. CSV exports the rows of a named query (--query).",
    )
    p.add_argument("--format", "-f", required=True, choices=sorted(EXPORTERS))
    p.add_argument("--data", action="append", help="RDF file to read, repeatable (default: build/store)")
    p.add_argument("--store", help="on-disk store folder to read (default: build/store)")
    p.add_argument("--graph", help="export only this named graph")
    p.add_argument("--query", help="named query whose rows to export (with --format csv)")
    p.add_argument("--frame", help="with --format jsonld: a bundled frame (field-operations, chairpersonships) "
                   "or a .jsonld frame file; writes a framed document")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from osce_kg.cli import CliError, write_output
    from osce_kg.cli.data import DataError, open_data
    from osce_kg.export import exporter_for

    if args.graph:
        import pyoxigraph as ox

        try:
            ox.NamedNode(args.graph)
        except ValueError as exc:
            raise CliError(f"--graph {args.graph!r}: not an IRI ({exc})") from None
    try:  # the last build's store (build/store), or --data files
        kg = open_data(args.data, args.store)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "csv":
        if not args.query:
            print("error: --format csv needs --query NAME", file=sys.stderr)
            return EXIT_USAGE
        from osce_kg.cli.query import parse_params
        from osce_kg.query_library import execute, resolve
        from osce_kg.sparql import QueryError

        try:  # parameters are typed and bound as RDF terms (osce_kg.query_library)
            text = execute(resolve(args.query), parse_params(args.param), kg=kg).serialize("csv")
        except (KeyError, ValueError, QueryError) as exc:
            print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
            return EXIT_USAGE
    elif args.frame:
        if args.format != "jsonld":
            print("error: --frame goes with --format jsonld", file=sys.stderr)
            return EXIT_USAGE
        from osce_kg.export.framed import render_framed

        try:
            text = render_framed(kg, args.frame)
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
    else:
        text = exporter_for(args.format).render(kg.quads(args.graph))
    if args.output:
        write_output(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
