"""A rebuild's N-Quads file spliced from the previous build's: unchanged page graphs are copied as bytes.

The N-Quads exporter (osce_kg/export/nquads.py) writes graph after graph in the canonical order (the named
graphs sorted by their N-Quads term, the build's and the dataset description's last), each graph's lines sorted,
nothing else: the file is the concatenation
of one block per graph, and a graph's block is what the exporter writes for that graph alone. After writing
the file, `index` finds each block (a line ends with its graph term, and a literal holds no raw newline) and
checks that the blocks tile the whole file; the index goes into the store manifest (osce_kg/incremental.py)
with the build node and time the file names and a digest of the osce_kg code (the exporters included) and
pyoxigraph.

A rebuild (`splice`) writes each graph of the new store in the same order: a kept page graph (its digest the
same in both builds, osce_kg/page_cache.py) is the previous block as it is (a page graph names nothing of the
build); every other graph (changed and new pages, registry, build and dataset graphs) is written by the
exporter itself. Anything unexpected (no index, another code digest, a default graph of its own, a copied block
that is not what the exporter writes) writes the file whole.
"""

from __future__ import annotations

import io
import json
import mmap
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from osce_kg.export import exporter_for
from osce_kg.export.base import SharedDumps, Statements, _native, graph_order, write_chunks
from osce_kg.store import KnowledgeGraph

OUTPUTS = "outputs"  # the store manifest's entry holding each spliced format's index
FORMAT = 1


def _code() -> str:
    from osce_kg.page_cache import mapper_version

    return mapper_version()


@dataclass(frozen=True)
class Joining:
    """Graphs on their way into the store while a file is spliced (a rebuild's dataset description, joining the
    store in a thread: osce_kg/build.py): in the file's graph order from the start; `wait` returns once they are
    in the store (before anything reads the store whole). Their text is in the splices' `dumps` already, or, with
    `texts`, not yet made: `texts()` waits for it (graph -> N-Triples), and the splice writes every byte before
    them meanwhile (`Later`)."""

    graphs: frozenset
    wait: Callable[[], object]
    texts: Callable[[], dict] | None = None
    # the files' graph order (`_graph_order`), worked out once for every splice that shares this (thread-safe)
    order: Callable[[], list | None] | None = None


class NotSpliced(Exception):
    """A splice found, once writing, that the file cannot be spliced after all (a JSON-LD graph object that
    changes the document's context): the file is written whole."""


class Later:
    """Bytes of a spliced file made once they are needed (a joining graph's block, when its text comes: see
    Joining), by the first of the file's writer and its hasher to ask."""

    def __init__(self, make: Callable[[], bytes]):
        import threading

        self._make, self._lock, self._value = make, threading.Lock(), None

    def result(self) -> bytes:
        with self._lock:
            if self._value is None:
                self._value = self._make()
        return self._value


def _late(joining: Joining | None, graph: ox.NamedNode) -> bool:
    """Whether `graph`'s block waits for its text (Joining.texts)."""
    return joining is not None and joining.texts is not None and graph in joining.graphs


def _graph_order(kg: KnowledgeGraph, joining: Joining | None = None) -> list[ox.NamedNode] | None:
    if joining is not None and joining.order is not None:
        return joining.order()
    graphs = kg.dataset_graphs()
    if joining is not None:  # in the store or not yet, as the other thread goes: the same order
        graphs = list({*graphs, *joining.graphs})
    if any(not isinstance(g, ox.NamedNode) for g in graphs):
        return None  # a default graph of its own or blank graph names: not spliced
    return graph_order(graphs)


def _indexed(build_iri: str, when: str, size: int, **more) -> dict:
    """An output file's index, as the store manifest keeps it: what wrote it, for which build, its size."""
    return {"format": FORMAT, "code": _code(), "build": build_iri, "time": when, "size": size, **more}


def _blocks_written(order: list[ox.NamedNode], written: list, first: int, gap: int,
                    end: int) -> list[list] | None:
    """The blocks a writer recorded as it wrote the file (Statements.written), when they are the graphs of
    `order` that have statements, in that order, the first at byte `first`, each `gap` bytes after the one
    before, the last ending at byte `end`; else None."""
    terms = {str(g).encode(): g for g in order}
    position = {g: n for n, g in enumerate(order)}
    blocks: list[list] = []
    at, last = first, -1
    for term, start, size in written:
        graph = terms.get(term)
        if graph is None or position[graph] <= last or start != at or size <= 0:
            return None
        blocks.append([graph.value, start, size])
        at, last = start + size + gap, position[graph]
    return blocks if blocks and at - gap == end else None


