"""The fast road of a rebuild: start from a checkpoint of the previous build's on-disk store, not from every page.

A build with the page cache records in its store manifest (osce_kg/incremental.py), for each page graph it took
in, the page's display name, its page-cache key (which names everything that decides the page's outcome:
osce_kg/page_cache.py), its URL key and what the build's summary counts of its report. The next build into the
same output folder, when most of its pages have the same key as last time ("kept" pages), neither reads their
cache entries nor loads their quads:
- each kept page's report is the one the previous report.json holds for it (the same key gives the same outcome),
  once that file is the one the manifest recorded (its checksum), parsed only when asked for (KeptReport);
- only the other pages are mapped or read from the cache, into a small in-memory graph with the registry,
  enrichment and build graphs;
- the previous store is checkpointed into the staging folder (RocksDB hard links: no copy) and patched there:
  graphs that are gone are removed, graphs of both builds that are not kept pages get their difference (the
  build graph among them: it names the build), kept page graphs stay as they are (a page graph names nothing of
  the build), new graphs are added, and the derived union default graph stays the set of the named graphs'
  triples. The previous dataset description stays, set aside (`Aside`: no other graph says anything about its
  subjects, so its statements are told from the data's by their subject), until the new one replaces it by the
  difference; when that cannot be checked, it is dropped first and the new one joins whole;
- the rest of the build (validation from the previous results, the writers that splice the previous files, the
  dataset description) reads that store, which ends up holding what a clean build's store holds.

Anything unexpected (no manifest or another layout, a store whose files are not the ones the manifest saw, most
pages changed, a checkpoint or patch that fails) leaves the staging folder as it was and the build takes the
full road. The fast road writes only into the staging folder: a failed or killed build leaves the previous
output set untouched (osce_kg/outputs.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from osce_kg import iri
from osce_kg.incremental import REUSE_AT_LEAST, _read_manifest, files_fingerprint, graph_digests
from osce_kg.mapping import KeptReport, SourceOutcome, take_outcome
from osce_kg.store import BULK_AT_LEAST, STORE_MARK, KnowledgeGraph, delete_quads, without_graphs
from osce_kg.vocab import XSD

PAGES = "pages"  # the store manifest's entry: page graph -> PAGE_ENTRY
# what the next build's fast road needs to keep a page without reading it: which file it was, whether that file is
# the same (the page-cache key), its URL key, and what of its report the build's summary counts (mapping.KeptReport)
PAGE_ENTRY = ("display name", "page-cache key", "URL key", "kind", "language", "warnings")
REPORT = "report"  # the store manifest's entry: report.json's [size, SHA-256]
REPORT_INDEX = "report_index"  # ... and where each source's report is in it: file -> [offset, length]
APART = "description_apart"  # ... and whether no other graph says anything about its description's subjects
# ... and the source files it read: {"limits": repr(Limits), "files": {display name: sources.seen_entry}}
SOURCES = "sources"
REGISTRY = "registry"  # ... and what its registry and enrichment graphs were made from (CacheStats.registry)


def _text_at(data: bytes, at: int, length: int) -> str:
    return data[at:at + length].decode("utf-8")


def page_entry(display_name: str, key: str, outcome: SourceOutcome) -> list:
    """A page's PAGE_ENTRY."""
    report = outcome.report
    return [display_name, key, outcome.url_key, report.kind, report.language, report.warnings]


