"""`osce-kg build`: source files -> pages -> records -> quads -> store -> validate -> export.

One bad file never stops the batch: its error names the file and the problem, the other files are
built, and `BuildResult.ok` is False so the CLI exits non-zero. A page over a limit (osce_kg/limits.py) is
refused before it is parsed. The output files are written as one set (osce_kg/outputs.py): all of them are
swapped in together, and a build that fails, builds no page or is interrupted leaves the previous set.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from pyoxigraph import Literal, NamedNode, Quad

from osce_kg import __version__, iri
from osce_kg.classify import explain, mappers
from osce_kg.context import MappingContext
from osce_kg.export import exporter_for, write_atomic
from osce_kg.export.base import build_formats
from osce_kg.limits import Limits, PageTimeout, time_budget
from osce_kg.mappings.navigation import map_navigation
from osce_kg.outputs import OutputSet
from osce_kg.page import Page, parse_text_dump
from osce_kg.rdf import QuadSink, RecordWriter, describe_source
from osce_kg.records import Label, Ref
from osce_kg.reference import registry_quads
from osce_kg.registry import Registry, load_registry
from osce_kg.sources import SourceError, SourceFile, display, read_source, walk_sources
from osce_kg.store import KnowledgeGraph
from osce_kg.vocab import OSCE, PROV, RDFS, XSD, A

DEFAULT_FORMATS = ("turtle", "nquads", "jsonld")
OUTPUT_NAMES = build_formats()  # format -> file name, from the one exporter registry
_OSCE_WORDS = re.compile(r"\b(OSCE|OSZE|ОБСЕ|CSCE|KSZE|СБСЕ|CSCE|Organi[sz]ation for Security and Co-operation)\b")


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
    progress: str | None = None  # "bar" (a terminal), "counts" (a line every 500 pages, for logs) or None
    limits: Limits | None = None  # work allowed per page (default: Limits.from_env())
    infer: str = "none"  # none | rdfs | owl-rl: entailments in their own named graph (osce_kg/infer.py)
    store: bool = True  # also write the on-disk store out_dir/store/ that query, validate and export open


@dataclass
class SourceReport:
    file: str
    url: str | None = None
    graph: str | None = None
    kind: str | None = None
    language: str | None = None
    title: str | None = None
    triples: int = 0
    records: dict[str, int] = field(default_factory=dict)
    entities: list[str] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    unmapped_navigation: list[str] = field(default_factory=list)
    facts: dict[str, list[dict]] = field(default_factory=dict)  # record type -> the facts stated, readable
    error: str | None = None
    classification: dict = field(default_factory=dict)  # kind, reason, evidence, scores (osce_kg.classify)


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    sources: list[SourceReport]
    outputs: list[Path] = field(default_factory=list)
    validation: object | None = None  # osce_kg.validate.ValidationReport
    seconds: float = 0.0
    build_id: str = ""  # names the build node (id:build/<build_id>) and is in report.json
    not_written: str | None = None  # why the outputs were left as they were (no page built)
    warnings: list[str] = field(default_factory=list)  # build-wide problems that did not stop it (a bad cache)

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
        classes = Counter()
        for row in self.graph.select(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
        ):
            classes[row["c"]] = int(row["n"])
        return {
            "sources": len(self.sources),
            "built": len(built),
            "errors": len(self.errors),
            "kinds": dict(sorted(Counter(s.kind for s in built).items())),
            "languages": dict(sorted(Counter(s.language or "unknown" for s in built).items())),
            "entities_by_class": dict(sorted(classes.items())),
            "quads": len(self.graph),
            "warnings": sum(len(s.warnings) for s in built),
            "warnings_by_code": dict(sorted(Counter(w["code"] for s in built for w in s.warnings).items())),
            "candidates": sorted({w["message"] for s in built for w in s.warnings if w["code"] == "candidate-entity"}),
            "conforms": self.conforms,
            "seconds": round(self.seconds, 3),
        }


def build_time() -> str:
    """ISO time of the build: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_source(source: SourceFile, url: str) -> Page:
    if source.format == "html":
        from osce_kg.html import parse_html

        return parse_html(source, url)
    return parse_text_dump(source, url)