def index(path: Path, kg: KnowledgeGraph, build_iri: str, when: str, written: list | None = None) -> dict | None:
    """The blocks of the N-Quads file at `path` (written from `kg`), or None when it is not laid out as expected.
    `written`: the blocks the writer recorded (Statements.written), checked against the file's size instead of
    reading it back (220 MB at 1M quads: 0.4 s)."""
    order = _graph_order(kg)
    if order is None:
        return None
    if written is not None:
        size = Path(path).stat().st_size
        blocks = _blocks_written(order, written, 0, 0, size)
        return None if blocks is None else _indexed(build_iri, when, size, blocks=blocks)
    data = Path(path).read_bytes()
    blocks: list[list] = []
    at = 0
    for n, graph in enumerate(order):
        suffix = f" {graph} .\n".encode()
        # the block ends where the first line of a later graph starts (or at the end of the file)
        end = len(data)
        for later in order[n + 1:]:
            first = data.find(f" {later} .\n".encode(), at)
            if first >= 0:
                end = data.rfind(b"\n", at, first) + 1
                break
        if end == at:
            continue  # an empty graph writes nothing
        if not data[at:end].endswith(suffix) or not data[at:data.find(b"\n", at) + 1].endswith(suffix):
            return None
        blocks.append([graph.value, at, end - at])
        at = end
    if at != len(data):
        return None
    return _indexed(build_iri, when, len(data), blocks=blocks)


def _previous_index(previous: Path, name: str, fmt: str = "nquads") -> dict | None:
    from osce_kg.incremental import _read_manifest

    manifest = _read_manifest(previous)
    outputs = manifest.get(OUTPUTS) if manifest else None
    found = outputs.get(fmt) if isinstance(outputs, dict) else None
    try:
        size = (previous / name).stat().st_size
    except OSError:
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT or found.get("code") != _code() \
            or found.get("size") != size:
        return None
    return found


def write_nquads(path: Path, kg: KnowledgeGraph, build_iri: str, digests: dict[str, str] | None,
                 previous: Path | None, dumps: dict | None = None,
                 shared: SharedDumps | None = None, joining: Joining | None = None,
                 hashed: Callable[[Path, int, str, list], object] | None = None,
                 whole: bool = True) -> tuple[bool, dict | None]:
    """Write the build's N-Quads file at `path`, spliced from the previous build's when it can be, else by the
    exporter (unless not `whole`: then nothing is written); (whether it was spliced, its index for the store
    manifest when the page digests are known).
    `dumps`: graph -> its N-Triples, shared by the splices of one build (each graph read once); `shared`: the
    same for the exporter, when it writes the whole file; `joining`: graphs not yet in the store (see Joining);
    `hashed(path, size, sha256, states)`: told the spliced file's checksum (and its hash's kept states), worked
    out as it was written."""
    return _write("nquads", splice, index, path, kg, build_iri, digests, previous, dumps, shared, joining, hashed,
                  whole)


def _write(fmt: str, splicer, indexer, path: Path, kg: KnowledgeGraph, build_iri: str,
           digests: dict[str, str] | None, previous: Path | None, dumps: dict | None,
           shared: SharedDumps | None = None, joining: Joining | None = None,
           hashed: Callable[[Path, int, str, list], object] | None = None,
           whole: bool = True) -> tuple[bool, dict | None]:
    """`write_nquads` for format `fmt`, with its splicer and indexer."""
    from osce_kg.incremental import _read_manifest, build_started

    path = Path(path)
    if joining is not None and joining.texts is None \
            and (dumps is None or any(g not in dumps for g in joining.graphs)):
        joining.wait()  # a joining graph's text is not at hand: read from the store once it is there
        joining = None
    when = build_started(kg, build_iri)
    found = None
    if when is not None and digests is not None and previous is not None:
        manifest = _read_manifest(previous)
        if manifest is not None:
            kept = {g for g, d in digests.items() if manifest["graphs"].get(g) == d}
            try:
                found = splicer(path, kg, previous, kept, manifest["build"], build_iri, when,
                                {} if dumps is None else dumps, joining)
            except NotSpliced:
                found = None  # nothing left behind: the splice writes its file atomically
    if found is None:
        if not whole:
            return False, None
        if joining is not None:
            joining.wait()  # the whole file from the store: every graph in it first
        written: list = []  # the blocks, as the writer lays them out: the index without reading the file back
        exporter_for(fmt).write_graph(kg, path, shared, written)
        if when is not None and digests is not None:
            found = indexer(path, kg, build_iri, when, written)
    else:
        sha256 = found.pop("sha256")
        if hashed is not None:
            hashed(path, found["size"], sha256, found["states"])
        found = {"format": FORMAT, "code": _code(), "build": build_iri, "time": when, **found}
    return found is not None and "spliced" in found, found