class FastRoad:
    """One build's attempt at the fast road (see the module docstring); `used` once it produced the result."""

    def __init__(self, options, staging, patched: Callable | None = None, mapped: Callable | None = None,
                 waiting: Callable | None = None):
        """`patched(result)`: told the build's result once the store is patched, before its validation (the
        writing that can begin then begins: osce_kg/build.py); `mapped(graphs, cache stats, build id, previous
        VoID figures)`: told the build's graphs (`BeforePatch`) once its pages are mapped and the previous store
        checkpointed, before it is patched; `waiting(previous manifest, previous description's N-Triples lines)`:
        called while a worker maps the changed pages (this thread would wait for them)."""
        self.options = options
        self.staging = staging
        self.patched = patched
        self.mapped = mapped
        self.waiting = waiting
        self.previous_description: tuple | None = None  # _description_parts of the previous build, read ahead
        self._report_checksum = None  # the previous report.json's SHA-256 being worked out (a Future)
        self._report_recorded: str | None = None  # ... and the one its store manifest recorded
        self.previous = staging.target.resolve() if staging.target.is_dir() else None
        self.used = False
        self.why = ""  # why the full road was taken
        self.old_classes: dict | None = None  # the previous summary's entities_by_class
        self.counted: dict | None = None  # BuildResult.counted
        self.touched: set | None = None  # BuildResult.touched
        self.old_description: set | None = None  # BuildResult.old_description
        self.change: tuple | None = None  # (triples changed in some graph, graphs that came or went)
        self.aside: Aside | None = None  # the previous description, left in the store until the new one replaces it
        self.fixed: set[str] = set()  # registry and enrichment graphs left as the previous build had them
        self.graphs: list | None = None  # the patched store's named graphs (Patched.graphs)

    def run(self, *, sources: list, tasks: list, indices: list[int], cache, registry, build_node: ox.NamedNode,
            when: str, build_id: str, warnings: list[str], started: float, map_pages: Callable,
            build_quads: Callable, make_result: Callable, map_ahead: Callable | None = None):
        """The BuildResult (validated, not yet written), or None: take the full road. From osce_kg/build.py:
        `map_pages(jobs, exit_stack)` maps pages, `map_ahead(jobs, exit_stack)` begins mapping them now (or
        returns None), `build_quads` makes the build graph, `make_result` is BuildResult (handed in: this module
        does not import build.py, which imports it)."""

        options = self.options
        manifest = self._manifest()
        if manifest is None or cache is None:
            return None
        pages: dict = manifest[PAGES]
        by_name = {entry[0]: (graph, entry[1], entry[2]) for graph, entry in pages.items()}
        keys = {n: cache.key(task.source, task.display_name, task.url) for n, task in zip(indices, tasks, strict=True)}
        same = {n for n, task in zip(indices, tasks, strict=True)
                if (entry := by_name.get(task.display_name)) is not None and entry[1] == keys[n]}
        if len(same) < max(1, len(pages)) * REUSE_AT_LEAST:
            self.why = "most pages changed"
            return None
        with ExitStack() as running:
            # the pages whose key changed and that the cache lacks are mapped from here on, in a worker, while
            # this process reads the previous report
            ahead_jobs = [t for n, t in zip(indices, tasks, strict=True)
                          if n not in same and cache.where(keys[n]) is None]
            ahead = map_ahead(ahead_jobs, running) if map_ahead is not None and ahead_jobs else None
            old_reports = self._old_reports(manifest)
            if old_reports is None:
                return None
            kept_outcome: dict[int, SourceOutcome] = {}
            for n, task in zip(indices, tasks, strict=True):
                if n not in same:
                    continue
                graph, _, url_key = by_name[task.display_name]
                found = old_reports.get(task.display_name)
                if found is None or manifest["graphs"].get(graph) is None:
                    continue
                kind, language, warnings = pages[graph][3:]
                kept_outcome[n] = SourceOutcome(KeptReport(task.display_name, graph, kind, language, warnings,
                                                           partial(_text_at, *found)), url_key)
            if len(kept_outcome) < max(1, len(pages)) * REUSE_AT_LEAST:
                self.why = "most pages changed"
                return None

            if ahead is not None:  # what needs not the change, done while the worker maps it
                try:
                    self.previous_description = _description_parts(self.previous)
                except (OSError, ValueError, SyntaxError):
                    pass  # read again with the checkpoint, which takes the full road if it cannot be
                if self.waiting is not None:
                    self.waiting(manifest, self.previous_description[0] if self.previous_description else ())
            delta = KnowledgeGraph()  # every graph but the kept pages'
            misses = [t for n, t in zip(indices, tasks, strict=True) if n not in kept_outcome]
            kept_graphs: set[str] = set()
            blocks: dict[str, tuple[int, int]] = {}  # where each kept page's report is in the previous report.json
            seen_urls: dict[str, str] = {}
            with delta.loader() as load:
                from osce_kg.page_cache import cached_map

                def map_misses(jobs: list) -> Iterator[SourceOutcome]:
                    if ahead is not None and [j.display_name for j in jobs] == [j.display_name for j in ahead_jobs]:
                        return ahead
                    return map_pages(jobs, running)  # another list (an old report unread): mapped again here

                mapped = cached_map(cache, misses, map_misses)
                task_of = dict(zip(indices, tasks, strict=True))
                for n in indices:
                    outcome = kept_outcome.get(n) or next(mapped)
                    if not take_outcome(sources, n, outcome, seen_urls, options.progress):
                        continue
                    graph = outcome.report.graph
                    task = task_of[n]
                    cache.stats.pages[graph] = page_entry(task.display_name, keys[n], outcome)
                    if n in kept_outcome:
                        kept_graphs.add(graph)
                        cache.stats.hits += 1
                        blocks[task.display_name] = old_reports[task.display_name][1:]
                        cache.stats.graphs[graph] = manifest["graphs"][graph]
                    else:
                        cache.accept(task.display_name, graph)
                        load(outcome.nquads)
                cache.flush()  # the generator stops at its last page, before its own flush
        if options.progress and sources:
            options.progress(len(sources), len(sources), None)
        made_from = [cache.context, str(options.cache_dir or "")]
        recorded = manifest.get(REGISTRY)
        if options.registry and isinstance(recorded, list) and len(recorded) == 3 and recorded[:2] == made_from \
                and isinstance(recorded[2], list):
            # the same code, registry files, enrichment cache and settings as the previous build (the page-cache
            # context names them all): the same registry and enrichment graphs, kept as they are, not made again
            # (5,000 pages: 0.03 s); the warnings making them gave, given again
            kept_fixed = {g: d for g, d in manifest["graphs"].items() if g not in pages}
            self.fixed.update(kept_fixed)
            cache.stats.graphs.update(kept_fixed)
            warnings.extend(recorded[2])
            cache.stats.registry = recorded
        elif options.registry:
            from osce_kg.enrich import enrichment_quads
            from osce_kg.reference import registry_quads

            warned = len(warnings)
            fixed = KnowledgeGraph()
            fixed.add_quads(registry_quads(registry))
            fixed.add_quads(enrichment_quads(registry, Path(options.cache_dir) if options.cache_dir else None,
                                             warnings))
            # a graph with the same digest as last time (or, where the previous build recorded none, of the same
            # size: the same registry files and enrichment cache as the kept pages', both in their cache keys) is
            # the same graph, and stays as it is, in the store and in the files; any other is patched
            sizes = _graph_sizes(manifest.get("void"))
            digests = graph_digests(fixed.store)
            for graph in fixed.store.named_graphs():
                quads = list(fixed.store.quads_for_pattern(None, None, None, graph))
                before = manifest["graphs"].get(graph.value)
                if before == digests[graph.value] or before is None and sizes.get(graph.value) == len(quads):
                    self.fixed.add(graph.value)
                else:
                    delta.add_quads(quads)
            cache.stats.graphs.update(digests)
            cache.stats.registry = [*made_from, warnings[warned:]]
        reports = [r for _, _, r in sources]
        delta.add_quads(build_quads(build_node, when))
        if not any(not r.error for r in reports):
            self.why = "no page built"
            return None

        if self._report_checksum is not None and self._report_checksum.result() != self._report_recorded:
            self.why = "the previous report.json is not the one its store manifest recorded"
            return None
        cache.stats.previous = self.previous  # the output folder's current set, which the writers splice from

        def checkpointed() -> None:  # the splices begin once the checkpoint is made (see _checkpoint)
            if self.mapped is not None:
                self.mapped(BeforePatch(delta, kept_graphs | self.fixed, self.previous / "store"), cache.stats,
                            build_id, manifest.get("void"))

        kg = self._checkpoint(delta, kept_graphs, manifest, build_node.value, when, checkpointed)
        if kg is None:
            return None
        self.used = True
        cache.stats.fast = True
        cache.stats.report_blocks = blocks
        result = make_result(graph=kg, sources=reports, build_id=build_id, warnings=warnings, cache=cache.stats,
                             counted=self.counted, touched=self.touched, old_description=self.old_description)
        if options.validate:
            # read here, before validation's thread starts beside this one's Python: reading files, each system
            # call leaves the GIL, and that thread would wait to take it back each time (in a fresh process, 0.1 s)
            from osce_kg.incremental_validation import load_previous

            previous_state = load_previous(self.previous)
        if self.patched is not None:
            self.patched(result)
        if options.validate:
            # in a thread, while the dataset description is made (osce_kg/build.py waits for it before the
            # description replaces the previous one, which validation may have dropped)
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(1, thread_name_prefix="validation")
            validating = pool.submit(self._validate, kg, cache, previous_state)
            pool.shutdown(wait=False)  # its thread ends with the task

            def validated():
                report = validating.result()
                result.aside = self.aside  # after validation, which may have dropped it
                return report

            result.pending_validation = validated
        else:
            result.aside = self.aside
        import time

        result.seconds = time.perf_counter() - started
        return result

    def _validate(self, kg: KnowledgeGraph, cache, previous_state):
        """build._start_validation's report, given the change the patch made (incremental validation need not read it
        again) and the previous build's validation state (incremental_validation.load_previous)."""
        from osce_kg.incremental_validation import validate_rebuild

        report, cache.stats.validation = validate_rebuild(kg, previous_state, cache.stats.graphs,
                                                          self.change, self.aside, lambda: self._drop_aside(kg),
                                                          self.graphs)
        cache.stats.keep_validation = True
        cache.stats.root = cache.root
        return report

    # -- the previous build ----------------------------------------------------------------------------
    def known_sources(self, limits) -> dict[str, list]:
        """The source files the previous build read, by display name (their sources.seen_entry), when it read them
        under the same limits (which decide what is refused); else none."""
        manifest = self._manifest()
        recorded = manifest.get(SOURCES) if manifest is not None else None
        if not isinstance(recorded, dict) or recorded.get("limits") != repr(limits) \
                or not isinstance(recorded.get("files"), dict):
            return {}
        return recorded["files"]

    def _manifest(self) -> dict | None:
        options = self.options
        if self.previous is None or options.infer != "none" or not options.store or not options.page_cache:
            self.why = "no previous build, or a build that keeps no store"
            return None
        manifest = _read_manifest(self.previous)
        if manifest is None or not isinstance(manifest.get(PAGES), dict) or not (self.previous / "store").is_dir():
            self.why = "no previous store manifest with its pages"
            return None
        try:
            if files_fingerprint(self.previous / "store") != manifest["files"]:
                self.why = "the previous store is not the one its manifest describes"
                return None
        except OSError:
            return None
        if not all(isinstance(v, list) and len(v) == len(PAGE_ENTRY) and isinstance(v[5], list)
                   for v in manifest[PAGES].values()):
            self.why = "the previous store manifest's pages are of another layout"
            return None
        return manifest

    def _old_reports(self, manifest: dict) -> dict[str, tuple[bytes, int, int]] | None:
        """Each page's report in the previous report.json, by file: (the file's bytes, where the report's object is
        in them, its length), once its size and checksum are the ones the store manifest recorded with those places
        (no report parsed or even decoded: a KeptReport reads its own when asked); its summary's classes in
        `old_classes`."""
        from osce_kg.json_text import report_head

        recorded, places = manifest.get(REPORT), manifest.get(REPORT_INDEX)
        try:
            data = (self.previous / "report.json").read_bytes()
            if not isinstance(recorded, list) or len(recorded) != 2 or len(data) != recorded[0]:
                self.why = "the previous report.json is not the one its store manifest recorded"
                return None
            # its checksum worked out in a thread (hashlib leaves the GIL: 16 MB at 1M, on the other core while
            # this one reads the previous description), checked before anything is written (`_report_recorded`)
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(1, thread_name_prefix="report-checksum")
            self._report_checksum = pool.submit(lambda: hashlib.sha256(data).hexdigest())
            pool.shutdown(wait=False)  # its thread ends with the task
            self._report_recorded = recorded[1]
        except OSError:
            self.why = "the previous report.json does not read"
            return None
        size = len(data)
        if not isinstance(places, dict) or not all(
                type(v) is list and len(v) == 2 and type(v[0]) is int and type(v[1]) is int and v[0] > 0 and v[1] > 0
                and v[0] + v[1] <= size for v in places.values()):
            self.why = "the previous store manifest does not place report.json's reports"
            return None
        first = min((at for at, _ in places.values()), default=len(data))
        try:
            head = report_head(data[:first].decode("utf-8"))
        except ValueError:
            head = None
        try:
            self.old_classes = head["summary"]["entities_by_class"]
        except (TypeError, KeyError):
            self.old_classes = None
        if not isinstance(self.old_classes, dict):
            self.why = "the previous report.json is not laid out as this code writes it"
            return None
        return {name: (data, at, length) for name, (at, length) in places.items()}

    def _checkpoint(self, delta: KnowledgeGraph, kept: set[str], manifest: dict, build_iri: str,
                    when: str, checkpointed: Callable[[], None] = lambda: None) -> KnowledgeGraph | None:
        """The previous store, checkpointed into the staging folder and patched into this build's; None when
        that fails (nothing is left behind). Its dataset description stays there, set aside (`Aside`), for the
        new one to replace by the difference once it is made; or, when it cannot be told from the data, it is
        dropped first. `checkpointed()` is called once the checkpoint is open, before the patch: making it syncs
        RocksDB's files, and a sync waits for whatever other files wrote before it (ext4's ordered journal; with
        the splices' hundreds of MB begun first, the checkpoint took 0.16 s instead of 0.03 s)."""
        path = self.staging.folder / "store"
        shutil.rmtree(path, ignore_errors=True)
        try:
            old = ox.Store.read_only(str(self.previous / "store"))
            old.backup(str(path))
            del old
            kg = KnowledgeGraph.open(path, read_only=False)
            if kg.union_graph() is None:
                raise ValueError("a default graph that is not the derived union")
            kg.store.remove(STORE_MARK)  # put back by save_store: the build's store holds no mark meanwhile
            checkpointed()
            self.aside = _aside(kg.store, self.previous, delta, manifest.get(APART) is True,
                                self.previous_description)
            if self.aside is not None:  # what it said, to find what the new one changes in the Turtle file
                self.old_description = set(self.aside.lines)
            else:  # the previous description first: what is left is the union the previous figures were counted on
                self.old_description = _drop_description(kg.store)
            fixed = self.fixed | ({self.aside.graph.value} if self.aside is not None else set())
            done = patch(kg.store, delta, kept, manifest["build"], manifest["time"], build_iri, when, fixed,
                         manifest["graphs"])
            entered, left = done.entered, done.left
            self.touched = {t.subject for t in (*entered, *left)}
            if not any(g.value == iri.inferred_graph() for g in done.moved if isinstance(g, ox.NamedNode)):
                self.change = (done.changed, done.moved)
            self.graphs = done.graphs
            self.counted = _counted(manifest.get("void"), self.old_classes, kg.store, delta, kept | self.fixed,
                                    entered, left, self.aside.subjects if self.aside is not None else frozenset())
        except (OSError, ValueError, SyntaxError) as exc:
            self.why = f"the previous store could not be patched ({exc})"
            kg = None
            shutil.rmtree(path, ignore_errors=True)
            return None
        kg.path = path
        if self.counted is not None:  # the union's triples and the named graphs' quads: the store's size
            kg.size = int(self.counted["void"]["triples"]) + self.counted["quads"]
            if self.aside is not None:  # and the description's lines, in its graph and in the union
                kg.size += 2 * len(self.aside.lines)
        return kg

    def _drop_aside(self, kg: KnowledgeGraph) -> None:
        """The description set aside dropped from the store after all (a validation of the whole store reads
        everything in it); the new one joins whole."""
        if self.aside is not None:
            drop_description(kg, self.aside)
            self.aside = None

    def reopen(self, result) -> None:
        """After the commit: the result's graph reads the store where it now lies (read-only), opened when first
        read."""
        target = Path(self.options.out_dir) / "store"
        result.graph = KnowledgeGraph.open_on_use(target)


