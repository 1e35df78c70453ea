"""The store: one small interface over pyoxigraph's Store for loading, querying and dumping graphs (other
modules still use pyoxigraph's terms and parsers directly).

Quads go in, SPARQL comes out, and callers who want rdflib get an rdflib Dataset or Graph on request.
The default graph of a query is the union of all named graphs, so a query need not name the graphs.

The union is kept as a set: before a query, the store's default graph is filled with every triple of
every named graph (once, however many graphs state it). pyoxigraph's own union default graph is a bag
(a triple stated by 300 pages matches 300 times), which multiplies rows and made a four-OPTIONAL
query 10,000x slower (bench/query.py). The derived default graph is never exported.

On disk (`save`, `open`; `osce-kg build` writes build/store/): the named graphs plus the union already
materialised in the default graph, marked by one triple (STORE_MARK) so that `open` knows the default
graph is derived, and read-only queries need no write. The folder is RocksDB's: its bytes differ from
build to build, so it is not part of the byte-identical output set (the RDF files are).
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from osce_kg.held import HeldQuads, union_lines

try:  # the writers' C core (osce_kg/_native.c), optional
    from osce_kg import _native
except ImportError:
    _native = None

_LOADING = threading.Lock()  # held text going into a store (KnowledgeGraph._load_held)
# The triple that marks a saved store's default graph as the derived union of its named graphs.
BULK_AT_LEAST = 5000  # quads added at once through pyoxigraph's bulk loader (some 20 ms a call) not a transaction
STORE_MARK = ox.Quad(ox.NamedNode("urn:osce-kg:store"), ox.NamedNode("urn:osce-kg:defaultGraph"),
                     ox.Literal("union of the named graphs"), ox.DefaultGraph())


def union_of_texts(texts: list[bytes], quads: bool = True) -> bytes:
    """The distinct triples of N-Quads `texts` (N-Triples unless `quads`) this project serialised (no blank
    node), as N-Triples in a store's form: a store keeps some literals as values and writes them back in their
    canonical form ("01" as "1", a language tag in lower case), so the lines that hold one pass through a small
    store, and the text is what the store's union default graph would dump, the order aside."""
    kept, other = union_lines(texts, quads)
    if not other:
        return kept
    scratch = ox.Store()
    scratch.bulk_load(other, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    canonical = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())  # each triple once
    if not union_lines([canonical], False)[0]:  # all still literals a store keeps as values: none is in `kept`
        return kept + canonical
    kept, other = union_lines([kept, canonical], False)  # some came back as a kept line may be ("01" as "1")
    return kept + other


def predicate_lines(data: bytes, predicate: str) -> bytes:
    """_native.predicate_lines (see there), in C where it is built: it leaves the GIL, which a regular
    expression over a 100 MB text holds for half a second (the build's copy threads wait for it)."""
    term = f"<{predicate}>".encode()
    if _native is not None:
        return _native.predicate_lines(data, term)
    middle = b" " + term + b" "
    return b"".join(line + b"\n" for line in data.splitlines() if middle in line
                    and line.split(b" ", 2)[1:2] == [term])


@dataclass
class Texts:
    """What a store holds, as the text it came as (`KnowledgeGraph.take_texts`): N-Quads for a copy to load (a
    list, or pieces made as they are read), and what the union is made from."""

    nquads: Iterable[bytes]
    union_texts: list[bytes]
    quads: bool  # whether union_texts are N-Quads (else N-Triples)

    def union(self) -> bytes:
        """The union's N-Triples, each triple once, as a store would dump it (the order aside)."""
        return union_of_texts(self.union_texts, self.quads)


def without_graphs(nquads: bytes, graphs: Iterable[ox.NamedNode]) -> bytes:
    """N-Quads text of these named graphs (as pyoxigraph writes it) -> the same statements' N-Triples lines.
    A line ends " <graph> .\n", and a newline inside a literal is written as \\n: only line ends match."""
    for graph in graphs:
        nquads = nquads.replace(f" {graph} .\n".encode(), b" .\n")
    return nquads


