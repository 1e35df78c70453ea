"""The on-disk store of a rebuild, made from the previous build's store: only the graphs that changed are replaced.

A build with the page cache knows, for each page graph, a digest of its quads (osce_kg/page_cache.py); a page
graph names nothing of the build, so a page that did not change gives the same graph. `save_store` writes those
digests beside the store (store.manifest.json, with the build node, the build time and the store's size). The
next build starts from a checkpoint of that store (RocksDB hard links: no copy) and
- removes the graphs that are gone;
- in a graph of both builds that is not a kept page graph (a changed page, the registry, enrichment, build,
  dataset graphs), removes the quads the build no longer has and adds the new ones: for most of them (the
  registry's) that is nothing;
- adds the new graphs from the build's in-memory graph;
- keeps the derived default graph (the union of the named graphs, osce_kg/store.py) a set: a triple of a
  removed graph leaves it only when no named graph states it any more.
The result holds the same quads as `KnowledgeGraph.save` writes for a clean build. Anything unexpected (no
manifest, a store whose files are not the ones the manifest saw, another layout) falls back to the full save.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path

import orjson
import pyoxigraph as ox

from osce_kg import iri
from osce_kg.store import STORE_MARK, KnowledgeGraph, delete_quads, swap_folder
from osce_kg.vocab import PROV

MANIFEST = "store.manifest.json"
FORMAT = 2  # 2: the store files' fingerprint instead of a count of its quads
REUSE_AT_LEAST = 0.5  # share of the page graphs unchanged for the previous store to be patched


def build_started(graph: KnowledgeGraph, build_iri: str) -> str | None:
    """The build's start time as the store's build graph states it, or None."""
    started = graph.quads_about([ox.NamedNode(build_iri)], PROV.startedAtTime, ox.NamedNode(iri.build_graph()))
    return started[0].object.value if started else None


class ClosingInPlace:
    """A store patched in place (osce_kg/rebuild.py) being marked, flushed and closed in a thread, once nothing
    reads it any more, while the build writes its last files (0.06-0.09 s at 1M); `save_store` takes it."""

    def __init__(self, graph: KnowledgeGraph, build_iri: str, sealed: Future | None = None):
        """`sealed`: `seal` running on the store in another thread, waited for before the store closes."""
        from concurrent.futures import ThreadPoolExecutor

        self.when = build_started(graph, build_iri)  # read before it closes
        self.path = graph.path
        pool = ThreadPoolExecutor(1, thread_name_prefix="store-close")
        self._size = pool.submit(_finish_in_place, graph, sealed)
        pool.shutdown(wait=False)  # its thread ends with the task; `size` waits for it

    def size(self) -> int:
        return self._size.result()


def save_store(graph: KnowledgeGraph, path: Path, build_iri: str, digests: dict[str, str] | None,
               previous: Path | None, extra: dict | None = None,
               closing: ClosingInPlace | None = None) -> tuple[Path, bool]:
    """Write the store at `path` (and its manifest beside it when `digests` are known, with the `extra`
    entries other rebuild shortcuts keep: output indexes, the validation state); True when it was made from
    the previous output folder's store rather than written whole. `closing`: that store, patched in place,
    already closing."""
    path = Path(path)
    manifest_path = path.with_name(MANIFEST)
    reused = False
    # recorded in the manifest, with the build node
    when = closing.when if closing is not None else build_started(graph, build_iri)
    if when is None:
        digests = None
    size = None
    if closing is not None and Path(closing.path).resolve() == path.resolve():
        size = closing.size()
        reused = True
    elif graph.path is not None and Path(graph.path).resolve() == path.resolve():
        size = _finish_in_place(graph)  # the store the fast road patched, already in place (osce_kg/rebuild.py)
        reused = True
    elif digests is not None and previous is not None:
        reused = _update_previous(graph, path, digests, previous)
    if not reused:
        graph.save(path)
        size = graph.saved_size  # a copy begun ahead checks its size against the store: not counted again
    if digests is not None:
        # the in-memory store's size (its union materialised, as on disk): counting RocksDB's takes a scan
        manifest = {"format": FORMAT, "build": build_iri, "time": when,
                    "quads": len(graph.store) if size is None else size,
                    "files": files_fingerprint(path), "graphs": dict(sorted(digests.items())), **(extra or {})}
        tmp = manifest_path.with_name(f".{MANIFEST}.tmp-{os.getpid()}")
        tmp.write_text(_manifest_text(manifest) + "\n", encoding="utf-8")
        os.replace(tmp, manifest_path)
    return path, reused


def _compact(value) -> str:
    # compact, keys sorted, UTF-8 as it is: orjson's text is the standard encoder's (tests/test_incremental_store.py)
    # in a tenth of the time (4 MB at 1M quads: 0.025 s, more beside the splices); the standard one for what orjson
    # does not take (a key that is not a string, an integer past 64 bits)
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class JsonText:
    """A manifest entry's value whose JSON text was made ahead (`of`), written as it is."""

    def __init__(self, text: str):
        self.text = text

    @classmethod
    def of(cls, value) -> JsonText:
        return cls(_compact(value))


