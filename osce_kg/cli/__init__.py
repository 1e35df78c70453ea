"""The `osce-kg` command line: one module per command group, each adding its subparser."""

from __future__ import annotations

import argparse
import importlib
import sys

from osce_kg import __version__

COMMANDS = ("build", "validate", "query", "export", "enrich", "diff", "serve", "publish")

# Exit codes, the same for every command.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="osce-kg",
        description="Build, validate, query and export a knowledge graph of the OSCE from osce.org pages.",
    )
    top.add_argument("--version", action="version", version=f"osce-kg {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"osce_kg.cli.{name}").add_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "run", None):
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
