"""The exporter registry and base: one table of formats (name, aliases, file name, media type), sorted,
deterministic output written atomically (temp file, then rename).

Every export format, RDF or not (CSV tables, framed JSON-LD), is one `ExportFormat` row here and one
module with an `EXPORTER` class; the build and the CLI only look formats up (`exporter_for`, `resolve_format`).
"""

from __future__ import annotations

import functools
import importlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from osce_kg.vocab import PREFIXES


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str
    file_name: str  # the file's name in a build folder ("" for formats the build does not write)
    media_type: str
    aliases: tuple[str, ...] = ()
    options: frozenset[str] = frozenset({"graph"})  # the export options this format honours
    rdf: bool = True  # the output parses back as RDF (the round-trip test covers it)


FORMATS = (
    ExportFormat("turtle", "osce_kg.export.turtle", "osce.ttl", "text/turtle", ("ttl",)),
    ExportFormat("ntriples", "osce_kg.export.nquads", "osce.nt", "application/n-triples", ("nt",)),
    ExportFormat("nquads", "osce_kg.export.nquads", "osce.nq", "application/n-quads", ("nq",)),
    ExportFormat("trig", "osce_kg.export.trig", "osce.trig", "application/trig", ()),
    ExportFormat("jsonld", "osce_kg.export.jsonld", "osce.jsonld", "application/ld+json", ("json-ld",),
                 frozenset({"graph", "frame", "split"})),
    ExportFormat("framed", "osce_kg.export.framed", "", 'application/ld+json;profile="http://www.w3.org/ns/json-ld#framed"',
                 ("jsonld-framed", "framed-jsonld"), frozenset({"frame", "split"}), rdf=False),
    ExportFormat("csv", "osce_kg.export.csv", "", "text/csv", (),
                 frozenset({"query", "params", "cls", "all_classes", "lang"}), rdf=False),
)
EXPORTERS = {f.name: f for f in FORMATS}
_NAMES = {n.lower(): f.name for f in FORMATS for n in (f.name, f.media_type, *f.aliases)}


def resolve_format(name: str) -> ExportFormat:
    """The format for a name, an alias or a media type (case and media-type parameters ignored)."""
    key = name.strip().lower()
    found = _NAMES.get(key) or _NAMES.get(key.split(";")[0].strip())
    if found is None:
        choices = ", ".join(sorted({n for f in FORMATS for n in (f.name, *f.aliases)}))
        raise ValueError(f"unknown format {name!r}; choose from {choices} or a media type")
    return EXPORTERS[found]


def rdf_format(name: str) -> ox.RdfFormat:
    """The parser format for a name, alias, media type or file extension (for `--input-format`)."""
    try:
        fmt = resolve_format(name)
        if fmt.rdf:
            return ox.RdfFormat.from_media_type(fmt.media_type)
    except ValueError:
        pass
    key = name.strip().lower()
    found = ox.RdfFormat.from_media_type(key) or ox.RdfFormat.from_extension(key.lstrip("."))
    if found is None:
        raise ValueError(f"unknown RDF input format {name!r}; choose from turtle, ntriples, nquads, trig, jsonld, "
                         "rdfxml or a media type")
    return found


def rdf_extension(path: Path) -> ox.RdfFormat | None:
    """The parser format a file's extension names, if any."""
    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None


def build_formats() -> dict[str, str]:
    """Format name -> file name, for the formats a build can write."""
    return {f.name: f.file_name for f in FORMATS if f.file_name}


@dataclass
class ExportOptions:
    """What the caller asked for beyond the format; each format honours only its `options`."""

    graph: str | None = None  # one named graph
    query: str | None = None  # a named query (CSV)
    params: dict[str, str] = field(default_factory=dict)
    frame: str | None = None  # a bundled frame name or a .jsonld frame file
    split: bool = False  # one document per entity
    cls: str | None = None  # one class table (CSV)
    all_classes: bool = False  # every class table (CSV)
    lang: str | None = None  # label language (CSV)

    def given(self) -> set[str]:
        return {k for k, v in vars(self).items() if v not in (None, False, {}, "")}