def splice(path: Path, kg: KnowledgeGraph, previous: Path, kept: set[str], previous_build: str, build_iri: str,
           when: str, dumps: dict, joining: Joining | None = None) -> dict | None:
    """Write the N-Quads file at `path` from the previous build's (see the module docstring) and return its
    blocks; None (nothing written) when the previous file cannot be used."""
    name = Path(path).name
    order = _graph_order(kg, joining)
    old_index = _previous_index(previous, name)
    if order is None or old_index is None or old_index["build"] != previous_build:
        return None
    blocks = {g: (at, size) for g, at, size in old_index["blocks"]}
    exporter = exporter_for("nquads")

    def block(graph: ox.NamedNode, texts: dict | None = None) -> bytes:
        fresh = io.BytesIO()
        exporter.dump(_statements(kg, graph, dumps) if texts is None else _text_statements(graph, texts), fresh)
        return fresh.getvalue()

    # (graph, its range in the previous file, or None: written by the exporter)
    pieces = [(graph, blocks.get(graph.value) if graph.value in kept else None) for graph in order]
    with open(previous / name, "rb") as old:
        # one copied block (the smallest) against the exporter's own: the layout is still the one indexed
        probe = min(((where[1], graph.value, graph) for graph, where in pieces if where is not None),
                    key=lambda found: found[:2], default=None)
        if probe is not None and block(probe[2]) != os.pread(old.fileno(), probe[0], blocks[probe[1]][0]):
            return None
        # the file: the exporter's bytes (made now, or Later), and ranges of the previous file; and the graphs each
        # part holds, with their sizes (a Later one's known once written)
        parts: list[bytes | tuple[int, int] | Later] = []
        holds: list[list[tuple[str, int, int | None]]] = []  # (graph, where its block starts in the part, size)
        for run in _runs(pieces):
            if isinstance(run[0][1], tuple):  # kept graphs, one after the other in the previous file too
                first, last = run[0][1], run[-1][1]
                parts.append((first[0], last[0] + last[1] - first[0]))
                holds.append([(graph.value, start - first[0], size) for graph, (start, size) in run])
                continue
            graph = run[0][0]
            if _late(joining, graph):
                parts.append(Later(lambda graph=graph: block(graph, joining.texts())))
                holds.append([(graph.value, 0, None)])
                continue
            fresh = block(graph)
            if fresh:
                parts.append(fresh)
                holds.append([(graph.value, 0, len(fresh))])
        size, sha256, states = write_parts(path, old, parts, old_index.get("states"))
    spliced = sum(1 for _, where in pieces if where is not None)
    return {"size": size, "blocks": _blocks_of(parts, holds), "spliced": spliced, "sha256": sha256,
            "states": states}


def _text_statements(graph: ox.NamedNode, texts: dict) -> Statements:
    """A joining graph's statements, from its text (Joining.texts)."""
    return Statements([graph], lambda g: texts[g], distinct=True)


def _shared_prefix(old: BinaryIO, parts: list[bytes | tuple[int, int]]) -> int:
    """How many first bytes the file `parts` make has in common with `old` (the parts that are what `old` holds
    at the same place: its own ranges where they were, small bytes equal to its own)."""
    at = 0
    for part in parts:
        if isinstance(part, bytes):
            if len(part) > 1 << 16 or os.pread(old.fileno(), len(part), at) != part:
                break
            at += len(part)
        elif isinstance(part, tuple) and part[0] == at:
            at += part[1]
        else:
            break
    return at