def check_osce_page(page: Page) -> None:
    """Refuse input that is not an OSCE page: no osce.org source, no site menu, no mention of the OSCE."""
    if not page.title and not page.blocks and not page.nav:
        raise SourceError(page.source.path, "no page content (no title, text or navigation)")
    host = urlsplit(page.url).hostname or "" if "://" in (page.url or "") else ""
    if host == "osce.org" or host.endswith(".osce.org") or page.nav:
        return
    if not _OSCE_WORDS.search(page.source.text):
        raise SourceError(
            page.source.path, "not an OSCE page (no osce.org source URL, site menu or mention of the OSCE)"
        )
    if page.language is None:
        raise SourceError(page.source.path, "text is in none of the six OSCE languages")


def map_page(page: Page, registry: Registry, build_node: NamedNode, when: str, report: SourceReport) -> list[Quad]:
    """One parsed page -> its quads, in its own named graph; fills in the page's report."""
    source, url = page.source, page.url
    ctx = MappingContext(registry)
    report.unmapped_navigation = map_navigation(page, ctx)
    choice = explain(page, ctx)
    kind, mapper = choice.kind, mappers()[choice.kind]
    report.classification = choice.as_report()
    if choice.reason.startswith("tie") and "does not settle" in choice.reason:
        ctx.warn("kind-tie", choice.reason)
    mapper.map_page(page, ctx)
    page_node = NamedNode(iri.page(url))
    sink = QuadSink(iri.page_graph(url))
    describe_source(sink, page_node, url, source.sha256, Path(source.path).name, build_node, when)
    RecordWriter(registry, sink, page_node).write(ctx.result.records)
    report.kind, report.language, report.title = kind, page.language or page.nav_language, page.title
    report.records = dict(sorted(Counter(type(r).__name__ for r in ctx.result.records).items()))
    report.entities = sorted({f"{r.ref.type}:{r.ref.key}" for r in ctx.result.records if hasattr(r, "ref")})
    report.warnings = [{"code": w.code, "message": w.message} for w in ctx.result.warnings]
    report.facts = report_facts(ctx.result.records)
    if page.truncated:
        report.warnings.append({"code": "truncated", "message": "text stops mid-sentence (partial page)"})
    return sink.quads


# Records that say where and how a page names things, not what it states: counted, not listed.
_NOT_FACTS = {"Mention", "EntitySeen", "DocumentContent"}


def report_facts(records: list) -> dict[str, list[dict]]:
    """The facts a page's records state, per record type, as plain JSON (refs as 'type:key')."""
    import dataclasses

    def plain(value):
        if isinstance(value, Ref):
            return f"{value.type}:{value.key}"
        if isinstance(value, Label):
            text = value.text if len(value.text) <= 120 else value.text[:117] + "..."
            return f"{text} @{value.lang}"
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        return value

    facts: dict[str, list[dict]] = {}
    for record in records:
        name = type(record).__name__
        if name in _NOT_FACTS or not dataclasses.is_dataclass(record):
            continue
        row = {f.name: plain(getattr(record, f.name)) for f in dataclasses.fields(record)}
        row = {k: v for k, v in row.items() if v not in (None, (), [], "", False)}
        if row not in facts.setdefault(name, []):
            facts[name].append(row)
    return dict(sorted(facts.items()))