class BeforePatch:
    """A rebuild's named graphs as its store will hold them once patched (`patch`), before it is: those of the change
    (`delta`) read from it, every other from the previous store (a kept graph is the same there), opened read-only
    when first asked. What the N-Quads and JSON-LD splices read (osce_kg/output_reuse.py): they begin once the
    previous store is checkpointed, while the checkpoint is patched (at 1M quads, 0.1 s before the patch is done).
    The dataset description is not among them: it joins later (output_reuse.Joining)."""

    path = None  # no on-disk store of its own

    def __init__(self, delta: KnowledgeGraph, kept: set[str], previous_store: Path):
        import threading

        self.delta = delta
        fresh = [g for g in delta.named_graphs() if isinstance(g, ox.NamedNode)]
        self._graphs = [*(ox.NamedNode(g) for g in sorted(kept - {g.value for g in fresh})), *fresh]
        self._previous_store, self._store, self._lock = previous_store, None, threading.Lock()

    def dataset_graphs(self) -> list[ox.NamedNode]:
        return list(self._graphs)

    def graph_ntriples(self, graph: ox.NamedNode) -> bytes:
        if self.delta.has_graph(graph):
            return self.delta.graph_ntriples(graph)
        with self._lock:
            if self._store is None:
                self._store = ox.Store.read_only(str(self._previous_store))
            store = self._store
        return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    def quads_about(self, subjects, predicate=None, graph=None) -> list[ox.Quad]:
        return self.delta.quads_about(subjects, predicate, graph)  # (the build graph's: only the change has it)

    def close(self) -> None:
        """The previous store let go (the splices are done with it)."""
        with self._lock:
            self._store = None


