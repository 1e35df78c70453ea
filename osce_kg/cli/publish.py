"""`osce-kg publish`: load the last build's named graphs into a SPARQL 1.1 server."""

from __future__ import annotations

import argparse
import sys

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "publish",
        help="load the build's named graphs into a SPARQL 1.1 server",
        description="Load every named graph of the build (build/store) into a SPARQL server: one PUT per graph "
        "with the Graph Store Protocol (--graph-store) or SPARQL Update in chunks (--update, default: the "
        "endpoint). Publishing twice leaves the same data. The triples of each graph are then counted on "
        "--endpoint. Exit 0 ok, 1 failed (server refused, unreachable, counts differ), 2 usage.",
    )
    p.add_argument("--endpoint", required=True, help="the server's SPARQL query URL (used to verify)")
    p.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol URL (e.g. oxigraph's /store)")
    p.add_argument("--update", metavar="URL", help="SPARQL Update URL (default: --endpoint)")
    p.add_argument("--replace", action="store_true",
                   help="drop each graph before loading, and the server's osce-kg graphs the build lacks")
    p.add_argument("--store", help="on-disk store folder (default: build/store)")
    p.add_argument("--data", action="append", help="RDF file(s) to publish instead of the store")
    p.add_argument("--chunk", type=int, default=1000, help="triples per INSERT DATA request (default 1000)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default 60)")
    p.add_argument("--retries", type=int, default=3, help="retries per request on errors (default 3)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from osce_kg.cli.data import DataError, open_data
    from osce_kg.publish import Client, PublishError, publish

    if args.graph_store and args.update:
        print("error: give --graph-store or --update, not both", file=sys.stderr)
        return EXIT_USAGE
    if args.chunk < 1 or not args.timeout > 0 or args.retries < 0:
        print("error: --chunk and --timeout must be positive, --retries not negative", file=sys.stderr)
        return EXIT_USAGE
    try:
        kg = open_data(args.data, args.store)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = publish(kg, args.endpoint, graph_store=args.graph_store, update=args.update,
                          replace=args.replace, chunk=args.chunk,
                          client=Client(timeout=args.timeout, retries=args.retries))
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps({"method": summary.method, "graphs": summary.graphs, "triples": summary.triples,
                          "dropped": summary.dropped, "requests": summary.requests, "retries": summary.retries,
                          "mismatched": summary.mismatched}, indent=1))
    else:
        print(summary.text())
    return EXIT_FAILED if summary.mismatched else EXIT_OK