def build(options: BuildOptions | None = None) -> BuildResult:
    """Map, validate and (with out_dir) write the output set. Raises OutputError before any work when the
    output folder cannot be used."""
    options = options or BuildOptions()
    staging = OutputSet.open(Path(options.out_dir)) if options.out_dir else None
    try:
        result = _build(options)
        if staging is not None:
            if not any(not s.error for s in result.sources):
                result.not_written = f"no page was built; {options.out_dir} left as it was"
            else:
                names = write_outputs(result, staging.folder, options.formats, store=options.store)
                staging.commit(result.build_id)
                result.outputs = [Path(options.out_dir) / n.relative_to(staging.folder) for n in names]
    finally:
        if staging is not None:
            staging.close()
    return result


def _build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    limits = options.limits or Limits.from_env()
    registry = load_registry(options.registry_folder)
    walked = walk_sources(options.paths or [bundled_corpus()])
    # Sorted and deduplicated: the order the paths were given in changes nothing (not even which of two
    # files claiming one URL wins: the first path in this order).
    walked = sorted(dict(walked).items(), key=lambda item: os.fsencode(item[0]))
    when = build_time()
    digest = hashlib.sha256()
    sources: list[tuple[Path, SourceFile | None, SourceReport]] = []
    for path, problem in walked:
        report = SourceReport(file=display(path))
        source = None
        if problem:
            report.error = problem
        else:
            try:
                source = read_source(path, options.url if len(walked) == 1 else None, limits)
                digest.update(source.sha256.encode())
            except SourceError as exc:
                report.error = exc.problem
        sources.append((path, source, report))
    digest.update(__version__.encode())
    # what else decides the page graphs: the registry flag, the limits (which pages get in), the registry files
    # and the enrichment cache; not the formats written, nor --infer (its triples sit in a graph of their own)
    digest.update(repr((options.registry, limits)).encode())
    digest.update(_files_digest(options, registry.folder).encode())
    build_id = digest.hexdigest()[:16]
    build_node = NamedNode(iri.entity("build", build_id))

    kg = KnowledgeGraph()
    warnings: list[str] = []
    seen_urls: dict[str, str] = {}
    for n, (path, source, report) in enumerate(sources, 1):
        if options.progress == "bar":
            print(f"\r[{n}/{len(sources)}] {display(path.name)[:60]:60}", end="", file=sys.stderr, flush=True)
        elif options.progress == "counts" and n % 500 == 0:
            print(f"[{n}/{len(sources)}] pages mapped", file=sys.stderr, flush=True)
        if source is None:
            continue
        try:
            with time_budget(limits.page_seconds):
                page = parse_source(source, source.url or iri.local_url(source.sha256))
                if options.url and len(sources) == 1:
                    page.url = options.url  # the caller's word beats an HTML canonical link
                check_page_limits(page, limits)
                try:  # the URL in its normal form (docs/identifiers.md): what schema:url publishes
                    page.url = iri.source_url(page.url)
                    key = iri.page_key(page.url)
                except ValueError as exc:
                    raise SourceError(source.path, f"source URL not usable: {exc}") from None
                check_osce_page(page)
                report.url, report.graph = page.url, iri.page_graph(page.url)
                if key in seen_urls:
                    report.error = f"same source URL as {seen_urls[key]} (the first path in sorted order wins); skipped"
                    continue
                quads = map_page(page, registry, build_node, when, report)
        except SourceError as exc:
            report.error = exc.problem
            continue
        except PageTimeout as exc:
            report.error = str(exc)
            continue
        except MemoryError:
            report.error = "out of memory while mapping this page"
            continue
        except Exception as exc:  # a mapper bug must not stop the batch; it is reported like bad input
            report.error = f"mapping failed: {type(exc).__name__}: {exc}"
            continue
        seen_urls[key] = display(path)
        report.triples = len(set(quads))
        kg.add_quads(quads)
    if options.progress == "bar" and sources:
        print(file=sys.stderr)
    if options.registry:
        kg.add_quads(registry_quads(registry))
        from osce_kg.enrich import enrichment_quads  # the cache `osce-kg enrich` wrote, if any

        kg.add_quads(enrichment_quads(registry, Path(options.cache_dir) if options.cache_dir else None, warnings))
    kg.add_quads(_build_quads(build_node, when, [r for _, _, r in sources if not r.error]))

    result = BuildResult(graph=kg, sources=[r for _, _, r in sources], build_id=build_id, warnings=warnings)
    if options.validate:
        from osce_kg.validate import validate_graph

        result.validation = validate_graph(kg)
    if options.infer != "none":  # after validation: the shapes judge what the sources state
        from osce_kg.infer import infer

        infer(kg, options.infer)
    result.seconds = time.perf_counter() - started
    return result