@dataclass
class Patched:
    """What `patch` changed: the triples that came into and went out of the union, the triples added to or removed
    from some graph, and the graphs that came or went."""

    entered: set[ox.Triple]
    left: set[ox.Triple]
    changed: set[ox.Triple]
    moved: set
    graphs: list  # the store's named graphs once patched (listing them again cost validation 0.02-0.05 s at 1M)


@dataclass(frozen=True)
class Aside:
    """The previous build's dataset description, left in a rebuild's store until the new one replaces it by the
    difference (`KnowledgeGraph.replace_graph_lines`; 20,700 quads joining whole took 0.3-0.4 s of a rebuild at
    1M): its graph, its N-Triples lines and its subjects, as terms and as the lines write them. No other graph
    says anything about those subjects (checked), so what is the description's in the union is told by its
    subject: the patch, the VoID figures and validation pass over it (validation sees what a clean build's does,
    which validates before its description exists)."""

    graph: ox.NamedNode
    lines: frozenset[bytes]
    subjects: frozenset
    tokens: frozenset[bytes]


def _description_parts(previous: Path) -> tuple[frozenset, frozenset, frozenset] | None:
    """The previous build's description as `Aside` holds it: its N-Triples lines, their subjects as terms and as
    written; None when one of them is not an IRI."""
    lines = _description_lines(previous)
    if not lines or b"_:" in b"\n".join(lines):
        return None
    tokens = {line.split(b" ", 1)[0] for line in lines}
    if any(not t.startswith(b"<") for t in tokens):
        return None
    return frozenset(lines), frozenset(ox.NamedNode(t[1:-1].decode()) for t in tokens), frozenset(tokens)


