"""`osce-kg validate [DATA...]`: SHACL-validate RDF files, or the last build in ./build.

Exit 0 when the data conforms at the --fail-on level, 1 when it does not, 2 on a usage or input error
(the message names the file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE

DEFAULT_DATA = Path("build/osce.nq")


def add_parser(sub) -> None:
    from osce_kg.validate import ENGINES
    from osce_kg.validate_formats import FORMATS

    p = sub.add_parser(
        "validate",
        help="validate RDF against the SHACL shapes",
        description="Validate RDF files (default: the last build, build/store) against the osce-kg "
        "application profile. "
        "Exit 0 when the data conforms, 1 when it does not, 2 on a usage or input error.",
    )
    p.add_argument("data", nargs="*", help="RDF files (.nq .trig .ttl .nt .jsonld .rdf); default: build/store")
    p.add_argument("--store", help="on-disk store folder to validate (default: build/store)")
    p.add_argument("--shapes", action="append", metavar="FILE",
                   help="shapes file (Turtle), repeatable (default: the bundled profile)")
    p.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("--fail-on", choices=["violation", "warning", "info"], default="violation",
                   help="lowest severity that makes validation fail (default: violation)")
    p.add_argument("--engine", choices=ENGINES, default="auto",
                   help="SHACL engine: pyshacl (reference), shacl (Rust, optional extra 'fast'), or auto "
                   "(the Rust engine for the bundled profile when a verified version is installed)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.set_defaults(run=run)


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from osce_kg.cli.data import BUILD_STORE, DataError, open_data
    from osce_kg.validate import ValidationError, validate_graph
    from osce_kg.validate_formats import render

    paths = [Path(p) for p in args.data] or [Path(args.store) if args.store else BUILD_STORE]
    for shapes in args.shapes or []:
        if not Path(shapes).is_file():
            return _error(f"{shapes}: no such shapes file")
    try:  # the last build's store (build/store), or the data files
        kg = open_data(args.data, args.store)
    except DataError as exc:
        return _error(str(exc))
    try:
        report = validate_graph(kg, shapes=args.shapes, fail_on=args.fail_on.capitalize(), engine=args.engine)
    except ValidationError as exc:
        return _error(str(exc))
    text = render(report, args.format, _file_finder(paths))
    if args.output:
        from osce_kg.cli import write_output

        write_output(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK if report.conforms else EXIT_FAILED


def _file_finder(paths: list[Path]):
    """The data file that states the focus node (for GitHub annotations); loaded per file only on demand."""
    if len(paths) == 1:
        return lambda result: str(paths[0])
    import pyoxigraph as ox

    from osce_kg.store import KnowledgeGraph
    from osce_kg.validate import _parse_term

    stores: dict[Path, KnowledgeGraph] = {}

    def holds(path: Path, focus, predicate, value) -> bool:
        if path not in stores:
            stores[path] = KnowledgeGraph.from_files([path])
        return next(iter(stores[path].store.quads_for_pattern(focus, predicate, value)), None) is not None

    def file_of(result) -> str:
        """The file holding the offending triple, else the first one stating the focus node."""
        if "://" not in result.focus and not result.focus.startswith("urn:"):
            return str(paths[0])
        focus = ox.NamedNode(result.focus)
        if result.path and result.value and not result.value.startswith("_:"):
            triple = (ox.NamedNode(result.path), _parse_term(result.value))
            for path in paths:
                if holds(path, focus, *triple):
                    return str(path)
        for path in paths:
            if holds(path, focus, None, None):
                return str(path)
        return str(paths[0])

    return file_of