def check_page_limits(page: Page, limits: Limits) -> None:
    """An HTML page's text, once parsed, within the line limits a text dump is held to before parsing."""
    if page.source.format != "html":
        return
    if limits.max_lines and len(page.blocks) > limits.max_lines:
        raise SourceError(page.source.path, f"over the line limit ({len(page.blocks):,} text blocks > max_lines "
                                            f"{limits.max_lines:,})")
    longest = max((len(b.text) for b in page.blocks), default=0)
    if limits.max_line_chars and longest > limits.max_line_chars:
        raise SourceError(page.source.path, f"over the line length limit (text block of {longest:,} characters > "
                                            f"max_line_chars {limits.max_line_chars:,})")


def _files_digest(options: BuildOptions, registry_folder: Path) -> str:
    """Digest of the registry files and the enrichment cache: they change the output as much as the pages."""
    from osce_kg.enrich import CACHE_FILE, default_cache_dir
    digest = hashlib.sha256()
    files = sorted(Path(registry_folder).glob("*.csv")) if options.registry else []
    cache = Path(options.cache_dir) if options.cache_dir else default_cache_dir()
    files.append(cache / CACHE_FILE)
    for path in files:
        try:
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(path.name.encode() + b"\0-")
    return digest.hexdigest()


def _build_quads(build_node: NamedNode, when: str, reports: list[SourceReport]) -> list[Quad]:
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
    for report in reports:
        quads.append(Quad(build_node, PROV.generated, NamedNode(report.graph), graph))
    return quads


def write_outputs(result: BuildResult, out_dir: Path, formats: tuple[str, ...], store: bool = True) -> list[Path]:
    """Write every output file into `out_dir`: `build` passes the staging folder of an OutputSet, so a new
    output written here joins the set that is swapped in together."""

    from osce_kg.dataset import DatasetDescription, output_files, render_dataset_ttl, write_shipped

    outputs = []
    # The DCAT/VoID description goes into the RDF outputs (its own named graph) and, with the checksums
    # of every other file, into dataset.ttl, written last (osce_kg/dataset.py).
    description = DatasetDescription(result.graph, output_files(formats, result.validation is not None), build_time())
    described = description.quads()
    quads = list(result.graph.quads()) + described
    for fmt in formats:
        outputs.append(exporter_for(fmt).write(quads, out_dir / OUTPUT_NAMES[fmt]))
    report = {"build": {"id": result.build_id, "iri": iri.entity("build", result.build_id),
                        "warnings": result.warnings},
              "summary": result.summary(), "sources": [vars(s) for s in result.sources]}
    report["summary"].pop("seconds")  # keep report.json byte-identical across runs
    outputs.append(write_atomic(out_dir / "report.json", json.dumps(report, indent=1, ensure_ascii=False) + "\n"))
    if result.validation is not None:
        outputs.append(write_atomic(out_dir / "validation.txt", result.validation.text()))
    outputs += write_shipped(out_dir)
    outputs.append(write_atomic(out_dir / "dataset.ttl", render_dataset_ttl(description, described, out_dir)))
    result.graph.add_quads(described)  # so the on-disk store, written next, holds the same graphs as osce.nq
    if store:  # the on-disk store query/validate/export open; RocksDB's bytes vary, so not byte-identical
        outputs.append(result.graph.save(out_dir / "store"))
    return outputs
