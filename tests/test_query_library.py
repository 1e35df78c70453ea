"""The library, its docs, the on-disk store and inference, through the API and the CLI."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.cli import main
from osce_kg.infer import INFERRED_GRAPH, infer, ontology_store, owlrl_entailments
from osce_kg.query_docs import render
from osce_kg.query_library import execute, library, run_named
from osce_kg.store import KnowledgeGraph
from tests.conftest import PAGES

DOCS = PAGES.parents[2] / "docs" / "queries.md"
OSCE = "https://w3id.org/osce-kg/id/org/osce"


def test_docs_are_current(bundled_build):
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    assert DOCS.read_text(encoding="utf-8") == render(kg), (
        "docs/queries.md is stale: SOURCE_DATE_EPOCH=1735689600 osce-kg build --infer owl-rl -o /tmp/b && "
        "osce-kg query --docs --store /tmp/b/store -o docs/queries.md")


def test_every_query_has_a_header_and_typed_defaults():
    queries = library()
    assert len(queries) >= 25
    for name, q in queries.items():
        assert q.title and q.description and q.examples, name
        q.terms()  # every default is a value of its declared type


@pytest.mark.slow
def test_build_writes_a_store_that_query_validate_and_export_open(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(PAGES / "chair_en.txt"), "-q", "--format", "trig"]) == 0
    assert (tmp_path / "build" / "store").is_dir() and not (tmp_path / "build" / "osce.nq").exists()
    capsys.readouterr()
    assert main(["query", "chairpersonships", "--format", "csv"]) == 0
    assert "2025,https://w3id.org/osce-kg/id/country/fi,Finland" in capsys.readouterr().out
    assert main(["validate"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "nquads", "-o", "again.nq"]) == 0
    assert main(["query", "--data", "again.nq", "--sparql", "ASK { GRAPH ?g { ?s ?p ?o } }"]) == 0
    assert capsys.readouterr().out.endswith("true\n")
    kg = KnowledgeGraph.open(tmp_path / "build" / "store")
    assert len(kg) == len(KnowledgeGraph.from_files([tmp_path / "again.nq"]))


@pytest.mark.slow
def test_store_is_read_only_for_readers_and_not_needed_for_determinism(tmp_path):
    options = dict(paths=[str(PAGES / "chair_en.txt")], validate=False, formats=("nquads",))
    first = build(BuildOptions(out_dir=str(tmp_path / "a"), **options))
    build(BuildOptions(out_dir=str(tmp_path / "b"), **options))
    assert (tmp_path / "a" / "osce.nq").read_bytes() == (tmp_path / "b" / "osce.nq").read_bytes()
    kg = KnowledgeGraph.open(tmp_path / "a" / "store")
    assert len(kg) == len(first.graph)
    assert sorted(map(str, kg.quads())) == sorted(map(str, first.graph.quads()))


def test_no_store_and_missing_build_are_clear(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["query", "partners"]) == 2
    assert "run 'osce-kg build' first" in capsys.readouterr().err
    assert main(["build", str(PAGES / "chair_en.txt"), "-q", "--no-store", "--no-validate"]) == 0
    assert not (tmp_path / "build" / "store").exists()
    assert main(["query", "chairpersonships", "--format", "csv"]) == 0  # falls back to build/osce.nq


def _small(infer_level: str = "none"):
    pages = [str(PAGES / "chair_en.txt"), str(PAGES / "chair_fr.txt")]
    return build(BuildOptions(paths=pages, out_dir=None, validate=False, registry=False, infer=infer_level)).graph


@pytest.mark.slow
def test_fast_inference_is_exactly_owlrl_for_the_ontology_rules():
    ontology = {(q.subject, q.predicate, q.object) for q in ontology_store()}
    for level in ("rdfs", "owl-rl"):
        kg = _small()
        reference = owlrl_entailments(kg, level)
        added = infer(kg, level)
        fast = {(q.subject, q.predicate, q.object) for q in kg.quads(INFERRED_GRAPH)}
        assert added == len(fast) > 0
        assert fast - ontology == reference, level


def test_inferred_triples_live_in_their_own_graph_and_answer_org_questions():
    plain, inferred = _small(), _small("owl-rl")
    page_graphs = set(plain.graphs())
    assert set(inferred.graphs()) == page_graphs | {INFERRED_GRAPH}
    for graph in page_graphs:  # page graphs are untouched; the build graph only describes graph/inferred
        before, after = set(map(str, plain.quads(graph))), set(map(str, inferred.quads(graph)))
        if graph.endswith("/graph/build"):
            assert before < after and all(q.startswith(f"<{INFERRED_GRAPH}> ") for q in after - before)
        else:
            assert after == before
    assert run_named(plain, "organization-members", organization=OSCE) == []
    members = {r["member"] for r in run_named(inferred, "organization-members", organization=OSCE)}
    assert "https://w3id.org/osce-kg/id/country/fi" in members
    ask = "ASK { GRAPH ?g { <https://w3id.org/osce-kg/id/country/fi> a <http://xmlns.com/foaf/0.1/Agent> } }"
    assert not plain.ask(ask) and inferred.ask(ask)


def test_build_infer_option_on_the_cli(tmp_path, capsys):
    assert main(["build", str(PAGES / "chair_en.txt"), "-q", "-o", str(tmp_path), "--infer", "rdfs",
                 "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["query", "--store", str(tmp_path / "store"), "--format", "csv", "--sparql",
                 f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"]) == 0
    assert int(capsys.readouterr().out.split()[1]) > 0


def test_execute_on_a_store_sees_terms_not_strings(bundled_build):
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    result = execute(library()["partners"], {"lang": "fr"}, kg=kg)
    assert result.solutions[0]["state"] == ox.NamedNode("https://w3id.org/osce-kg/id/country/af")


def test_events_decisions_and_documents_on_fixture_pages():
    pages = [str(PAGES / n) for n in ("event_en_mc2024.txt", "fo_ru_chechnya.txt", "pub_en_handbook.txt")]
    kg = build(BuildOptions(paths=pages, out_dir=None, validate=False)).graph
    events = run_named(kg, "events-by-year", year="2024")
    assert [(e["name"], e["start"], e["location"]) for e in events] == [
        ("31st OSCE Ministerial Council", "2024-12-05", "https://w3id.org/osce-kg/id/place/valletta")]
    assert run_named(kg, "events-by-year", year="2023") == []
    decisions = run_named(kg, "decisions")
    assert [(d["symbol"], d["action"], d["target"].rsplit("/", 1)[1]) for d in decisions] == [
        ("PC.DEC/35", "establishes", "assistance-group-to-chechnya")]
    kinds = {d["kindName"] for d in run_named(kg, "documents")}
    assert kinds == {"Document", "Decision", "Publication"}


def test_named_query_answers_on_the_bundled_corpus(bundled_build):
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    chairs = {r["year"]: r for r in run_named(kg, "chairpersons-in-office")}
    assert chairs["2025"]["chairperson"] == "Elina Valtonen" and chairs["2025"]["stateName"] == "Finland"
    assert [r["operation"].rsplit("/", 1)[1] for r in run_named(kg, "field-operations-by-host")] == [
        "mission-to-moldova"]
    disagree: dict[tuple, set] = {}
    for r in run_named(kg, "sources-disagree"):
        disagree.setdefault((r["entity"], r["property"]), set()).add((r["stated"], r["graph"]))
    assert disagree  # the bundled pages and the registry disagree on something
    for values in disagree.values():  # each fact: two values, each with the graph that states it
        assert len({v for v, _ in values}) >= 2 and len({g for _, g in values}) >= 2
    entity, prop = next(iter(disagree))
    graphs = {r["graph"] for r in run_named(kg, "fact-provenance", entity=entity, property=prop)}
    assert graphs == {g for _, g in disagree[(entity, prop)]}  # where each of the two values comes from
    assert len(run_named(kg, "topic-labels")) == 138  # not multiplied by the graphs stating each label


def test_closed_field_operations_by_year(bundled_build):
    kg = KnowledgeGraph.open(bundled_build.out_dir / "store")
    rows = run_named(kg, "closed-field-operations")
    key = {r["operation"].rsplit("/", 1)[1]: r for r in rows}
    assert len(key) == len(rows) == 25  # one row per operation: names, hosts and successors multiply nothing
    assert [r["closed"] for r in rows] == sorted(r["closed"] for r in rows)
    assert all(r["year"] == r["closed"][:4] for r in rows)
    tajikistan = key["mission-to-tajikistan"]
    assert (tajikistan["closed"], tajikistan["hostName"], tajikistan["successorName"]) == (
        "2002-10-31", "Tajikistan", "OSCE Centre in Dushanbe")
    assert key["centre-in-tashkent"]["successor"].endswith("/project-co-ordinator-in-uzbekistan")
    assert "successor" not in key["kosovo-verification-mission"]  # nothing replaced it
    assert "mission-to-moldova" not in key  # current: no closing date
    assert run_named(kg, "closed-field-operations", lang="ru")[0]["name"] != rows[0]["name"]


def test_closed_field_operations_join_the_closing_decision():
    """The decision column, on statements written here (no bundled page names a closing decision): each
    decision once, though two graphs state it, and only for the operation it closes."""
    osce, ex = "https://w3id.org/osce-kg/ontology#", "https://example.org/"
    n = ox.NamedNode
    quads = []
    for graph in (n(ex + "graph/1"), n(ex + "graph/2")):
        quads += [ox.Quad(n(ex + op), n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(osce + "FieldOperation"),
                          graph) for op in ("a", "b")]
        quads += [ox.Quad(n(ex + "a"), n("https://schema.org/dissolutionDate"), ox.Literal("2001-12-31"), graph),
                  ox.Quad(n(ex + "b"), n("https://schema.org/dissolutionDate"), ox.Literal("2002-06-30"), graph),
                  ox.Quad(n(ex + "dec"), n(osce + "closes"), n(ex + "a"), graph),
                  ox.Quad(n(ex + "dec"), n("http://purl.org/dc/terms/identifier"), ox.Literal("X.DEC/1"), graph)]
    kg = KnowledgeGraph()
    kg.add_quads(quads)
    rows = run_named(kg, "closed-field-operations")
    assert [(r["operation"], r["year"], r.get("decision"), r.get("decisionSymbol")) for r in rows] == [
        (ex + "a", "2001", ex + "dec", "X.DEC/1"), (ex + "b", "2002", None, None)]