def _manifest_text(manifest: dict) -> str:
    """`_compact(manifest)`, the JsonText entries' text as it was made."""
    return "{" + ",".join(f"{_compact(key)}:{value.text if isinstance(value, JsonText) else _compact(value)}"
                          for key, value in sorted(manifest.items())) + "}"


def seal(graph: KnowledgeGraph) -> None:
    """Mark and flush an on-disk store patched in place once nothing more is written to it (readers leave the
    mark out); `_finish_in_place` then only closes it."""
    graph.store.add(STORE_MARK)
    graph.store.flush()


def _finish_in_place(graph: KnowledgeGraph, sealed: Future | None = None) -> int:
    """Mark, flush and close an on-disk store patched in place (after `sealed`, the mark and flush done ahead);
    its size as the manifest counts it (no mark). Closed so that its files no longer change once the manifest has
    their fingerprint."""
    size = len(graph.store) if graph.size is None else graph.size
    if sealed is None:
        seal(graph)
    else:
        sealed.result()
        graph.store.flush()  # nothing, unless something was written since (then not lost with the WAL)
    graph.store = None  # the last reference: RocksDB closes the store
    return size


def files_fingerprint(path: Path) -> str:
    """Names and sizes of the store's RocksDB files (not its info logs or lock): a write to the store since
    the manifest was written (a new table or log file, a longer log) changes it; reading it does not."""
    files = sorted((p.name, p.stat().st_size) for p in Path(path).iterdir()
                   if p.is_file() and not p.name.startswith(("LOG", "LOCK")))
    return hashlib.sha256(repr(files).encode()).hexdigest()


_READ: dict[tuple, dict] = {}  # the last manifest read, under its file's identity (a rebuild reads it many times)


def _read_manifest(previous: Path) -> dict | None:
    """The manifest beside the previous store, or None when it is not one this code can use (callers only read it:
    the same dict is handed out again while the file is the same file)."""
    path = previous / MANIFEST
    try:
        st = path.stat()
        identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)  # one file, as it is (no path resolved)
        if identity in _READ:
            return _READ[identity]
        manifest = orjson.loads(path.read_bytes())  # the standard decoder's dict, 5 MB at 1M in 19 ms, not 25
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None
    if not all(isinstance(manifest.get(k), t) for k, t in
               (("build", str), ("time", str), ("quads", int), ("files", str), ("graphs", dict))):
        return None
    _READ.clear()
    _READ[identity] = manifest
    return manifest


