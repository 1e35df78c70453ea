"""`osce-kg enrich --endpoint URL`: fetch Wikidata labels and ISO codes for registry entities into the cache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser(
        "enrich",
        help="fetch Wikidata labels/identifiers for registry entities (cached for offline builds)",
        description="Ask a SPARQL endpoint shaped like Wikidata for the labels (six languages) and ISO 3166-1 "
        "codes (P297, P298) of every registry entity with a Wikidata QID, and store the answer in the cache "
        "folder (wikidata.json). Later builds read the cache, never the network, and put its facts in the "
        "named graph graph/registry/wikidata-enrichment.",
    )
    p.add_argument("--endpoint", required=True, help="SPARQL endpoint URL (e.g. a Wikidata query service)")
    p.add_argument("--cache", help="cache folder (default: $OSCE_KG_CACHE or .osce-kg-cache)")
    p.add_argument("--graph", help="default-graph-uri to query (for a mirror that keeps the data in a named graph)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    p.add_argument("--retries", type=int, default=3, help="retries after a failed request (default 3)")
    p.add_argument("--backoff", type=float, default=1.0, help="first retry delay in seconds, doubled each time")
    p.add_argument("--refresh", action="store_true", help="ask the endpoint even when the cache has the answer")
    p.add_argument("--registry", help="registry folder (default: the bundled one)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import math

    from osce_kg.cli import CliError
    from osce_kg.enrich import Client, EnrichError, compare, default_cache_dir, fetch_enrichment, targets
    from osce_kg.registry import RegistryError, load_registry

    for flag, value in (("--timeout", args.timeout), ("--backoff", args.backoff)):
        if not math.isfinite(value) or value < 0 or (flag == "--timeout" and value == 0):
            raise CliError(f"{flag} {value}: must be a finite number of seconds"
                           + (" above 0" if flag == "--timeout" else " (0 or more)"))
    if args.retries < 0:
        raise CliError(f"--retries {args.retries}: must be 0 or more")
    cache = Path(args.cache) if args.cache else default_cache_dir()
    try:
        client = Client(args.endpoint, timeout=args.timeout, retries=max(0, args.retries), backoff=args.backoff,
                        graph=args.graph)
    except EnrichError as exc:
        raise CliError(str(exc)) from None
    try:
        registry = load_registry(args.registry)
        data = fetch_enrichment(registry, client, cache, refresh=args.refresh)
    except (EnrichError, RegistryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    wanted = targets(registry)
    found = [q for q in wanted if data["items"].get(q, {}).get("labels")]
    source = "cache" if client.attempts == 0 else f"{args.endpoint} ({client.attempts} request(s))"
    print(f"{len(found)} of {len(wanted)} entities with a Wikidata QID have labels; from {source}")
    for line in compare(registry, data):
        print(f"warning: ISO code differs: {line}", file=sys.stderr)
    print(f"{'cache' if client.attempts == 0 else 'wrote'} {cache / 'wikidata.json'}")
    return EXIT_OK
