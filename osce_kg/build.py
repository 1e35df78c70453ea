"""`osce-kg build`: source files -> pages -> records -> quads -> store -> validate -> export.

One bad file never stops the batch: its error names the file and the problem, the other files are
built, and `BuildResult.ok` is False so the CLI exits non-zero. A page over a limit (osce_kg/limits.py) is
refused before it is parsed. The output files are written as one set (osce_kg/outputs.py): all of them are
swapped in together, and a build that fails, builds no page or is interrupted leaves the previous set.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse, serialize

from osce_kg import iri
from osce_kg.executor import Executor, LocalPool, SerialExecutor, TaskFailed, default_jobs
from osce_kg.export import exporter_for, write_atomic
from osce_kg.export.base import SharedDumps, build_formats
from osce_kg.incremental import graph_digests
from osce_kg.lexicon import path as lexicon_path
from osce_kg.limits import Limits
from osce_kg.mapping import KeptReport, SourceOutcome, SourceReport, take_outcome
from osce_kg.outputs import OutputSet
from osce_kg.page_cache import CacheStats, PageJob, cached_map
from osce_kg.page_cache import for_build as page_cache_for
from osce_kg.page_task import MapSettings, map_task, prewarm, prewarmed, warm
from osce_kg.rebuild import APART, PAGES, REGISTRY, REPORT, REPORT_INDEX, SOURCES, page_entry
from osce_kg.reference import registry_quads
from osce_kg.registry import LazyRegistry, Registry
from osce_kg.settings import VERSION as __version__
from osce_kg.settings import build_time
from osce_kg.sources import (
    SourceError,
    SourceFile,
    display,
    known_source,
    read_source,
    seen_entry,
    walk_sources,
)
from osce_kg.store import (
    KnowledgeGraph,
    _native,  # the writers' C core (osce_kg/_native.c), or None
    without_graphs,
)
from osce_kg.vocab import OSCE, PROV, RDFS, XSD, A

if TYPE_CHECKING:
    from concurrent.futures import Future

    from osce_kg.output_reuse import Joining

DEFAULT_FORMATS = ("turtle", "nquads", "jsonld")
OUTPUT_NAMES = build_formats()  # format -> file name, from the one exporter registry
PAGES_PER_WORKER = 16  # fewer pages than this per worker: mapped in this process (a pool takes ~0.5 s to start)
# pages in flight per worker: this process stops to bulk-load the store 32 MB at a time (KnowledgeGraph.loader) and
# to keep each page in the cache, and a short window left the workers idle meanwhile (results are ~50 KB each)
WINDOW_PER_WORKER = 256
# pages handed to a worker at a time (fewer where a build has few: at least 8 chunks per worker, to share the work
# out evenly): a page sent and its result taken back one by one cost this process 2.9 CPU s at 5,020 pages, 8 pages
# at a time 1.0 s
PAGES_PER_CHUNK = 8


def bundled_corpus() -> Path:
    return Path(str(resources.files("osce_kg.examples").joinpath("corpus")))


@dataclass
class BuildOptions:
    paths: list[str] = field(default_factory=list)  # empty: the bundled example corpus
    out_dir: str | None = "build"  # None: build in memory only
    url: str | None = None  # source URL for a single file without a '# source:' line
    formats: tuple[str, ...] = DEFAULT_FORMATS
    validate: bool = True
    registry: bool = True  # include the reference registry graphs
    registry_folder: str | None = None
    cache_dir: str | None = None  # `osce-kg enrich` cache (default: $OSCE_KG_CACHE or .osce-kg-cache)
    # told (pages done, pages in all, the file being mapped) before each page and (n, n, None) at the end;
    # the library never prints, the CLI supplies a callback that does
    progress: Callable[[int, int, str | None], None] | None = None
    limits: Limits | None = None  # work allowed per page (default: Limits.from_env())
    infer: str = "none"  # none | rdfs | owl-rl: entailments in their own named graph (osce_kg/infer.py)
    store: bool = True  # also write the on-disk store out_dir/store/ that query, validate and export open
    page_cache: bool = True  # reuse what unchanged pages mapped to last time (osce_kg/page_cache.py)
    page_cache_dir: str | None = None  # default: beside out_dir (build -> .build.cache); no out_dir: no cache
    jobs: int | None = None  # processes mapping pages (None: one per core; 1: in this process, no pool)
    # maps the pages instead of a local pool (osce_kg/executor.py; Dask or Ray: docs/scaling.md); not closed here
    executor: Executor | None = None
    # a previous build folder or RDF file: what changed since goes into the result and report.json (read
    # before the build, which may replace that very folder; osce_kg.diff.DiffError when it cannot be read)
    since: str | None = None


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    sources: list[SourceReport]
    outputs: list[Path] = field(default_factory=list)
    validation: object | None = None  # osce_kg.validate.ValidationReport
    seconds: float = 0.0  # the whole build's wall time, writing and swapping in the output set included
    build_id: str = ""  # names the build node (id:build/<build_id>) and is in report.json
    not_written: str | None = None  # why the outputs were left as they were (no page built)
    warnings: list[str] = field(default_factory=list)  # build-wide problems that did not stop it (a bad cache)
    cache: CacheStats | None = None  # the page cache's hits and misses; not in report.json (a clean build has none)
    changes: dict | None = None  # quads added and removed since BuildOptions.since, per named graph (in report.json)
    # counted from the change by the fast road (osce_kg/rebuild.py): {"void": dataset.void_counts's figures,
    # "classes": summary's entities_by_class, "quads": len(graph)}, before the dataset description joins
    counted: dict | None = None
    touched: set | None = None  # subjects whose union statements the fast road changed (osce_kg/rebuild.py)
    old_description: set | None = None  # ... and the previous dataset description's N-Triples lines
    # the subjects whose statements the new description changed, once it replaced the previous one by the
    # difference (KnowledgeGraph.replace_graph_lines), which found them
    description_changed: set | None = None
    # the description's subjects no other graph says anything about: their statements in the union are the
    # description's own (the Turtle splice takes them from it, not from the store)
    described_alone: set | None = None
    aside: object | None = None  # ... still in the store, for the new one to replace (osce_kg/rebuild.py Aside)
    # a validation whose engine runs in a thread while the outputs are written: `wait_validation` sets `validation`
    pending_validation: Callable[[], object] | None = field(default=None, repr=False)

    def wait_validation(self) -> None:
        """Finish a validation begun beside the writers (`pending_validation`), setting `validation`."""
        pending, self.pending_validation = self.pending_validation, None
        if pending is not None:
            self.validation = pending()

    @property
    def errors(self) -> list[SourceReport]:
        return [s for s in self.sources if s.error]

    @property
    def conforms(self) -> bool:
        return self.validation is None or self.validation.conforms

    @property
    def ok(self) -> bool:
        return not self.errors and self.conforms and any(not s.error for s in self.sources)

    def summary(self) -> dict:
        built = [s for s in self.sources if not s.error]
        # Straight from the store's graphs: no union default graph is derived for this count (that took
        # seconds at a million quads); a materialised union in the default graph only repeats subjects.
        if self.counted is not None:
            return self._summary(built, Counter(self.counted["classes"]), self.counted["quads"])
        classes = Counter()
        # a materialised union already holds every graph's triples: the named graphs are not read again
        where = "?s a ?c" if self.graph.union_graph() is not None else "{ ?s a ?c } UNION { GRAPH ?g { ?s a ?c } }"
        # classes are IRIs, as dataset.void_counts counts them (whose figures a build uses instead, when it has them)
        rows = self.graph.store.query(f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} FILTER(isIRI(?c)) }} "
                                      "GROUP BY ?c")
        for row in rows:
            classes[row["c"].value] = int(row["n"].value)
        return self._summary(built, classes, len(self.graph))

    def _summary(self, built: list[SourceReport], classes: Counter, quads: int) -> dict:
        kinds, languages, codes, candidates = Counter(), Counter(), Counter(), set()
        warnings = 0
        for report in built:  # one pass: 5,000 pages at a rebuild
            kinds[report.kind] += 1
            languages[report.language or "unknown"] += 1
            if report.warnings:
                warnings += len(report.warnings)
                for warning in report.warnings:
                    codes[warning["code"]] += 1
                    if warning["code"] == "candidate-entity":
                        candidates.add(warning["message"])
        return {
            "sources": len(self.sources),
            "built": len(built),
            "errors": len(self.sources) - len(built),
            "kinds": dict(sorted(kinds.items())),
            "languages": dict(sorted(languages.items())),
            "entities_by_class": dict(sorted(classes.items())),
            "quads": quads,
            "warnings": warnings,
            "warnings_by_code": dict(sorted(codes.items())),
            "candidates": sorted(candidates),
            "conforms": self.conforms,
            "seconds": round(self.seconds, 3),
        }


def build(options: BuildOptions | None = None) -> BuildResult:
    """Map, validate and (with out_dir) write the output set. Raises OutputError before any work when the
    output folder cannot be used."""
    with _fewer_collections():
        return _build_and_write(options or BuildOptions())


@contextmanager
def _fewer_collections(first: int = 1_000_000) -> Iterator[None]:
    """Python's cyclic garbage collector, run every `first` allocations instead of every 700 while a build
    runs: a build creates containers by the hundred thousand (the previous store manifest and report index,
    terms, records) that hold no cycles, and the default threshold spent 0.5 s of a 6 s rebuild walking them
    (849 collections). Every 100,000, a rebuild at 1M quads still made two, walking the manifest's objects and
    everything imported before it (45-55 ms of its 0.8 s); now none, and a full build one (its peak memory the
    same). The caller's thresholds come back afterwards.

    At the end, what the build left alive (the modules it imported, its result, its caches: some 175,000
    containers at 1M) joins the oldest generation without a walk, as a young collection's survivors would; walked
    there, with the threshold back at 700, the first allocation after a rebuild cost 40 ms of its 0.9 s. A cycle
    the build left behind is freed by the next full collection. Not where the caller froze objects
    (gc.freeze: unfreezing would hand them back to the collector)."""
    before = gc.get_threshold()
    gc.set_threshold(max(first, before[0]), *before[1:])
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()  # every tracked object out of the generations, their counts reset ...
            gc.unfreeze()  # ... and back, into the oldest one
        gc.set_threshold(*before)


def _build_and_write(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    since = None
    if options.since:
        from osce_kg.diff import load_quads

        since = (options.since, load_quads(options.since))
    staging = OutputSet.open(Path(options.out_dir)) if options.out_dir else None
    kg: KnowledgeGraph | None = None
    counts: _Ahead | None = None
    union: _Once | None = None  # the union's N-Triples before the description joins (loaded)
    result: BuildResult | None = None

    def loaded(graph: KnowledgeGraph, cache: CacheStats | None, built: bool) -> Callable[[], bytes] | None:
        # Every quad is in. From here, in threads, while validation runs: the on-disk store is written (save_store
        # finishes it) unless it will be made from the previous one or not at all, and the dataset description's
        # figures are counted (the engine leaves the GIL for much of both). Returned: the union's N-Triples,
        # made once for the figures, validation, the copy and the Turtle writer (each dumped it: 0.3 s apiece
        # at 1M).
        nonlocal kg, counts, union
        kg = graph
        texts = graph.take_texts()  # what the union (and the copy) may be made from, no longer kept by the store
        if _native is None:
            texts = None  # the union from text in Python: slower than the engine's
        if staging is None or not built or options.infer != "none":
            return None
        union_made = threading.Event()  # set once `union` is there, or will not be
        copying = False

        def union_for_copy() -> bytes | None:
            union_made.wait()
            return union.take() if union is not None else None

        try:
            if options.store:
                from osce_kg.incremental import may_patch

                previous = staging.target.resolve() if staging.target.is_dir() else None
                if not may_patch(cache.graphs if cache else None, previous):
                    # the named graphs copied from now, beside the union's making; the union when it is made
                    graph.start_save(staging.folder / "store", union_text=union_for_copy,
                                     texts=texts.nquads if texts is not None else None)
                    copying = True
            # taken by the copy, if one was begun, and by the writers
            if texts is not None:
                # made from the text the quads came as, by its first reader (the figures' thread), and never
                # in the store: at 1M quads 0.2 s of CPU in a thread where the SPARQL UPDATE took 1.9 s here
                union = _Once(texts.union, takers=1 + copying)
            else:
                if graph.union_graph() is None and graph.can_hold_union():
                    # made here, so that the description's figures are counted in a thread from now
                    graph.prepare_for_query()
                if graph.union_graph() is None:  # not materialised (counting would write it: not in a thread)
                    return None
                union = _Once(partial(graph.store.dump, format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()),
                              takers=1 + copying)
        finally:
            union_made.set()
        from osce_kg.dataset import void_counts

        def void_counts_of_union(graph: KnowledgeGraph) -> dict:
            return void_counts(graph, union())

        counts = _Ahead(void_counts_of_union, graph)
        return union

    fast = None
    begun = _Begun(staging.folder, options.formats) if staging is not None else None
    if staging is not None and options.page_cache and options.store and options.infer == "none":
        from osce_kg.rebuild import FastRoad

        # a rebuild from the previous store, when it can (osce_kg/rebuild.py), its splices begun before validation
        fast = FastRoad(options, staging, begun, begun.mapped, begun.waiting)
    try:
        result = _build(options, loaded, fast, beside_writers=staging is not None)
        if staging is not None:
            if not any(not s.error for s in result.sources):
                result.not_written = f"no page was built; {options.out_dir} left as it was"
            else:
                if result.cache is not None and staging.target.is_dir():
                    result.cache.previous = staging.target.resolve()  # still the previous set: not yet swapped
                names = write_outputs(result, staging.folder, options.formats, store=options.store,
                                      counts=counts.result() if counts else None, since=since,
                                      union_text=union.take() if union is not None and counts.result() else None,
                                      begun=begun)
                union = None
                staging.commit(result.build_id)
                if fast is not None and fast.used:
                    fast.reopen(result)
                result.outputs = [Path(options.out_dir) / n.relative_to(staging.folder) for n in names]
    finally:
        if begun is not None:
            begun.stack.close()  # splices begun and not taken over (a failure): stopped
        if result is not None:
            result.wait_validation()  # no output written (or a failure): the report is still the build's
        if counts is not None:
            counts.result()  # not left reading the store
        if kg is not None:
            kg.cancel_save()  # a copy not finished by the save (a failed build): stopped before its folder goes
        if staging is not None:
            if staging.committed is None and result is not None and result.graph.path is not None:
                # the store the fast road patched in the staging folder (a failed build): closed first, so that
                # RocksDB's background work writes nothing there while the folder is deleted
                result.graph.store = None
            staging.close()
    if since is not None and result.changes is None:  # nothing written: compare what the build holds
        result.changes = changes_since(result.graph, *since)
    result.seconds = time.perf_counter() - started  # what the summary says the build took: all of it
    return result


def changes_since(kg: KnowledgeGraph, label: str, old: set[Quad]) -> dict:
    """Quads added and removed since `old` (named `label`), in all and per named graph, sorted."""
    from osce_kg.diff import Diff

    diff = Diff.between(old, set(kg.quads()))
    return {"since": label, "added": len(diff.added), "removed": len(diff.removed), "graphs": diff.by_graph()}


def _build(options: BuildOptions,
           loaded: Callable[[KnowledgeGraph, CacheStats | None, bool], Callable[[], bytes] | None] | None = None,
           fast=None, beside_writers: bool = False) -> BuildResult:
    """The build in memory; `loaded(graph, cache stats, whether a page was built)` is told when every quad is in,
    before validation, and may give the union's N-Triples as validation would dump them. `fast`
    (osce_kg/rebuild.py's FastRoad) may make the result from the previous store instead.
    `beside_writers`: a full validation's engine may still be running in a thread when this returns
    (`BuildResult.pending_validation`; the caller writes the outputs meanwhile)."""
    started = time.perf_counter()
    limits = options.limits or Limits.from_env()
    registry = LazyRegistry(options.registry_folder)
    settings = MapSettings(str(registry.folder), limits)
    # a worker begun ahead loads the registry as it sets mapping up; this process, only if it needs it
    ahead = _worker_ahead(options, settings) if fast is not None else None
    if ahead is None:
        registry = registry.load()
        warm(settings, registry)  # forked workers inherit the registry this process loaded
    try:
        return _build_from(options, loaded, fast, beside_writers, started, limits, registry, settings, ahead)
    finally:
        if ahead is not None:
            ahead.discard()  # not used, or done with: stopped


def _worker_ahead(options: BuildOptions, settings: MapSettings) -> LocalPool | None:
    """A rebuild's map worker, forked now and setting up mapping (page_task.prewarm) while this process reads the
    previous build, for a rebuild with fewer pages to map than PAGES_PER_WORKER: in a process that has not mapped
    yet, the mappers' first page cost 0.13 s of the rebuild's critical path. None where this process has set up
    mapping already, maps alone (`--jobs 1`, an executor of the caller's), or cannot fork now (threads run)."""
    import threading

    if options.executor is not None or options.jobs == 1 or prewarmed(settings):
        return None
    from osce_kg.outputs import wait_for_deletions

    wait_for_deletions()  # a previous build's deletion still running (in-process builds in a row) is not a reason
    if threading.active_count() > 1:
        return None
    pool = LocalPool(1, warm, (settings,), task_seconds=_task_seconds(settings.limits))
    pool.begin(prewarm, settings)
    return pool


def _not_ahead(ahead: LocalPool | None) -> None:
    """_worker_ahead's worker stopped, not needed: a pool forks its workers only while no other thread runs (the
    stopped pool's own thread ends with it), else they start from a fresh interpreter (osce_kg/executor.py)."""
    if ahead is not None:
        ahead.discard()


def _build_from(options: BuildOptions, loaded, fast, beside_writers: bool, started: float, limits: Limits,
                registry: Registry, settings: MapSettings, ahead: LocalPool | None) -> BuildResult:
    """_build once the registry is loaded (`ahead`: _worker_ahead's worker, or None)."""
    walked = walk_sources(options.paths or [bundled_corpus()])
    # Sorted and deduplicated: the order the paths were given in changes nothing (not even which of two
    # files claiming one URL wins: the first path in this order).
    walked = sorted(dict(walked).items(), key=lambda item: os.fsencode(item[0]))
    when = build_time()
    digest = hashlib.sha256()
    sources: list[tuple[Path, SourceFile | None, SourceReport]] = []
    # the files the previous build read and recorded (its store manifest), by display name: one unchanged is not
    # read again (5,000 pages: 0.07 s of a rebuild), its text only when its page is mapped again
    known = fast.known_sources(limits) if fast is not None and len(walked) > 1 else {}
    seen: dict[str, list] = {}  # ... and what this build records for the next one
    for path, problem in walked:
        report = SourceReport(file=display(path))
        source = None
        if problem:
            report.error = problem
        else:
            try:
                entry = known.get(report.file)
                source = known_source(path, report.file, entry, limits) if entry is not None else None
                if source is not None:
                    seen[report.file] = entry
                else:
                    info, now = _stat_or_none(path), time.time_ns()
                    source = read_source(path, options.url if len(walked) == 1 else None, limits)
                    if info is not None and (recorded := seen_entry(info, source, now)) is not None:
                        seen[report.file] = recorded
                digest.update(source.sha256.encode())
            except SourceError as exc:
                report.error = exc.problem
        sources.append((path, source, report))
    digest.update(__version__.encode())
    # what else decides the page graphs: the registry flag, the limits (which pages get in), the registry files
    # and the enrichment cache; not the formats written, nor --infer (its triples sit in a graph of their own)
    digest.update(repr((options.registry, limits)).encode())
    files_digest = _files_digest(options, registry.folder)
    digest.update(files_digest.encode())
    build_id = digest.hexdigest()[:16]
    build_node = NamedNode(iri.entity("build", build_id))

    kg = KnowledgeGraph()
    if loaded is not None:  # what `loaded` makes the union from; held, not loaded, where the C core is built
        kg.hold_texts() if _native is not None else kg.keep_texts()
    warnings: list[str] = []
    seen_urls: dict[str, str] = {}
    cache = page_cache_for(options.page_cache, options.page_cache_dir, options.out_dir, files_digest, limits,
                           options.registry)
    if cache is not None:
        cache.stats.sources = {"limits": repr(limits), "files": seen}
    indices = [n for n, (_, source, _) in enumerate(sources) if source is not None]
    tasks = [PageJob(sources[n][1], sources[n][2].file, options.url if len(sources) == 1 else None)
             for n in indices]
    if fast is not None:
        def map_pages(jobs: list[PageJob], running: ExitStack) -> Iterator[SourceOutcome]:
            if ahead is not None and len(jobs) < PAGES_PER_WORKER:
                return _map_all(jobs, settings, running.enter_context(ahead))  # closed once done
            _not_ahead(ahead)
            executor = options.executor or running.enter_context(open_executor(options.jobs, len(jobs), settings,
                                                                                registry))
            return _map_all(jobs, settings, executor)

        def map_ahead(jobs: list[PageJob], running: ExitStack) -> Iterator[SourceOutcome] | None:
            """map_pages, begun now in forked workers (one per PAGES_PER_WORKER pages, up to one per core), which
            map while the fast road reads the previous build. None where the build maps in this process only
            (`--jobs 1`), through an executor of the caller's, or has fewer pages than PAGES_PER_WORKER to map:
            those are mapped here once the previous build is read (the first page some 0.13 s, then ~10 ms each),
            as a fork costs more (this process then pays a copy-on-write fault for each page of memory it writes
            while the worker lives: at 1M quads, reading the previous build took 0.24 s instead of 0.05 s); unless
            the worker forked as the build started (`ahead`) is there to map them, now."""
            if ahead is not None and len(jobs) < PAGES_PER_WORKER:
                return _outcomes(jobs, running.enter_context(ahead).start(partial(map_task, settings), jobs))
            if options.executor is not None or options.jobs == 1 or len(jobs) < PAGES_PER_WORKER:
                return None
            _not_ahead(ahead)
            pool = running.enter_context(open_executor(options.jobs, len(jobs), settings, registry, pool=True))
            return _outcomes(jobs, pool.start(partial(map_task, settings), jobs))

        done = fast.run(sources=sources, tasks=tasks, indices=indices, cache=cache, registry=registry,
                        build_node=build_node, when=when, build_id=build_id, warnings=warnings, started=started,
                        map_pages=map_pages, map_ahead=map_ahead, build_quads=_build_quads,
                        make_result=BuildResult)
        if done is not None:
            return done
        _not_ahead(ahead)
        warm(settings, registry)  # (loaded now, if it was not) the full road's workers inherit it
        if cache:
            cache.stats.not_fast = fast.why or "the fast road could not be taken"
    with ExitStack() as running, kg.loader() as load:

        def map_misses(jobs: list[PageJob]) -> Iterator[SourceOutcome]:
            executor = options.executor or running.enter_context(open_executor(options.jobs, len(jobs), settings,
                                                                                registry))
            return _map_all(jobs, settings, executor)

        # Only the pages the cache lacks are mapped; every page's N-Quads stream into the store as they come.
        outcomes = cached_map(cache, tasks, map_misses)
        for n, outcome in zip(indices, outcomes, strict=True):
            _, source, report = sources[n]
            if not take_outcome(sources, n, outcome, seen_urls, options.progress):
                continue
            if cache:
                cache.accept(report.file, outcome.report.graph)
                # what the next build's fast road needs to keep this page without reading it (osce_kg/rebuild.py)
                cache.stats.pages[outcome.report.graph] = page_entry(
                    report.file, cache.key(source, report.file, options.url if len(sources) == 1 else None), outcome)
            load(outcome.nquads)
    if options.progress and sources:
        options.progress(len(sources), len(sources), None)
    if options.registry:
        from osce_kg.enrich import enrichment_quads  # the cache `osce-kg enrich` wrote, if any

        before = len(warnings)
        fixed = [*registry_quads(registry),
                 *enrichment_quads(registry, Path(options.cache_dir) if options.cache_dir else None, warnings)]
        kg.add_quads(fixed)
        if cache:  # compared with the next build's as page graphs are (the store, its files, validation)
            cache.stats.graphs.update(graph_digests(fixed))
            cache.stats.registry = [cache.context, str(options.cache_dir or ""), warnings[before:]]
    kg.add_quads(_build_quads(build_node, when))
    union_text = None
    if loaded is not None:
        union_text = loaded(kg, cache.stats if cache else None, any(not r.error for _, _, r in sources))

    result = BuildResult(graph=kg, sources=[r for _, _, r in sources], build_id=build_id, warnings=warnings,
                         cache=cache.stats if cache else None)
    if options.validate:
        result.pending_validation = _start_validation(kg, cache, options, union_text)
        if not beside_writers or options.infer != "none":
            result.wait_validation()
    if options.infer != "none":  # after validation: the shapes judge what the sources state
        from osce_kg.infer import describe_inferred_graph, infer

        if infer(kg, options.infer):
            kg.add_quads(describe_inferred_graph(build_node))
            if result.validation is not None:
                _validate_inferred(kg, result.validation)
    result.seconds = time.perf_counter() - started
    return result


class _Ahead:
    """`fn(graph)` run in a thread from now, on a store that then only gains and loses scratch graphs until
    `result()` is asked for: its value, or None when the store's size changed meanwhile (or `fn` failed),
    so the caller computes it again."""

    def __init__(self, fn: Callable[[KnowledgeGraph], dict], graph: KnowledgeGraph):
        self._graph, self._size = graph, graph.size_mark()
        self._value: dict | None = None
        self._thread: threading.Thread | None = threading.Thread(target=self._run, args=(fn,), daemon=True,
                                                                  name=f"ahead-{fn.__name__}")
        self._thread.start()

    def _run(self, fn: Callable[[KnowledgeGraph], dict]) -> None:
        try:
            self._value = fn(self._graph)
        except Exception:  # noqa: BLE001 - computed again in the caller's thread, which reports what fails
            self._value = None

    def result(self) -> dict | None:
        if self._thread is not None:  # checked once: counting the store's quads is a scan (0.15 s at 1M)
            self._thread.join()
            self._thread = None
            if self._graph.size_mark() != self._size:
                self._value = None
        return self._value


class _Once:
    """`make()`'s value, made by the first thread that asks; the others wait for it and get the same. Kept until
    `takers` callers have taken it (`take`), or `drop` is called."""

    def __init__(self, make: Callable[[], bytes], takers: int = 1):
        self._make: Callable[[], bytes] | None = make
        self._value: bytes | None = None
        self._takers = takers
        self._lock = threading.Lock()

    def __call__(self) -> bytes:
        with self._lock:
            if self._make is not None:
                self._value, self._make = self._make(), None
            return self._value

    def take(self) -> bytes:
        """The value, no longer kept here once every taker has it (its memory goes with the last reference)."""
        value = self()
        with self._lock:
            self._takers -= 1
            if self._takers <= 0:
                self._value = None
        return value

    def drop(self) -> None:
        """Forget the value (made, or not yet)."""
        with self._lock:
            self._value, self._make = None, None


def _start_validation(kg: KnowledgeGraph, cache, options: BuildOptions,
                      union_text: Callable[[], bytes] | None = None) -> Callable[[], object]:
    """A function giving the validation report: a full validation's engine runs in a thread until it is called
    (osce_kg/validate.py `start_validation`). A rebuild with the page cache starts from the previous build's
    results (osce_kg/incremental_validation.py), and keeps this one's for the next."""
    from osce_kg.validate import start_validation

    if cache is None or options.infer != "none" or not options.out_dir:
        return start_validation(kg, union_text=union_text)
    from osce_kg.incremental_validation import Previous, load_previous, validate_rebuild

    target = Path(options.out_dir)
    previous = load_previous(target.resolve() if target.is_dir() else None)
    cache.stats.keep_validation = True
    cache.stats.root = cache.root
    if not isinstance(previous, Previous):  # what validate_rebuild does then, its engine in a thread
        cache.stats.validation = f"full: {previous}"
        return start_validation(kg, union_text=union_text)
    report, cache.stats.validation = validate_rebuild(kg, previous, cache.stats.graphs)
    return lambda: report


def _validate_inferred(kg: KnowledgeGraph, report) -> None:
    """Validate again with the inferred graph and add to `report` the results only the inferred triples bring
    (a shape the inference breaks). The first report's results all stay: an inferred triple may satisfy a
    shape the sources fail, and that is still the sources' problem."""
    from osce_kg.validate import sort_key, validate_graph

    after = validate_graph(kg, fail_on=report.fail_on)
    known = {r.key() for r in report.results}
    report.results = sorted([*report.results, *(r for r in after.results if r.key() not in known)], key=sort_key)
    report.timings["validate-inferred"] = sum(after.timings.values())


def open_executor(jobs: int | None, pages: int, settings: MapSettings, registry: Registry,
                  pool: bool = False) -> Executor:
    """`jobs` processes (None: one per core) for `pages` pages; this process alone for --jobs 1 or when there
    are too few pages to pay for starting workers, unless `pool` asks for at least one worker process."""
    workers = min(jobs or default_jobs(), pages // PAGES_PER_WORKER)
    if pool:
        workers = max(1, workers)
    elif workers <= 1:
        return SerialExecutor(warm, (settings, registry))
    from osce_kg.outputs import wait_for_deletions

    wait_for_deletions()  # an earlier build's older output sets, deleted in a thread: none runs as workers fork
    return LocalPool(workers, warm, (settings,), window=workers * WINDOW_PER_WORKER,
                     task_seconds=_task_seconds(settings.limits),
                     chunk=chunk_size(workers, pages))


def chunk_size(workers: int, pages: int) -> int:
    """Pages per task: PAGES_PER_CHUNK, fewer where there are fewer than 8 chunks of it per worker."""
    return max(1, min(PAGES_PER_CHUNK, pages // (workers * 8)))


def _task_seconds(limits: Limits) -> float | None:
    """A hard stop for a worker stuck where the page's time budget (SIGALRM) cannot reach it (a C call)."""
    return limits.page_seconds * 4 + 30 if limits.page_seconds else None


def _map_all(tasks: list[PageJob], settings: MapSettings, executor: Executor) -> Iterator[SourceOutcome]:
    """Every task mapped by `executor`, in input order (quads as N-Quads bytes); a task the executor could not
    run (its worker died) becomes its page's error, like any other problem with one page."""
    return _outcomes(tasks, executor.map(partial(map_task, settings), tasks))


def _outcomes(tasks: list[PageJob], results: Iterator) -> Iterator[SourceOutcome]:
    for task, mapped in zip(tasks, results, strict=True):
        if isinstance(mapped, TaskFailed):
            mapped = SourceOutcome(SourceReport(file=task.display_name, error=f"mapping failed: {mapped.problem}"))
        yield mapped


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _files_digest(options: BuildOptions, registry_folder: Path) -> str:
    """Digest of the registry files and the enrichment cache: they change the output as much as the pages."""
    from osce_kg.enrich import CACHE_FILE, default_cache_dir
    digest = hashlib.sha256()
    files = sorted(Path(registry_folder).glob("*.csv")) if options.registry else []
    cache = Path(options.cache_dir) if options.cache_dir else default_cache_dir()
    files.append(cache / CACHE_FILE)
    files.append(lexicon_path())  # the mappers' words (mappings/lexicon.csv)
    for path in files:
        try:
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(path.name.encode() + b"\0-")
    return digest.hexdigest()


def _build_quads(build_node: NamedNode, when: str) -> list[Quad]:
    """The build graph: the build, when it started and the tool that ran it. It lists none of the page graphs: the
    dataset description says which graphs the build's dataset holds (`void:subset`) and that the build generated
    it (`prov:wasGeneratedBy`); one quad per page naming the build would change every page's line with each
    build, in every output file, in a diff between two releases and in a rebuild's store."""
    graph = NamedNode(iri.build_graph())
    agent = NamedNode(iri.entity("build", f"osce-kg-{__version__.replace('.', '-')}"))
    quads = [
        Quad(build_node, A, PROV.Activity, graph),
        Quad(build_node, A, OSCE.Build, graph),
        Quad(build_node, PROV.startedAtTime, Literal(when, datatype=XSD.dateTime), graph),
        Quad(build_node, PROV.wasAssociatedWith, agent, graph),
        Quad(agent, A, PROV.SoftwareAgent, graph),
        Quad(agent, RDFS.label, Literal(f"osce-kg {__version__}"), graph),
        Quad(agent, OSCE.toolVersion, Literal(__version__), graph),
    ]
    return quads


def _write_format(result: BuildResult, fmt: str, out_dir: Path, dumps: dict, described: list[Quad],
                  shared: SharedDumps | None = None, union_text: Callable[[], bytes] | None = None,
                  joining: Joining | None = None,
                  hashed: Callable[[Path, int, str, list], object] | None = None,
                  splice_only: bool = False) -> Path | None:
    """One RDF output file; with the page cache, N-Quads and JSON-LD are spliced from the previous build's where
    the page graphs did not change (osce_kg/output_reuse.py). `dumps`: the graphs the splices wrote, shared;
    `described`: the dataset description's quads, as they went into the store; `shared`: the graphs' dumps of
    the N-Quads and JSON-LD writers, when each writes its file whole; `union_text`: the union's N-Triples with
    the description (repeats allowed), when at hand; `joining` (output_reuse.Joining): the description's graphs,
    still joining the store; `hashed(path, size, sha256, states)`: told a spliced file's checksum
    (FileChecksums.known). `splice_only`: an N-Quads or JSON-LD file that cannot be spliced is not written (None):
    `result` is the graphs before the store is patched (_BeforePatch), which the exporter does not write whole."""
    path = out_dir / OUTPUT_NAMES[fmt]
    cache = result.cache
    if joining is not None and (fmt not in ("nquads", "jsonld") or cache is None):
        joining.wait()  # this writer reads the store (the union, for Turtle) with the description in it
        joining = None
    if fmt == "turtle" and cache is not None:  # spliced subject by subject after the fast road
        from osce_kg.output_reuse import write_turtle

        touched = result.touched
        if touched is not None:  # and the subjects whose description changed (or every one described, not knowing)
            changed = result.description_changed  # the description in the store: joined above
            touched = touched | (changed if changed is not None
                                 else _changed_subjects(described, result.old_description))
        spliced, index = write_turtle(path, result.graph, iri.entity("build", result.build_id), touched,
                                      cache.previous, union_text() if union_text is not None else None, hashed,
                                      _statements_alone(described, result.described_alone, touched))
        if spliced:
            cache.spliced.append(fmt)
        if index is not None:
            cache.kept[fmt] = index
        return path
    if fmt in ("turtle", "ntriples") and union_text is not None:  # what they read: the union alone
        return exporter_for(fmt).write_union_text(union_text(), path)
    if fmt not in ("nquads", "jsonld") or cache is None:
        return exporter_for(fmt).write_graph(result.graph, path, shared if fmt in ("nquads", "jsonld") else None)
    from osce_kg.output_reuse import write_jsonld, write_nquads

    write = write_nquads if fmt == "nquads" else write_jsonld
    spliced, index = write(path, result.graph, iri.entity("build", result.build_id), cache.graphs, cache.previous,
                           dumps, shared, joining, hashed, whole=not splice_only)
    if spliced:
        cache.spliced.append(fmt)
    if index is not None:
        cache.kept[fmt] = index  # for the next build, in the store manifest
    return path if spliced or not splice_only else None


@dataclass(frozen=True)
class _BeforePatch:
    """What the N-Quads and JSON-LD splices read of a fast rebuild's result, begun before its store is patched:
    its graphs as the patched store will hold them (rebuild.BeforePatch), its cache statistics and build id."""

    graph: object  # rebuild.BeforePatch
    cache: CacheStats
    build_id: str


def _taken_over(begun: Future, write: Callable[[], Path]) -> Path:
    """A file a splice begun early wrote, or, where it could not splice it, the file written now."""
    path = begun.result()
    return path if path is not None else write()


def _statements_alone(described: list[Quad], alone: set | None, touched: set | None) -> tuple[set, bytes] | None:
    """The `touched` subjects that only the description states (`alone`), and its N-Triples about them: their
    statements in the union, as the store writes them (tests/test_dataset.py: the description's literals are in
    its canonical form). Read from the store instead, the dataset node's 5,000 subsets took 0.05 s of a rebuild's
    Turtle splice at 1M, each quad leaving the GIL and waiting to take it back."""
    if not alone or not touched:
        return None
    subjects = touched & alone
    return subjects, serialize([q.triple for q in described if q.subject in subjects], format=RdfFormat.N_TRIPLES)


def _changed_subjects(described: list[Quad], old_lines: set[bytes] | None) -> set:
    """The subjects of the description's triples that the previous description (`old_lines`, its N-Triples lines
    in the store's form) did not state, or stated otherwise; each one described when that is not known. Compared
    as made, not as read back from the store: a literal the store writes in another form (its canonical one)
    differs from the previous description's, so its subject is written again. Lines, not Triple objects: 20,700
    of each at 1M."""
    if old_lines is None:
        return {q.subject for q in described}
    text = serialize(described, format=RdfFormat.N_QUADS)
    changed = set(without_graphs(text, {q.graph_name for q in described}).splitlines()) ^ old_lines
    return {q.subject for q in parse(b"\n".join(changed), format=RdfFormat.N_TRIPLES)} if changed else set()


class _Begun:
    """What a fast rebuild begins of its writing before its validation: the files' checksums and the N-Quads and
    JSON-LD splices (`_EarlySplices`), which write_outputs takes over. `mapped` begins them once the previous store
    is checkpointed, before the patch; a call with the build's result (the store patched) makes the description's
    VoID subsets, and begins the splices if `mapped` did not, where write_outputs would splice its files at once."""

    def __init__(self, out_dir: Path, formats: tuple[str, ...]):
        self.out_dir, self.formats = out_dir, formats
        self.stack = ExitStack()
        self.checksums = None
        self.early: _EarlySplices | None = None
        self.prepared = False  # the previous build's VoID subsets made (dataset.prepare_void)

    def waiting(self, manifest: dict, description_lines) -> None:
        """While a worker maps the changed pages: the VoID subsets of the previous build's graphs (`mapped`), their
        nodes as its description (`description_lines`) named them."""
        from osce_kg.dataset import subset_nodes

        self._prepare(manifest.get("void"), lambda: subset_nodes(description_lines))

    def _prepare(self, previous_counts: dict | None, known: Callable[[], dict] | None = None) -> None:
        from osce_kg.dataset import prepare_void

        if not self.prepared and _splicing_at_once_formats(self.formats) and {"nquads", "jsonld"} & set(self.formats) \
                and isinstance(previous_counts, dict) and isinstance(previous_counts.get("graphs"), list):
            prepare_void(previous_counts, known() if known is not None else None)
            self.prepared = True

    def mapped(self, graphs, cache: CacheStats, build_id: str, previous_counts: dict | None = None) -> None:
        """Begin the splices from the graphs of a fast rebuild whose pages are mapped, before its store is patched
        (rebuild.BeforePatch): they copy the previous files' bytes while the store is patched. A file they cannot
        splice is written once the store is (`_taken_over`). First, while no thread runs beside this one (unless
        `waiting` made them already), the dataset description's VoID subsets of the previous build's graphs
        (`previous_counts`), most of which this one has the same (dataset.prepare_void: in a process that has made
        none, 0.06 s alone, 0.12 s beside the splices)."""
        from osce_kg.dataset import FileChecksums

        if _splicing_at_once_formats(self.formats) and {"nquads", "jsonld"} & set(self.formats):
            self._prepare(previous_counts)
            self.checksums = self.stack.enter_context(FileChecksums())
            self.stack.callback(graphs.close)  # after the splices' threads end (last in, first out)
            self.early = _EarlySplices(_BeforePatch(graphs, cache, build_id), self.out_dir, self.formats,
                                       self.checksums, self.stack, splice_only=True)

    def __call__(self, result: BuildResult) -> None:
        from osce_kg.dataset import FileChecksums, prepare_void

        if _spliced_beside_description(result, self.formats):
            if result.counted is not None:
                prepare_void(result.counted["void"])  # before validation runs beside this thread: see prepare_void
            if self.early is None:
                self.checksums = self.stack.enter_context(FileChecksums())
                self.early = _EarlySplices(result, self.out_dir, self.formats, self.checksums, self.stack)


def write_outputs(result: BuildResult, out_dir: Path, formats: tuple[str, ...], store: bool = True,
                  counts: dict | None = None, since: tuple[str, set[Quad]] | None = None,
                  union_text: bytes | None = None, begun: _Begun | None = None) -> list[Path]:
    """Write every output file into `out_dir`: `build` passes the staging folder of an OutputSet, so a new
    output written here joins the set that is swapped in together. `counts`: dataset.void_counts of the
    graph, when already counted. `since`: (name, quads) of a previous build; what changed since then goes
    into `result.changes` and report.json. `union_text`: the union's N-Triples as the store holds it now, before
    the description (dumped once for a build's readers): the Turtle and N-Triples writers read it with the
    description's triples instead of dumping the union again."""

    from osce_kg.dataset import FileChecksums

    # The DCAT/VoID description goes into the RDF outputs (its own named graph) and, with the checksums
    # of every other file, into dataset.ttl, written last (osce_kg/dataset.py).
    if counts is None and result.counted is not None:
        counts = result.counted["void"]
    later = union_text is None and _spliced_beside_description(result, formats)
    if begun is not None and begun.early is not None and later and begun.out_dir == out_dir \
            and begun.formats == formats:
        with begun.stack:  # the splices begun before validation (_Begun)
            return _describe_and_write(result, out_dir, formats, store, counts, since, union_text, begun.checksums,
                                       later, begun.early)
    if begun is not None:
        begun.stack.close()  # splices begun for another layout (none, normally): stopped before any file is written
    with ExitStack() as running:
        checksums = running.enter_context(FileChecksums())  # each file hashed in a thread as the next is written
        # after the fast road, the N-Quads and JSON-LD splices begin now, the description's graph (last in their
        # files) written once it is made
        early = _EarlySplices(result, out_dir, formats, checksums, running) if later else None
        return _describe_and_write(result, out_dir, formats, store, counts, since, union_text, checksums, later,
                                   early)


def _describe_and_write(result: BuildResult, out_dir: Path, formats: tuple[str, ...], store: bool,
                        counts: dict | None, since: tuple[str, set[Quad]] | None, union_text: bytes | None,
                        checksums, later: bool, early: _EarlySplices | None) -> list[Path]:
    """write_outputs from the description on: it is made, joins the store (in a thread: `later`) and the files are
    written (`early`: the splices begun already)."""
    from osce_kg.dataset import DatasetDescription, output_files

    validated = result.validation is not None or result.pending_validation is not None
    description = DatasetDescription(result.graph, output_files(formats, validated), build_time(), counts)
    described = Described(description.quads(), description.subsets)
    texts = _description_texts(result, described)
    if early is not None:
        early.made(described, texts)
    if counts is not None and result.counted is None and not result.graph.has_own_default_graph:
        # the figures counted ahead (dataset.void_counts) hold the summary's: its classes, and every named graph's size
        result.counted = {"classes": {row["c"]: int(row["n"]) for row in counts["classes"]},
                          "quads": sum(int(row["n"]) for row in counts["graphs"])}
    summary = result.summary()  # of the pages' graphs, as before the description joins them
    # The description joins the store (which is saved next) and the union graph its queries made, so the
    # writers read every graph straight from the store, with no Python object per quad (export/base.py). After
    # the fast road it joins in a thread from here on, while the files are spliced (_write_files).
    if result.cache is not None and result.cache.fast:
        result.wait_validation()  # it ran while the description was made; it may have dropped the previous one
    aside = _replaceable(result, described)
    # the description's subjects some graph already says something about (usually none), asked once for the steps
    # below and for the next build; none, beside the previous description it replaces (which no other graph says
    # anything about, nor about the new one's)
    known = set() if aside is not None else result.graph.subjects_stated(described.subjects)
    result.described_alone = described.subjects - known
    if result.cache is not None:
        result.cache.description_patched = aside is not None
        result.cache.description_apart = not known
    # from here on summary() gives the figures with the description: worked out from these, not counted again
    # from the store when the caller asks (0.4 s at 1M quads, after everything else, on the CLI's every build)
    result.counted = with_description(result.graph, summary, described, known, replacing=aside is not None)
    join = partial(_replace_description, result, aside, described, texts) if aside is not None \
        else partial(result.graph.add_quads_keeping_union, described, known)
    with ExitStack() as joining:
        joined = sealed = None
        if later:
            from concurrent.futures import ThreadPoolExecutor

            pool = joining.enter_context(ThreadPoolExecutor(1, thread_name_prefix="splice-description"))
            joined = pool.submit(join)
            if early is not None:
                joined.add_done_callback(early.joined)
            if _closed_in_place(result, out_dir, store, since):
                from osce_kg.incremental import seal

                # nothing writes to the store after the description: marked and flushed now, in the same thread,
                # before the splices' 343 MB (at 1M) reach the disk; RocksDB's flush syncs its files, and an
                # fsync waits for the data other files wrote before it (ext4's ordered journal): after the
                # splices, 0.15 s of the rebuild's last steps, 0.02 s before them
                sealed = pool.submit(seal, result.graph)
        else:
            join()
        with_union = _Once(partial(_union_with, union_text, result.graph, described)) if union_text is not None \
            else None
        union_text = None  # kept by with_union until the text with the description is made: memory for one of them
        return _write_files(result, out_dir, formats, store, since, description, described, summary, checksums,
                            with_union, joined, sealed, texts, early)


def _description_texts(result: BuildResult, described: list[Quad]) -> dict:
    """The description's graphs' N-Triples as the store writes them, for the splices, which write those graphs
    whole: read back from RocksDB its 20,700 quads took ~0.25 s of a rebuild at 1M; serialised as made, 0.01 s.
    The same text: every literal of the description is in the store's canonical form already (integers as
    str(int), times as build_time gives them; tests/test_dataset.py checks it against a store's). None needed
    without an on-disk store."""
    if result.graph.path is None or not described:
        return {}
    described = Described.of(described)
    return {graph: described.ntriples(graph) for graph in described.by_graph}


class _EarlySplices:
    """A fast rebuild's N-Quads and JSON-LD splices, begun before the dataset description is made: with the
    graphs that name the build last in their files (export/base.py `graph_order`), each copies and hashes the
    bytes before the description's graph while the description is made (at 1M, 0.13 s of the rebuild), and writes
    that graph once its text comes (`made`; output_reuse.Joining.texts)."""

    def __init__(self, result: BuildResult | _BeforePatch, out_dir: Path, formats: tuple[str, ...], checksums,
                 running: ExitStack, splice_only: bool = False):
        """`splice_only`: a file that cannot be spliced is left to write_outputs (_write_format's None), as with
        `result` a _BeforePatch."""
        from concurrent.futures import Future, ThreadPoolExecutor
        from dataclasses import replace

        from osce_kg.output_reuse import Joining, _graph_order

        self.texts: Future = Future()  # the description's graphs' N-Triples, once made
        self.in_store: Future = Future()  # set once the description joined the store
        self.graph = NamedNode(iri.dataset_graph())  # the description's graph
        joining = Joining(frozenset([self.graph]), self.in_store.result, self.texts.result)
        joining = replace(joining, order=_Once(partial(_graph_order, result.graph, joining)))  # one for both
        self.shared = SharedDumps(readers=2) if {"nquads", "jsonld"} <= set(formats) and not splice_only else None
        self.dumps: dict = {}
        pool = running.enter_context(ThreadPoolExecutor(2, thread_name_prefix="splice"))
        running.callback(self._released)  # runs before the pool waits for its threads (last in, first out)
        self.written = {fmt: pool.submit(_write_format, result, fmt, out_dir, self.dumps, [], self.shared, None,
                                         joining, checksums.known, splice_only)
                        for fmt in formats if fmt in ("nquads", "jsonld")}

    def made(self, described: list[Quad], texts: dict) -> None:
        if Described.of(described).graphs != {self.graph}:  # another layout: those files are written whole
            from osce_kg.output_reuse import NotSpliced

            self.texts.set_exception(NotSpliced("the description is not one graph, the one expected"))
        else:
            self.texts.set_result(texts)

    def joined(self, done) -> None:
        """Told the description joined the store (a future's callback)."""
        if done.exception() is not None:
            self.in_store.set_exception(done.exception())
        else:
            self.in_store.set_result(None)

    def _released(self) -> None:
        """Whatever happened, the splices' threads wait no more (on an error they end with it)."""
        for future in (self.texts, self.in_store):
            if not future.done():
                future.set_exception(RuntimeError("the build stopped before the dataset description was written"))


def _replace_description(result: BuildResult, aside, described: list[Quad], texts: dict) -> None:
    """The new description in the store in place of the previous one (`aside`), by the difference; the subjects
    that difference touched kept for the Turtle splice. `texts`: _description_texts, its graph's N-Triples made
    already for the splices (serialised again, 20,700 triples took 0.01 s)."""
    text = texts.get(aside.graph)  # of that one graph (_replaceable)
    if text is None:
        text = Described.of(described).ntriples(aside.graph)
    result.description_changed = result.graph.replace_graph_lines(aside.graph, aside.lines, text)


def _closed_in_place(result: BuildResult, out_dir: Path, store: bool, since) -> bool:
    """Whether the build's store is the on-disk one patched in place in `out_dir` (the fast road), closed there
    once the files are written (incremental.ClosingInPlace), rather than saved."""
    return store and since is None and result.graph.path is not None \
        and Path(result.graph.path).resolve() == (out_dir / "store").resolve()


def _spliced_beside_description(result: BuildResult, formats: tuple[str, ...]) -> bool:
    """Whether the files are spliced at once while the description joins the on-disk store (patched in place, its
    union materialised) in a thread: the N-Quads and JSON-LD splices may then begin before it is made."""
    return _splicing_at_once(result, formats) and result.graph.path is not None \
        and result.graph.union_graph() is not None


def _splicing_at_once(result: BuildResult, formats: tuple[str, ...]) -> bool:
    """Whether the RDF files are spliced from the previous build's at once, in threads (after the fast road)."""
    return result.touched is not None and _splicing_at_once_formats(formats)


def _splicing_at_once_formats(formats: tuple[str, ...]) -> bool:
    """The formats' part of `_splicing_at_once`, known before the build's result is (`_Begun.mapped`)."""
    return len(formats) > 1


def _union_with(union_text: bytes, graph: KnowledgeGraph, described: list[Quad]) -> bytes:
    """The union's N-Triples once the description (`described`, in `graph` now) joined it: the text dumped
    before, then the description's graphs dumped from the store (a triple may come twice). Another text from
    the store when a description quad sits in the default graph."""
    graphs = {q.graph_name for q in described}
    if any(isinstance(g, DefaultGraph) for g in graphs):
        return graph.store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    return b"".join([union_text, *(graph.graph_ntriples(g) for g in sorted(graphs, key=str))])


def _write_reports(result: BuildResult, out_dir: Path, since: tuple[str, set[Quad]] | None, summary: dict,
                   checksums) -> list[Path]:
    """report.json (first: its checksum goes into the store manifest), validation.txt and the shipped vocabulary
    files; each one's checksum begun. `since`: what changed since then goes into report.json, compared on the
    store with the description in it."""
    from osce_kg.dataset import write_shipped
    from osce_kg.json_text import report_parts, report_text  # json.dumps(indent=1)'s text

    result.wait_validation()
    summary["conforms"] = result.conforms
    cache = result.cache
    blocks = cache.report_blocks if cache is not None else None
    report = {"build": {"id": result.build_id, "iri": iri.entity("build", result.build_id),
                        "warnings": result.warnings},
              "summary": summary, "sources": [_report_entry(s, blocks) for s in result.sources]}
    report["summary"].pop("seconds")  # keep report.json byte-identical across runs
    if since is not None:  # the description joined the graph above: compared as the RDF outputs hold it
        result.changes = report["changes"] = changes_since(result.graph, *since)
    path = out_dir / "report.json"
    laid = report_parts(report, blocks) if cache is not None else None
    if laid is None:
        write_atomic(path, report_text(report))
        checksums.start(path)
    else:  # the kept pages' reports copied from the previous report.json (in the kernel), the file hashed as written
        parts, index = laid
        if any(isinstance(part, tuple) for part in parts):
            from osce_kg.output_reuse import write_parts

            def splice(previous: Path = cache.previous / "report.json") -> tuple[int, str, list]:
                with open(previous, "rb") as old:
                    return write_parts(path, old, parts)

            # in a thread: its 16 MB (at 1M) copied and hashed while the store manifest's text and dataset.ttl's
            # are made here (the copy and the hash waited for took 0.05 s of a rebuild's critical path)
            checksums.made(path, splice)
        else:
            write_atomic(path, b"".join(parts))
            checksums.start(path)
        cache.report_index = index
    written = [path]
    if result.validation is not None:
        written.append(write_atomic(out_dir / "validation.txt", result.validation.text()))
    return written + write_shipped(out_dir)


def _manifest_entries(result: BuildResult) -> dict:
    """The store manifest's entries known once the reports are written (incremental.JsonText: their text made now,
    beside the splices, not after the last file: 4 MB of JSON at 1M quads)."""
    from osce_kg.incremental import JsonText

    cache = result.cache
    entries = {PAGES: dict(sorted(cache.pages.items())),
               REPORT_INDEX: cache.report_index,  # where report.json holds each page's report
               SOURCES: cache.sources,  # which files the next build need not read (sources.known_source)
               REGISTRY: cache.registry,  # what the registry graphs were made from
               "graphs": dict(sorted(cache.graphs.items()))}
    if cache.keep_validation and result.validation is not None:
        from osce_kg.incremental_validation import state

        entries["validation"] = state(iri.entity("build", result.build_id), result.validation, cache.root)
    return {key: JsonText.of(value) for key, value in entries.items()}


def _report_entry(report: SourceReport, blocks: dict[str, tuple[int, int]] | None) -> dict:
    """A source's entry of report.json: a kept page's file alone when its text is the previous report.json's
    (json_text.report_parts copies it from there), else every field."""
    if blocks and isinstance(report, KeptReport) and report.file in blocks:
        return {"file": report.file}
    return report.as_dict()


class Described(list):
    """The dataset description's quads, with what a build asks of them worked out in one pass over them (20,700
    quads at 1M: each pass a few ms of a rebuild's critical path): their graphs, subjects, rdf:type triples and
    triples by graph (the VoID subsets' as their text: `ntriples`), whether a blank node is among them, and how many
    distinct quads they are."""

    def __init__(self, quads: list[Quad], subsets: tuple | None = None):
        """`subsets`: DatasetDescription.subsets, the quads that are the graphs' VoID subsets (dataset.Subset),
        whose parts were worked out as they were made."""
        super().__init__(quads)
        graphs, subjects, typing, by_graph, blank = set(), set(), set(), {}, False
        first, end, made = subsets if subsets is not None else (len(quads), len(quads), [])

        def one_by_one(part: list[Quad]) -> None:
            nonlocal blank
            for quad in part:
                subject, graph, triple = quad.subject, quad.graph_name, quad.triple
                graphs.add(graph)
                subjects.add(subject)
                by_graph.setdefault(graph, []).append(triple)
                if triple.predicate == A:
                    typing.add(triple)
                if not blank and (isinstance(subject, BlankNode) or isinstance(triple.object, BlankNode)):
                    blank = True

        one_by_one(quads[:first])
        # (graph, where they come among its other triples, their N-Triples): the subsets, one graph's
        self.subsets_text: tuple | None = None
        if made:  # in one graph, about the dataset node and the subsets' own (IRIs)
            graph = quads[first].graph_name
            graphs.add(graph)
            subjects.add(quads[first].subject)
            subjects.update(subset.part for subset in made)
            typing.update(subset.typing for subset in made)
            self.subsets_text = (graph, len(by_graph.setdefault(graph, [])), b"".join(s.text for s in made))
        one_by_one(quads[end:])
        self.graphs, self.subjects, self.typing, self.by_graph, self.blank = graphs, subjects, typing, by_graph, blank
        self.distinct = _distinct(quads, first, end, made)

    def ntriples(self, graph) -> bytes:
        """The N-Triples of the description's triples in `graph`, in the order made: the subsets' text among the
        rest, serialised."""
        triples = self.by_graph[graph]
        if self.subsets_text is None or self.subsets_text[0] != graph:
            return serialize(triples, format=RdfFormat.N_TRIPLES)
        _, at, text = self.subsets_text
        return b"".join([serialize(triples[:at], format=RdfFormat.N_TRIPLES), text,
                         serialize(triples[at:], format=RdfFormat.N_TRIPLES)])

    @classmethod
    def of(cls, quads: list[Quad]) -> Described:
        return quads if isinstance(quads, cls) else cls(quads)


def _distinct(quads: list[Quad], first: int, end: int, made: list) -> int:
    """How many distinct quads `quads` are, whose [first:end] are the VoID subsets `made`: four each, none of them
    another's when no two subsets share a node and no other quad names one (as in every description), counted
    without hashing the 20,000 (9 ms of a rebuild's critical path at 1M); else counted whole."""
    others = quads[:first] + quads[end:]
    parts = {subset.part for subset in made}
    if made and len(parts) == len(made) and end - first == 4 * len(made) \
            and not any(q.subject in parts or q.object in parts for q in others):
        return len(set(others)) + end - first
    return len(set(quads))


def _replaceable(result: BuildResult, described: list[Quad]):
    """The previous description the fast road left in the store (BuildResult.aside), when the new one can replace
    it by the difference: one graph, the same, and no other graph says anything about its new subjects either;
    else None, the previous one dropped (the new one then joins whole)."""
    aside = result.aside
    if aside is None:
        return None
    described = Described.of(described)
    fresh = described.subjects - aside.subjects
    if described.graphs != {aside.graph} or described.blank or (fresh and result.graph.subjects_stated(fresh)):
        from osce_kg.rebuild import drop_description

        drop_description(result.graph, aside)
        result.aside = None
        return None
    return aside


def with_description(graph: KnowledgeGraph, summary: dict, described: list[Quad],
                     known: set | None = None, replacing: bool = False) -> dict | None:
    """BuildResult.counted once the dataset description (`described`, not yet in `graph`) joins the store:
    `summary`'s quads and classes plus what the description adds. None (summary() counts the store) when a
    graph of the description is already there, so its quads need not all be new; unless `replacing`: that graph
    is the previous description, which the new one replaces (no other graph states anything about either).
    `known`: the description's subjects the union has a triple about (KnowledgeGraph.subjects_in_union), when
    asked already."""
    described = Described.of(described)
    if any(not isinstance(g, NamedNode) or (graph.has_graph(g) and not replacing) for g in described.graphs):
        return None
    classes = Counter(summary["entities_by_class"])
    typing = described.typing
    stated = graph.stated(typing if known is None else {t for t in typing if t.subject in known} if known else set())
    for triple in typing - stated:  # summary() counts the subjects typed in any graph
        if isinstance(triple.object, NamedNode):  # classes are IRIs (summary's query)
            classes[triple.object.value] += 1
    return {"classes": dict(classes), "quads": summary["quads"] + described.distinct}


def _write_files(result: BuildResult, out_dir: Path, formats: tuple[str, ...], store: bool,
                 since: tuple[str, set[Quad]] | None, description, described: list[Quad], summary: dict,
                 checksums, union_text: _Once | None = None, joined: Future | None = None,
                 sealed: Future | None = None, texts: dict | None = None,
                 early: _EarlySplices | None = None) -> list[Path]:
    """write_outputs' files, the description already in the store, or joining it in a thread (`joined`) as the
    files are spliced; the store then marked and flushed there too (`sealed`, incremental.seal), when it is closed
    in place."""
    from osce_kg.dataset import DatasetTurtle, render_dataset_ttl

    outputs, dumps = [], dict(texts or {})  # the splices write the description's graph from its text
    reports = None  # report.json and the files after it (`_write_reports`), once written
    premade = None  # the store manifest's entries `_manifest_entries` gives, once made
    dataset_ahead = None  # dataset.ttl's first step (DatasetTurtle), once made
    # the N-Quads and JSON-LD writers read the same page graphs: each graph dumped once for both
    shared = SharedDumps(readers=2) if {"nquads", "jsonld"} <= set(formats) and early is None else None
    last_union_reader = next((f for f in reversed(formats) if f in ("turtle", "ntriples")), None) \
        if union_text is not None else None
    if _splicing_at_once(result, formats):
        # the fast road splices each file from the previous one, mostly kernel copies (copy_file_range, without
        # the GIL) of kept ranges, with the cores otherwise idle: the files at once (at 1M, 0.95 s one after the
        # other); the description joins the store meanwhile (RocksDB's bulk loader, without the GIL: 0.25 s at
        # 1M), the N-Quads and JSON-LD splices write its graphs from `dumps`, the rest wait for it
        from concurrent.futures import ThreadPoolExecutor

        from osce_kg.output_reuse import Joining

        begun = early.written if early is not None else {}
        with ThreadPoolExecutor(max_workers=len(formats), thread_name_prefix="splice") as pool:
            joining = None if joined is None else Joining(frozenset(Described.of(described).graphs), joined.result)
            written = [pool.submit(_taken_over, begun[fmt], partial(_write_format, result, fmt, out_dir, dumps,
                                                                    described, shared, union_text, joining,
                                                                    checksums.known))
                       if fmt in begun else
                       pool.submit(_write_format, result, fmt, out_dir, dumps, described, shared, union_text,
                                   joining, checksums.known) for fmt in formats]
            if since is None:  # the reports read nothing the splices write: written here meanwhile
                reports = _write_reports(result, out_dir, since, summary, checksums)
                if store and result.cache is not None:  # ... and most of the store manifest's text
                    premade = _manifest_entries(result)
                # ... and dataset.ttl but its files' part (from the description's text, where it is one graph)
                dataset_ahead = DatasetTurtle(description, described, texts.get(description.graph)
                                              if texts and Described.of(described).graphs == set(texts) == {
                                                  description.graph} else None)
            for done in written:
                outputs.append(done.result())
                checksums.start(outputs[-1])
            if joining is not None:
                joining.wait()
        if result.cache is not None:  # in the formats' order, as when written one after the other
            result.cache.spliced.sort(key=formats.index)
        formats = ()
    for fmt in formats:
        outputs.append(_write_format(result, fmt, out_dir, dumps, described, shared, union_text,
                                     hashed=checksums.known))
        if fmt == last_union_reader:
            union_text.drop()  # its memory back before the next files
        checksums.start(outputs[-1])
    result.wait_validation()  # its engine ran while the files above were written
    closing = None  # a store patched in place, read no more from here on (but by --since's comparison)
    if _closed_in_place(result, out_dir, store, since):
        from osce_kg.incremental import ClosingInPlace

        closing = ClosingInPlace(result.graph, iri.entity("build", result.build_id), sealed)  # beside the last files
    if reports is None:
        reports = _write_reports(result, out_dir, since, summary, checksums)
    outputs += reports
    report_path = reports[0]
    outputs.append(write_atomic(out_dir / "dataset.ttl", render_dataset_ttl(description, described, out_dir,
                                                                            checksums, dataset_ahead)))
    if store:  # the on-disk store query/validate/export open; RocksDB's bytes vary, so not byte-identical
        from osce_kg.incremental import save_store

        cache = result.cache
        extra = {}  # what the next build reuses, kept in the store manifest
        if cache:
            for fmt, index in cache.kept.items():  # a file written whole: its hash's states, for the next splice
                if "states" not in index and fmt in ("nquads", "jsonld"):
                    index["states"] = checksums.states(out_dir / OUTPUT_NAMES[fmt])
            extra = {"outputs": dict(sorted(cache.kept.items())),
                     "void": description.counts,  # what the next build's fast road counts from
                     REPORT: list(checksums.of(report_path)),  # ... and whose page reports it keeps
                     APART: cache.description_apart,  # ... and whether to check its description is apart
                     **(premade or _manifest_entries(result))}
        path, reused = save_store(result.graph, out_dir / "store", iri.entity("build", result.build_id),
                                  cache.graphs if cache else None, cache.previous if cache else None, extra,
                                  closing)
        if cache:
            cache.store_reused = reused
        outputs.append(path)
    return outputs