def _aside(disk: ox.Store, previous: Path, delta: KnowledgeGraph, apart: bool = False,
           parts: tuple | None = None) -> Aside | None:
    """The previous description in `disk` as an Aside, or None when it cannot be told from the data by its subjects
    (a blank node, a subject another graph or the change says something about) or its lines are not the graph's.
    `apart`: the previous build found no other graph saying anything about its subjects (its store manifest says
    so; asking the store took 0.16 s at 1M). `parts`: `_description_parts(previous)`, read already."""
    graph = ox.NamedNode(iri.dataset_graph())
    if not disk.contains_named_graph(graph):
        return None
    parts = parts or _description_parts(previous)
    if parts is None:
        return None
    lines, subjects, tokens = parts
    if any(q.subject in subjects for q in delta.store):
        return None
    stated = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    if int(next(iter(disk.query(stated)))["n"].value) != len(lines):
        return None  # the previous osce.nq's description is not the store's
    if not apart:
        values = " ".join(sorted(t.decode() for t in tokens))
        if disk.query(f"ASK {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {graph}) }}"):
            return None
    return Aside(graph, lines, subjects, tokens)


def drop_description(kg: KnowledgeGraph, aside: Aside) -> None:
    """Drop the description set aside from the store after all (its statements in its graph and in the union:
    no other graph states them), keeping the store's size."""
    _drop_description(kg.store)
    if kg.size is not None:
        kg.size -= 2 * len(aside.lines)


