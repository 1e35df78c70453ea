"""Where `query`, `validate` and `export` read their data: --data files, a --store folder, or the last build.

Without --data, the last build's on-disk store (build/store/, written by `osce-kg build`) is opened
read-only, so nothing is parsed again; builds made before the store existed fall back to build/osce.nq.
"""

from __future__ import annotations

from pathlib import Path

from osce_kg.store import KnowledgeGraph

BUILD_STORE = Path("build/store")
BUILD_NQUADS = Path("build/osce.nq")


class DataError(Exception):
    """Data that cannot be read: the message names the file or folder (a usage error, exit 2)."""


def open_data(data: list[str] | None = None, store: str | None = None, format=None) -> KnowledgeGraph:
    """The data to read; `format` (a pyoxigraph RdfFormat) for --data files whose extension cannot tell."""
    if data:
        kg = KnowledgeGraph()
        for name in data:
            path = Path(name)
            if not path.is_file():
                raise DataError(f"{path}: no such file")
            try:
                kg.load_file(path, format=format)
            except (SyntaxError, ValueError, OSError) as exc:
                raise DataError(f"{path}: cannot read RDF: {exc}") from None
        return kg
    folder = Path(store) if store else BUILD_STORE
    if folder.is_dir():
        try:
            return KnowledgeGraph.open(folder)
        except OSError as exc:
            raise DataError(str(exc)) from None
    if store:
        raise DataError(f"{folder}: no such store folder")
    if BUILD_NQUADS.is_file():
        return KnowledgeGraph.from_files([BUILD_NQUADS])
    raise DataError(f"{BUILD_STORE}: no build found (run 'osce-kg build' first, or pass --data FILE)")
