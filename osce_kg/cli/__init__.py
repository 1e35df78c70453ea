"""The `osce-kg` command line: one module per command group, each adding its subparser."""

from __future__ import annotations

import argparse
import importlib
import sys

from osce_kg import __version__

COMMANDS = ("build", "validate", "query", "export", "enrich", "diff", "serve", "publish")

# Exit codes, the same for every command.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A one-line error for the user; `main` prints it and exits with `code` (no traceback)."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def write_output(path: str, text: str) -> None:
    """Write -o FILE atomically; a folder that is missing, read-only or a file is a one-line failure."""
    from osce_kg.export import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror or exc}", EXIT_FAILED) from None


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
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:  # a full disk, a folder removed under us: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