def _graph_sizes(void: dict | None) -> dict[str, int]:
    try:
        return {row["g"]: int(row["n"]) for row in void["graphs"]}
    except (TypeError, KeyError, ValueError):
        return {}


def _description_lines(previous: Path) -> set[bytes]:
    """The N-Triples lines of the previous build's dataset description, in the store's form: its block of the
    previous osce.nq, found by the file's index (written from the store: at 1M, 3 MB read where opening the
    previous store and reading the graph took 0.2 s), else dumped from the previous store."""
    from osce_kg.output_reuse import _previous_index

    graph = ox.NamedNode(iri.dataset_graph())
    found = _previous_index(previous, "osce.nq")
    block = next((b for b in found["blocks"] if b[0] == graph.value), None) if found else None
    if block is not None:
        try:
            with open(previous / "osce.nq", "rb") as fh:
                text = os.pread(fh.fileno(), block[2], block[1])
            lines = without_graphs(text, [graph]).splitlines()
            if lines and len(lines) == text.count(f" {graph} .\n".encode()):  # every line in that graph
                return set(lines)
        except OSError:
            pass  # read from the store below
    store = ox.Store.read_only(str(previous / "store"))
    try:
        return set(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines())
    finally:
        del store


def _drop_description(disk: ox.Store) -> set[bytes]:
    """Remove the previous build's dataset description (its graph, and the union triples only it stated); its
    N-Triples lines. Counted in the engine first: when no other graph states any of its triples (as in
    every build so far), the engine removes them without a Python object per triple."""
    graph = ox.NamedNode(iri.dataset_graph())

    def count(where: str) -> int:
        return int(next(iter(disk.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)

    mine = f"GRAPH {graph} {{ ?s ?p ?o }}"
    said = set(disk.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines())
    if count(mine) == count(f"{mine} GRAPH ?any {{ ?s ?p ?o }}"):  # each triple in no other named graph
        disk.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ {mine} }}")
    else:
        only = [q.triple for q in disk.quads_for_pattern(None, None, None, graph)
                if not any(not isinstance(o.graph_name, ox.DefaultGraph) and o.graph_name != graph
                           for o in disk.quads_for_pattern(q.subject, q.predicate, q.object))]
        delete_quads(disk, [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in only])
    disk.remove_graph(graph)
    return said


