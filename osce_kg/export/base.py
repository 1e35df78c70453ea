"""The exporter registry and base: one table of formats (name, aliases, file name, media type), sorted,
deterministic output written atomically (temp file, then rename).

Every export format, RDF or not (CSV tables, framed JSON-LD), is one `ExportFormat` row here and one
module with an `EXPORTER` class; the build and the CLI only look formats up (`exporter_for`, `resolve_format`).
"""

from __future__ import annotations

import bisect
import functools
import importlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from osce_kg.store import STORE_MARK
from osce_kg.vocab import PREFIXES

try:  # the writers' hot loop in C (osce_kg/_native.c), built by `pip install` where a C compiler is found
    from osce_kg import _native
except ImportError:  # the same bytes from Python, about three times slower
    _native = None


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
    ExportFormat("rdfxml", "osce_kg.export.rdfxml", "osce.rdf", "application/rdf+xml", ("xml", "rdf")),
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


class CannotWrite(ValueError):
    """The data holds something the format has no way to write (exit code 1 at the CLI)."""


class Exporter:
    """Serialises statements. RDF formats implement `dump`; output must not depend on input order.

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

    def dump(self, statements: Statements, out: BinaryIO) -> None:
        """Write the statements to a binary file, streaming (RDF formats)."""
        raise NotImplementedError

    def render(self, quads: Iterable[ox.Quad]) -> str:
        """The text of some Python quads (small data: tests, query results, the dataset description)."""
        out = io.BytesIO()
        self.dump(Statements.of_quads(quads), out)
        return out.getvalue().decode("utf-8")

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
        out = io.BytesIO()
        self.dump(Statements.of_graph(kg, options.graph), out)
        return out.getvalue().decode("utf-8")

    def companions(self, kg, options: ExportOptions, output: str) -> dict[str, str]:
        """Files that go beside an export saved as `output` (e.g. a CSV table's CSVW metadata)."""
        return {}

    def write(self, quads: Iterable[ox.Quad], path: str | Path) -> Path:
        return write_chunks(path, lambda out: self.dump(Statements.of_quads(quads), out))

    def write_union_text(self, text: bytes, path: str | Path) -> Path:
        """Write the union's N-Triples at hand (repeats allowed; a saved store's mark left out): what a build gives
        the formats that read the union alone (Turtle, N-Triples), having dumped it once for its readers."""
        return write_chunks(path, lambda out: self.dump(Statements.of_union_text(text, False), out))

    def write_graph(self, kg, path: str | Path, shared: SharedDumps | None = None,
                    written: list | None = None) -> Path:
        """Write a KnowledgeGraph's statements straight from its store (what a build does); `shared`: the graphs'
        dumps shared with the build's other writers; `written`: gets each graph's block (`Statements.written`)."""
        statements = Statements.of_graph(kg, shared=shared)
        statements.written = written
        return write_chunks(path, lambda out: self.dump(statements, out))


def exporter_for(name: str) -> Exporter:
    """The exporter of a format name, alias or media type."""
    fmt = resolve_format(name)
    return importlib.import_module(fmt.module).EXPORTER(fmt)


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return write_chunks(path, lambda out: out.write(data))


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def graph_order(graphs: Iterable[Graph]) -> list[Graph]:
    """The graphs in the canonical order: the default graph first (once), then the named graphs by their N-Quads
    term, except the two that name the build (the build graph and the dataset description's), which change with
    every build: those last. Two builds' files then share every byte before the first page graph that changed
    (a rebuild copies that prefix and resumes the file's checksum there: osce_kg/output_reuse.py)."""
    from osce_kg import iri

    last = {f"<{iri.build_graph()}>".encode(), f"<{iri.dataset_graph()}>".encode()}
    graphs = list(graphs)
    default = [g for g in graphs if isinstance(g, ox.DefaultGraph)]
    named = sorted((str(g).encode() for g in graphs if not isinstance(g, ox.DefaultGraph)),
                   key=lambda term: (term in last, term))
    by_term = {str(g).encode(): g for g in graphs if not isinstance(g, ox.DefaultGraph)}
    return default[:1] + [by_term[term] for term in dict.fromkeys(named)]
_MARK = ox.serialize([STORE_MARK.triple], format=ox.RdfFormat.N_TRIPLES)


class Statements:
    """What a writer reads: the statements of some graphs, as sorted N-Triples lines.

    No Python object is made per statement of a store: pyoxigraph dumps each graph as N-Triples (Rust)
    and Python only splits and sorts the bytes. The canonical order, which every writer keeps, is: graphs
    as `graph_order` gives them, and in a graph the lines sorted as UTF-8 bytes, so a
    subject's statements are contiguous, its predicates in order, then its objects. The same statements
    always give the same lines, whatever order they were inserted in (the store's own order depends on
    that).

    Each line keeps its newline, so writers join lines without adding one: N-Triples escapes every control
    character of a literal (pyoxigraph writes `\\n`, `\\r`, `\\u0000`...), so b"\\n" ends a line and
    nothing else, and it is smaller than any byte of a line: the lines sort as they would without it."""

    def __init__(self, graphs: Iterable[Graph], dump: Callable[[Graph], bytes], union: Graph | None = None,
                 distinct: bool = False, dump_buffer: Callable[[Graph], bytes | memoryview] | None = None):
        """`dump` writes one graph as N-Triples (`distinct`: never a line twice); `union`: a graph `dump`
        knows that already holds the union of `graphs` (read instead of them); `dump_buffer`: the same into
        any bytes-like object (what `union_text` reads, when given)."""
        self._dump = dump
        self._dump_buffer = dump_buffer or dump
        self._union_text: tuple[bytes, bool, bytes | None] | None = None  # of_union_text's
        # when a list: the writers that lay a file out graph by graph (N-Quads, JSON-LD) add each graph's block to
        # it, (graph term as in N-Quads, its first byte in the file, its size), for an index of the file made
        # without reading it back (osce_kg/output_reuse.py)
        self.written: list[tuple[bytes | None, int, int]] | None = None
        self.distinct = distinct
        self.union = union
        self.graphs = graph_order(graphs)

    @classmethod
    def of_quads(cls, quads: Iterable[ox.Quad]) -> Statements:
        """The statements of Python quads (small data: tests, query results, the dataset description).

        Not through a store: pyoxigraph's store keeps typed literals in a canonical form ("007"^^xsd:integer
        comes back as "7", xsd:nonNegativeInteger as xsd:integer), and these quads are written as given."""
        graphs: dict[Graph, list[ox.Triple]] = {}
        for q in quads:
            graphs.setdefault(q.graph_name, []).append(q.triple)
        return cls(graphs, lambda g: ox.serialize(graphs[g], format=ox.RdfFormat.N_TRIPLES))

    @classmethod
    def of_store(cls, store: ox.Store, graphs: Iterable[Graph], union: Graph | None = None,
                 shared: SharedDumps | None = None) -> Statements:
        """`shared`: each graph's dump shared with the other writers of one build."""
        def dump_buffer(graph: Graph) -> memoryview:
            # into a BytesIO, read in place: at 1M, 0.1 s less than the bytes pyoxigraph returns (0.5 s)
            out = io.BytesIO()
            store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            return out.getbuffer()

        def dump(graph: Graph) -> bytes:
            return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

        return cls(graphs, dump if shared is None else functools.partial(shared.dump, dump), union, distinct=True,
                   dump_buffer=dump_buffer)

    @classmethod
    def of_union_text(cls, text: bytes, distinct: bool) -> Statements:
        """Only the union's N-Triples, at hand already (a build's, dumped once for its readers): what the writers
        that read the union alone (Turtle, N-Triples) take; a saved store's mark left out, as `union_text` does."""
        statements = cls([], lambda graph: b"")
        statements._union_text = (text, distinct, _MARK)
        return statements

    @classmethod
    def of_graph(cls, kg, graph: str | None = None, shared: SharedDumps | None = None) -> Statements:
        """The statements of a KnowledgeGraph (one named graph, if given), without its derived union."""
        if kg.holding:  # no store to dump: each graph's lines as the held text gives them (osce_kg/held.py)
            graphs = [ox.NamedNode(graph)] if graph else kg.dataset_graphs()
            dump = kg.graph_ntriples if shared is None else functools.partial(shared.dump, kg.graph_ntriples)
            return cls(graphs, dump, distinct=True)
        if graph:
            return cls.of_store(kg.store, [ox.NamedNode(graph)], shared=shared)
        return cls.of_store(kg.store, kg.dataset_graphs(), kg.union_graph(), shared)

    def lines(self, graph: Graph) -> list[bytes]:
        """One graph's statements as sorted, distinct N-Triples lines, each ending with its newline."""
        return sorted_lines(self._dump(graph), self.distinct)

    def by_graph(self) -> Iterator[tuple[bytes | None, list[bytes]]]:
        """(graph term as in N-Quads, None for the default graph; its sorted lines), graphs in order."""
        for graph, data in self.dumps():
            yield graph, self.sorted_lines(data)

    def dumps(self) -> Iterator[tuple[bytes | None, bytes]]:
        """(graph term as in N-Quads, None for the default graph; its N-Triples, unsorted), graphs in order:
        for a writer that searches the whole text before it reads `sorted_lines(data)`."""
        for graph in self.graphs:
            yield (None if isinstance(graph, ox.DefaultGraph) else str(graph).encode()), self._dump(graph)

    def sorted_lines(self, data: bytes) -> list[bytes]:
        """The sorted, distinct lines of one graph's N-Triples."""
        return sorted_lines(data, self.distinct)

    def union_text(self) -> tuple[bytes | memoryview, bool, bytes | None]:
        """The union's N-Triples, unsorted: (text, whether its lines are distinct, a line to leave out).
        What `sorted_lines`, `sorted_block` and the Turtle writer take."""
        if self._union_text is not None:
            return self._union_text
        if self.union is not None:  # a saved store marks its union with one triple
            return self._dump_buffer(self.union), self.distinct, _MARK
        if len(self.graphs) == 1:
            return self._dump_buffer(self.graphs[0]), self.distinct, None
        return b"".join(self._dump(g) for g in self.graphs), False, None

    def union_lines(self) -> list[bytes]:
        """The distinct triples of all the graphs, sorted."""
        return sorted_lines(*self.union_text())


class SharedDumps:
    """Each graph's N-Triples for `readers` writers of one build, all reading one unchanged store: dumped from
    the store by the first, kept for the others, dropped after the last (at 1M the N-Quads and JSON-LD writers
    each dumped the same 154 MB of page graphs, 0.8 s of CPU apiece). Memory: what the first writer has read
    and the last not yet, at most every graph's N-Triples."""

    def __init__(self, readers: int = 2):
        self.readers = readers
        self._kept: dict[Graph, list] = {}  # graph -> [its N-Triples, reads left]

    def dump(self, dump: Callable[[Graph], bytes], graph: Graph) -> bytes:
        entry = self._kept.get(graph)
        if entry is None:
            data = dump(graph)
            if self.readers > 1:
                self._kept[graph] = [data, self.readers - 1]
            return data
        entry[1] -= 1
        if not entry[1]:
            del self._kept[graph]
        return entry[0]


def sorted_lines(data: bytes | memoryview, distinct: bool, drop: bytes | None = None) -> list[bytes]:
    """The lines of N-Triples text sorted as bytes, each with its newline (repeats dropped unless
    `distinct`: Python quads, or several graphs, may repeat a statement; a store's graph never does)."""
    if _native is not None:
        return _native.sorted_lines(data, distinct, drop)
    lines = bytes(data).splitlines(keepends=True)  # splits at b"\n" only: no raw b"\r" in pyoxigraph's N-Triples
    if not distinct:
        lines = list(set(lines))
    lines.sort()
    if drop is not None:
        at = bisect.bisect_left(lines, drop)
        if at < len(lines) and lines[at] == drop:
            del lines[at]
    return lines


def namespace_pairs(prefixes: dict[str, str]) -> tuple[tuple[bytes, bytes], ...]:
    """(namespace, prefix) as bytes, in `prefixes`' order: what the C core compacts IRIs with."""
    return tuple((ns.encode(), prefix.encode()) for prefix, ns in prefixes.items())


def native_turtle(data: bytes | memoryview, distinct: bool, drop: bytes | None, indent: bytes,
                  namespaces: tuple[tuple[bytes, bytes], ...]) -> bytes | None:
    """Turtle statements of N-Triples text from the C core (turtle.write_text), None where it is not built."""
    return None if _native is None else _native.turtle_block(data, distinct, drop, indent, namespaces)


def native_jsonld(data: bytes, distinct: bool, namespaces: tuple[tuple[bytes, bytes], ...]) -> bytes | None:
    """JSON-LD node objects of N-Triples text from the C core (jsonld._Writer.write_nodes), None where it is
    not built."""
    return None if _native is None else _native.jsonld_nodes(data, distinct, namespaces)


def sorted_block(data: bytes | memoryview, distinct: bool, drop: bytes | None = None,
                 graph: bytes | None = None) -> bytes:
    """`sorted_lines` joined; with `graph` (an N-Quads graph term), as N-Quads lines of that graph."""
    if _native is not None:
        return _native.sorted_block(data, distinct, drop, graph)
    block = b"".join(sorted_lines(data, distinct, drop))
    if graph is not None:  # " .\n" ends every line and nothing else: literals hold no raw newline
        block = block.replace(b" .\n", b" " + graph + b" .\n")
    return block


def write_chunks(path: str | Path, write: Callable[[BinaryIO], None]) -> Path:
    """`write_atomic` for a writer that streams its bytes to a binary file (buffered)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode (0644 under 022)
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class Memo(dict):
    """A dict that works out a missing value once (`make(key)`): a writer looks up what a term becomes for
    every statement, and a hit costs a dict look-up, no Python call."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[bytes], object]):
        super().__init__()
        self._make = make

    def __missing__(self, key: bytes):
        value = self[key] = self._make(key)
        return value


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