def write_parts(path: Path, old: BinaryIO, parts: list[bytes | tuple[int, int] | Later],
                states: list | None = None) -> tuple[int, str, list]:
    """Write the file at `path` (atomically) as `parts` one after the other: bytes (or `Later` bytes), or
    (offset, length) ranges of the file `old`, copied in the kernel (`copy_range`); its size, SHA-256 and kept
    states (osce_kg/checksum.py), worked out in a thread as it is written from the same bytes (the ranges read
    again from `old`, in the page cache): the checksum is ready when the file is, not after it is read back.
    `states`: `old`'s kept states: the checksum resumes from the last one within the bytes the two files share
    (a rebuild's N-Quads file at 1M quads: 220 MB hashed in 0.15 s, half of that on average)."""
    import threading

    from osce_kg.checksum import Sha256, resumable, resume_point

    start = resume_point(states, _shared_prefix(old, parts)) if states and resumable() else None
    digest, failed = Sha256(start), []
    carried = [s for s in states if s[0] <= start[0]] if start is not None else []
    skip = start[0] if start is not None else 0  # bytes already in the resumed state

    buffer = bytearray(1 << 22)

    def hash_parts() -> None:
        try:
            at = 0
            for part in parts:
                if isinstance(part, Later):  # after every shared byte: nothing of it skipped
                    part = part.result()
                size = len(part) if isinstance(part, bytes) else part[1]
                if at + size <= skip:
                    at += size
                    continue
                cut = max(0, skip - at)  # the part's bytes already hashed
                at += size
                if isinstance(part, bytes):
                    digest.update(part[cut:])
                    continue
                hash_range(digest, old, part[0] + cut, part[1] - cut, buffer)  # leaves the GIL for each chunk
        except BaseException as exc:  # noqa: BLE001 (raised again by the writer's thread below)
            failed.append(exc)

    hasher = threading.Thread(target=hash_parts, name="splice-sha256", daemon=True)
    hasher.start()

    def write(out: BinaryIO) -> None:
        for part in parts:
            if isinstance(part, Later):
                out.write(part.result())
            elif isinstance(part, bytes):
                out.write(part)
            else:
                copy_range(old, out, *part)

    try:
        write_chunks(path, write)
    finally:
        hasher.join()
    if failed:
        raise failed[0]
    size = sum(len(p.result()) if isinstance(p, Later) else len(p) if isinstance(p, bytes) else p[1] for p in parts)
    return size, digest.hexdigest(), carried + digest.states


def _statements(kg: KnowledgeGraph, graph: ox.NamedNode, dumps: dict) -> Statements:
    """One graph's statements, its N-Triples dump kept in `dumps` for the build's next writer (the N-Quads
    and JSON-LD splices write the same graphs: the dataset description alone is 20,000 quads at 1M)."""
    def dump(g: ox.NamedNode) -> bytes:
        found = dumps.get(g)
        if found is None:
            found = dumps[g] = kg.graph_ntriples(g)
        return found

    return Statements([graph], dump, distinct=True)


