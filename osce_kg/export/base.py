"""The exporter base: sorted, deterministic output written atomically (temp file, then rename)."""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from osce_kg.vocab import PREFIXES

# format name -> (module, file extension)
EXPORTERS = {
    "turtle": ("osce_kg.export.turtle", "ttl"),
    "nquads": ("osce_kg.export.nquads", "nq"),
    "ntriples": ("osce_kg.export.nquads", "nt"),
    "trig": ("osce_kg.export.trig", "trig"),
    "jsonld": ("osce_kg.export.jsonld", "jsonld"),
    "csv": ("osce_kg.export.csv", "csv"),
}


class Exporter:
    """Serialises quads to text. Subclasses implement `render`; output must not depend on input order."""

    name = ""
    extension = ""

    def render(self, quads: Iterable[ox.Quad]) -> str:
        raise NotImplementedError

    def write(self, quads: Iterable[ox.Quad], path: str | Path) -> Path:
        return write_atomic(path, self.render(quads))


def exporter_for(name: str) -> Exporter:
    if name not in EXPORTERS:
        raise ValueError(f"unknown export format {name!r}; choose from {', '.join(EXPORTERS)}")
    module, _ = EXPORTERS[name]
    cls = importlib.import_module(module).EXPORTER
    return cls(name) if name in ("ntriples", "nquads") else cls()


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode (0644 under 022)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def by_graph(quads: Iterable[ox.Quad]) -> list[tuple[object, list[ox.Quad]]]:
    """Quads grouped by graph name, graphs in sorted order (the default graph first)."""
    graphs: dict = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(q)
    return [(g, graphs[g]) for g in sorted(graphs, key=str)]


def compact(iri: str) -> str | None:
    """prefix:local for an IRI in a known namespace when the local part is a safe name, else None."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and _safe_local(local):
                return f"{prefix}:{local}"
    return None


def _safe_local(local: str) -> bool:
    if not (local[0].isalpha() or local[0] == "_"):
        return False
    return all(c.isalnum() or c in "_-" for c in local) and not local.endswith(".")
