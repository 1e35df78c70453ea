"""`osce-kg serve`: a read-only SPARQL endpoint with Linked Data pages on the last build's store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osce_kg.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the store: SPARQL endpoint, query page, Linked Data pages",
        description="Serve the on-disk store (default build/store) read-only over HTTP: the SPARQL 1.1 "
        "Protocol at /sparql, a query page at /, each entity at /id/..., each named graph at /graph/..., "
        "the ontology at /ontology. Exit 0 on Ctrl-C, 1 if the server cannot start, 2 on usage errors.",
    )
    p.add_argument("--store", default="build/store", help="on-disk store folder (default: build/store)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default 30)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows or triples a result may have (default 10000)")
    p.add_argument("--max-body", type=int, default=1_000_000, help="bytes a POST body may have (default 1000000)")
    p.add_argument("--threads", type=int, default=8,
                   help="queries evaluated at once per process, those past their time limit included (default 8)")
    p.add_argument("--allow-federation", action="store_true",
                   help="let queries use SERVICE (the server then calls other hosts)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1; pyoxigraph evaluates a query on one core per process)")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.store).is_dir():
        print(f"error: {args.store}: no such store folder (run 'osce-kg build' first)", file=sys.stderr)
        return EXIT_USAGE
    if not (args.timeout > 0 and args.max_rows > 0 and args.max_body > 0 and 0 < args.port < 65536
            and 0 < args.workers <= 64 and 0 < args.threads <= 256):
        print("error: --timeout, --max-rows, --max-body, --port, --workers and --threads must be positive",
              file=sys.stderr)
        return EXIT_USAGE
    import json

    import uvicorn

    from osce_kg.server import ServerConfig, create_app
    from osce_kg.settings import set_serve_config

    config = ServerConfig(store=Path(args.store), allow_federation=args.allow_federation, timeout=args.timeout,
                          max_rows=args.max_rows, max_body=args.max_body, threads=args.threads)
    try:
        app = create_app(config)  # opens the store: a bad folder fails here, before any worker starts
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"serving {args.store} at http://{args.host}:{args.port}/ (SPARQL: /sparql); Ctrl-C stops",
          file=sys.stderr)
    options = {"host": args.host, "port": args.port, "log_level": args.log_level, "timeout_keep_alive": 30,
               "limit_concurrency": 1000}
    if args.workers > 1:
        del app
        set_serve_config(json.dumps({**vars(config), "store": str(Path(args.store).resolve())}))
        uvicorn.run("osce_kg.server:app_from_env", factory=True, workers=args.workers, **options)
        return EXIT_OK
    server = uvicorn.Server(uvicorn.Config(app, **options))
    server.run()
    return EXIT_OK if server.started else EXIT_FAILED