def patch(disk: ox.Store, delta: KnowledgeGraph, kept: set[str], old_build: str, old_when: str, build_iri: str,
          when: str, fixed: set[str] = frozenset(), recorded: Iterable[str] | None = None) -> Patched:
    """Make `disk` (the previous build's store, its union materialised, no mark) hold the kept page graphs of
    `kept` and the graphs of `fixed` as they are, and every graph of `delta`; what changed. `old_build` and
    `old_when` name the previous build (the build graph's node and start time), `build_iri` and `when` this one.
    `recorded`: the named graphs the previous store manifest lists, which are the store's (its files are the ones
    it saw) but for the build's and the description's graphs: then the store's are not listed (5,034 graph names
    looked up in its string table, 11-40 ms of a rebuild at 1M beside the splices)."""
    new_graphs = {g for g in delta.store.named_graphs() if isinstance(g, ox.NamedNode)}
    if any(g.value in kept for g in new_graphs):
        raise ValueError("a kept page graph in the change")
    on_disk = _named_graphs(disk, recorded)
    # by IRI, in one pass: the kept graphs (5,000 at 1M) are checked and passed over with set operations
    named = {g.value: g for g in on_disk if isinstance(g, ox.NamedNode)}
    if not kept <= named.keys():
        raise ValueError("a kept page graph missing from the previous store")
    removed: set[ox.Triple] = set()  # triples that may leave the union default graph
    added: list[ox.Quad] = []
    stale: list[ox.Quad] = []
    if not fixed <= named.keys() or any(ox.NamedNode(g) in new_graphs for g in fixed):
        raise ValueError("a registry graph missing from the previous store, or in the change")
    moved: set = set()  # graphs that came or went
    visited = [named[g] for g in sorted(named.keys() - kept - fixed)] \
        + [g for g in on_disk if not isinstance(g, ox.NamedNode)]
    for name in visited:
        before = {q.triple for q in disk.quads_for_pattern(None, None, None, name)}
        if name in new_graphs:
            after = {q.triple for q in delta.store.quads_for_pattern(None, None, None, name)}
            stale += [ox.Quad(t.subject, t.predicate, t.object, name) for t in before - after]
            added += [ox.Quad(t.subject, t.predicate, t.object, name) for t in after - before]
            removed |= before - after
        else:
            removed |= before
            moved.add(name)
            disk.remove_graph(name)
    for name in [g for g in new_graphs if g.value not in named]:
        added += delta.store.quads_for_pattern(None, None, None, name)
        moved.add(name)
    graphs = [g for g in on_disk if g not in moved] + [g for g in new_graphs if g in moved]
    delete_quads(disk, stale)
    _extend(disk, added)
    default = ox.DefaultGraph()
    added_triples = {q.triple for q in added}
    entered = {t for t in added_triples if ox.Quad(t.subject, t.predicate, t.object, default) not in disk}
    # a triple that no named graph states any more leaves the union; the previous build node and time are
    # asked about once (in no named graph now: every triple naming them leaves), the other triples one by one
    old_pair = (ox.NamedNode(old_build), ox.Literal(old_when, datatype=XSD.dateTime))
    new_pair = (ox.NamedNode(build_iri), ox.Literal(when, datatype=XSD.dateTime)) if build_iri else ()
    gone = {term for term in old_pair if term not in new_pair and not _named_anywhere(disk, term)}
    left = {t for t in removed - added_triples
            if t.subject in gone or t.object in gone
            or not any(not isinstance(q.graph_name, ox.DefaultGraph)
                       for q in disk.quads_for_pattern(t.subject, t.predicate, t.object))}
    delete_quads(disk, [ox.Quad(t.subject, t.predicate, t.object, default) for t in left])
    _extend(disk, [ox.Quad(t.subject, t.predicate, t.object, default) for t in entered])
    # changed: what incremental validation compares (its _change), known here without reading both stores again
    return Patched(entered, left, removed | added_triples, moved, graphs)


def _named_graphs(disk: ox.Store, recorded: Iterable[str] | None) -> list:
    """The store's named graphs: those `recorded` (IRIs) and the build's and the description's graphs where the store
    has them; listed from the store without `recorded`, or when one is not an IRI."""
    if recorded is not None:
        try:
            graphs = [ox.NamedNode(g) for g in recorded]
        except (TypeError, ValueError):
            graphs = None
        if graphs is not None:
            listed = {g.value for g in graphs}
            return graphs + [g for g in (ox.NamedNode(iri.build_graph()), ox.NamedNode(iri.dataset_graph()))
                             if g.value not in listed and disk.contains_named_graph(g)]
    return list(disk.named_graphs())