def _runs(pieces: list[tuple], gap: int = 0) -> list[list]:
    """`pieces` ((name, its (offset, size) in the previous file, or what writes it)) in groups: each written
    piece alone, and kept pieces that follow each other in the previous file, `gap` bytes apart (one range to
    copy, the bytes between them included)."""
    runs: list[list] = []
    for piece in pieces:
        where = piece[1] if isinstance(piece[1], tuple) else None
        last = runs[-1][-1][1] if runs else None
        if where is not None and isinstance(last, tuple) and last[0] + last[1] + gap == where[0]:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def copy_range(source: BinaryIO, out: BinaryIO, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `out`: in the kernel where it can (copy_file_range,
    no trip through Python; with the C core, the whole loop without the GIL), else read and written."""
    out.flush()
    done = 0
    if _native is not None:  # the whole loop without the GIL (the copy runs in a thread beside Python work)
        done = _native.copy_range(source.fileno(), out.fileno(), offset, length, _WRITEBACK_STEP)
    copy = getattr(os, "copy_file_range", None) if done < length else None
    at = os.lseek(out.fileno(), 0, os.SEEK_CUR) - done if copy is not None else 0  # where the range starts in out
    while copy is not None and done < length:
        try:
            step = copy(source.fileno(), out.fileno(), min(length - done, _WRITEBACK_STEP), offset + done)
        except OSError:  # another file system, an old kernel: the plain way for the rest
            break
        if step == 0:
            break
        _start_writeback(out.fileno(), at + done, step)
        done += step
    for data in _chunks(source, offset + done, length - done, 1 << 24):
        out.write(data)


_WRITEBACK_STEP = 1 << 24  # bytes copied between two writebacks begun


def _sync_file_range() -> Callable[[int, int, int, int], int] | None:
    """libc's sync_file_range (Linux), or None."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


_SYNC_FILE_RANGE = _sync_file_range()


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Begin writing a range just copied to disk, without waiting (SYNC_FILE_RANGE_WRITE): the fsync before the
    output set's swap then finds it there. Left to that fsync, the 220 MB of N-Quads a rebuild copies at 1M
    took 0.09 s of it; begun as they are copied, 0.015 s."""
    if _SYNC_FILE_RANGE is not None:
        _SYNC_FILE_RANGE(fd, offset, length, 2)  # a failure only leaves the work to the fsync


def hash_range(digest, source: BinaryIO, offset: int, length: int, buffer: bytearray) -> None:
    """Hash `length` bytes of `source` from `offset` (checksum.Sha256.update_file); OSError when it is shorter."""
    try:
        digest.update_file(source.fileno(), offset, length, buffer)
    except OSError as exc:
        raise OSError(f"{source.name}: {exc}") from None


def _chunks(source: BinaryIO, offset: int, length: int, size: int) -> Iterator[bytes]:
    """`length` bytes of `source` from `offset`, read `size` at most at a time; OSError when it is shorter."""
    while length > 0:
        data = os.pread(source.fileno(), min(length, size), offset)
        if not data:
            raise OSError(f"{source.name}: shorter than its index says")
        yield data
        offset, length = offset + len(data), length - len(data)


# -- JSON-LD --------------------------------------------------------------------------------------------
# The JSON-LD exporter (osce_kg/export/jsonld.py) writes a header (the context, then `"@graph": [`), one
# graph object per named graph in the same canonical order (`{"@id": <graph>, "@graph": [` ... `]}`), joined by
# ",\n" after a first "\n", and a footer. A graph object is what the exporter writes between that header and
# footer for the graph alone, as long as no graph makes the exporter leave a prefix out of the context (then
# the header differs and nothing is spliced). A kept page graph's object is copied as it is.

_FOOTER = b"\n]}\n"


def _jsonld_doc(statements: Statements) -> bytes:
    import io

    out = io.BytesIO()
    exporter_for("jsonld").dump(statements, out)
    return out.getvalue()


def _jsonld_header() -> bytes:
    empty = _jsonld_doc(Statements.of_quads([]))
    return empty[:-len(_FOOTER)]


def _marker(graph: ox.NamedNode) -> bytes:
    return b'{"@id": ' + json.dumps(graph.value).encode() + b', "@graph": [\n'


def jsonld_index(path: Path, kg: KnowledgeGraph, build_iri: str, when: str, written: list | None = None) -> dict | None:
    """The graph objects of the JSON-LD file at `path` (written from `kg`), or None when it is not laid out
    as expected (see above). `written`: as `index`'s (only the file's header and footer are read)."""
    order = _graph_order(kg)
    if order is None:
        return None
    header = _jsonld_header()
    if written is not None:
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            head, foot = os.pread(fh.fileno(), len(header), 0), os.pread(fh.fileno(), len(_FOOTER), size - len(_FOOTER))
        if head != header or foot != _FOOTER:
            return None
        blocks = _blocks_written(order, written, len(header) + 1, 2, size - len(_FOOTER))  # "\n" first, then ",\n"
        return None if blocks is None else _indexed(build_iri, when, size, blocks=blocks)
    data = Path(path).read_bytes()
    if not data.startswith(header) or not data.endswith(_FOOTER):
        return None
    present, found = [], len(header)
    for graph in order:  # each searched from where the one before starts: one pass over the file, not one per graph
        start = data.find(_marker(graph), found)
        if start >= 0:
            present.append(graph)
            found = start
    blocks: list[list] = []
    at = len(header)
    for n, graph in enumerate(present):
        separator = b"\n" if n == 0 else b",\n"
        if not data.startswith(separator + _marker(graph), at):
            return None
        start = at + len(separator)
        if n + 1 < len(present):
            end = data.find(b",\n" + _marker(present[n + 1]), start)
            if end < 0:
                return None
        else:
            end = len(data) - len(_FOOTER)
        blocks.append([graph.value, start, end - start])
        at = end
    if at != len(data) - len(_FOOTER) or not present:
        return None
    return _indexed(build_iri, when, len(data), blocks=blocks)


def write_jsonld(path: Path, kg: KnowledgeGraph, build_iri: str, digests: dict[str, str] | None,
                 previous: Path | None, dumps: dict | None = None,
                 shared: SharedDumps | None = None, joining: Joining | None = None,
                 hashed: Callable[[Path, int, str, list], object] | None = None,
                 whole: bool = True) -> tuple[bool, dict | None]:
    """Like `write_nquads`, for the JSON-LD file."""
    return _write("jsonld", _splice_jsonld, jsonld_index, path, kg, build_iri, digests, previous, dumps, shared,
                  joining, hashed, whole)


def _fresh_jsonld(kg: KnowledgeGraph, graph: ox.NamedNode, header: bytes, dumps: dict) -> bytes | None:
    """The graph object the exporter writes for `graph`, or None when that document has another header."""
    doc = _jsonld_doc(_statements(kg, graph, dumps))
    if not doc.startswith(header + b"\n") or not doc.endswith(_FOOTER):
        return None
    return doc[len(header) + 1:-len(_FOOTER)]


def _splice_jsonld(path: Path, kg: KnowledgeGraph, previous: Path, kept: set[str], previous_build: str,
                   build_iri: str, when: str, dumps: dict, joining: Joining | None = None) -> dict | None:
    name = Path(path).name
    order = _graph_order(kg, joining)
    old_index = _previous_index(previous, name, "jsonld")
    if order is None or old_index is None or old_index.get("build") != previous_build:
        return None
    blocks = {g: (at, n) for g, at, n in old_index["blocks"]}
    header = _jsonld_header()
    with open(previous / name, "rb") as old:
        if os.pread(old.fileno(), len(header), 0) != header:
            return None
        # (graph, its object's bytes, its range in the previous file, or the graph itself: its object made Later)
        pieces: list[tuple[str, bytes | tuple[int, int] | ox.NamedNode]] = []
        for graph in order:
            where = blocks.get(graph.value) if graph.value in kept else None
            if where is not None:
                pieces.append((graph.value, where))
            elif _late(joining, graph):
                pieces.append((graph.value, graph))
            else:
                piece = _fresh_jsonld(kg, graph, header, dumps)
                if piece is None:
                    return None  # this graph changes the context: the whole document is written again
                if piece:
                    pieces.append((graph.value, piece))
        if not pieces:
            return None
        # one copied graph object (the smallest) against the exporter's own: the layout is still the one read above
        probe = min(((where[1], graph) for graph, where in pieces if isinstance(where, tuple)), default=None)
        if probe is not None and os.pread(old.fileno(), probe[0], blocks[probe[1]][0]) \
                != _fresh_jsonld(kg, ox.NamedNode(probe[1]), header, dumps):
            return None
        parts: list[bytes | tuple[int, int] | Later] = [header]
        holds: list[list[tuple[str, int, int | None]]] = [[]]  # (graph, where its object starts in the part, size)
        # kept graph objects that follow each other in the previous file: one range, their ",\n" in it
        for k, run in enumerate(_runs(pieces, gap=len(b",\n"))):
            separator = b"\n" if k == 0 else b",\n"
            piece = run[0][1]
            if isinstance(piece, ox.NamedNode):  # its separator with it: none when the graph turns out empty
                parts.append(Later(lambda graph=piece, separator=separator:
                                   _late_jsonld(graph, joining.texts(), header, separator)))
                holds.append([(run[0][0], len(separator), None)])
                continue
            parts.append(separator)
            holds.append([])
            if isinstance(piece, bytes):
                parts.append(piece)
                holds.append([(run[0][0], 0, len(piece))])
                continue
            first, last = piece, run[-1][1]
            parts.append((first[0], last[0] + last[1] - first[0]))
            holds.append([(graph, start - first[0], size) for graph, (start, size) in run])
        parts.append(_FOOTER)
        holds.append([])
        size, sha256, states = write_parts(path, old, parts, old_index.get("states"))
    spliced = sum(1 for _, piece in pieces if isinstance(piece, tuple))
    return {"size": size, "blocks": _blocks_of(parts, holds), "spliced": spliced, "sha256": sha256,
            "states": states}


def _late_jsonld(graph: ox.NamedNode, texts: dict, header: bytes, separator: bytes) -> bytes:
    """A joining graph's object, after its separator (nothing when the graph is empty)."""
    doc = _jsonld_doc(_text_statements(graph, texts))
    if not doc.startswith(header + b"\n") or not doc.endswith(_FOOTER):
        raise NotSpliced(f"{graph} changes the JSON-LD context")
    piece = doc[len(header) + 1:-len(_FOOTER)]
    return separator + piece if piece else b""


