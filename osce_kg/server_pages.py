"""The HTML pages of `osce-kg serve`: the query page, entity, graph and ontology pages.

Every value from the data or the request goes through `esc` (html.escape with quotes); links to IRIs the
server holds point at their local paths, other IRIs at themselves. Labels are chosen in the reader's
Accept-Language, falling back to English, then to any language (sorted, so the choice is stable).
"""

from __future__ import annotations

import html
import urllib.parse

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse

from osce_kg import iri
from osce_kg.conneg import languages
from osce_kg.sparql import QueryError, short

LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://purl.org/dc/terms/title", "https://schema.org/name")
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
header{background:#0b3d66;color:#fff;padding:.7rem 1.5rem}header a{color:#fff;margin-right:1.2rem}
main{padding:1rem 1.5rem;max-width:78rem}h1{font-size:1.5rem;margin:.6rem 0}h2{font-size:1.15rem;margin-top:1.6rem}
table{border-collapse:collapse;font-size:.9rem;background:#fff}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#eef2f6}a{color:#0a58a5}code,textarea{font-family:ui-monospace,monospace}
textarea{width:100%;height:11rem;font-size:.85rem}.muted{color:#57606a;font-size:.85rem}.error{color:#a40e26;
background:#ffebe9;padding:.5rem;border:1px solid #ff8182}nav.queries{columns:3;font-size:.9rem}
nav.queries a{display:block;margin:.1rem 0}.lang{color:#57606a;font-size:.75rem}
label{display:inline-block;margin:.3rem 1rem .3rem 0}button{font-size:1rem;padding:.3rem 1rem}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def local_path(value: str, backend) -> str | None:
    """The server's own path for an IRI it serves, else None."""
    for prefix, path in ((backend.config.base, "/id/"), (iri.GRAPH_BASE, "/graph/"), (iri.ONTOLOGY, "/ontology#")):
        if value.startswith(prefix) and len(value) > len(prefix):
            return path + urllib.parse.quote(value[len(prefix):], safe="/:@!$&'()*+,;=-._~")
    if value.rstrip("#") == iri.ONTOLOGY.rstrip("#"):
        return "/ontology"
    return None


def href(value: str, backend) -> str:
    return local_path(value, backend) or value


def page(title: str, body: str, lang: str = "en") -> HTMLResponse:
    doc = (f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{esc(title)} · osce-kg</title>'
           f"<style>{STYLE}</style></head><body><header><a href=\"/\"><b>osce-kg</b></a><a href=\"/\">Query</a>"
           f'<a href="/sparql?format=turtle">Service description</a><a href="/ontology">Ontology</a></header>'
           f"<main>{body}</main></body></html>")
    return HTMLResponse(doc, headers={"Vary": "Accept, Accept-Language"})


class Labeller:
    """Labels of IRIs in the reader's languages, from the data and the ontology, looked up once each."""

    def __init__(self, backend, langs: list[str]):
        self.backend, self.langs, self.cache = backend, langs, {}

    def load(self, iris) -> None:
        todo = sorted({i for i in iris if i not in self.cache})
        for start in range(0, len(todo), 200):
            chunk = todo[start:start + 200]
            found: dict[str, list[ox.Literal]] = {i: [] for i in chunk}
            for store in (self.backend.store, self.backend.ontology):
                for subject in chunk:
                    node = ox.NamedNode(subject)
                    for predicate in LABELS:
                        for q in store.quads_for_pattern(node, ox.NamedNode(predicate), None, None):
                            if isinstance(q.object, ox.Literal):
                                found[subject].append(q.object)
            for subject, literals in found.items():
                self.cache[subject] = self.pick(literals)

    def pick(self, literals: list[ox.Literal]) -> str | None:
        if not literals:
            return None
        for lang in self.langs:
            matches = sorted(lit.value for lit in literals if (lit.language or "").split("-")[0] == lang)
            if matches:
                return matches[0]
        plain = sorted(lit.value for lit in literals if not lit.language)
        return plain[0] if plain else sorted(lit.value for lit in literals)[0]

    def label(self, value: str) -> str | None:
        if value not in self.cache:
            self.load([value])
        return self.cache[value]


def term_html(term, backend, labeller: Labeller) -> str:
    if isinstance(term, ox.NamedNode):
        text = labeller.label(term.value) or short(term)
        return f'<a href="{esc(href(term.value, backend))}" title="{esc(term.value)}">{esc(text)}</a>'
    if isinstance(term, ox.BlankNode):
        return f"<code>_:{esc(term.value)}</code>"
    if isinstance(term, ox.Literal):
        out = esc(term.value)
        if term.language:
            out += f' <span class="lang">@{esc(term.language)}</span>'
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out += f' <span class="lang">{esc(short(term.datatype))}</span>'
        return out
    return esc(term)


def alternates(path: str) -> str:
    links = " · ".join(f'<a href="{esc(path)}.{ext}">{name}</a>'
                       for ext, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples")))
    return f'<p class="muted">This page as data: {links}</p>'


def entity_page(request: Request, backend, subject: str) -> HTMLResponse:
    langs = languages(request.headers.get("accept-language"))
    lab = Labeller(backend, langs)
    facts = backend.facts(subject)
    incoming = backend.incoming(subject)
    lab.load([subject] + [p.value for p, _, _ in facts] + [o.value for _, o, _ in facts if isinstance(o, ox.NamedNode)]
             + [s.value for s, _, _ in incoming if isinstance(s, ox.NamedNode)])
    title = lab.label(subject) or subject
    types = sorted({o.value for p, o, _ in facts if p.value == RDF_TYPE})
    # one row per (predicate, value), with every graph that states it
    rows: dict[tuple[str, str], tuple[ox.NamedNode, object, list[str]]] = {}
    for p, o, g in facts:
        rows.setdefault((str(p), str(o)), (p, o, []))[2].append(g)
    body = [f"<h1>{esc(title)}</h1>", f'<p><code>{esc(subject)}</code></p>']
    if types:
        body.append("<p>" + ", ".join(term_html(ox.NamedNode(t), backend, lab) for t in types) + "</p>")
    body.append(alternates(request.url.path))
    body.append('<h2>Facts</h2><table class="facts"><tr><th>property</th><th>value</th><th>stated in</th></tr>')
    for p, o, graphs in rows.values():
        sources = "<br>".join(f'<a class="source" href="{esc(href(g, backend))}">{esc(source_name(g))}</a>'
                              for g in sorted(set(graphs)))
        body.append(f"<tr><td>{term_html(p, backend, lab)}</td><td>{term_html(o, backend, lab)}</td>"
                    f"<td>{sources}</td></tr>")
    body.append("</table>")
    if incoming:
        body.append("<h2>Referred to by</h2><table><tr><th>resource</th><th>property</th><th>stated in</th></tr>")
        for s, p, g in incoming:
            body.append(f"<tr><td>{term_html(s, backend, lab)}</td><td>{term_html(p, backend, lab)}</td>"
                        f'<td><a class="source" href="{esc(href(g, backend))}">{esc(source_name(g))}</a></td></tr>')
        body.append("</table>")
    return page(title, "".join(body), langs[0])


def source_name(graph: str) -> str:
    return graph[len(iri.GRAPH_BASE):] if graph.startswith(iri.GRAPH_BASE) else graph


def graph_page(request: Request, backend, name: str, limit: int = 2000) -> HTMLResponse:
    langs = languages(request.headers.get("accept-language"))
    lab = Labeller(backend, langs)
    triples = backend.graph_triples(name)
    about = [(t.predicate, t.object) for t in triples if t.subject == ox.NamedNode(name)]
    lab.load([v.value for t in triples[:limit] for v in (t.subject, t.predicate, t.object)
              if isinstance(v, ox.NamedNode)])
    body = [f"<h1>Graph {esc(source_name(name))}</h1>", f"<p><code>{esc(name)}</code> · {len(triples)} triples</p>",
            alternates(request.url.path)]
    origin = [o for p, o in about if p.value == "http://www.w3.org/ns/prov#wasDerivedFrom"]
    for o in origin:
        urls = [q.object.value for q in backend.store.quads_for_pattern(o, ox.NamedNode("https://schema.org/url"),
                                                                          None, None)]
        for url in sorted(set(urls)):
            body.append(f'<p>Source page: <a class="origin" href="{esc(url)}">{esc(url)}</a></p>')
    body.append("<table><tr><th>subject</th><th>property</th><th>value</th></tr>")
    for t in triples[:limit]:
        body.append(f"<tr><td>{term_html(t.subject, backend, lab)}</td><td>{term_html(t.predicate, backend, lab)}</td>"
                    f"<td>{term_html(t.object, backend, lab)}</td></tr>")
    body.append("</table>")
    if len(triples) > limit:
        body.append(f'<p class="muted">First {limit} of {len(triples)} triples; the data links give them all.</p>')
    return page(f"Graph {source_name(name)}", "".join(body), langs[0])


def ontology_page(request: Request, backend) -> HTMLResponse:
    langs = languages(request.headers.get("accept-language"))
    lab = Labeller(backend, langs)
    store = backend.ontology
    terms = sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iri.ONTOLOGY)})
    body = ["<h1>osce-kg ontology</h1>", f"<p><code>{esc(iri.ONTOLOGY)}</code></p>", alternates("/ontology"),
            "<table><tr><th>term</th><th>kind</th><th>label</th><th>comment</th></tr>"]
    for term in terms:
        node = ox.NamedNode(term)
        kinds = sorted(short(q.object) for q in store.quads_for_pattern(node, ox.NamedNode(RDF_TYPE), None, None))
        comments = [q.object for q in store.quads_for_pattern(node, ox.NamedNode(COMMENT), None, None)
                    if isinstance(q.object, ox.Literal)]
        local = term[len(iri.ONTOLOGY):]
        body.append(f'<tr id="{esc(local)}"><td><code>osce:{esc(local)}</code></td><td>{esc(", ".join(kinds))}</td>'
                    f"<td>{esc(lab.label(term) or '')}</td><td>{esc(lab.pick(comments) or '')}</td></tr>")
    body.append("</table>")
    return page("Ontology", "".join(body), langs[0])


# -- the query page -----------------------------------------------------------------------------------

EXAMPLE = """PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?state ?name WHERE {
  GRAPH ?g { ?state a osce:State ; skos:prefLabel ?name FILTER(lang(?name) = "en") }
} ORDER BY ?name LIMIT 20"""


async def query_page(request: Request, backend) -> HTMLResponse:
    from osce_kg.query_library import library, values_block
    from osce_kg.server_errors import HTTPError

    queries = library()
    params = request.query_params
    name = params.get("name")
    named = queries.get(name) if name else None
    problem = None
    if name and named is None:
        problem = f"no named query {name!r}"
    values = {p: params[f"param.{p}"] for p in (named.params if named else {}) if f"param.{p}" in params}
    sparql = params.get("query")
    if sparql is None and named is not None:
        try:
            sparql = values_block(named.sparql, named.terms(values))
        except (ValueError, QueryError) as exc:
            problem, sparql = str(exc), named.sparql
    run = sparql is not None and problem is None and ("run" in params or "query" in params)
    result = None
    if run:
        try:
            result = await backend.run(sparql)
        except HTTPError as exc:
            problem = exc.message
    body = ["<h1>Ask the OSCE knowledge graph</h1>",
            '<p class="muted">SPARQL endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). '
            "Choose a named query or write your own.</p>"]
    body.append('<h2>Named queries</h2><nav class="queries">')
    for qname, q in queries.items():
        body.append(f'<a class="named" href="/?name={esc(urllib.parse.quote(qname))}" title="{esc(q.description)}">'
                    f"{esc(q.title or qname)}</a>")
    body.append("</nav>")
    if named is not None:
        body.append(f"<h2>{esc(named.title or name)}</h2><p>{esc(named.description)}</p>")
        body.append('<form method="get" action="/#results-title" id="named-form">'
                    f'<input type="hidden" name="name" value="{esc(name)}">')
        for p in named.params.values():
            value = values.get(p.name, p.default)
            body.append(f'<label>{esc(p.name)} <span class="lang">({esc(p.type)})</span> '
                        f'<input name="param.{esc(p.name)}" value="{esc(value)}" title="{esc(p.description)}">'
                        f'</label><span class="muted">{esc(p.description)}</span><br>')
        body.append('<button type="submit" name="run" value="1" id="run-named">Run</button></form>')
    body.append('<h2>Query</h2><form method="get" action="/#results-title" id="query-form">'
                f'<textarea name="query" id="query" spellcheck="false">{esc(sparql or EXAMPLE)}</textarea>'
                '<br><button type="submit" id="run-query">Run query</button></form>')
    if problem:
        body.append(f'<p class="error" id="error">{esc(problem)}</p>')
    if result is not None:
        body.append(results_html(result, sparql, backend, languages(request.headers.get("accept-language"))))
    return page("Query", "".join(body))


def results_html(result, sparql: str, backend, langs: list[str]) -> str:
    q = urllib.parse.quote(sparql, safe="")
    formats = GRAPH_FORMATS if result.is_graph else FORMATS
    links = " · ".join(f'<a class="download" href="/sparql?query={q}&amp;format={f}">{f.upper()}</a>' for f in formats)
    out = [f'<h2 id="results-title">Results</h2><p class="muted">Download: {links}</p>']
    lab = Labeller(backend, langs)
    if result.form == "ASK":
        out.append(f'<p id="boolean"><b>{"true" if result.boolean else "false"}</b></p>')
        return "".join(out)
    if result.is_graph:
        columns = ["subject", "predicate", "object"]
        rows = [dict(zip(columns, (t.subject, t.predicate, t.object), strict=True)) for t in result.triples]
    else:
        columns, rows = result.variables, result.solutions
    lab.load([v.value for r in rows[:1000] for v in r.values() if isinstance(v, ox.NamedNode)])
    out.append(f'<p class="muted" id="count">{len(rows)} rows</p><table id="results"><tr>')
    out.append("".join(f"<th>{esc(c)}</th>" for c in columns) + "</tr>")
    for r in rows[:1000]:
        out.append("<tr>" + "".join(f"<td>{term_html(r[c], backend, lab) if c in r else ''}</td>" for c in columns)
                   + "</tr>")
    out.append("</table>")
    if len(rows) > 1000:
        out.append('<p class="muted">The first 1000 rows are shown; the downloads have them all.</p>')
    return "".join(out)
