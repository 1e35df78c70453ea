"""`osce-kg query NAME|FILE.rq`: run a named query (or any SPARQL) on the built graph or an endpoint."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a named SPARQL query",
        description="Run a query from the library (osce-kg query --list), a .rq file or --sparql text, on "
        "the last build (build/osce.nq), on RDF files (--data) or on a SPARQL endpoint (--endpoint).",
    )
    p.add_argument("name", nargs="?", help="named query or path to a .rq file")
    p.add_argument("--sparql", help="SPARQL text to run instead of a named query")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--data", action="append", help="RDF file to query, repeatable (default: build/osce.nq)")
    p.add_argument("--endpoint", help="SPARQL endpoint URL to query instead of local data")
    p.add_argument("--timeout", type=float, default=30.0, help="endpoint timeout in seconds (default 30)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="query parameter")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from osce_kg.cli import parse_params
    from osce_kg.query_library import NamedQuery, library, resolve

    if args.list:
        for name, q in library().items():
            params = f"  [{', '.join(f'{k}={v}' for k, v in q.params.items())}]" if q.params else ""
            print(f"{name:28} {q.title}{params}")
        return EXIT_OK
    try:
        query = NamedQuery("adhoc", args.sparql) if args.sparql else resolve(args.name or "")
        params = parse_params(args.param)
        sparql = query.bind(params)
    except (KeyError, ValueError) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return EXIT_USAGE
    kg = None if args.endpoint else _load_local(args.data)
    try:
        if args.endpoint:
            from osce_kg.endpoint import select_remote

            columns, rows = select_remote(args.endpoint, sparql, timeout=args.timeout)
        else:
            columns, rows = kg.table(sparql)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # SPARQL syntax errors, endpoint failures: say what and exit 1
        print(f"error: query failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(render(columns, rows, args.format))
    return EXIT_OK


def _load_local(data: list[str] | None):
    """The --data files (default: the last build) in a store; a bad file is a one-line usage error."""
    from osce_kg.cli import load_data

    return load_data([Path(p) for p in data or ["build/osce.nq"]])


def render(columns: list[str], rows: list[dict[str, str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
        return buf.getvalue()
    widths = {c: max([len(c)] + [len(row.get(c, "")) for row in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip()]
    lines.append("  ".join("-" * widths[c] for c in columns))
    for row in rows:
        lines.append("  ".join(row.get(c, "").ljust(widths[c]) for c in columns).rstrip())
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"