class KnowledgeGraph:
    _saving: _BackgroundSave | None = None  # an on-disk copy being written (start_save)
    _texts: list[bytes] | None = None  # keep_texts: what was added, as N-Quads text
    _held: HeldQuads | None = None  # hold_texts: what was added and is not in the store yet
    path: Path | None = None  # an on-disk store a build patches in place (osce_kg/rebuild.py), else None
    size: int | None = None  # its size (quads), kept up to date there: counting RocksDB's takes a scan
    # the quads the last `save` wrote (its mark left out), when it knew them without a count; else None
    saved_size: int | None = None
    _open_on_use: Path | None = None  # open_on_use: the store folder opened the first time the store is read

    def __init__(self, path: str | Path | None = None):
        """An in-memory store, or an on-disk one at `path` (created if missing)."""
        self.store = ox.Store(str(path)) if path else ox.Store()
        self._union_ready = False  # the default graph holds the union of the named graphs
        self._own_default = False  # triples were loaded into the default graph itself (e.g. a .ttl file)
        self._read_only = False

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store, holding every quad added (held text is loaded into it first)."""
        if self._held is not None:
            self._load_held()
        if self._open_on_use is not None:
            self._open_now()
        return self._store

    @store.setter
    def store(self, store: ox.Store | None) -> None:
        self._store = store

    @classmethod
    def open_on_use(cls, path: str | Path) -> KnowledgeGraph:
        """`open(path)` the first time the store is read, not now: a build's result whose store its caller may never
        read (the CLI reads nothing from it: opening it was 10-15 ms of a rebuild's last step at 1M). The folder the
        path leads to now is the one opened (a build's output folder is a link the next build moves). Until then the
        store is taken to be as a build saves it, its union derived (`open` finds out)."""
        kg = cls.__new__(cls)
        kg._store, kg._open_on_use = None, Path(path).resolve()
        kg._union_ready, kg._own_default, kg._read_only = True, False, True
        return kg

    def _open_now(self) -> None:
        with _LOADING:
            if self._open_on_use is not None:
                opened = KnowledgeGraph.open(self._open_on_use)
                self._store, self._union_ready, self._own_default = opened._store, opened._union_ready, \
                    opened._own_default
                self._open_on_use = None

    @classmethod
    def open(cls, path: str | Path, read_only: bool = True) -> KnowledgeGraph:
        """A store saved by `save` (or `osce-kg build`); read-only by default, so readers never change it."""
        path = Path(path)
        if not path.is_dir():
            raise FileNotFoundError(f"{path}: no such store folder")
        kg = cls.__new__(cls)
        try:
            kg.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise OSError(f"{path}: cannot open the store: {exc}") from None
        marked = next(iter(kg.store.quads_for_pattern(STORE_MARK.subject, STORE_MARK.predicate, None,
                                                      ox.DefaultGraph())), None) is not None
        kg._union_ready = marked
        kg._own_default = not marked and next(iter(kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                                              None) is not None
        kg._read_only = read_only
        return kg

    def save(self, path: str | Path) -> Path:
        """Write the named graphs and their union to a new on-disk store at `path` (replacing one there).

        Written beside `path` and renamed into place, so a reader never sees a half-written store."""
        path = Path(path)
        saving, self._saving = self._saving, None
        self.saved_size = None
        if saving is not None:
            if saving.path == path and saving.finish(self):
                swap_folder(saving.tmp, path)
                self.saved_size = saving.size
                return path
            saving.cancel()
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        disk = ox.Store(str(tmp))
        dump = path.with_name(f".{path.name}.nq-{os.getpid()}")
        pieces: list[int] = []
        try:
            copied = False
            if self.can_hold_union():
                # the named graphs and their union as they are here, through a file: no Python object per quad
                self._materialise_union()
                self.store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
                copied = _bulk_load_chunks(dump, disk, pieces=pieces) is not None
                if not copied:  # start again: a blank node keeps its label only through Python objects
                    del disk
                    shutil.rmtree(tmp, ignore_errors=True)
                    disk = ox.Store(str(tmp))
            if not copied:
                disk.bulk_extend(self.quads())
                disk.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        finally:
            dump.unlink(missing_ok=True)
        disk.add(STORE_MARK)
        disk.flush()
        if sum(pieces) > 1:  # taken in as overlapping files (one piece lands where it fits)
            settle_compactions()
        del disk  # releases RocksDB's lock before the folder moves
        swap_folder(tmp, path)
        return path

    def start_save(self, path: str | Path, union_text: Callable[[], bytes | None] | None = None,
                   texts: Iterable[bytes] | None = None) -> None:
        """Begin writing what `save(path)` writes, in a thread, from the store as it is now: the build validates
        and writes its files meanwhile (the engine's bulk load leaves the GIL). Quads added later through
        `add_quads` join the copy when `save(path)` finishes it; any other change to the store makes `save` write
        the store whole, as does a store this cannot copy (see `save`).

        `union_text`: the caller makes the union itself (`prepare_for_query`), while the thread copies the named
        graphs, and this function gives the union's N-Triples once it is made (waiting for that; None when it
        will not be), which the copy then loads: at 1M quads the copy starts 1.7 s sooner, beside the union's
        making, where one core had nothing to do, and dumps no union of its own. `texts` (with `union_text`): the
        N-Quads of every quad the store holds now (`take_texts`: a list, or pieces made as they are read), loaded
        as they are where the named graphs would be dumped (0.7 s of CPU at 1M)."""
        self.cancel_save()
        if self.can_hold_union():
            if union_text is None:
                self._materialise_union()
            self._saving = _BackgroundSave(self, Path(path), union_text, texts)

    def cancel_save(self) -> None:
        """Stop and delete a copy `start_save` began (the build failed, or made the store another way)."""
        saving, self._saving = self._saving, None
        if saving is not None:
            saving.cancel()

    # -- loading ---------------------------------------------------------------------------------
    def keep_texts(self) -> None:
        """From now, keep the N-Quads text of what `add_nquads` and `add_quads` add (`take_texts`). A build makes
        the union's N-Triples from it (`union_of_texts`) without materialising the union in the store (at 1M
        quads, 0.2 s of CPU in a thread where the SPARQL UPDATE took 1.9 s on the main one), and its on-disk
        copy loads it as it is rather than dumping every graph. For a store still empty."""
        self._texts = [] if not self._union_ready and not self._own_default and self.path is None else None

    def hold_texts(self) -> None:
        """`keep_texts`, and from now hold what is added rather than load it into the store (osce_kg/held.py):
        the store gets it only when something reads the store itself; the build's readers ask this object (its
        graphs, their statements, their sizes, what it says about some subjects). For a store still empty."""
        self.keep_texts()
        if self._texts is not None and not len(self._store):
            self._held = HeldQuads()

    @property
    def holding(self) -> bool:
        """Whether quads are held as text, not yet in the store (`hold_texts`)."""
        return self._held is not None

    def _load_held(self) -> None:
        with _LOADING:  # the first reader loads, the others wait for it
            held = self._held
            if held is None:
                return
            self._texts = None  # not kept: texts are made again from the held graphs for the load
            for chunk in _gathered(held.texts()[1], 32 << 20):
                self._store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS, lenient=True)
            self._held = None

    def take_texts(self) -> Texts | None:
        """The text `keep_texts` kept or `hold_texts` holds, when it is all the store holds (its named graphs),
        else None (something else changed the store, or a blank node came in: the store gives it another
        label). No longer kept here (held text stays held: it is the store's)."""
        held = self._held
        texts, self._texts = self._texts, None
        if held is not None:
            ntriples, nquads = held.texts()
            return Texts(nquads, ntriples, quads=False)
        if texts is None or self._union_ready or self._own_default:
            return None
        return Texts(list(texts), texts, quads=True)

    def _keep_text(self, text: bytes | None) -> None:
        if self._texts is not None:
            if text is None or b"_:" in text:
                self._texts = None
            else:
                self._texts.append(text)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        if self._saving is not None or self._texts is not None or self._held is not None:
            quads = list(quads)
        if self._saving is not None:
            self._saving.later.extend(quads)
        if self._held is not None and self._hold_quads(quads):
            return
        if self._texts is not None:  # each quad once, as the store holds it (a registry graph may repeat one)
            new = [q for q in dict.fromkeys(quads) if q not in self.store]
            self._keep_text(ox.serialize(new, format=ox.RdfFormat.N_QUADS) if new else b"")
        if not self._union_ready or self._own_default:
            self.store.extend(quads)
            self._union_ready = False
            return
        # the union is kept up to date rather than built again from every graph on the next query
        quads = list(quads)
        self.store.extend(quads)
        self.store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads
                          if not isinstance(q.graph_name, ox.DefaultGraph))

    def _hold_quads(self, quads: list[ox.Quad]) -> bool:
        """Hold quads as N-Quads text, one text per named graph; False (the held text loaded into the store, for
        the caller to add them there) for a quad of the default graph or with a blank node."""
        by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
        for quad in dict.fromkeys(quads):
            by_graph.setdefault(quad.graph_name, []).append(quad)
        if all(isinstance(g, ox.NamedNode) for g in by_graph):
            texts = [(ox.serialize(q, format=ox.RdfFormat.N_QUADS), str(g).encode()) for g, q in by_graph.items()]
            if all(b"_:" not in text for text, _ in texts):
                for text, graph in texts:
                    if not self._held.add(text, graph):  # cannot happen for pyoxigraph's own N-Quads of one graph
                        raise ValueError(f"cannot hold the N-Quads of {graph.decode()}")
                return True
        self._load_held()
        return False

    @contextmanager
    def loader(self, buffer_bytes: int = 32 << 20) -> Iterator[Callable[[bytes], None]]:
        """A function that takes N-Quads bytes this project serialised, piece by piece (one page's graph each),
        and bulk-loads them `buffer_bytes` at a time (a bulk load per page costs more than the parsing, and
        each load costs more as the store grows: at 1M quads, 3.2 CPU s in loads of 8 MB, 2.4 s of 32 MB); the
        rest on exit."""
        pending: list[bytes] = []
        size = 0

        def load(data: bytes) -> None:
            nonlocal size
            if self._held is not None:  # each piece held as it comes (one page's graph), if it can be
                self.add_nquads(data, lenient=True)
                return
            pending.append(data)
            size += len(data)
            if size >= buffer_bytes:
                flush()

        def flush() -> None:
            nonlocal size
            self.add_nquads(b"".join(pending), lenient=True)
            pending.clear()
            size = 0

        yield load
        flush()

    def add_nquads(self, data: bytes, lenient: bool = False) -> None:
        """Add quads given as N-Quads bytes (parsed by the engine: no Python object per quad); `lenient`
        skips IRI checks, for bytes this project serialised itself."""
        if data:
            self.cancel_save()  # not tracked quad by quad
            if self._held is not None and lenient and self._held.add(data):
                return
            self._keep_text(data if lenient else None)
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=lenient)
            self._union_ready = False

    def load_file(self, path: str | Path, graph: str | None = None, format: ox.RdfFormat | None = None) -> None:
        """Load an RDF file (format given, else from its extension: .nq .trig .ttl .nt .jsonld .rdf)."""
        path = Path(path)
        fmt = format or (ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None)
        if fmt is None:
            raise ValueError(f"{path}: unknown RDF file extension {path.suffix!r} (give the input format)")
        kwargs = {}
        if graph and not fmt.supports_datasets:
            kwargs["to_graph"] = ox.NamedNode(graph)
        self.cancel_save()
        self._texts = None
        if self._union_ready:
            self._drop_union()  # so that what lands in the default graph now is the file's own
        with path.open("rb") as fh:
            self.store.bulk_load(fh, format=fmt, **kwargs)
        if not self._own_default:
            self._own_default = next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                                     None) is not None

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], format: ox.RdfFormat | None = None) -> KnowledgeGraph:
        kg = cls()
        for path in paths:
            kg.load_file(path, format=format)
        return kg

    # -- reading ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        if self._held is not None:
            return sum(self._held.sizes().values())
        if self._own_default:
            return len(self.store)
        derived = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # the default graph only
        return len(self.store) - int(next(iter(derived))["n"].value)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The stored quads (of one named graph, if given), without the derived union default graph."""
        if graph:
            return self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        quads = self.store.quads_for_pattern(None, None, None, None)
        if self._own_default:
            return quads
        return (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))

    def dataset_graphs(self) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
        """The graphs `quads()` reads: the named graphs, and the default graph when it holds loaded data."""
        graphs = self.named_graphs()
        return [*graphs, ox.DefaultGraph()] if self._own_default else graphs

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """The named graphs, held ones included."""
        if self._held is not None:
            return [ox.NamedNode(g[1:-1].decode()) for g in self._held.graphs()]
        return list(self.store.named_graphs())

    def has_graph(self, graph: ox.NamedNode | ox.BlankNode) -> bool:
        if self._held is not None:
            return isinstance(graph, ox.NamedNode) and self._held.has(str(graph).encode())
        return self.store.contains_named_graph(graph)

    def graph_ntriples(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bytes:
        """One graph's statements as N-Triples, as the store dumps them (unsorted; each once): the writers'
        read, no Python object per statement."""
        if self._held is not None and not isinstance(graph, ox.DefaultGraph):
            return self._held.ntriples(str(graph).encode())
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    def graph_sizes(self, leave_out: str | None = None) -> dict[str, int]:
        """Named graph IRI -> its statements (graphs without any left out, and `leave_out`)."""
        if self._held is not None:
            sizes = {g[1:-1].decode(): n for g, n in self._held.sizes().items() if n}
        else:
            sizes = {row["g"]: int(row["n"]) for row in self.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                union=False)}
        sizes.pop(leave_out, None)
        return sizes

    def quads_about(self, subjects: Iterable[ox.NamedNode], predicate: ox.NamedNode | None = None,
                    graph: ox.NamedNode | None = None) -> list[ox.Quad]:
        """The stored quads whose subject is one of `subjects` (with this predicate, in this named graph, if
        given), as the store holds them: held text is searched in one pass for all of them."""
        subjects = list(dict.fromkeys(subjects))
        if self._held is None:
            return [q for s in subjects for q in self.store.quads_for_pattern(s, predicate, None, graph)]
        lines = self._held.subject_lines([str(s).encode() for s in subjects],
                                         None if graph is None else str(graph).encode())
        scratch = ox.Store()  # the quads in a store's form (a literal's canonical one), each once
        scratch.bulk_load(lines, format=ox.RdfFormat.N_QUADS, lenient=True)
        return list(scratch.quads_for_pattern(None, predicate, None, None))

    def stated(self, triples: Iterable[ox.Triple]) -> set[ox.Triple]:
        """Which of `triples` some graph states: from held text in one pass, from a materialised union one
        look-up each (0.02 s for 5,000 on disk, where each subject's quads took 0.5 s)."""
        triples = set(triples)
        if not triples:
            return set()
        if self._held is not None:
            predicates = {t.predicate for t in triples}
            found = self.quads_about({t.subject for t in triples}, next(iter(predicates)) if len(predicates) == 1
                                     else None)
            return triples & {q.triple for q in found}
        if self._union_ready:
            default = ox.DefaultGraph()
            return {t for t in triples if ox.Quad(t.subject, t.predicate, t.object, default) in self.store}
        return {t for t in triples
                if next(iter(self.store.quads_for_pattern(t.subject, t.predicate, t.object)), None) is not None}

    def graph_quads(self, graph: ox.NamedNode, predicate: ox.NamedNode | None = None,
                    object: ox.NamedNode | ox.Literal | None = None) -> list[ox.Quad]:  # noqa: A002 - the pattern's
        """The quads of one named graph (with this predicate and object, if given), as the store holds them."""
        if self._held is None:
            return list(self.store.quads_for_pattern(None, predicate, object, graph))
        scratch = ox.Store()  # the graph's N-Triples are in a store's form already
        scratch.bulk_load(self.graph_ntriples(graph), format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
        return list(scratch.quads_for_pattern(None, predicate, object, graph))

    def size_mark(self) -> object:
        """Changes when quads are added or removed: the store's size, or how many texts are held."""
        return ("held", self._held.added) if self._held is not None else len(self.store)

    @property
    def has_own_default_graph(self) -> bool:
        """Whether the default graph holds triples of its own (a loaded file's), not only the derived union."""
        return self._own_default

    def union_graph(self) -> ox.DefaultGraph | None:
        """The default graph when it holds the union of the dataset's graphs (materialised), else None.

        A saved store's default graph also holds STORE_MARK (writers leave that triple out)."""
        return ox.DefaultGraph() if self._union_ready else None

    def add_quads_keeping_union(self, quads: list[ox.Quad], known: set | None = None) -> None:
        """Add a few quads; a materialised union default graph gets their triples too, so it stays
        ready (instead of being derived again from the whole store before the next query). `known`: their subjects
        the union has a triple about (`subjects_in_union`), when asked already."""
        self._texts = None
        ready = self._union_ready and not self._read_only
        # many quads of new graphs (a dataset description) through the bulk loader: on disk, unless a copy is
        # being made of it; in memory, the copy gets them when save finishes it (at 1M, 20,700 quads and their
        # union triples in 0.24 CPU s where Quad objects took 0.42 s)
        if ready and not self._own_default and len(quads) >= BULK_AT_LEAST \
                and (self.path is None or self._saving is None) and self._bulk_add_new_graphs(quads, known):
            if self._saving is not None:
                self._saving.later.extend(quads)
            return
        default = ox.DefaultGraph()
        # the union triples, made once
        union = [ox.Quad(q.subject, q.predicate, q.object, default) for q in quads
                 if not isinstance(q.graph_name, ox.DefaultGraph)] if ready else []
        if self.size is not None:  # the quads and union triples not there yet
            # a graph the store does not hold yet (a new description): none of its quads is there
            new = {g for g in {q.graph_name for q in quads}
                   if isinstance(g, ox.NamedNode) and not self.store.contains_named_graph(g)}
            fresh = {q for q in quads if q.graph_name in new}
            self.size += len(fresh) + sum(1 for q in {*quads, *union} - fresh if q not in self.store)
        if self.path is not None and ready and not self._own_default:
            if self._saving is None and len(quads) >= BULK_AT_LEAST:
                # on disk, the quads and their union triples through the bulk loader: 0.24 s for a 20,700-quad
                # description where transactions of 2,000 took 0.55 s (not atomic: a build's store is its own
                # staging copy until the output set is committed, so a failure throws it away)
                self.store.bulk_extend([*quads, *union])
                return
            # a few thousand quads a transaction (one transaction of tens of thousands took twice as long)
            for at in range(0, len(quads), 2000):
                self.add_quads(quads[at:at + 2000])
            return
        self.add_quads(quads)
        if ready:
            self.store.extend(union)
            self._union_ready = True

    def _bulk_add_new_graphs(self, quads: list[ox.Quad], known: set | None = None) -> bool:
        """add_quads_keeping_union on disk for many quads of graphs the store does not hold yet (a rebuild's
        dataset description, 20,700 quads at 1M): one N-Quads text through the bulk loader, the union's lines
        cut from the same text, and the size counted on the lines, with the store asked once per subject
        rather than once per triple (0.3 s where Quad objects for the union and a lookup each took 0.5 s).
        False, having done nothing, when some graph is already there or is the default graph, or a quad has a
        blank node (its label in the text need not be the store's)."""
        graphs = {q.graph_name for q in quads}
        if any(not isinstance(g, ox.NamedNode) or self.store.contains_named_graph(g) for g in graphs) \
                or any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
            return False
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        union = without_graphs(text, graphs)
        named, triples = set(text.splitlines()), set(union.splitlines())
        if self.size is not None:
            by_subject: dict[bytes, list[bytes]] = {}
            for line in triples:
                by_subject.setdefault(line.split(b" ", 1)[0], []).append(line)
            there_about = known if known is not None else \
                self.subjects_in_union(ox.NamedNode(subject[1:-1].decode()) for subject in by_subject)
            known = [line for subject, lines in by_subject.items()
                     if ox.NamedNode(subject[1:-1].decode()) in there_about for line in lines]
            there = 0
            if known:  # a subject the union has: its triples one by one
                there = sum(1 for q in ox.parse(b"\n".join(known), format=ox.RdfFormat.N_TRIPLES)
                            if q in self.store)  # parsed into the default graph
            self.size += len(named) + len(triples) - there
        self.store.bulk_load(text + union, format=ox.RdfFormat.N_QUADS)
        return True

    def replace_graph_lines(self, graph: ox.NamedNode, old_lines: frozenset[bytes] | set[bytes],
                            new_text: bytes) -> set[ox.NamedNode | ox.BlankNode]:
        """Make the named graph `graph`, whose statements are the N-Triples `old_lines`, hold the N-Triples
        `new_text` instead (as pyoxigraph serialises them), by the difference, in the graph and in a materialised
        union: a rebuild's dataset description (osce_kg/rebuild.py `Aside`). No other graph may state anything
        about the subjects of either (the caller checks), so their statements enter and leave the union with the
        graph's. Returns the subjects of the statements that left or came (the Turtle splice writes theirs
        again)."""
        new_lines = set(new_text.splitlines())
        gone = _parsed(old_lines - new_lines)
        came = _parsed(new_lines - old_lines)
        default = ox.DefaultGraph()
        union = self._union_ready and not self._own_default
        self._texts = None
        delete_quads(self.store, [ox.Quad(t.subject, t.predicate, t.object, g) for t in gone
                                 for g in ((graph, default) if union else (graph,))])
        self.store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in came
                           for g in ((graph, default) if union else (graph,))])
        if self.size is not None:
            self.size += (2 if union else 1) * (len(came) - len(gone))
        return {t.subject for t in (*gone, *came)}

    def subjects_stated(self, subjects: Iterable[ox.NamedNode | ox.BlankNode]) -> set:
        """Which of `subjects` some graph says something about: from held text in one pass, from a materialised
        union in one query (`subjects_in_union`), else one look-up each."""
        subjects = set(subjects)
        if not subjects:
            return set()
        if self._held is not None and any(not isinstance(s, ox.NamedNode) for s in subjects):
            self._load_held()  # a blank node is asked of the store (held text is searched by IRI)
        if self._held is not None:
            return {q.subject for q in self.quads_about(subjects)}
        if self._union_ready and not self._own_default:
            return self.subjects_in_union(subjects)
        return {s for s in subjects if next(iter(self.store.quads_for_pattern(s, None, None)), None) is not None}

    def subjects_in_union(self, subjects: Iterable[ox.NamedNode | ox.BlankNode]) -> set[ox.NamedNode | ox.BlankNode]:
        """Which of `subjects` the store's default graph (the materialised union) has a triple about: the IRIs in
        one query, which the engine answers without holding the GIL (a look-up each, from a thread beside the
        splices of a rebuild at 1M quads, took 0.3 s of 5,150 subjects), blank nodes one by one."""
        subjects = set(subjects)
        found = {s for s in subjects if not isinstance(s, ox.NamedNode) and _about_in_default(self.store, s)}
        iris = sorted(str(s) for s in subjects if isinstance(s, ox.NamedNode))
        if iris:
            values = " ".join(iris)
            rows = self.store.query(f"SELECT ?s WHERE {{ VALUES ?s {{ {values} }} FILTER EXISTS {{ ?s ?p ?o }} }}")
            found.update(row["s"] for row in rows)
        return found

    def _drop_union(self) -> None:
        if not self._own_default:
            self.store.clear_graph(ox.DefaultGraph())
        self._union_ready = False

    def can_hold_union(self) -> bool:
        """Whether the default graph is (or can be made) the derived union: a writable store whose default graph
        is not data of its own."""
        return not self._read_only and not self._own_default

    def prepare_for_query(self) -> None:
        """Make the default graph the union (a set) of the named graphs, if it is not already."""
        self._materialise_union()

    def _materialise_union(self) -> None:
        if not self._union_ready and not self._read_only:
            self._texts = None
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self._union_ready = True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, union: bool = True, **kwargs):
        """Run SPARQL with the union of all graphs (a set) as the default graph (`union=False`: with the default
        graph as it is, for a query that names its graphs: the union is not made for it)."""
        if union:
            self._materialise_union()
        return self.store.query(sparql, **kwargs)

    def select(self, sparql: str, union: bool = True) -> list[dict[str, str]]:
        """SELECT results as plain dicts of strings (lexical values), handy in tests and scripts."""
        return self.table(sparql, union)[1]

    def table(self, sparql: str, union: bool = True) -> tuple[list[str], list[dict[str, str]]]:
        """SELECT results as (column names, rows of lexical values); unbound values are left out of a row."""
        result = self.query(sparql, union)
        columns = [v.value for v in result.variables]
        rows = [{c: s[c].value for c in columns if s[c] is not None} for s in result]
        return columns, rows

    def ask(self, sparql: str) -> bool:
        return bool(self.query(sparql))

    # -- rdflib views ----------------------------------------------------------------------------
    def to_rdflib_dataset(self):
        import rdflib

        ds = rdflib.Dataset()
        data = ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def to_rdflib_graph(self, graph: str | None = None):
        """The union of all graphs (or one graph) as an rdflib Graph."""
        import rdflib

        g = rdflib.Graph()
        quads = self.quads(graph)
        data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
        g.parse(data=data.decode("utf-8"), format="nt")
        return g


