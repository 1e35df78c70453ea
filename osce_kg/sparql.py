"""SPARQL queries of every form, locally (pyoxigraph) or on an endpoint (SPARQLWrapper), with standard results.

`run_local` / `run_remote` return a `QueryResult` (the form, the variables and solutions as pyoxigraph terms,
the boolean or the triples); `QueryResult.serialize(fmt)` writes SPARQL 1.1 Results JSON / XML / CSV / TSV
for SELECT and ASK, Turtle / N-Triples / N-Quads / JSON-LD for CONSTRUCT and DESCRIBE, or a table.

Checks before anything runs (`check`):
- the text is a query, not an update (`query` only queries; publishing has its own command);
- a local query holds no SERVICE clause unless federation is allowed (a store must not call other hosts
  because someone typed a query);
- a syntax error names its line and column (`QueryError.usage` is True: the CLI exits 2).
Parameter values are never pasted into query text: locally they are pyoxigraph substitutions, remotely a
VALUES block of terms serialised by pyoxigraph (see osce_kg.query_library).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

SELECT_FORMATS = ("table", "json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "nquads", "jsonld", "rdfxml")
FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "nquads", "jsonld", "rdfxml")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}

# What a query's text is made of, for finding keywords: strings, IRIs and comments are skipped whole.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
    r"|[?$][\w]+"
    r"|[\w-]*:[\w.-]*"
    r"|[A-Za-z_]\w*"
    r"|\S",
)


_EMPTY = ox.Store()  # never written: only parses queries


class QueryError(Exception):
    """A query that cannot run. `usage` errors (bad text, refused form) exit 2; others (server down) exit 1."""

    def __init__(self, message: str, usage: bool = True):
        super().__init__(message)
        self.usage = usage


@lru_cache(maxsize=256)
def words(sparql: str) -> tuple[str, ...]:
    """The bare keywords of a query, in order (no strings, IRIs, comments, variables or prefixed names).

    Cached: the same text (a named query) is checked again and again."""
    out = []
    for token in _TOKENS.findall(sparql):
        if token[0].isalpha() or token[0] == "_":
            if ":" not in token:
                out.append(token.upper())
    return tuple(out)


def form_of(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; UPDATE for an update request; raises QueryError when neither."""
    for word in words(sparql):
        if word in ("PREFIX", "BASE"):
            continue
        if word in QUERY_WORDS:
            return word
        if word in UPDATE_WORDS:
            return "UPDATE"
    raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def uses_service(sparql: str) -> bool:
    return "SERVICE" in words(sparql)