class UsageError(ValueError):
    """The options asked for cannot be honoured (exit code 2 at the CLI)."""


class Exporter:
    """Serialises quads to text. Subclasses implement `render`; output must not depend on input order.

    `export` is what the CLI calls: it returns the text, or {relative file name: text} for a multi-file
    export (CSV of every class, framed documents split per entity)."""

    def __init__(self, fmt: ExportFormat | None = None):
        self.format = fmt or EXPORTERS[self.default_name]

    default_name = ""

    @property
    def name(self) -> str:
        return self.format.name

    @property
    def extension(self) -> str:
        return self.format.file_name.rpartition(".")[2] if self.format.file_name else self.format.name

    def render(self, quads: Iterable[ox.Quad]) -> str:
        raise NotImplementedError

    def check(self, options: ExportOptions) -> None:
        """Refuse options this format would ignore, and combinations that contradict each other."""
        ignored = options.given() - set(self.format.options)
        if ignored:
            names = ", ".join("--" + n.replace("_", "-").replace("cls", "class").replace("params", "param")
                              for n in sorted(ignored))
            raise UsageError(f"{names} cannot be used with --format {self.name}")

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        self.check(options)
        return self.render(kg.quads(options.graph))

    def companions(self, kg, options: ExportOptions, output: str) -> dict[str, str]:
        """Files that go beside an export saved as `output` (e.g. a CSV table's CSVW metadata)."""
        return {}

    def write(self, quads: Iterable[ox.Quad], path: str | Path) -> Path:
        return write_atomic(path, self.render(quads))


def exporter_for(name: str) -> Exporter:
    """The exporter of a format name, alias or media type."""
    fmt = resolve_format(name)
    return importlib.import_module(fmt.module).EXPORTER(fmt)


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


def sorted_lines(quads: Iterable[ox.Quad], graphs: bool = True) -> list[bytes]:
    """The statements as sorted, distinct N-Quads lines (N-Triples lines, graphs dropped, if not `graphs`).

    pyoxigraph writes the lines (Rust); Python only sorts them, as bytes (input order is often nearly
    sorted already, which the sort exploits). Sorted lines keep each subject's statements together (lines
    sharing a prefix are contiguous), so a streaming serialiser fed with them writes one block per
    subject, in a fixed order: the same quads always give the same bytes."""
    if graphs:
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    else:
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    # split on b"\n" only: literals hold U+0085 or U+2028 unescaped, which str.splitlines() would cut at
    lines = data.split(b"\n")
    lines.sort()
    return [line for line in dict.fromkeys(lines) if line]


def joined(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def by_graph(quads: Iterable[ox.Quad]) -> list[tuple[object, list[ox.Quad]]]:
    """Quads grouped by graph name, graphs in sorted order (the default graph first)."""
    graphs: dict = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(q)
    return [(g, graphs[g]) for g in sorted(graphs, key=str)]


def compact(iri: str, prefixes: dict[str, str] | None = None) -> str | None:
    """prefix:local for an IRI in a known namespace when the local part is a safe name, else None."""
    if prefixes is None or prefixes is PREFIXES:
        return _compact(iri, _ALL)
    return _compact(iri, tuple(prefixes.items()))


@functools.lru_cache(maxsize=1 << 17)  # the same IRIs come back thousands of times in one export
def _compact(iri: str, prefixes: tuple[tuple[str, str], ...]) -> str | None:
    for prefix, ns in prefixes:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and _safe_local(local):
                return f"{prefix}:{local}"
    return None


_ALL = tuple(PREFIXES.items())
_LOCAL_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_LOCAL_CHARS = _LOCAL_START | frozenset("0123456789-")


def _safe_local(local: str) -> bool:
    """ASCII letters, digits, '_' and '-', starting with a letter or '_': a valid local name in Turtle, TriG
    and JSON-LD alike (non-ASCII letters such as 'µ' or '²' are not all valid PN_CHARS)."""
    return local[0] in _LOCAL_START and all(c in _LOCAL_CHARS for c in local)