LOAD_THREADS = 2  # bulk loads of an on-disk store at once (below)
LOAD_CHUNK_BYTES = 16 << 20  # N-Quads bytes each of those loads takes (`_bulk_load_chunks`)


def _engine_threads_busy() -> tuple[int, bool] | None:
    """RocksDB's background threads in this process (named rocksdb:*): their CPU ticks so far, and whether one of
    them is running or in a disk wait now; None where /proc does not tell (not Linux)."""
    tasks = Path("/proc/self/task")
    ticks, busy = 0, False
    try:
        listed = list(tasks.iterdir())
    except OSError:
        return None
    for task in listed:
        try:
            if not (task / "comm").read_text().startswith("rocksdb"):
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a thread that has just ended
        busy = busy or fields[0] in ("R", "D")
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks, busy


def settle_compactions(poll: float = 0.02, quiet_polls: int = 3, limit: float = 10.0) -> None:
    """Wait until RocksDB's background threads have been idle for `quiet_polls` polls in a row (at most `limit`
    seconds): a store closed with compactions still to do leaves them to every later process that opens it for
    writing, and those close before they end. A bulk-loaded store (a full build's copy: its 16 MB pieces taken in
    as overlapping files) had about 1 CPU s of merging left; each fast rebuild began it again and cut it off (0.2-0.7
    CPU s of RocksDB's threads in a rebuild of 1.0-1.3 on two cores), rebuild after rebuild. Settled once, the store
    stays so: rebuilds then spend next to nothing there. Nothing to wait for where /proc is not there."""
    state = _engine_threads_busy()
    if state is None:
        return
    deadline, quiet = time.monotonic() + limit, 0
    while quiet < quiet_polls and time.monotonic() < deadline:
        time.sleep(poll)
        now = _engine_threads_busy()
        if now is None:
            return
        quiet = quiet + 1 if now[0] == state[0] and not now[1] else 0
        state = now


