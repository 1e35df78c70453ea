"""`osce-kg validate [DATA...]`: SHACL-validate RDF files, or the last build in ./build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="validate RDF against the SHACL shapes",
        description="Validate RDF files (default: build/osce.nq) against the osce-kg shapes. Exit 0 when "
        "the data conforms, 1 when it does not, 2 on a usage or input error.",
    )
    p.add_argument("data", nargs="*", help="RDF files (.nq .trig .ttl .nt .jsonld); default: build/osce.nq")
    p.add_argument("--shapes", action="append", help="shapes file, repeatable (default: the bundled profile)")
    p.add_argument("--fail-on", choices=["violation", "warning", "info"], default="violation",
                   help="lowest severity that makes validation fail (default: violation)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from osce_kg.store import KnowledgeGraph
    from osce_kg.validate import validate_graph

    paths = [Path(p) for p in args.data] or [Path("build/osce.nq")]
    for path in paths + [Path(s) for s in args.shapes or []]:
        if not path.is_file():
            hint = " (run 'osce-kg build' first)" if path == Path("build/osce.nq") else ""
            print(f"error: {path}: no such file{hint}", file=sys.stderr)
            return EXIT_USAGE
    try:
        kg = KnowledgeGraph.from_files(paths)
    except (SyntaxError, ValueError, OSError) as exc:
        print(f"error: cannot read data: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = validate_graph(kg, shapes=args.shapes, fail_on=args.fail_on.capitalize())
    sys.stdout.write(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED
