"""`osce-kg diff OLD NEW`: what changed between two builds or two RDF files (text, JSON or a SPARQL patch)."""

from __future__ import annotations

import argparse
import sys

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "diff",
        help="added and removed quads between two builds or RDF files",
        description="Compare two build folders (their osce.nq) or two RDF files: added and removed quads per "
        "named graph and per entity, as text, JSON, or a SPARQL 1.1 Update patch that turns OLD into NEW.",
    )
    p.add_argument("old", metavar="OLD", help="build folder or RDF file")
    p.add_argument("new", metavar="NEW", help="build folder or RDF file")
    p.add_argument("--format", choices=["text", "json", "sparql"], default="text")
    p.add_argument("--input-format", metavar="FORMAT", help="format of RDF files whose extension cannot tell")
    p.add_argument("-o", "--output", help="output file ('-' or absent: stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from osce_kg.diff import Diff, DiffError, load_quads
    from osce_kg.export.base import rdf_format, write_atomic

    try:
        fmt = rdf_format(args.input_format) if args.input_format else None
        old, new = load_quads(args.old, fmt), load_quads(args.new, fmt)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if "no such file" in str(exc) or "extension" in str(exc) else EXIT_FAILED
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    diff = Diff.between(old, new)
    try:
        if args.format == "json":
            text = diff.to_json()
        elif args.format == "sparql":
            text = diff.to_sparql()
        else:
            text = diff.to_text(args.old, args.new)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.output and args.output != "-":
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