def _named_anywhere(disk: ox.Store, term) -> bool:
    """Whether a named graph holds a triple with `term` as its object (or, an IRI, as its subject)."""
    asks = [f"ASK {{ GRAPH ?g {{ ?s ?p {term} }} }}"]
    if isinstance(term, ox.NamedNode):
        asks.append(f"ASK {{ GRAPH ?g {{ {term} ?p ?o }} }}")
    return any(bool(disk.query(q)) for q in asks)


def _extend(disk: ox.Store, quads: list[ox.Quad]) -> None:
    """Add quads: many through the bulk loader (about twice as fast as transactions of a few thousand on
    RocksDB, and not atomic, which does not matter here: the store is the staging folder's checkpoint, and a
    failure throws it away and takes the full road); a few in one transaction (the bulk loader costs some
    20 ms a call however few)."""
    if len(quads) >= BULK_AT_LEAST:
        disk.bulk_extend(quads)
    elif quads:
        disk.extend(quads)


def _counted(before: dict | None, classes: dict | None, disk: ox.Store, delta: KnowledgeGraph, kept: set[str],
             entered: set[ox.Triple], left: set[ox.Triple], aside: frozenset = frozenset()) -> dict | None:
    """BuildResult.counted from the previous build's figures and the union's change (`entered`, `left`: the
    triples that came into and went out of the union the previous figures counted); None when those figures
    are not there. `aside`: the subjects of a description in the store that the figures do not count (Aside)."""
    from osce_kg.dataset import WIKIDATA_ENTITY
    from osce_kg.validate import RDF_TYPE

    keys = ("triples", "entities", "subjects", "objects", "classes", "properties", "graphs", "links")
    if not isinstance(before, dict) or set(before) != set(keys) or not isinstance(classes, dict):
        return None
    try:
        sizes = {row["g"]: int(row["n"]) for row in before["graphs"]}
        by_class = {row["c"]: int(row["n"]) for row in before["classes"]}
        by_property = {row["p"]: int(row["n"]) for row in before["properties"]}
        links = {row["p"]: int(row["n"]) for row in before["links"]}
        figures = {k: int(before[k]) for k in ("triples", "entities", "subjects", "objects")}
        summary = {c: int(n) for c, n in classes.items()}
    except (TypeError, KeyError, ValueError):
        return None
    if any(g not in sizes for g in kept):
        return None
    figures["triples"] += len(entered) - len(left)
    for triples, sign in ((entered, 1), (left, -1)):
        for t in triples:
            p = t.predicate.value
            by_property[p] = by_property.get(p, 0) + sign
            if isinstance(t.object, ox.NamedNode):
                if p == RDF_TYPE:
                    by_class[t.object.value] = by_class.get(t.object.value, 0) + sign
                    summary[t.object.value] = summary.get(t.object.value, 0) + sign
                if t.object.value.startswith(WIKIDATA_ENTITY):
                    links[p] = links.get(p, 0) + sign
    default = ox.DefaultGraph()
    base = iri.base()
    for position in ("subject", "object"):
        gone = {getattr(t, position) for t in left}
        came = {getattr(t, position) for t in entered}
        # a term of a triple that left was in the union before, and one of a triple that came in is there now
        # (the patch put it there): a term in both is counted the same (the 5,020 page graphs the build
        # node names, old and new), the others need the union asked once
        for term in gone ^ came:
            pattern = (term, None, None, default) if position == "subject" else (None, None, term, default)
            found = (q for q in disk.quads_for_pattern(*pattern) if q.subject not in aside)
            if term in gone:
                then, now = True, next(found, None) is not None
            else:  # in the union before: stated by a triple of the union that did not just come in
                then, now = any(q.triple not in entered for q in found), True
            step = int(now) - int(then)
            figures[position + "s"] += step
            if position == "subject" and isinstance(term, ox.NamedNode) and term.value.startswith(base):
                figures["entities"] += step
    graphs = {g: sizes[g] for g in kept}
    for g in delta.store.named_graphs():
        graphs[g.value] = sum(1 for _ in delta.store.quads_for_pattern(None, None, None, g))

    def rows(counts: dict[str, int], key: str) -> list[dict]:
        return [{key: k, "n": str(n)} for k, n in sorted(counts.items()) if n > 0]

    void = {**{k: str(v) for k, v in figures.items()}, "classes": rows(by_class, "c"),
            "properties": rows(by_property, "p"), "graphs": rows(graphs, "g"), "links": rows(links, "p")}
    return {"void": void, "classes": {c: n for c, n in sorted(summary.items()) if n > 0},
            "quads": sum(graphs.values())}