def _lower_priority() -> None:
    """This thread (and the engine's threads it starts) yields the CPU to the build's others."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass


def _file_chunks(nquads: Path, chunk_bytes: int) -> Iterator[bytes]:
    """An N-Quads file, `chunk_bytes` at a time and whole lines."""
    with nquads.open("rb") as fh:
        while chunk := fh.read(chunk_bytes):
            yield chunk + fh.readline()


def _text_chunks(text: bytes, chunk_bytes: int) -> Iterator[bytes]:
    """N-Triples or N-Quads text, `chunk_bytes` at a time and whole lines."""
    at = 0
    while at < len(text):
        end = text.find(b"\n", at + chunk_bytes)
        end = len(text) if end < 0 else end + 1
        yield text[at:end]
        at = end


def _as_nquads(ntriples: bytes, graph: bytes) -> bytes:
    """One graph's N-Triples as N-Quads lines of `graph` (an N-Quads term): by the writers' C core where it is
    built (its lines sorted too, without the GIL), else by a replace (literals hold no raw newline, so " .\n" ends
    every line and nothing else)."""
    if _native is not None:
        return _native.sorted_block(ntriples, True, None, graph)
    return ntriples.replace(b" .\n", b" " + graph + b" .\n")


def _graph_chunks(store: ox.Store, graphs: list[ox.NamedNode | ox.BlankNode], union_text: Callable[[], bytes | None],
                  chunk_bytes: int) -> Iterator[bytes]:
    """A store's named `graphs` as N-Quads, graph by graph (a graph's lines sorted: the C core adds the graph term
    to each), gathered `chunk_bytes` at a time; then its union from `union_text`, in one piece. Raises ValueError
    when there is no union text."""
    yield from _gathered((_as_nquads(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph), str(graph).encode())
                          for graph in graphs), chunk_bytes)
    union = union_text()
    if union is None:
        raise ValueError("no union to copy")
    yield union  # N-Triples lines are N-Quads lines of the default graph; one piece: see _texts_chunks


def _gathered(texts: Iterable[bytes], chunk_bytes: int, drop: bool = False) -> Iterator[bytes]:
    """N-Quads `texts` about `chunk_bytes` at a time and whole lines: small texts (a page's) joined, big ones cut.
    `drop`: each text dropped from the list once read (its memory goes as the loads go on)."""
    gathered: list[bytes] = []
    size = 0
    for text in _popped(texts) if drop else texts:
        for piece in _text_chunks(text, chunk_bytes) if len(text) >= chunk_bytes else (text,):
            gathered.append(piece)
            size += len(piece)
            if size >= chunk_bytes:
                yield b"".join(gathered)
                gathered, size = [], 0
    if gathered:
        yield b"".join(gathered)


def _popped(texts: list[bytes]) -> Iterator[bytes]:
    texts.reverse()
    while texts:
        yield texts.pop()


def _texts_chunks(texts: Iterable[bytes], union_text: Callable[[], bytes | None], chunk_bytes: int) -> Iterator[bytes]:
    """N-Quads `texts` (each piece dropped once read), `chunk_bytes` at a time, then the union from `union_text` in
    one piece. Raises ValueError when there is no union text."""
    yield from _gathered(texts, chunk_bytes, drop=isinstance(texts, list))
    union = union_text()
    if union is None:
        raise ValueError("no union to copy")
    # in one piece: its three indexes are empty until then, so RocksDB takes its files in at the bottom level with
    # nothing to merge (in 16 MB pieces they overlapped, and merging them was most of what a build waited for at its
    # end, `settle_compactions`: 0.1-0.4 s now against 0.9-1.2 s; the full build at 1M no slower)
    yield union


def _bulk_load_chunks(nquads: Path | Iterable[bytes], disk: ox.Store, chunk_bytes: int | None = None,
                      stop: threading.Event | None = None, threads: int = LOAD_THREADS,
                      pieces: list[int] | None = None) -> int | None:
    """Bulk-load an N-Quads file `chunk_bytes` at a time (whole lines), or the N-Quads chunks given: one bulk
    load of everything holds far more memory and took longer. `threads` chunks are loaded at once (the engine
    leaves the GIL; each load writes its own sorted files, which RocksDB takes in): at 1.5M quads 4.4 s of wall
    and 8.2 CPU s where one at a time took 6.3 s and 9.1 s, the same quads in every index. Its lines: the quads
    loaded, for a dump of a store (each quad once) into an empty one. None, having stopped, at the first '_:'
    (a blank node, or those characters in a literal): loading would give blank nodes new labels; and when `stop`
    is set. `pieces`: the number of chunks loaded is appended to it."""
    lines = loaded = 0
    halted = threading.Event()
    failures: list[BaseException] = []
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=threads)  # memory: a few chunks, not the file

    def load() -> None:
        _lower_priority()
        while (chunk := chunks.get()) is not None:
            if halted.is_set():
                continue
            try:
                disk.bulk_load(chunk, format=ox.RdfFormat.N_QUADS, lenient=True)
            except BaseException as exc:  # handed to the caller below, as a load in this thread would raise it
                failures.append(exc)
                halted.set()

    loaders = [threading.Thread(target=load, name="store-load", daemon=True) for _ in range(max(1, threads))]
    for loader in loaders:
        loader.start()
    try:
        for chunk in _file_chunks(nquads, chunk_bytes or LOAD_CHUNK_BYTES) if isinstance(nquads, Path) else nquads:
            if b"_:" in chunk or (stop is not None and stop.is_set()) or halted.is_set():
                halted.set()
                break
            chunks.put(chunk)
            lines += chunk.count(b"\n")
            loaded += 1
    finally:
        for _ in loaders:
            chunks.put(None)
        for loader in loaders:
            loader.join()
    if pieces is not None:
        pieces.append(loaded)
    if failures:
        raise failures[0]
    return None if halted.is_set() else lines


def _parsed(lines: Iterable[bytes]) -> list[ox.Triple]:
    text = b"\n".join(lines)
    return [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)] if text else []


def delete_quads(store: ox.Store, quads: list[ox.Quad]) -> None:
    """Remove quads in one update (one transaction), not one by one; DELETE DATA takes no blank nodes."""
    plain = []
    for q in quads:
        if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name)):
            store.remove(q)
        else:
            plain.append(q)
    if plain:
        body = " ".join(f"GRAPH {q.graph_name} {{ {q.triple} }}" if not isinstance(q.graph_name, ox.DefaultGraph)
                        else f"{q.triple} ." for q in plain)
        store.update(f"DELETE DATA {{ {body} }}")


def _about_in_default(store: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> bool:
    """Whether the store's default graph has a triple about `subject`."""
    return next(iter(store.quads_for_pattern(subject, None, None, ox.DefaultGraph())), None) is not None


def _missing_from(disk: ox.Store) -> Callable[[ox.Quad], bool]:
    """Whether a quad is not in `disk`, asked as cheaply as it can be: not at all in a graph the store does not
    have (the dataset description joining a copy), once per subject for the default graph (where the
    description's subjects are new), else quad by quad: at 1M quads, asking each of the description's 41,000
    quads and union triples took 0.3 s at the build's end. Read before anything is added."""
    graphs: dict[ox.NamedNode | ox.BlankNode, bool] = {}
    subjects: dict[ox.NamedNode | ox.BlankNode, bool] = {}

    def missing(quad: ox.Quad) -> bool:
        graph = quad.graph_name
        if isinstance(graph, ox.DefaultGraph):
            held = subjects.get(quad.subject)
            if held is None:
                held = subjects[quad.subject] = _about_in_default(disk, quad.subject)
        else:
            held = graphs.get(graph)
            if held is None:
                held = graphs[graph] = disk.contains_named_graph(graph)
        return not held or quad not in disk

    return missing


def _graph_size(store: ox.Store, graph: ox.NamedNode | ox.BlankNode) -> int:
    if isinstance(graph, ox.NamedNode):  # counted by the engine, on that graph's index range only
        return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")))
                   ["n"].value)
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def swap_folder(new: Path, path: Path) -> None:
    """Put the finished folder `new` at `path`, moving any old one aside first and deleting it after."""
    old = path.with_name(f".{path.name}.old-{os.getpid()}")
    if path.exists():
        path.rename(old)
    new.rename(path)
    shutil.rmtree(old, ignore_errors=True)


