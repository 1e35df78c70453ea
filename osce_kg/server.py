"""`osce-kg serve`: a read-only SPARQL 1.1 endpoint and Linked Data pages on the persistent store (Starlette).

Routes:
- `/sparql`: the SPARQL 1.1 Protocol (GET, POST form-encoded, POST application/sparql-query), results by
  content negotiation or `?format=`; without a query, the SPARQL 1.1 Service Description.
- `/id/...`, `/graph/...`, `/ontology`: each IRI under the base as HTML (browsers), Turtle or JSON-LD
  (Accept, or a `.ttl` / `.jsonld` / `.nt` suffix); 404 for an IRI the data does not hold.
- `/`: the query page (osce_kg/server_pages.py).

What the server refuses, with a message: updates (403), SERVICE unless federation is allowed (403),
malformed SPARQL, unknown formats and oversize bodies (400), queries past the time limit (503) and
results past the size limit (400). Queries run in worker threads, so a slow query never blocks the others;
a query over time is abandoned: one whose rows keep coming stops at its next solution, one that gives no
row until the engine is done (an aggregate) runs on in its thread until it ends, as pyoxigraph cannot stop
an evaluation, and keeps its slot: with every slot taken, a query is refused as busy (docs/security.md).
`osce-kg serve --workers N` runs N processes (uvicorn's workers), each opening the store read-only.
"""

from __future__ import annotations

import threading
import urllib.parse
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from time import monotonic

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from osce_kg import iri
from osce_kg.conneg import (
    CONTENT_TYPES,
    GRAPH_TYPES,
    RESULT_TYPES,
    NotAcceptable,
    accepts_html,
    format_param,
    negotiate,
)
from osce_kg.server_errors import HTTPError
from osce_kg.settings import serve_config
from osce_kg.sparql import QueryError, QueryResult, check, render_graph
from osce_kg.store import KnowledgeGraph

SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples"}
SD = "http://www.w3.org/ns/sparql-service-description#"


@dataclass
class ServerConfig:
    store: Path
    allow_federation: bool = False
    timeout: float = 30.0  # seconds per query
    max_rows: int = 10_000  # solutions (or triples) per result
    max_body: int = 1_000_000  # bytes of a POST body
    threads: int = 8  # queries evaluated at once
    base: str = field(default_factory=iri.base)


