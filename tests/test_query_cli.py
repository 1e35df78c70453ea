"""`osce-kg query`: every form and result format, files and stdin, errors, safe parameters, refused updates."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

from osce_kg.cli import main
from osce_kg.query_library import execute, resolve

FI = "https://w3id.org/osce-kg/id/country/fi"
ASK = "ASK { GRAPH ?g { ?s a <https://w3id.org/osce-kg/ontology#State> } }"


@pytest.fixture
def store(bundled_build):
    return ["--store", str(bundled_build.out_dir / "store")]


def run(capsys, *args):
    code = main(["query", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt,parse", [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                                       ("tsv", ox.QueryResultsFormat.TSV)])
def test_select_results_are_standard_and_keep_term_kinds(capsys, store, fmt, parse):
    code, out, _ = run(capsys, "chairpersonships", *store, "--format", fmt)
    assert code == 0
    rows = list(ox.parse_query_results(out, parse))
    assert len(rows) == 36
    row = next(r for r in rows if r["year"].value == "2025")
    assert row["state"] == ox.NamedNode(FI) and row["name"] == ox.Literal("Finland")


def test_csv_and_table(capsys, store):
    code, out, _ = run(capsys, "chairpersonships", *store, "--format", "csv")
    assert code == 0 and out.startswith("year,state,name\r\n") and f"2025,{FI},Finland\r\n" in out
    code, out, _ = run(capsys, "chairpersonships", *store)
    assert "2025  https://w3id.org/osce-kg/id/country/fi  Finland" in out and out.endswith("(36 rows)\n")


@pytest.mark.parametrize("fmt,expected", [("json", '"boolean": true'), ("xml", "<boolean>true</boolean>"),
                                          ("csv", "true\r\n"), ("tsv", "true\n"), ("table", "true\n")])
def test_ask_in_every_format(capsys, store, fmt, expected):
    code, out, _ = run(capsys, "--sparql", ASK, *store, "--format", fmt)
    assert code == 0 and expected in out


@pytest.mark.parametrize("fmt,rdf", [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                                     ("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)])
def test_construct_and_describe_in_every_graph_format(capsys, store, fmt, rdf):
    construct = f"CONSTRUCT {{ <{FI}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{FI}> ?p ?o }} }}"
    code, out, _ = run(capsys, "--sparql", construct, *store, "--format", fmt)
    assert code == 0
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(out, rdf)}
    assert (ox.NamedNode(FI), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("Finland", language="en")) in triples
    code, out, _ = run(capsys, "--sparql", f"DESCRIBE <{FI}>", *store, "--format", fmt)
    assert code == 0 and {(q.subject, q.predicate, q.object) for q in ox.parse(out, rdf)} >= triples


def test_a_graph_result_refuses_a_table_format(capsys, store):
    code, _, err = run(capsys, "--sparql", f"DESCRIBE <{FI}>", *store, "--format", "csv")
    assert code == 2 and "graph" in err


def test_output_file_stdout_and_stdin(capsys, store, tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    assert run(capsys, "partners", *store, "--format", "csv", "-o", str(target))[0] == 0
    assert len(target.read_text().splitlines()) == 12
    code, out, _ = run(capsys, "partners", *store, "--format", "csv", "-o", "-")
    assert code == 0 and out == target.read_bytes().decode()
    monkeypatch.setattr("sys.stdin", io.StringIO(ASK))
    assert run(capsys, "--sparql", "-", *store) == (0, "true\n", "")
    rq = resolve("partners").sparql
    monkeypatch.setattr("sys.stdin", io.StringIO(rq))
    code, out, _ = run(capsys, "-", *store, "--param", "lang=fr", "--format", "csv")
    assert code == 0 and "Partenaires asiatiques pour la coopération" in out


def test_syntax_error_names_line_and_column(capsys, store):
    code, _, err = run(capsys, "--sparql", "SELECT ?x WHERE {\n  ?x ?y\n}", *store)
    assert code == 2 and "line 3, column" in err


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR ALL", "LOAD <http://127.0.0.1:9/x>",
                                    "PREFIX a: <urn:a#> INSERT DATA { a:s a:p a:o }", "DELETE WHERE { ?s ?p ?o }"])
def test_updates_are_refused(capsys, store, update):
    code, _, err = run(capsys, "--sparql", update, *store)
    assert code == 2 and "only runs queries" in err
    assert run(capsys, "--sparql", ASK, *store)[1] == "true\n"


def test_service_needs_allow_federation(capsys, store):
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    code, _, err = run(capsys, "--sparql", text, *store)
    assert code == 2 and "--allow-federation" in err
    code, _, err = run(capsys, "--sparql", text, *store, "--allow-federation")
    assert code == 1  # allowed, and then the (closed) port fails: an error, not a refusal
    # a SERVICE hidden in a string or an IRI is no SERVICE clause
    assert run(capsys, "--sparql", 'ASK { FILTER("SERVICE <x>" != "") }', *store)[0] == 0


# issue 13: these strings used to break out of the quoted literal
INJECTIONS = ['en" || true) } #', 'en\\" || true) } #', "en\" || true) SERVICE <http://127.0.0.1:9/> {} } #",
              "en'} UNION { ?s ?p ?o }", "en> } #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_usage_errors_for_typed_parameters(capsys, store, value):
    code, out, err = run(capsys, "participating-states", *store, "--param", f"lang={value}")
    assert code == 2 and "must be a language" in err and out == ""


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_bound_as_terms_match_nothing_more(bundled_build, value):
    from osce_kg.query_library import parse_query
    from osce_kg.store import KnowledgeGraph

    query = parse_query("q", "# param: name (string) = Finland\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s skos:prefLabel ?l } FILTER(STR(?l) = ?name) }")
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    assert execute(query, kg=kg).rows() == [{"s": FI}]
    assert execute(query, {"name": value}, kg=kg).rows() == []  # a literal that no label equals


@pytest.mark.parametrize("param,message", [("lang=e n", "must be a language"), ("lang", "expected NAME=VALUE"),
                                           ("nope=1", "has no parameter"), ("entity=not an iri", "must be an iri")])
def test_parameter_errors(capsys, store, param, message):
    name = "sources-of-entity" if param.startswith("entity") else "participating-states"
    code, _, err = run(capsys, name, *store, "--param", param)
    assert code == 2 and message in err


def test_typed_year_and_iri_parameters(capsys, store):
    assert run(capsys, "events-by-year", *store, "--param", "year=20x4")[0] == 2
    code, out, _ = run(capsys, "state-memberships", *store, "--param", f"state={FI}", "--format", "json")
    assert code == 0
    roles = {b["role"]["value"].rsplit("/", 1)[1] for b in json.loads(out)["results"]["bindings"]}
    assert roles == {"participating-state", "chair"}


def test_list_shows_descriptions_and_typed_parameters(capsys):
    code, out, _ = run(capsys, "--list")
    assert code == 0 and "--param lang=<language> (default en)" in out
    code, out, _ = run(capsys, "--list", "--format", "json")
    listed = {q["name"]: q for q in json.loads(out)}
    assert len(listed) >= 25
    assert all(q["title"] and q["description"] and q["examples"] for q in listed.values())
    assert {"name": "host", "type": "iri", "default": "https://w3id.org/osce-kg/id/country/md",
            "description": "the host State or territory"} in listed["field-operations-by-host"]["params"]