def _blocks_of(parts: list[bytes | tuple[int, int] | Later], holds: list[list[tuple]]) -> list[list]:
    """The index's blocks of a file written as `parts`, each part holding the graphs `holds` says: (graph, where it
    starts in the part, its size; None: the rest of the part, nothing when that is empty)."""
    blocks: list[list] = []
    at = 0
    for part, held in zip(parts, holds, strict=True):
        length = len(part.result()) if isinstance(part, Later) else len(part) if isinstance(part, bytes) else part[1]
        for graph, start, size in held:
            size = length - start if size is None else size
            if size > 0:
                blocks.append([graph, at + start, size])
        at += length
    return blocks


# -- Turtle ---------------------------------------------------------------------------------------------
# The Turtle exporter (osce_kg/export/turtle.py) writes the prefixes, then one block per subject of the union in
# the order of the subjects' N-Triples terms, each block ending " .\n": nothing else does (a literal holds no raw
# newline), so the file splits into its blocks. A rebuild whose fast road knows which subjects' statements
# changed (osce_kg/rebuild.py) writes those subjects' blocks again with the exporter's own code and copies every
# other block from the previous file, the one its index in the store manifest describes (same code, same
# previous build, same size). A file with blank nodes, or another layout, is written whole.

_END = b" .\n"


