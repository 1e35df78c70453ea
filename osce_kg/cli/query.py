"""`osce-kg query NAME|FILE.rq|-`: run a named query (or any SPARQL query) on the last build, RDF files or an endpoint.

Every query form (SELECT, ASK, CONSTRUCT, DESCRIBE); results in the SPARQL 1.1 formats (json, xml, csv,
tsv), graphs in turtle, ntriples, nquads or jsonld, and a table for people. Updates are refused (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    from osce_kg.sparql import FORMATS

    p = sub.add_parser(
        "query",
        help="run a SPARQL query (named, from a file, or given)",
        description="Run a query from the library (osce-kg query --list), a .rq file ('-' reads one from "
        "stdin) or --sparql text on the last build (build/store, written by osce-kg build), on RDF files "
        "(--data) or on a SPARQL endpoint (--endpoint). Updates are refused. Exit 0 ok, 1 failed, 2 usage.",
    )
    p.add_argument("name", nargs="?", help="named query, path to a .rq file, or - for a .rq on stdin")
    p.add_argument("--sparql", help="SPARQL query text to run instead of a named query ('-': read it from stdin)")
    p.add_argument("--list", action="store_true", help="list the named queries with descriptions and parameters")
    p.add_argument("--docs", action="store_true",
                   help="write docs/queries.md: the headers with each query's result on the data")
    p.add_argument("--data", action="append", help="RDF file to query, repeatable (default: the last build)")
    p.add_argument("--store", help="on-disk store folder to query (default: build/store)")
    p.add_argument("--endpoint", help="SPARQL endpoint URL to query instead of local data")
    p.add_argument("--timeout", type=float, default=30.0, help="endpoint timeout in seconds (default 30)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="query parameter")
    p.add_argument("--format", choices=FORMATS, help="result format (default: table; turtle for graphs)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE ('-': stdout)")
    p.add_argument("--allow-federation", action="store_true",
                   help="let a local query use SERVICE (calls other servers)")
    p.set_defaults(run=run)


def _error(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def list_queries(fmt: str | None) -> str:
    from osce_kg.query_library import library

    queries = library()
    if fmt == "json":
        return json.dumps([q.describe() for q in queries.values()], ensure_ascii=False, indent=1) + "\n"
    lines = []
    for name, q in queries.items():
        lines.append(f"{name}: {q.title}")
        lines.append(f"    {q.description}")
        for p in q.params.values():
            lines.append(f"    --param {p.name}=<{p.type}> (default {p.default}) {p.description}".rstrip())
    return "\n".join(lines) + "\n"


def load_query(args: argparse.Namespace):
    from osce_kg.query_library import NamedQuery, parse_query, resolve

    if args.sparql is not None:
        text = sys.stdin.read() if args.sparql == "-" else args.sparql
        return NamedQuery("query", text)
    if args.name == "-":
        return parse_query("stdin", sys.stdin.read())
    if not args.name:
        raise KeyError("give a query name, a .rq file, '-' or --sparql (osce-kg query --list shows the names)")
    if args.name.endswith(".rq") and not Path(args.name).is_file():
        raise KeyError(f"{args.name}: no such file")
    return resolve(args.name)


def run(args: argparse.Namespace) -> int:
    from osce_kg.query_library import execute
    from osce_kg.sparql import QueryError

    if args.list:
        return write(list_queries(args.format), args.output)
    if args.docs:
        from osce_kg.cli.data import DataError, open_data
        from osce_kg.query_docs import render

        try:
            return write(render(open_data(args.data, args.store)), args.output)
        except DataError as exc:
            return _error(str(exc))
    try:
        query = load_query(args)
        params = parse_params(args.param)
        query.terms(params)  # type-check the values before opening anything
    except (KeyError, ValueError) as exc:
        return _error(exc.args[0] if exc.args else str(exc))
    if not args.timeout > 0 or args.timeout == float("inf"):
        return _error("--timeout must be a positive number of seconds")
    try:
        if args.endpoint:
            result = execute(query, params, endpoint=args.endpoint, timeout=args.timeout)
        else:
            from osce_kg.cli.data import DataError, open_data

            try:
                kg = open_data(args.data, args.store)
            except DataError as exc:
                return _error(str(exc))
            result = execute(query, params, kg=kg, allow_federation=args.allow_federation)
        text = result.serialize(args.format)
    except QueryError as exc:
        return _error(str(exc), EXIT_USAGE if exc.usage else EXIT_FAILED)
    return write(text, args.output)


def write(text: str, output: str | None) -> int:
    if output and output != "-":
        from osce_kg.export import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            return _error(f"{output}: cannot write: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
    return EXIT_OK
