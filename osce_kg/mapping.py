"""One source file, start to end, as plain functions: the unit of work a process pool or a cache handles.

`map_page(page, registry)` is pure (a parsed page and the registry in, a `PageMapping` out) and is what
the build and the tests call alike. `map_source` adds what one file needs around it (parse, limits, the
checks that it is an OSCE page, the quads of its named graph) and never raises for bad input: a problem
is the report's `error`, so one bad file never stops the batch.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pyoxigraph import NamedNode

from osce_kg import iri
from osce_kg.classify import explain, mappers
from osce_kg.context import MappingContext
from osce_kg.limits import Limits, PageTimeout, time_budget
from osce_kg.mappings.navigation import map_navigation
from osce_kg.page import Page, parse_text_dump
from osce_kg.rdf import NQuadsSink, RecordWriter, describe_source
from osce_kg.records import Label, MappingResult, Ref
from osce_kg.registry import Registry
from osce_kg.sources import SourceError, SourceFile, display

_OSCE_WORDS = re.compile(r"\b(OSCE|OSZE|ОБСЕ|CSCE|KSZE|СБСЕ|CSCE|Organi[sz]ation for Security and Co-operation)\b")


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

    def as_dict(self) -> dict:
        """Every field by name, as report.json writes it (`vars()` of a KeptReport need not hold them all yet)."""
        return {name: getattr(self, name) for name in _REPORT_FIELDS}


_REPORT_FIELDS = tuple(f.name for f in dataclasses.fields(SourceReport))
# what a build reads of every page's report (its summary, the store manifest): a KeptReport holds them from the start
_SUMMED = ("file", "graph", "kind", "language", "warnings", "error")
_LATER = frozenset(_REPORT_FIELDS) - frozenset(_SUMMED)


class KeptReport(SourceReport):
    """A kept page's report in a rebuild's fast road (osce_kg/rebuild.py): the same page-cache key as in the previous
    build, so the same report; what the build reads of it (`_SUMMED`) comes from the store manifest, the rest is
    parsed from the previous report.json's text of it when first asked for (5,000 reports parsed took 0.12 s of a
    0.3 s wait). Equal to the SourceReport it stands for."""

    def __init__(self, file: str, graph: str, kind: str | None, language: str | None, warnings: list,
                 text: str | Callable[[], str]):
        """`text`: the report's text in the previous report.json, or what reads it."""
        self.__dict__.update(file=file, graph=graph, kind=kind, language=language, warnings=warnings, error=None,
                             _text=text)

    def _read(self, name: str):
        """A field of `_LATER`, the previous report.json's text of the report parsed on the first one asked for."""
        found = self.__dict__
        if name not in found:
            text = found.pop("_text")
            fields = json.loads(text() if callable(text) else text)
            if not isinstance(fields, dict) or set(fields) != set(_REPORT_FIELDS) \
                    or any(fields[n] != found[n] for n in _SUMMED):
                raise ValueError(f"{found['file']}: the previous report.json's report of it is not the one "
                                 "its store manifest recorded")
            found.update((n, v) for n, v in fields.items() if n not in found)
        return found[name]

    def __eq__(self, other: object) -> bool:
        return self.as_dict() == other.as_dict() if isinstance(other, SourceReport) else NotImplemented

    __hash__ = None  # as SourceReport's


def _later_field(name: str) -> property:
    """A KeptReport field read when first asked for; the `_SUMMED` ones are plain attributes (the summary reads
    them for every page: through a __getattribute__ of its own, 5,000 pages took 20-40 ms of a rebuild)."""
    def read(report: KeptReport):
        return report._read(name)

    def write(report: KeptReport, value) -> None:
        report._read(name)  # the rest parsed first, so it does not overwrite this
        report.__dict__[name] = value

    return property(read, write)


for _name in sorted(_LATER):
    setattr(KeptReport, _name, _later_field(_name))


@dataclass
class PageMapping:
    """What the mappers made of one page: its kind, how it was chosen, and the records and warnings."""

    kind: str
    classification: dict
    result: MappingResult
    unmapped_navigation: list[str]


@dataclass
class SourceOutcome:
    """One source file mapped (or read from the page cache, osce_kg/page_cache.py): its report and, when it
    built, its named graph as N-Quads bytes and the key of its URL (two files with one key: the build keeps
    the first). The bytes are all that crosses from a worker and all the store loads: no Python object per
    quad."""

    report: SourceReport
    url_key: str | None = None
    nquads: bytes = b""


