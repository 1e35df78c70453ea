"""Every named query returns the same rows, in the same order, on the embedded store, on a plain
`oxigraph serve` (no union default graph) and on Virtuoso (default graph = the union as a bag)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.cli import main
from osce_kg.query_library import execute, library
from osce_kg.store import KnowledgeGraph
from tests import servers

# These tests share the SPARQL servers .ci/run starts: one xdist worker runs them all, one after another.
pytestmark = pytest.mark.xdist_group("shared-servers")


QUERIES = sorted(library())


def canonical(result) -> list[tuple]:
    """Rows as (variable, kind, lexical value, language) tuples: a plain literal and an xsd:string are one."""
    rows = []
    for s in result.solutions:
        row = []
        for var in result.variables:
            term = s.get(var)
            kind = type(term).__name__ if term is not None else "unbound"
            row.append((var, kind, term.value if term is not None else None,
                        term.language if isinstance(term, ox.Literal) else None))
        rows.append(tuple(row))
    return rows


@pytest.fixture(scope="module")
def embedded(bundled_build):
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    return {name: canonical(execute(library()[name], kg=kg)) for name in QUERIES}


@pytest.fixture(scope="module")
def oxigraph_server(bundled_build, tmp_path_factory):
    if not servers.shutil.which("oxigraph"):
        pytest.skip("oxigraph binary not installed (pip install -e '.[test]')")
    base, process = servers.start_oxigraph(tmp_path_factory.mktemp("oxigraph-plain"))
    try:
        servers.load_oxigraph(base, bundled_build.out_dir / "osce.nq")
        yield base + "/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def virtuoso(bundled_build, virtuoso_server):
    """The session's Virtuoso holding the bundled build's graphs, from its bulk loader alone."""
    url, isql, folder = virtuoso_server
    servers.drop_virtuoso_graphs(isql, KnowledgeGraph.open(bundled_build.out_dir / "store").graphs())
    servers.load_virtuoso(isql, folder, bundled_build.out_dir / "osce.nq")
    return url


def test_the_library_gives_rows_on_the_bundled_corpus(embedded):
    empty = sorted(name for name, rows in embedded.items() if not rows)
    # the bundled corpus has no event, decision or listing page nor field-operation head (tested on fixtures)
    assert empty == ["decisions", "events-by-year", "heads-of-field-operations", "listing-items"]


def test_same_rows_on_a_plain_oxigraph_server(embedded, oxigraph_server):
    for name in QUERIES:
        assert canonical(execute(library()[name], endpoint=oxigraph_server, timeout=30)) == embedded[name], name


def test_same_rows_on_virtuoso(embedded, virtuoso):
    differ = [name for name in QUERIES
              if canonical(execute(library()[name], endpoint=virtuoso, timeout=60)) != embedded[name]]
    assert differ == []


def test_every_form_on_an_endpoint(oxigraph_server, capsys):
    assert main(["query", "--endpoint", oxigraph_server, "--sparql",
                 "ASK { GRAPH ?g { ?s a <https://w3id.org/osce-kg/ontology#State> } }", "--format", "json"]) == 0
    assert '"boolean": true' in capsys.readouterr().out
    assert main(["query", "--endpoint", oxigraph_server, "--format", "ntriples", "--sparql",
                 "CONSTRUCT { ?s a ?c } WHERE { GRAPH ?g { ?s a ?c } } LIMIT 3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["query", "--endpoint", oxigraph_server, "--format", "ntriples", "--sparql",
                 "DESCRIBE <https://w3id.org/osce-kg/id/country/fi>"]) == 0


def test_updates_are_refused_before_reaching_the_server(oxigraph_server, capsys):
    update_url = oxigraph_server.replace("/query", "/update")
    for text in ("DROP ALL", "CLEAR DEFAULT", "PREFIX x: <urn:x> INSERT DATA { x:a x:b x:c }",
                 "# comment\nDELETE WHERE { ?s ?p ?o }"):
        assert main(["query", "--endpoint", update_url, "--sparql", text]) == 2
        assert "only runs queries" in capsys.readouterr().err
    assert main(["query", "--endpoint", oxigraph_server, "--sparql",
                 "ASK { GRAPH ?g { ?s a <https://w3id.org/osce-kg/ontology#State> } }"]) == 0
    assert capsys.readouterr().out.strip() == "true"  # the data is all still there


def test_virtuoso_answers_ask_as_a_boolean(virtuoso, capsys):
    assert main(["query", "--endpoint", virtuoso, "--sparql",
                 "ASK { GRAPH ?g { ?s a <https://w3id.org/osce-kg/ontology#Nothing> } }"]) == 0
    assert capsys.readouterr().out.strip() == "false"