def check(sparql: str, local: bool = True, allow_federation: bool = False, parse: bool = True) -> str:
    """The query's form, after the checks of the module docstring; raises QueryError (usage) otherwise.

    `parse=False` skips the syntax check, for a caller that parses the text itself next (`run_local`)."""
    form = form_of(sparql)
    if form == "UPDATE":
        raise QueryError("refused: this is a SPARQL update; 'osce-kg query' only runs queries "
                         "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
    service = uses_service(sparql)
    if service and local and not allow_federation:
        raise QueryError("refused: SERVICE calls another server; pass --allow-federation to allow it")
    if parse and not service:
        try:  # parsing needs a store; an empty one answers at once and, with no SERVICE, calls nobody
            _EMPTY.query(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax {syntax_message(exc)}") from None
    return form


def syntax_message(exc: SyntaxError) -> str:
    """'error at line L, column C: ...' from pyoxigraph's 'error at L:C: ...' (or its range 'L:C-L:C')."""
    text = str(exc)
    match = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", text, re.S)
    if match:
        return f"error at line {match.group(1)}, column {match.group(2)}: {match.group(3)}"
    return text if text.startswith("error") else f"error: {text}"


@dataclass
class QueryResult:
    form: str
    variables: list[str] = field(default_factory=list)
    solutions: list[dict[str, object]] = field(default_factory=list)  # variable -> pyoxigraph term
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def rows(self) -> list[dict[str, str]]:
        """Solutions as dicts of lexical values (unbound variables left out)."""
        return [{k: v.value for k, v in s.items()} for s in self.solutions]

    def serialize(self, fmt: str | None = None) -> str:
        fmt = fmt or ("turtle" if self.is_graph else "table")
        if self.is_graph:
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a {self.form} result is a graph: use --format {', '.join(GRAPH_FORMATS)}")
            return render_graph(self.triples, fmt)
        if fmt not in SELECT_FORMATS:
            raise QueryError(f"a {self.form} result is a table: use --format {', '.join(SELECT_FORMATS)}")
        return RENDERERS[fmt](self)


# -- running ------------------------------------------------------------------------------------------


def run_local(store: ox.Store, sparql: str, substitutions: dict[str, object] | None = None,
              allow_federation: bool = False) -> QueryResult:
    """Run a query on a pyoxigraph store (its default graph as it is) with values bound as RDF terms."""
    # the store parses the text itself (a syntax error is reported below): no second parse before it
    form = check(sparql, local=True, allow_federation=allow_federation, parse=False)
    subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        return from_pyoxigraph(form, store.query(sparql, substitutions=subs or None))  # evaluates it all
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax {syntax_message(exc)}") from None
    except (OSError, RuntimeError) as exc:  # a SERVICE that fails, the store unreadable
        raise QueryError(f"query failed: {exc}", usage=False) from None


def from_pyoxigraph(form: str, result) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult(form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT", triples=list(result))
    variables = [v.value for v in result.variables]
    # a solution iterates over its values in the order of the variables (None where unbound)
    solutions = [{v: t for v, t in zip(variables, s, strict=True) if t is not None} for s in result]
    return QueryResult("SELECT", variables=variables, solutions=solutions)


def run_remote(endpoint: str, sparql: str, timeout: float = 30.0) -> QueryResult:
    """Run a query on a SPARQL endpoint (SPARQLWrapper, GET or form-encoded POST, one Accept type)."""
    from SPARQLWrapper import GET, POST, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    form = check(sparql, local=False)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    client = SPARQLWrapper(endpoint)
    client.setTimeout(max(1, int(timeout)))
    client.setQuery(sparql)
    client.setOnlyConneg(True)  # no format=... parameters: they contradict the Accept header on some servers
    if len(sparql) > 1500:  # long queries do not fit a URL; never application/sparql-query (Virtuoso hangs)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
    else:
        client.setMethod(GET)
    # Some servers honour only the first Accept type: ask for exactly one.
    client.addCustomHttpHeader("Accept", "application/n-triples" if graph else "application/sparql-results+json")
    try:
        response = client.query().response
        body = response.read()
        ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    except SPARQLWrapperException as exc:
        raise QueryError(f"{endpoint}: the server refused the query: {str(exc).splitlines()[0]}",
                         usage=False) from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"{endpoint}: {type(exc).__name__}: {exc}", usage=False) from None
    try:
        if graph:
            fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in ox.parse(body, format=fmt or ox.RdfFormat.N_TRIPLES)]
            return QueryResult(form, triples=triples)
        rfmt = ox.QueryResultsFormat.XML if "xml" in ctype else ox.QueryResultsFormat.JSON
        result = from_pyoxigraph(form, ox.parse_query_results(body, format=rfmt))
        if form == "ASK" and result.form == "SELECT":  # Virtuoso answers ASK as one row of __ASK_RETVAL
            values = [v.value for s in result.solutions for v in s.values()]
            return QueryResult("ASK", boolean=bool(values) and values[0] not in ("0", "false"))
        return result
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{endpoint}: unreadable {ctype or 'response'}: {exc}", usage=False) from None


# -- results formats ----------------------------------------------------------------------------------


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def render_json(result: QueryResult) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    doc = {"head": {"vars": result.variables},
           "results": {"bindings": [{k: _json_term(v) for k, v in s.items()} for s in result.solutions]}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def render_xml(result: QueryResult) -> str:
    lines = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    lines.append("</head>")
    if result.form == "ASK":
        lines.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("<results>")
        for s in result.solutions:
            lines.append("<result>" + "".join(f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>"
                                              for k, v in s.items()) + "</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def render_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: lexical values, CRLF line ends (ASK: one line, true or false)."""
    import csv

    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\r\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for s in result.solutions:
        writer.writerow([("_:" + s[v].value if isinstance(s[v], ox.BlankNode) else s[v].value) if v in s else ""
                         for v in result.variables])
    return buf.getvalue()


def render_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: '?var' header, terms in their N-Triples / Turtle form."""
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for s in result.solutions:
        lines.append("\t".join(str(s[v]) if v in s else "" for v in result.variables))
    return "\n".join(lines) + "\n"


def short(term) -> str:
    """A term for people: IRIs with the project's prefixes, literals with their language tag."""
    from osce_kg.export.base import compact

    if isinstance(term, ox.NamedNode):
        return compact(term.value) or term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal) and term.language:
        return f"{term.value} @{term.language}"
    return term.value


def render_table(result: QueryResult) -> str:
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    columns = result.variables
    cells = [{v: short(s[v]).replace("\n", " ") for v in s} for s in result.solutions]
    widths = {c: max([len(c)] + [len(row.get(c, "")) for row in cells]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join(row.get(c, "").ljust(widths[c]) for c in columns).rstrip() for row in cells]
    lines.append(f"({len(cells)} rows)")
    return "\n".join(lines) + "\n"


RENDERERS = {"json": render_json, "xml": render_xml, "csv": render_csv, "tsv": render_tsv, "table": render_table}


def render_graph(triples: Iterable[ox.Triple], fmt: str) -> str:
    """Graph results through the project's exporters: sorted, deterministic, the usual prefixes."""
    from osce_kg.export import exporter_for

    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return exporter_for(fmt).render(quads)