def keep_first_of_url(outcome: SourceOutcome, file: str, shown: str, seen_urls: dict[str, str]) -> bool:
    """Whether a mapped file's graph is kept: not when it failed, nor when an earlier file already gave its
    source URL (then it becomes an error, not a second graph of the same page: the first path in sorted order
    wins). `seen_urls` maps each URL key kept so far to its file's name as shown (`shown` for this one)."""
    if outcome.url_key in seen_urls and not outcome.report.error:
        outcome.report = SourceReport(file=file, url=outcome.report.url, graph=outcome.report.graph,
                                      error=f"same source URL as {seen_urls[outcome.url_key]} (the first "
                                            "path in sorted order wins); skipped")
    if outcome.report.error:
        return False
    seen_urls[outcome.url_key] = shown
    return True


def take_outcome(sources: list, n: int, outcome: SourceOutcome, seen_urls: dict[str, str],
                 progress: Callable | None = None) -> bool:
    """A build's page n gets its outcome: its report replaces the placeholder in `sources` ((path, source,
    report) per file), `progress` told first; whether its graph goes in (see keep_first_of_url)."""
    path, source, report = sources[n]
    if progress:
        progress(n + 1, len(sources), display(path.name))
    kept = keep_first_of_url(outcome, report.file, display(path), seen_urls)
    sources[n] = (path, source, outcome.report)
    return kept


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


def map_page(page: Page, registry: Registry) -> PageMapping:
    """A parsed page -> its kind and records. Pure: no I/O, no RDF."""
    ctx = MappingContext(registry)
    unmapped = map_navigation(page, ctx)
    choice = explain(page, ctx)
    if choice.reason.startswith("tie") and "does not settle" in choice.reason:
        ctx.warn("kind-tie", choice.reason)
    mappers()[choice.kind].map_page(page, ctx)
    return PageMapping(choice.kind, choice.as_report(), ctx.finish(), unmapped)


def page_graph(page: Page, mapping: PageMapping) -> NQuadsSink:
    """The statements of the page's named graph, as N-Quads lines: its records, and where they come from
    (PROV-O)."""
    page_node = NamedNode(iri.page(page.url))
    sink = NQuadsSink(iri.page_graph(page.url))
    describe_source(sink, page_node, page.url, page.source.sha256, Path(page.source.path).name)
    RecordWriter(sink, page_node).write(mapping.result.records)
    return sink


def fill_report(report: SourceReport, page: Page, mapping: PageMapping) -> None:
    records = mapping.result.records
    report.unmapped_navigation = mapping.unmapped_navigation
    report.classification = mapping.classification
    report.kind, report.language, report.title = mapping.kind, page.language or page.nav_language, page.title
    report.records = dict(sorted(Counter(type(r).__name__ for r in records).items()))
    report.entities = sorted({f"{r.ref.type}:{r.ref.key}" for r in records if hasattr(r, "ref")})
    report.warnings = [{"code": w.code, "message": w.message} for w in mapping.result.warnings]
    report.facts = report_facts(records)
    if page.truncated:
        report.warnings.append({"code": "truncated", "message": "text stops mid-sentence (partial page)"})


def map_source(source: SourceFile, display_name: str, registry: Registry, limits: Limits,
               url: str | None = None) -> SourceOutcome:
    """One read source file -> its report and quads; a problem with it becomes the report's error.

    `url` is the caller's word for the page's URL (it beats an HTML canonical link)."""
    report = SourceReport(file=display_name)
    outcome = SourceOutcome(report)
    try:
        with time_budget(limits.page_seconds):
            page = parse_source(source, source.url or iri.local_url(source.sha256))
            if url:
                page.url = url
            check_page_limits(page, limits)
            try:  # the URL in its normal form (docs/identifiers.md): what schema:url publishes
                page.url = iri.source_url(page.url)
                outcome.url_key = iri.page_key(page.url)
            except ValueError as exc:
                raise SourceError(source.path, f"source URL not usable: {exc}") from None
            check_osce_page(page)
            report.url, report.graph = page.url, iri.page_graph(page.url)
            mapping = map_page(page, registry)
            graph = page_graph(page, mapping)
            outcome.nquads, report.triples = graph.nquads(), graph.statements()
            fill_report(report, page, mapping)
    except SourceError as exc:
        report.error = exc.problem
    except PageTimeout as exc:
        report.error = str(exc)
    except MemoryError:
        report.error = "out of memory while mapping this page"
    except Exception as exc:  # a mapper bug must not stop the batch; it is reported like bad input
        report.error = f"mapping failed: {type(exc).__name__}: {exc}"
    if report.error:
        outcome.nquads, report.triples = b"", 0
    return outcome


# Records that say where and how a page names things, not what it states: counted, not listed.
_NOT_FACTS = {"Mention", "EntitySeen", "DocumentContent"}


def report_facts(records: list) -> dict[str, list[dict]]:
    """The facts a page's records state, per record type, as plain JSON (refs as 'type:key')."""

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
