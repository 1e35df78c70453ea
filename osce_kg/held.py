"""Quads a KnowledgeGraph holds as the N-Quads text they came as, not loaded into its store (`hold_texts`).

A build adds every page's N-Quads and then reads them back whole: the union (store.union_of_texts), the
on-disk copy, validation's data, and the N-Quads and JSON-LD writers, graph by graph. Loading them into an
in-memory store first took 2.8 CPU s at 1M quads while the mapping workers wanted both cores, and held most of
the build's 1.4 GB. Held, a graph's statements are the distinct lines of its texts in a store's form: the few
whose literal a store writes back otherwise ("01"^^xsd:integer as "1", a date's zone) pass through a small
store, as the union's do. Whatever reads the store itself loads the held text first (KnowledgeGraph.store), so a
reader not written for held text still gets the same answer, only later.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pyoxigraph as ox

try:  # one pass over the texts without the GIL (osce_kg/_native.c), optional
    from osce_kg import _native
except ImportError:
    _native = None


class HeldQuads:
    """Named graphs held as text: each graph's distinct statements as N-Triples lines, the N-Quads they came as
    not kept (a graph's N-Quads are its lines with the graph term put back, `texts`)."""

    def __init__(self) -> None:
        self.added = 0  # texts held so far
        self._lines: dict[bytes, bytes] = {}  # graph (its N-Quads term) -> its statements, each once
        self._other: dict[bytes, bytes] = {}  # graph -> those of them a store may write otherwise, not yet settled
        self._sizes: dict[bytes, int] = {}  # graph -> its statements, once settled and counted
        self._lock = threading.Lock()  # the dicts above
        self._settling = threading.Lock()  # one thread settles the lines set apart (`_settle`), outside `_lock`

    def add(self, text: bytes, graph: bytes | None = None) -> bool:
        """Hold N-Quads `text` this project serialised, every line of one named graph (`graph`, its N-Quads term;
        else the first line's). False, holding nothing, for any other text: a blank node (a store gives it
        another label), a line of another graph or of the default graph."""
        if not text:
            return True
        if b"_:" in text or not text.endswith(b"\n"):
            return False
        if graph is None:
            first = text[:text.find(b"\n") + 1]
            at = first.rfind(b" <", 0, len(first) - 3)
            if at < 0:
                return False
            graph = first[at + 1:len(first) - 3]
        with self._lock:
            before = [self._lines.get(graph, b""), self._other.get(graph, b"")]
        try:  # the graph's distinct triples; a line of another graph, or of the default graph, is refused here
            kept, other = graph_lines(before, text, graph)
        except ValueError:
            return False
        with self._lock:
            self._lines[graph] = kept
            self._sizes.pop(graph, None)
            if other:
                self._other[graph] = other
            else:
                self._other.pop(graph, None)
            self.added += 1
        return True

    def graphs(self) -> list[bytes]:
        """The graphs held (N-Quads terms), in the order first added."""
        with self._lock:
            return list(self._lines)

    def has(self, graph: bytes) -> bool:
        with self._lock:
            return graph in self._lines

    def ntriples(self, graph: bytes) -> bytes:
        """One graph's statements as N-Triples lines, each once, as a store would dump them (the order aside)."""
        while True:
            self._settle()
            with self._lock:
                if graph not in self._other:  # (a text added to it meanwhile: settled again)
                    return self._lines.get(graph, b"")

    def sizes(self) -> dict[bytes, int]:
        """graph -> its statements."""
        while True:
            self._settle()
            with self._lock:
                if not self._other:
                    break
        with self._lock:
            uncounted = [graph for graph in self._lines if graph not in self._sizes]
            for graph, n in zip(uncounted, count_lines([self._lines[g] for g in uncounted]), strict=True):
                self._sizes[graph] = n
            return {graph: self._sizes[graph] for graph in self._lines}

    def texts(self) -> tuple[list[bytes], Iterator[bytes]]:
        """What is held now, for a union and a copy made of it later: every graph's N-Triples (a triple may come
        in several, a literal not yet in a store's form), and its N-Quads, one graph after the other as the
        iterator asks (no second copy of everything in memory)."""
        with self._lock:
            held = [(graph, self._lines[graph], self._other.get(graph, b"")) for graph in self._lines]
        ntriples = [text for _, lines, other in held for text in (lines, other) if text]

        def nquads() -> Iterator[bytes]:
            for graph, lines, other in held:
                yield with_graph(lines + other, graph)

        return ntriples, nquads()

    def subject_lines(self, subjects: list[bytes], graph: bytes | None = None) -> bytes:
        """The held statements whose subject is one of `subjects` (N-Triples terms), as N-Quads lines (a literal
        not yet in a store's form, maybe), of one graph when `graph` is given."""
        with self._lock:
            graphs = [g for g in ([graph] if graph else self._lines) if g in self._lines]
            texts = [text for g in graphs for text in (self._lines[g], self._other.get(g, b""))]  # not joined: no copy
        if _native is not None:
            found = _native.subject_lines(texts, subjects)
        else:
            wanted = set(subjects)
            found = [b"".join(line for line in text.splitlines(keepends=True) if line.split(b" ", 1)[0] in wanted)
                     for text in texts]
        return b"".join(with_graph(found[2 * n] + found[2 * n + 1], g) for n, g in enumerate(graphs)
                        if found[2 * n] or found[2 * n + 1])

    def _settle(self) -> None:
        """The lines a store may write otherwise, in its form: all graphs' through one small store, while the
        other graphs stay readable."""
        with self._settling:
            with self._lock:
                pending = dict(self._other)
                lines = {graph: self._lines[graph] for graph in pending}
            if not pending:
                return
            scratch = ox.Store()
            scratch.bulk_load(b"".join(with_graph(other, graph) for graph, other in pending.items()),
                              format=ox.RdfFormat.N_QUADS, lenient=True)
            settled = {}
            for graph in pending:
                canonical = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph[1:-1].decode()))
                # a line that is now as a store writes it ("01" as "1") may be one the graph has already
                if union_lines([canonical], False)[0]:
                    kept, again = union_lines([lines[graph], canonical], False)
                    settled[graph] = kept + again
                else:
                    settled[graph] = lines[graph] + canonical
            with self._lock:
                for graph, text in settled.items():
                    if self._other.get(graph) is pending[graph] and self._lines.get(graph) is lines[graph]:
                        self._lines[graph] = text  # else a text was added to it meanwhile: settled next time
                        del self._other[graph]
                        self._sizes.pop(graph, None)


