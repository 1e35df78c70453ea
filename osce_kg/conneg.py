"""HTTP content negotiation for the server: Accept headers with q-values, ?format= names, Accept-Language.

Pure functions over header strings, so the table of cases is tested without a server
(tests/test_serve_conneg.py).
"""

from __future__ import annotations

# Media types a SELECT/ASK result is offered in, in the server's order of preference (ties go to the first).
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# ... and a graph (CONSTRUCT, DESCRIBE, an entity's description, the service description).
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/x-turtle": "turtle",
    "application/n-quads": "nquads",
    "application/json": "jsonld",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "html": "text/html; charset=utf-8",
}
# ?format= values: the names above, usual short names and file extensions, or any media type above.
FORMAT_ALIASES: dict[str, str] = {
    "srj": "json", "srx": "xml", "sparql-results+json": "json", "sparql-results+xml": "xml",
    "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "json-ld": "jsonld",
    "html": "html", "rdf": "rdfxml",
}


class NotAcceptable(ValueError):
    """No offered type is acceptable (HTTP 406)."""


def parse_accept(header: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry; a q that is not a number counts as 0."""
    out = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, position))
    return out


def _quality(media: str, ranges: list[tuple[str, float, int]]) -> tuple[float, int]:
    """The q of the most specific range that matches `media` (exact > type/* > */*), and its position."""
    kind = media.split("/")[0]
    best: tuple[int, float, int] | None = None
    for rng, q, pos in ranges:
        if rng == media:
            spec = 3
        elif rng == f"{kind}/*":
            spec = 2
        elif rng == "*/*":
            spec = 1
        else:
            continue
        if best is None or spec > best[0]:
            best = (spec, q, pos)
    return (best[1], best[2]) if best else (0.0, 0)


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str:
    """The format to answer in: the offered type with the highest q (ties: earlier in Accept, then the
    server's order); `default` when there is no Accept header; NotAcceptable when nothing matches."""
    if not accept or not accept.strip():
        return default
    ranges = parse_accept(accept)
    best: tuple[float, int, int, str] | None = None
    for order, (media, fmt) in enumerate(offered.items()):
        q, pos = _quality(media, ranges)
        if q <= 0:
            continue
        key = (-q, pos, order, fmt)
        if best is None or key < best:
            best = key
    if best is None:
        raise NotAcceptable(f"none of the types in Accept: {accept!r} is offered here; offered: "
                            + ", ".join(dict.fromkeys(offered)))
    return best[3]


def format_param(value: str, graph: bool) -> str:
    """A ?format= value as a format name for a table (graph=False) or graph result; ValueError if unknown."""
    name = value.strip().lower()
    table = RESULT_TYPES if not graph else GRAPH_TYPES
    name = table.get(name, FORMAT_ALIASES.get(name, name))
    if graph and name == "json":
        name = "jsonld"  # 'json' for a graph means JSON-LD
    if graph and name == "xml":
        name = "rdfxml"  # and 'xml' RDF/XML
    allowed = sorted(set(table.values()))
    if name not in allowed:
        kind = "graph" if graph else "table (SELECT/ASK)"
        raise ValueError(f"unknown format {value!r} for a {kind} result; use one of {', '.join(allowed)}")
    return name


def accepts_html(accept: str | None) -> bool:
    """True when a browser asks: text/html named and preferred at least as much as any RDF type."""
    if not accept:
        return False
    named = [r for r in parse_accept(accept) if r[0] != "*/*"]  # '*/*' alone (curl, libraries) is not a browser
    html = _quality("text/html", named)[0]
    rdf = max(_quality(m, named)[0] for m in GRAPH_TYPES)
    return html > 0 and html >= rdf


def languages(header: str | None, fallback: str = "en") -> list[str]:
    """Accept-Language as primary language tags by preference, ending with the fallback."""
    out: list[str] = []
    if header:
        for media, q, _ in sorted(parse_accept(header), key=lambda r: (-r[1], r[2])):
            tag = media.split("-")[0]
            if q > 0 and tag != "*" and tag not in out:
                out.append(tag)
    if fallback not in out:
        out.append(fallback)
    return out