class _BackgroundSave:
    """`KnowledgeGraph.start_save`: a thread dumps the store's quads (named graphs and union) and bulk-loads them
    into a new on-disk store beside `path`; `finish` adds the quads added since (`later`) and the mark.

    The dump may catch a graph that is there only for a moment (validation's scratch graph, which never
    touches the union): `finish` drops every graph the store no longer has."""

    def __init__(self, kg: KnowledgeGraph, path: Path, union_text: Callable[[], bytes | None] | None = None,
                 texts: Iterable[bytes] | None = None):
        self.path = path
        self._union_text = union_text  # start_save's: the named graphs graph by graph, then this union
        self._texts = texts if union_text is not None else None  # or the named graphs' text, as the store got it
        # those graphs, the store's now (a graph added later joins the copy from `later`, as with a whole dump)
        self._graphs = list(kg.store.named_graphs()) if union_text is not None and texts is None else []
        self.tmp = path.with_name(f".{path.name}.copy-{os.getpid()}")  # not save's own .tmp-: both may run
        self._dump = path.with_name(f".{path.name}.copy-{os.getpid()}.nq")
        self.later: list[ox.Quad] = []
        self._stop = threading.Event()
        self._disk: ox.Store | None = None
        self._copied = False
        self._size = 0  # quads loaded (counted in the thread: a count of RocksDB's is a scan)
        self._pieces: list[int] = []  # how many bulk loads that took
        self._union_lines: int | None = None  # of those, the union text's (when the store has no union of its own)
        self.size: int | None = None  # the finished copy's quads without its mark (set by `finish`)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._thread = threading.Thread(target=self._load, args=(kg,), name="store-save", daemon=True)
        self._thread.start()

    def _load(self, kg: KnowledgeGraph) -> None:
        _lower_priority()
        try:
            if self._union_text is None:
                kg.store.dump(output=str(self._dump), format=ox.RdfFormat.N_QUADS)
                chunks: Path | Iterator[bytes] = self._dump
            elif self._texts is not None:
                texts, self._texts = self._texts, None  # its memory goes as the loads go on
                chunks = _texts_chunks(texts, self._counted_union, LOAD_CHUNK_BYTES)
            else:
                chunks = _graph_chunks(kg.store, self._graphs, self._counted_union, LOAD_CHUNK_BYTES)
            self._disk = ox.Store(str(self.tmp))
            # the dump's lines, not len(): counting RocksDB's quads is a scan (0.4 s at 1M, at the build's end)
            self._size = _bulk_load_chunks(chunks, self._disk, stop=self._stop, pieces=self._pieces)
            self._copied = self._size is not None
            self._size = self._size or 0
        except (OSError, ValueError, SyntaxError):
            self._copied = False  # save writes the store whole and reports what goes wrong there
        finally:
            self._dump.unlink(missing_ok=True)

    def _counted_union(self) -> bytes | None:
        text = self._union_text()
        if text is not None:
            self._union_lines = text.count(b"\n")
        return text

    def finish(self, kg: KnowledgeGraph) -> bool:
        """Complete the copy; False (and deleted) when it is not exactly what `save` would write."""
        default = ox.DefaultGraph()
        # made while the copy's last loads run (the main thread would wait with nothing to do): at 1M quads the
        # description's 41,000 quads and union triples, and the store's size, 0.2 s
        later = {*self.later, *(ox.Quad(q.subject, q.predicate, q.object, default) for q in self.later
                                if not isinstance(q.graph_name, ox.DefaultGraph)), STORE_MARK}
        held = len(kg) if kg.holding else len(kg.store)
        self._thread.join()
        disk = self._disk
        if not self._copied or disk is None:
            self.cancel()
            return False
        size = self._size  # kept exact through every change below, so the copy need not be counted again
        kept = set(kg.named_graphs())
        for graph in [g for g in disk.named_graphs() if g not in kept]:
            size -= _graph_size(disk, graph)
            disk.remove_graph(graph)
        added = list(filter(_missing_from(disk), later))
        disk.bulk_extend(added)
        size += len(added)
        # only additions through add_quads are followed: a store changed otherwise differs in size (the store
        # here holds everything but the mark, its union too; or the named graphs only, when the copy's union
        # came from text: the union's lines are then left out, the text's and those added)
        if kg._union_ready:
            expected = held + 1
        elif self._union_lines is not None:
            union_added = sum(1 for q in added if q != STORE_MARK and q.graph_name == default)
            expected = held + 1 + self._union_lines + union_added
        else:
            kg._materialise_union()
            expected = len(kg.store) + 1
        if size != expected:
            del disk
            self.cancel()
            return False
        self.size = size - 1  # the store's quads, checked against it just now (the mark is the copy's own)
        disk.flush()
        if sum(self._pieces) > 1:  # taken in as overlapping files (one piece lands where it fits)
            settle_compactions()
        self._disk = None
        del disk  # releases RocksDB's lock before the folder moves
        return True

    def cancel(self) -> None:
        self._stop.set()
        self._thread.join()
        self._disk = None
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._dump.unlink(missing_ok=True)
