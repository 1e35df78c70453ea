"""`osce-kg build [PATH...]`: map pages into the graph, validate it, write build/osce.{ttl,nq,jsonld}."""

from __future__ import annotations

import argparse
import json
import sys

from osce_kg.build import DEFAULT_FORMATS, OUTPUT_NAMES, BuildOptions, build
from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def _bar(done: int, total: int, current: str | None) -> None:
    """Progress on a terminal: one line rewritten in place."""
    if current is None:
        print(file=sys.stderr)
    else:
        print(f"\r[{done}/{total}] {current[:60]:60}", end="", file=sys.stderr, flush=True)


def _counts(done: int, total: int, current: str | None) -> None:
    """Progress in a log: a line every 500 pages."""
    if current is not None and done % 500 == 0:
        print(f"[{done}/{total}] pages mapped", file=sys.stderr, flush=True)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="map page dumps/HTML into the knowledge graph",
        description="Map osce.org page dumps and HTML pages into RDF, validate with SHACL, and write "
        "build/osce.ttl, build/osce.nq, build/osce.jsonld and build/report.json. With no PATH, builds "
        "the bundled example corpus.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt, .html); default: bundled corpus")
    p.add_argument("-o", "--out", default="build", help="output folder (default: build)")
    p.add_argument("--url", help="source URL for a single file that has no '# source:' line")
    p.add_argument("--format", dest="formats", action="append", type=_build_format, metavar="FORMAT",
                   help=f"output format, repeatable: {', '.join(sorted(OUTPUT_NAMES))} or an alias or media type "
                   f"(default: {', '.join(DEFAULT_FORMATS)})")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--no-registry", action="store_true", help="leave the reference registry graphs out")
    p.add_argument("--infer", choices=["none", "rdfs", "owl-rl"], default="none",
                   help="add what the ontology entails, in its own named graph (default: none)")
    p.add_argument("--no-store", action="store_true", help="do not write the on-disk store (build/store)")
    p.add_argument("--no-cache", action="store_true",
                   help="map every page again (default: pages unchanged since the last build come from the cache)")
    p.add_argument("--page-cache", metavar="DIR",
                   help="page cache folder (default: beside the output folder, build -> .build.cache)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                   help="processes that map pages (default: one per core; 1: this process only, no pool)")
    limits = p.add_argument_group("limits per page (0 = off; defaults and env variables: docs/security.md)")
    limits.add_argument("--max-bytes", type=str, metavar="N", help="file size (env OSCE_KG_MAX_BYTES)")
    limits.add_argument("--max-lines", type=str, metavar="N",
                        help="lines of a text dump, text blocks of an HTML page (env OSCE_KG_MAX_LINES)")
    limits.add_argument("--max-line-chars", type=str, metavar="N",
                        help="characters in one line or text block (env OSCE_KG_MAX_LINE_CHARS)")
    limits.add_argument("--max-html-depth", type=str, metavar="N",
                        help="nested HTML elements (env OSCE_KG_MAX_HTML_DEPTH)")
    limits.add_argument("--page-seconds", type=str, metavar="S",
                        help="time to parse and map one page (env OSCE_KG_PAGE_SECONDS)")
    p.add_argument("--since", metavar="OLD", help="a previous build folder or RDF file: also say what changed since "
                   "(quads added and removed per named graph; 'osce-kg diff' gives the details)")
    p.set_defaults(run=run)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1")
    return jobs


def _build_format(name: str) -> str:
    from osce_kg.export.base import resolve_format

    try:
        fmt = resolve_format(name).name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if fmt not in OUTPUT_NAMES:
        raise argparse.ArgumentTypeError(f"a build writes {', '.join(sorted(OUTPUT_NAMES))}, not {fmt}")
    return fmt


def run(args: argparse.Namespace) -> int:
    from osce_kg.limits import LimitError, Limits
    from osce_kg.outputs import OutputError

    try:
        limits = Limits.from_env(max_bytes=args.max_bytes, max_lines=args.max_lines,
                                 max_line_chars=args.max_line_chars, max_html_depth=args.max_html_depth,
                                 page_seconds=args.page_seconds)
    except LimitError as exc:
        print(f"error: limit {exc}", file=sys.stderr)
        return EXIT_USAGE
    options = BuildOptions(
        paths=args.paths,
        out_dir=args.out,
        url=args.url,
        formats=tuple(args.formats or DEFAULT_FORMATS),
        validate=not args.no_validate,
        registry=not args.no_registry,
        progress=None if args.quiet else (_bar if sys.stderr.isatty() else _counts),
        limits=limits,
        infer=args.infer,
        store=not args.no_store,
        jobs=args.jobs,
        page_cache=not args.no_cache,
        page_cache_dir=args.page_cache,
        since=args.since,  # read before the build, which may replace that very folder
    )
    from osce_kg.diff import DiffError

    try:
        result = build(options)
    except DiffError as exc:
        print(f"error: --since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_FAILED
    for warning in result.warnings + (result.cache.warnings if result.cache else []):
        print(f"warning: {warning}", file=sys.stderr)
    for report in result.sources:
        if report.error:
            print(f"error: {report.file}: {report.error}", file=sys.stderr)
    summary = result.summary()
    if result.changes is not None:
        summary["changes"] = result.changes
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print_summary(summary, result, args.quiet)
    if result.validation is not None and not result.validation.conforms:
        print(result.validation.text(), file=sys.stderr)
    if result.not_written:
        print(f"error: {result.not_written}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILED


def print_summary(summary: dict, result, quiet: bool) -> None:
    out = sys.stderr
    changes = summary.get("changes")
    if changes:
        graphs = changes["graphs"]
        print(f"since {changes['since']}: +{changes['added']} -{changes['removed']} quads in {len(graphs)} graphs",
              file=out)
        for graph, counts in list(graphs.items())[:10 if quiet else len(graphs)]:
            print(f"  {graph}: +{counts['added']} -{counts['removed']}", file=out)
    print(f"sources: {summary['sources']} read, {summary['built']} built, {summary['errors']} errors", file=out)
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in summary["kinds"].items()), file=out)
    print("languages: " + ", ".join(f"{k} {n}" for k, n in summary["languages"].items()), file=out)
    if not quiet:
        print("entities by class:", file=out)
        from osce_kg.export.base import compact

        for cls, n in summary["entities_by_class"].items():
            print(f"  {n:6d}  {compact(cls) or cls}", file=out)
    if result.cache is not None and not quiet:
        cache = result.cache
        store = "; store: previous one updated" if cache.store_reused else ""
        # how the build went about it, when there was a previous build to start from (osce_kg/rebuild.py)
        road = "; rebuilt from the previous build's store" if cache.fast else \
            f"; full build ({cache.not_fast})" if cache.not_fast and cache.previous is not None else ""
        print(f"page cache: {cache.hits} pages reused, {cache.misses} mapped{store}{road}", file=out)
    print(f"quads: {summary['quads']}; warnings: {summary['warnings']}; "
          f"conforms: {summary['conforms']}; time: {summary['seconds']} s", file=out)
    if summary["warnings_by_code"] and not quiet:
        print("warnings by kind: " + ", ".join(f"{k} {n}" for k, n in summary["warnings_by_code"].items()), file=out)
    for message in summary["candidates"][:10]:
        print(f"candidate: {message}", file=out)
    if len(summary["candidates"]) > 10:
        print(f"... {len(summary['candidates']) - 10} more candidates in report.json", file=out)
    for path in result.outputs:
        print(f"wrote {path}", file=out)
    if result.outputs:
        print(f"build id: {result.build_id}", file=out)