def graph_lines(before: list[bytes], text: bytes, graph: bytes) -> tuple[bytes, bytes]:
    """_native.graph_lines (see there), in C where it is built: `union_lines` of N-Triples `before` and of
    N-Quads `text`, every line of which must be of `graph` (ValueError otherwise)."""
    if _native is not None:
        return _native.graph_lines([*before, text], graph)
    suffix = b" " + graph + b" .\n"
    # " .\n" ends a line and nothing else (a literal holds no raw newline): every line ends with this graph
    if text.count(suffix) != text.count(b"\n") or not text.endswith(b"\n"):
        raise ValueError(f"not an N-Quads line of {graph.decode()}")
    return union_lines([*before, text.replace(suffix, b" .\n")], False)


def count_lines(texts: list[bytes]) -> list[int]:
    return _native.count_lines(texts) if _native is not None else [text.count(b"\n") for text in texts]


def with_graph(ntriples: bytes, graph: bytes) -> bytes:
    """N-Triples lines as N-Quads lines of `graph` (an N-Quads term)."""
    if _native is not None:
        return _native.with_graph(ntriples, graph)
    return ntriples.replace(b" .\n", b" " + graph + b" .\n")


_XSD = "<http://www.w3.org/2001/XMLSchema#"
_KEPT_LITERAL = re.compile(rb'"(?:@[^A-Z]*|\^\^(?!' + re.escape(_XSD.encode()) + rb')<[^>]*>|\^\^'
                           + re.escape(_XSD.encode()) + rb'(?:anyURI>|integer>))?\Z')
_CANONICAL_INTEGER = re.compile(rb'(?:0|-?[1-9][0-9]{0,17})\Z')


def _kept_as_written(term: bytes) -> bool:
    """_native.c's kept_as_written: whether a store writes this object term back as it stands."""
    if not term.startswith(b'"'):
        return True
    close = term.rfind(b'"')
    if not _KEPT_LITERAL.match(term, close):
        return False
    return not term.endswith(b"#integer>") or _CANONICAL_INTEGER.match(term[1:close]) is not None


def union_lines(texts: list[bytes], quads: bool) -> tuple[bytes, bytes]:
    """_native.union_lines (see there), in C where it is built."""
    if _native is not None:
        return _native.union_lines(texts, quads)
    kept: dict[bytes, None] = {}
    other: dict[bytes, None] = {}
    for text in texts:
        for line in text.splitlines():
            if not line:
                continue
            if not line.endswith(b" .") or line.count(b" ") < 3:
                raise ValueError("not an N-Triples line: 'subject predicate object .' expected")
            triple = line[:-2]
            if quads:  # without its graph term, three terms still
                triple = triple[:triple.rindex(b" ")]
            if triple in kept or triple in other:
                continue
            terms = triple.split(b" ", 2)
            if len(terms) < 3 or not terms[2]:
                raise ValueError("not an N-Triples line: 'subject predicate object .' expected")
            term = terms[2]
            (kept if _kept_as_written(term) else other)[triple] = None
    return b"".join(t + b" .\n" for t in kept), b"".join(t + b" .\n" for t in other)
