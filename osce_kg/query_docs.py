"""docs/queries.md from the query headers, with each query's result on the bundled corpus.

Regenerate with `osce-kg build --infer owl-rl -o /tmp/b && osce-kg query --docs --store /tmp/b/store -o docs/queries.md`
(SOURCE_DATE_EPOCH=1735689600, the tests' build time); tests/test_query_library.py checks it is current.
"""

from __future__ import annotations

from osce_kg.query_library import execute, library
from osce_kg.sparql import short
from osce_kg.store import KnowledgeGraph

SHOWN = 8  # rows shown per query

INTRO = """# Named queries

Generated from the headers of `queries/*.rq` by `osce-kg query --docs` (do not edit by hand). Each
result is the query's answer, with its default parameters, on the bundled example corpus built with
`osce-kg build --infer owl-rl` (first {shown} rows).

Every query names the graphs it reads (`GRAPH ?g {{ ... }}`) and de-duplicates (DISTINCT or an aggregate),
with a total ORDER BY, so it returns the same rows in the same order on the embedded store, on a plain
`oxigraph serve` (whose default graph is empty) and on Virtuoso (whose default graph is the union of all
graphs, as a bag); tests/test_query_endpoints.py checks all three. Parameters are typed (`language`,
`iri`, `integer`, `year`, `string`) and bound as RDF terms with `VALUES`, never pasted into the text.
`osce-kg query --list` shows the same headers; `--format json` too.

"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(kg: KnowledgeGraph) -> str:
    parts = [INTRO.format(shown=SHOWN)]
    for name, query in library().items():
        parts.append(f"## {name}\n\n**{query.title}**. {query.description}\n\n")
        for p in query.params.values():
            parts.append(f"- `{p.name}` ({p.type}, default `{p.default}`): {p.description}\n")
        for example in query.examples:
            parts.append(f"\n```sh\n{example}\n```\n")
        result = execute(query, kg=kg)
        parts.append(f"\nResult on the bundled corpus: {len(result.solutions)} rows.\n\n")
        if result.solutions:
            parts.append("| " + " | ".join(result.variables) + " |\n")
            parts.append("|" + "---|" * len(result.variables) + "\n")
            for s in result.solutions[:SHOWN]:
                parts.append("| " + " | ".join(_cell(short(s[v])) if v in s else "" for v in result.variables) + " |\n")
            parts.append("\n")
    return "".join(parts)