class Backend:
    """The store and ontology the routes read, and the query evaluation with its limits."""

    def __init__(self, config: ServerConfig):
        self.config = config
        self.kg = KnowledgeGraph.open(config.store)
        self.store = self.kg.store
        self.ontology_ttl = resources.files("osce_kg.ontology").joinpath("osce.ttl").read_bytes()
        self.ontology = ox.Store()
        self.ontology.load(self.ontology_ttl, format=ox.RdfFormat.TURTLE)
        self.limiter = anyio.CapacityLimiter(config.threads)  # requests evaluating at once
        # evaluations running at once, counted until each ends: one abandoned past its time limit goes on in its
        # thread (pyoxigraph cannot stop it) and keeps its slot, so they cannot pile up past `threads`
        self.running = threading.BoundedSemaphore(config.threads)

    def evaluate(self, sparql: str, form: str, default_graph: list[str] | None = None,
                 named_graphs: list[str] | None = None, store: ox.Store | None = None) -> QueryResult:
        """Run a checked query in this thread, stopping at the time or size limit."""
        deadline = monotonic() + self.config.timeout
        kwargs = {}
        if default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        problem: HTTPError | None = None
        try:
            result = (store or self.store).query(sparql, **kwargs)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(result))
            items, problem = self._take(result, deadline)
            if isinstance(result, ox.QueryTriples):
                out = QueryResult(form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT", triples=items)
            else:
                variables = [v.value for v in result.variables]
                out = QueryResult("SELECT", variables=variables,
                                  solutions=[{v: s[v] for v in variables if s[v] is not None} for s in items])
            # pyoxigraph's results may only be freed on this thread: drop them before any error travels
            del result, items
        except SyntaxError as exc:
            from osce_kg.sparql import syntax_message

            problem = HTTPError(400, f"SPARQL syntax {syntax_message(exc)}")
        except (OSError, RuntimeError, ValueError) as exc:  # a failing SERVICE, an unknown graph
            problem = HTTPError(400, f"query failed: {exc}")
            # the failed results too may only be freed on this thread, not where the error's traceback is dropped
            result = items = None  # noqa: F841
        if problem is not None:
            raise problem
        return out

    def _evaluate_in_slot(self, sparql: str, form: str, **kwargs) -> QueryResult:
        if not self.running.acquire(blocking=False):
            raise HTTPError(503, "the server is busy: queries past their time limit are still being evaluated "
                                 "(they cannot be stopped); try again later")
        try:
            return self.evaluate(sparql, form, **kwargs)
        finally:
            self.running.release()

    def _take(self, results, deadline: float) -> tuple[list, HTTPError | None]:
        out = []
        limit = self.config.max_rows
        for n, item in enumerate(results):
            if n >= limit:
                return out, HTTPError(400, f"the result has more than {limit} rows (the server's limit); "
                                      "narrow the query or add LIMIT")
            if n % 256 == 0 and monotonic() > deadline:
                return out, HTTPError(503, f"query timed out after {self.config.timeout:g} s")
            out.append(item)
        return out, None

    async def run(self, sparql: str, **kwargs) -> QueryResult:
        """Check and evaluate a query in a worker thread, within the time limit."""
        try:
            form = check(sparql, local=True, allow_federation=self.config.allow_federation)
        except QueryError as exc:
            message = str(exc).replace("pass --allow-federation", "start the server with --allow-federation")
            message = message.replace("'osce-kg query' only runs", "this endpoint is read-only and only runs")
            raise HTTPError(403 if message.startswith("refused") else 400, message) from None
        async with self.limiter:  # the time limit counts from the start of evaluation, not the wait for a thread
            try:
                with anyio.fail_after(self.config.timeout + 1):
                    return await anyio.to_thread.run_sync(lambda: self._evaluate_in_slot(sparql, form, **kwargs),
                                                           abandon_on_cancel=True)
            except TimeoutError:
                raise HTTPError(503, f"query timed out after {self.config.timeout:g} s") from None

    # -- Linked Data -------------------------------------------------------------------------------
    def describe(self, subject: str) -> list[ox.Triple]:
        node = ox.NamedNode(subject)
        return sorted({ox.Triple(q.subject, q.predicate, q.object)
                       for q in self.store.quads_for_pattern(node, None, None, None)
                       if not isinstance(q.graph_name, ox.DefaultGraph)}, key=str)

    def facts(self, subject: str) -> list[tuple[ox.NamedNode, object, str]]:
        """(predicate, object, graph IRI) for each statement about `subject` in a named graph."""
        node = ox.NamedNode(subject)
        return sorted(((q.predicate, q.object, q.graph_name.value)
                       for q in self.store.quads_for_pattern(node, None, None, None)
                       if isinstance(q.graph_name, ox.NamedNode)), key=lambda f: (str(f[0]), str(f[1]), f[2]))

    def incoming(self, obj: str, limit: int = 200) -> list[tuple[object, ox.NamedNode, str]]:
        node = ox.NamedNode(obj)
        out = []
        for q in self.store.quads_for_pattern(None, None, node, None):
            if isinstance(q.graph_name, ox.NamedNode):
                out.append((q.subject, q.predicate, q.graph_name.value))
                if len(out) >= limit:
                    break
        return sorted(out, key=lambda f: (str(f[1]), str(f[0]), f[2]))

    def known(self, subject: str) -> bool:
        try:
            node = ox.NamedNode(subject)
        except ValueError:  # not an IRI at all (a space, a control character)
            return False
        return any(not isinstance(q.graph_name, ox.DefaultGraph)
                   for q in self.store.quads_for_pattern(node, None, None, None)) or any(
            not isinstance(q.graph_name, ox.DefaultGraph) for q in self.store.quads_for_pattern(None, None, node, None))

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        return sorted((ox.Triple(q.subject, q.predicate, q.object)
                       for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), key=str)

    def has_graph(self, graph: str) -> bool:
        try:
            return self.store.contains_named_graph(ox.NamedNode(graph))
        except ValueError:
            return False


# -- helpers ------------------------------------------------------------------------------------------


def error(status: int, message: str) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


async def read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise HTTPError(400, f"request body of {length} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPError(400, f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def protocol_params(request: Request, limit: int) -> tuple[str | None, dict[str, list[str]]]:
    """(query text, all parameters) from a GET or POST of the SPARQL 1.1 Protocol."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method == "POST":
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        body = await read_body(request, limit)
        if ctype == "application/sparql-update":
            raise HTTPError(403, "refused: this endpoint is read-only (SPARQL updates are not accepted)")
        if ctype == "application/x-www-form-urlencoded":
            try:
                for key, value in urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                                         strict_parsing=False):
                    params.setdefault(key, []).append(value)
            except UnicodeDecodeError:
                raise HTTPError(400, "the form body is not UTF-8") from None
        elif ctype == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise HTTPError(400, "the query is not UTF-8") from None
        else:
            raise HTTPError(400, f"unsupported Content-Type {ctype or '(none)'!r}: POST "
                            "application/x-www-form-urlencoded or application/sparql-query")
    if "update" in params:
        raise HTTPError(403, "refused: this endpoint is read-only (SPARQL updates are not accepted)")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise HTTPError(400, "more than one query parameter")
    return (queries[0] if queries else None), params


def choose_format(request: Request, params: dict[str, list[str]], graph: bool) -> str:
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    given = params.get("format") or params.get("output")
    if given:
        try:
            return format_param(given[0], graph)
        except ValueError as exc:
            raise HTTPError(400, str(exc)) from None
    try:
        return negotiate(request.headers.get("accept"), offered, "turtle" if graph else "json")
    except NotAcceptable as exc:
        raise HTTPError(406, str(exc)) from None


def result_response(result: QueryResult, fmt: str) -> Response:
    text = result.serialize(fmt)
    return Response(text.encode("utf-8"), media_type=CONTENT_TYPES[fmt])


def graph_response(triples: list[ox.Triple], fmt: str) -> Response:
    return Response(render_graph(triples, fmt).encode("utf-8"), media_type=CONTENT_TYPES[fmt],
                    headers={"Vary": "Accept"})


def service_description(request: Request, backend: Backend) -> list[ox.Triple]:
    sd = ox.NamedNode
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    rdf_type = sd("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, rdf_type, sd(SD + "Service")),
        ox.Triple(service, sd(SD + "endpoint"), sd(str(request.url_for("sparql")))),
        ox.Triple(service, sd(SD + "supportedLanguage"), sd(SD + "SPARQL11Query")),
        ox.Triple(service, sd(SD + "feature"), sd(SD + "UnionDefaultGraph")),
        ox.Triple(service, sd(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd(SD + "Dataset")),
        ox.Triple(dataset, sd(SD + "defaultGraph"), default),
        ox.Triple(default, rdf_type, sd(SD + "Graph")),
    ]
    for media in dict.fromkeys(list(RESULT_TYPES)[:4] + list(GRAPH_TYPES)[:3]):
        fmt = RESULT_TYPES.get(media) or GRAPH_TYPES[media]
        triples.append(ox.Triple(service, sd(SD + "resultFormat"), sd(FORMAT_IRIS[fmt])))
    for n, graph in enumerate(backend.kg.graphs()):
        named = ox.BlankNode(f"g{n}")
        triples += [ox.Triple(dataset, sd(SD + "namedGraph"), named), ox.Triple(named, sd(SD + "name"), sd(graph))]
    return triples


FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
}


# -- routes -------------------------------------------------------------------------------------------


async def sparql_endpoint(request: Request) -> Response:
    backend: Backend = request.app.state.backend
    query, params = await protocol_params(request, backend.config.max_body)
    if query is None:
        if accepts_html(request.headers.get("accept")) and not params.get("format"):
            return RedirectResponse("/", status_code=303)
        return graph_response(service_description(request, backend), choose_format(request, params, graph=True))
    if not query.strip():
        raise HTTPError(400, "the query parameter is empty")
    result = await backend.run(query, default_graph=params.get("default-graph-uri"),
                               named_graphs=params.get("named-graph-uri"))
    return result_response(result, choose_format(request, params, result.is_graph))


def split_suffix(path: str) -> tuple[str, str | None]:
    for suffix, fmt in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], fmt
    return path, None


def resource_format(request: Request, suffix_format: str | None) -> str:
    if suffix_format:
        return suffix_format
    accept = request.headers.get("accept")
    if not accept or accepts_html(accept):
        return "html"
    try:
        return negotiate(accept, {**GRAPH_TYPES, "text/html": "html"}, "html")
    except NotAcceptable as exc:
        raise HTTPError(406, str(exc)) from None


async def entity(request: Request) -> Response:
    from osce_kg import server_pages

    backend: Backend = request.app.state.backend
    path, suffix = split_suffix(request.path_params["path"])
    subject = backend.config.base + path
    if suffix and backend.known(backend.config.base + request.path_params["path"]):
        subject, suffix = backend.config.base + request.path_params["path"], None  # an IRI with a dot in it
    if not backend.known(subject):
        raise HTTPError(404, f"no resource {subject} in this dataset")
    fmt = resource_format(request, suffix)
    if fmt == "html":
        return server_pages.entity_page(request, backend, subject)
    return graph_response(backend.describe(subject), fmt)


async def graph(request: Request) -> Response:
    from osce_kg import server_pages

    backend: Backend = request.app.state.backend
    path, suffix = split_suffix(request.path_params["path"])
    name = iri.GRAPH_BASE + path
    if not backend.has_graph(name):
        raise HTTPError(404, f"no named graph {name} in this dataset")
    fmt = resource_format(request, suffix)
    if fmt == "html":
        return server_pages.graph_page(request, backend, name)
    return graph_response(backend.graph_triples(name), fmt)


async def ontology(request: Request) -> Response:
    from osce_kg import server_pages

    backend: Backend = request.app.state.backend
    suffix = SUFFIXES.get("." + request.path_params.get("ext", "")) if request.path_params.get("ext") else None
    if request.path_params.get("ext") and not suffix:
        raise HTTPError(404, f"no such resource: /ontology.{request.path_params['ext']}")
    fmt = resource_format(request, suffix)
    if fmt == "html":
        return server_pages.ontology_page(request, backend)
    if fmt == "turtle":
        return Response(backend.ontology_ttl, media_type=CONTENT_TYPES["turtle"], headers={"Vary": "Accept"})
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in backend.ontology]
    return graph_response(triples, fmt)


async def home(request: Request) -> Response:
    from osce_kg import server_pages

    return await server_pages.query_page(request, request.app.state.backend)


async def on_http_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPError):
        return error(exc.status, exc.message)
    return error(500, f"internal error: {type(exc).__name__}: {exc}")


def app_from_env() -> Starlette:
    """The app for each uvicorn worker process (`osce-kg serve --workers N`): its config as JSON in the
    environment, since workers import the app by name."""
    import json

    values = json.loads(serve_config())
    values["store"] = Path(values["store"])
    return create_app(ServerConfig(**values))


def create_app(config: ServerConfig) -> Starlette:
    routes = [
        Route("/", home, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"], name="sparql"),
        Route("/id/{path:path}", entity, methods=["GET"]),
        Route("/graph/{path:path}", graph, methods=["GET"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/ontology.{ext}", ontology, methods=["GET"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["Accept", "Content-Type", "Accept-Language"], max_age=86400)]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPError: on_http_error, Exception: on_http_error})
    app.state.backend = Backend(config)
    return app