def turtle_index(path: Path, build_iri: str, when: str, blank_free: bool | None = None) -> dict:
    """The Turtle file's index: its size, and whether no "_:" occurs in it (`blank_free`; looked for in the file
    when not known), which the next splice then need not look for (28 MB at 1M quads: 0.03 s, holding the GIL)."""
    if blank_free is None:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            blank_free = data.find(b"_:") < 0
    return _indexed(build_iri, when, Path(path).stat().st_size, blank_free=blank_free)


def write_turtle(path: Path, kg: KnowledgeGraph, build_iri: str, touched: set | None,
                 previous: Path | None, union_text: bytes | None = None,
                 hashed: Callable[[Path, int, str, list], object] | None = None,
                 known: tuple[set, bytes] | None = None) -> tuple[bool, dict | None]:
    """Write the build's Turtle file at `path`, spliced from the previous build's when the subjects whose
    statements changed (`touched`) are known and the previous file can be used, else by the exporter (from
    `union_text`, the union's N-Triples, repeats allowed, when the build has them at hand); (whether it was
    spliced, its index for the store manifest). `hashed`: as write_nquads'. `known`: (subjects, N-Triples):
    every statement of the union about those subjects, known without reading the store."""
    from osce_kg.incremental import _read_manifest, build_started

    path = Path(path)
    when = build_started(kg, build_iri)
    spliced = False
    if when is not None and touched is not None and previous is not None:
        manifest = _read_manifest(previous)
        found = _previous_index(previous, path.name, "turtle")
        if manifest is not None and found is not None and found.get("build") == manifest["build"]:
            with open(previous / path.name, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as old:
                spliced = _splice_turtle(path, kg, old, touched, found.get("blank_free") is True, fh, hashed, known)
    if not spliced:
        exporter = exporter_for("turtle")
        if union_text is not None:
            exporter.write_union_text(union_text, path)
        else:
            exporter.write_graph(kg, path)
    # a spliced file holds no "_:" (see _splice_turtle)
    return spliced, turtle_index(path, build_iri, when, True if spliced else None) if when is not None else None


def _subject_key(written: bytes, prefixes: dict[bytes, bytes]) -> bytes | None:
    """A block's subject as written (an IRI, or a prefixed name) -> its N-Triples term; None when unknown."""
    if written.startswith(b"<"):
        return written
    prefix, sep, local = written.partition(b":")
    namespace = prefixes.get(prefix) if sep else None
    return b"<" + namespace + local + b">" if namespace is not None else None


def _splice_turtle(path: Path, kg: KnowledgeGraph, old, touched: set, blank_free: bool = False,
                   source: BinaryIO | None = None,
                   hashed: Callable[[Path, int, str, list], object] | None = None,
                   known: tuple[set, bytes] | None = None) -> bool:
    """Write the Turtle file at `path` from the previous one (`old`: its bytes, or an mmap of it): the blocks
    of the `touched` subjects written again, found by bisection (the blocks are sorted by subject), every
    other byte copied in ranges. False (nothing written) when `old` is not laid out as expected, or when it or
    a new block holds "_:" (a blank node's label, or text that looks like one): a spliced file holds none.
    `blank_free`: `old` is known to hold none (its index says so). `source`: the file `old` maps, whose ranges
    are then copied in the kernel and hashed as they are written (`write_parts`), the checksum told `hashed`.
    `known`: as write_turtle's."""
    from osce_kg.export.turtle import SORTED_PREFIXES, TermNames, prefix_lines, write_blocks

    head = prefix_lines()
    if old[:len(head)] != head or old[len(old) - len(_END):] != _END or not blank_free and old.find(b"_:") >= 0:
        return False
    if any(not isinstance(s, ox.NamedNode) for s in touched):
        return False
    default = ox.DefaultGraph()
    known_subjects, known_text = known if known is not None else (set(), b"")
    triples = [q.triple for s in touched if s not in known_subjects
               for q in kg.store.quads_for_pattern(s, None, None, default)]
    from osce_kg.store import STORE_MARK

    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b"") + known_text
    lines = sorted(set(text.splitlines(keepends=True))
                   - {ox.serialize([STORE_MARK.triple], format=ox.RdfFormat.N_TRIPLES)}) if text else []
    rendered = io.BytesIO()
    write_blocks(lines, rendered, TermNames())
    new_blocks = rendered.getvalue().split(_END)[:-1] if lines else []
    keys = list(dict.fromkeys(line[:line.index(b" ")] for line in lines))  # the new blocks' subjects, in order
    if len(keys) != len(new_blocks) or any(b"_:" in block for block in new_blocks):
        return False
    new_of = dict(zip(keys, new_blocks, strict=True))
    prefixes = {p.encode(): ns.encode() for p, ns in SORTED_PREFIXES.items()}
    first, size = len(head), len(old)

    def block_from(at: int) -> int:
        """Where the first block starting at or after `at` starts (`size` if none)."""
        if at <= first:
            return first
        end = old.find(_END, at - len(_END))
        return size if end < 0 else end + len(_END)

    def key_at(start: int) -> bytes | None:
        return _subject_key(old[start:old.find(b" ", start)], prefixes)

    def lower_bound(target: bytes) -> int:
        """The start of the first block whose subject sorts at or after `target` (by 'subject ' bytes)."""
        lo, hi = first, size
        while lo < hi:
            mid = (lo + hi) // 2
            start = block_from(mid)
            key = key_at(start) if start < size else None
            if start < size and key is None:
                raise ValueError("a block whose subject is not known")
            if start == size or key + b" " >= target + b" ":
                hi = mid
            else:
                lo = start + 1
        return block_from(lo)

    try:
        # (where copying the old file stops, where it resumes: past the subject's old block if there is one,
        # the subject's new block written between, if any)
        edits = []
        for key in sorted({str(s).encode() for s in touched} | set(new_of), key=lambda k: k + b" "):
            at = lower_bound(key)
            same = at < size and key_at(at) == key
            edits.append((at, old.find(_END, at) + len(_END) if same else at, new_of.get(key)))
    except ValueError:
        return False

    if source is not None:
        parts: list[bytes | tuple[int, int]] = []
        done = 0
        for at, after, block in edits:
            if at > done:
                parts.append((done, at - done))
            if block is not None:
                parts.append(block + _END)
            done = after
        if size > done:
            parts.append((done, size - done))
        written, sha256, states = write_parts(path, source, parts)
        if hashed is not None:
            hashed(path, written, sha256, states)
        return True

    def write(out: BinaryIO) -> None:
        done = 0
        with memoryview(old) as view:  # released even on a failed write: the mmap closes after
            for at, after, block in edits:
                out.write(view[done:at])
                if block is not None:
                    out.write(block + _END)
                done = after
            out.write(view[done:])

    write_chunks(path, write)
    return True