def _update_previous(graph: KnowledgeGraph, path: Path, digests: dict[str, str], previous: Path) -> bool:
    manifest = _patchable(digests, previous)
    if manifest is None:
        return False
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        old = ox.Store.read_only(str(previous / "store"))
        old.backup(str(tmp))
        del old
        disk = ox.Store(str(tmp))
        if next(iter(disk.quads_for_pattern(STORE_MARK.subject, STORE_MARK.predicate, None, ox.DefaultGraph())),
                None) is None:
            return False  # a default graph that is not the derived union: do not patch it
        _patch(disk, graph, manifest, digests)
        disk.flush()
        del disk
    except (OSError, ValueError, SyntaxError):
        shutil.rmtree(tmp, ignore_errors=True)
        return False
    swap_folder(tmp, path)
    return True


def _patch(disk: ox.Store, graph: KnowledgeGraph, manifest: dict, digests: dict[str, str]) -> None:
    before: dict[str, str] = manifest["graphs"]
    kept = {g for g, d in digests.items() if before.get(g) == d}
    new_graphs = set(graph.graphs())
    kept &= new_graphs & {g.value for g in disk.named_graphs() if isinstance(g, ox.NamedNode)}
    removed: set[ox.Triple] = set()  # triples that may leave the union default graph
    added: list[ox.Quad] = []  # one transaction for every quad added
    stale: list[ox.Quad] = []  # quads removed from graphs that stay
    patched: set[str] = set()
    for name in [g for g in disk.named_graphs() if not (isinstance(g, ox.NamedNode) and g.value in kept)]:
        before = {q.triple for q in disk.quads_for_pattern(None, None, None, name)}
        if isinstance(name, ox.NamedNode) and name.value in new_graphs:
            # a graph in both builds (a changed page, the registry, the build graph): only its difference
            after = {q.triple for q in graph.store.quads_for_pattern(None, None, None, name)}
            stale += [ox.Quad(t.subject, t.predicate, t.object, name) for t in before - after]
            added += [ox.Quad(t.subject, t.predicate, t.object, name) for t in after - before]
            removed |= before - after
            patched.add(name.value)
        else:
            removed |= before
            disk.remove_graph(name)
    for name in sorted(new_graphs - kept - patched):
        added += graph.quads(name)
    delete_quads(disk, stale)
    disk.extend(added)
    # the derived union default graph stays the set of the named graphs' triples
    default = ox.DefaultGraph()
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in added}
    gone = [ox.Quad(t.subject, t.predicate, t.object, default) for t in removed - union
            if not any(not isinstance(q.graph_name, ox.DefaultGraph)
                       for q in disk.quads_for_pattern(t.subject, t.predicate, t.object))]
    delete_quads(disk, gone)
    disk.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in union)


def graph_digests(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """Each named graph of `quads` -> a digest of its statements (their sorted N-Triples lines): the registry's and
    enrichment's graphs, which a build compares with the previous build's as it compares page graphs."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    return {g: hashlib.sha256(b"".join(sorted(set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                                                  .splitlines(keepends=True))))).hexdigest()
            for g, triples in by_graph.items()}


def may_patch(digests: dict[str, str] | None, previous: Path | None) -> bool:
    """Whether `save_store` will try to make the store from the previous one (its first, cheap checks), so a
    build that will not can write its store whole early (KnowledgeGraph.start_save)."""
    return digests is not None and previous is not None and _patchable(digests, previous) is not None


def _patchable(digests: dict[str, str], previous: Path) -> dict | None:
    """The previous build's manifest when its store may be patched into this build's, else None."""
    manifest = _read_manifest(previous)
    if manifest is None or not (previous / "store").is_dir():
        return None
    if sum(1 for g, d in digests.items() if manifest["graphs"].get(g) == d) < len(digests) * REUSE_AT_LEAST:
        return None  # most graphs changed (new mapper code, another registry): writing it whole is faster
    try:
        if files_fingerprint(previous / "store") != manifest["files"]:
            return None  # not the store the manifest describes
    except OSError:
        return None
    return manifest
