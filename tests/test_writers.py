"""The RDF writers are deterministic: the same statements give the same bytes in every format, whatever
order they were inserted in, whether the store's union graph is materialised or not, after a save and
reopen, and in another process (another hash seed); and they write from the store as they would from
Python quads. Small data keeps it fast; the round trips of any dataset are in test_export_roundtrip.py."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.export import exporter_for
from osce_kg.export.base import EXPORTERS, Statements
from osce_kg.store import KnowledgeGraph
from osce_kg.vocab import PREFIXES

RDF_FORMATS = sorted(name for name, fmt in EXPORTERS.items() if fmt.rdf)
EX = "https://example.org/"
XSD = PREFIXES["xsd"]


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def sample_quads(default: bool = False) -> list[ox.Quad]:
    """Named graphs (and a default graph), shared triples, blank nodes, typed and tagged literals, odd text.

    A KnowledgeGraph built with add_quads takes its default graph for the derived union, so only quads
    written with render() hold a default graph of their own."""
    osce, skos, rdf = (ox.NamedNode(PREFIXES[p] + local) for p, local in
                       (("osce", "Mission"), ("skos", "prefLabel"), ("rdf", "type")))
    quads = []
    for i in range(12):
        graph = _n(f"graph/{i % 4}") if i % 5 else ox.DefaultGraph() if default else _n("graph/d")
        subject = _n(f"id/{i % 7}") if i % 3 else ox.BlankNode(f"b{i % 2}")
        quads += [
            ox.Quad(subject, rdf, osce, graph),
            ox.Quad(subject, skos, ox.Literal(f"name {i % 4}", language=("en", "fr", "ru")[i % 3]), graph),
            ox.Quad(subject, _n("count"), ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")), graph),
            ox.Quad(subject, _n("text"), ox.Literal(f'"quoted"\t\\ line\nbreak \u2028 {i} é Ж 😀'), graph),
            ox.Quad(subject, _n("link"), _n(f"id/{(i + 1) % 7}"), graph),
            ox.Quad(subject, _n("blank"), ox.BlankNode(f"c{i % 3}"), graph),
        ]
    return quads


def graph_of(quads: list[ox.Quad]) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_quads(quads)
    return kg


def exports(kg: KnowledgeGraph) -> dict[str, str]:
    return {name: exporter_for(name).export(kg) for name in RDF_FORMATS}


def test_insertion_order_and_the_union_graph_change_no_byte():
    quads = sample_quads()
    first = exports(graph_of(quads))
    for seed in range(3):
        shuffled = quads[:]
        random.Random(seed).shuffle(shuffled)
        kg = graph_of(shuffled)
        assert exports(kg) == first, seed
        kg.prepare_for_query()  # the union materialised in the default graph: read instead of every graph
        assert kg.union_graph() is not None
        assert exports(kg) == first, seed
    # Python quads (not through a store) give the same bytes, duplicates or not
    assert {name: exporter_for(name).render(quads + quads[:9]) for name in RDF_FORMATS} == first


def test_a_saved_and_reopened_store_exports_the_same_bytes(tmp_path):
    kg = graph_of(sample_quads())
    first = exports(kg)
    kg.save(tmp_path / "store")
    reopened = KnowledgeGraph.open(tmp_path / "store")
    assert reopened.union_graph() is not None  # the saved union, with its mark triple left out
    assert exports(reopened) == first


@pytest.mark.slow
def test_another_process_writes_the_same_bytes(tmp_path):
    """Hash seeds differ between processes (Python sets of bytes iterate in another order)."""
    root = str(Path(__file__).resolve().parents[1])
    script = (f"import sys, hashlib; sys.path.insert(0, {root!r}); from tests.test_writers import graph_of, "
              "sample_quads, exports; print({k: hashlib.sha256(v.encode()).hexdigest() for k, v in "
              "sorted(exports(graph_of(sample_quads())).items())})")
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # not this process's seed
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    here = {k: hashlib.sha256(v.encode()).hexdigest() for k, v in sorted(exports(graph_of(sample_quads())).items())}
    assert run.stdout == f"{here}\n"


def test_every_format_reads_back_the_same_statements():
    quads = sample_quads()
    kg = graph_of(quads)
    stored = set(kg.quads())
    for name, text in exports(kg).items():
        fmt = ox.RdfFormat.from_media_type(EXPORTERS[name].media_type)
        back = set(ox.parse(text.encode(), format=fmt))
        if fmt.supports_datasets:
            assert back == stored, name
        else:
            assert back == {ox.Quad(q.subject, q.predicate, q.object) for q in stored}, name


def test_the_canonical_layout():
    text = exporter_for("nquads").render(sample_quads(default=True))
    lines = text.encode().split(b"\n")[:-1]
    keys = []
    for line in lines:
        (quad,) = ox.parse(line, format=ox.RdfFormat.N_QUADS)
        graph = b"" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name).encode()
        triple = ox.serialize([quad.triple], format=ox.RdfFormat.N_TRIPLES)
        keys.append((graph, triple))
    assert keys == sorted(keys) and keys[0][0] == b""  # the default graph, then graph after graph, lines sorted
    # (by their terms: none of these graphs names the build, see the next test)
    turtle = exporter_for("turtle").render(sample_quads())
    assert turtle.startswith("@prefix dcat: ")
    assert turtle.count("<https://example.org/id/1> a osce:Mission ;\n\t") == 1  # one block per subject
    jsonld = exporter_for("jsonld").render(sample_quads())
    nodes = [line for line in jsonld.split("\n") if line.startswith('{"@id": "https://example.org/id/1", "@type"')]
    graphs = {q.graph_name for q in sample_quads() if q.subject == _n("id/1")}
    assert len(nodes) == len(graphs) == 2  # one node per line, in each graph
    assert all(json.loads(n.rstrip(",")) for n in nodes)


def test_the_graphs_that_name_the_build_come_last():
    """The build graph and the dataset description's change with every build: last in every file laid out graph
    by graph, so two builds' files share everything before the first page that changed (osce_kg/output_reuse.py)."""
    from osce_kg import iri

    build, described = ox.NamedNode(iri.build_graph()), ox.NamedNode(iri.dataset_graph())
    page, registry = ox.NamedNode(iri.page_graph("https://www.osce.org/x")), ox.NamedNode(iri.GRAPH_BASE + "registry/a")
    assert str(build) < str(page) and str(described) < str(page)  # first, by their terms
    quads = [ox.Quad(_n(f"id/{n}"), _n("p"), ox.Literal(str(n)), g)
             for n, g in enumerate((described, registry, build, page))]
    nquads = exporter_for("nquads").render(quads).splitlines()
    assert [line.rsplit(" ", 2)[1] for line in nquads] == [str(g) for g in (page, registry, build, described)]
    trig = exporter_for("trig").render(quads)
    assert trig.index(str(registry)) < trig.index(str(build)) < trig.index(str(described))
    jsonld = json.loads(exporter_for("jsonld").render(quads))
    assert [g["@id"] for g in jsonld["@graph"]] == [g.value for g in (page, registry, build, described)]


def test_python_quads_keep_their_literals_exactly():
    """A store writes "007"^^xsd:integer as "7" and xsd:nonNegativeInteger as xsd:integer; render() of
    Python quads (the dataset description, query results) does not go through one."""
    odd = [ox.Quad(_n("s"), _n("p"), ox.Literal(v, datatype=ox.NamedNode(XSD + dt)))
           for v, dt in (("007", "integer"), ("805", "nonNegativeInteger"), ("1", "boolean"), ("1.50", "decimal"))]
    odd.append(ox.Quad(_n("s"), _n("p"), ox.Literal("x", datatype=ox.NamedNode(PREFIXES["rdf"] + "type"))))  # not `a`
    for name in RDF_FORMATS:
        text = exporter_for(name).render(odd)
        back = set(ox.parse(text.encode(), format=ox.RdfFormat.from_media_type(EXPORTERS[name].media_type)))
        assert back == set(odd), name


def test_json_ld_strings_are_n_triples_strings():
    every = "".join(chr(c) for c in range(1, 0x80)) + "\u0085\u2028\u2029\ufeff😀"
    quads = [ox.Quad(_n("s"), _n("p"), ox.Literal(every)), ox.Quad(_n("s"), _n("p"), ox.Literal(every, language="en"))]
    text = exporter_for("jsonld").render(quads)
    assert set(ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD)) == set(quads)
    from pyld import jsonld

    doc = json.loads(text)
    back = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert {q for q in ox.parse(back.encode(), format=ox.RdfFormat.N_QUADS)} == set(quads)


def test_a_prefix_clash_in_a_later_graph_rewrites_the_whole_document():
    """The context comes first; a graph read later that holds an IRI `osce:x` drops the `osce` prefix
    from the context and from every graph already written."""
    mission = ox.NamedNode(PREFIXES["osce"] + "Mission")
    quads = [ox.Quad(_n("a"), ox.NamedNode(PREFIXES["rdf"] + "type"), mission, _n("g/1")),
             ox.Quad(_n("b"), _n("p"), ox.NamedNode("osce:x"), _n("g/2"))]
    text = exporter_for("jsonld").render(quads)
    assert '"osce"' not in text.split('"@graph"')[0] and "osce:Mission" not in text
    assert set(ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD)) == set(quads)


def test_one_named_graph():
    kg = graph_of(sample_quads())
    from osce_kg.export.base import ExportOptions

    text = exporter_for("nquads").export(kg, ExportOptions(graph=EX + "graph/1"))
    assert text and all(line.endswith(f"<{EX}graph/1> .") for line in text.split("\n")[:-1])
    assert Statements.of_graph(kg, EX + "graph/1").graphs == [_n("graph/1")]


@pytest.mark.parametrize("name", ["turtle", "trig", "jsonld"])
def test_empty_data(name):
    text = exporter_for(name).render([])
    assert list(ox.parse(text.encode(), format=ox.RdfFormat.from_media_type(EXPORTERS[name].media_type))) == []


def test_turtle_and_trig_read_back_in_rdflib_with_prefixes_a_and_object_lists():
    """A second parser reads the hand-written layout: prefixed names, `a`, `;` between predicates and `,`
    between the objects of one predicate."""
    import rdflib
    from rdflib.compare import isomorphic

    rdflib.NORMALIZE_LITERALS = False
    quads = sample_quads(default=True)
    turtle = exporter_for("turtle").render(quads)
    assert " a osce:Mission ;\n\tskos:prefLabel " in turtle and '"@en , "name' in turtle
    expected = rdflib.Graph().parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
                                    .decode(), format="nt")
    assert isomorphic(rdflib.Graph().parse(data=turtle, format="turtle"), expected)
    trig = exporter_for("trig").render(quads)
    assert f"<{EX}graph/1> {{\n\t<{EX}id/1> a osce:Mission ;\n\t\tskos:prefLabel " in trig
    back = rdflib.Dataset().parse(data=trig, format="trig")
    nquads = rdflib.Dataset().parse(data=exporter_for("nquads").render(quads), format="nquads")
    names = {str(g.identifier) for g in back.graphs()} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert names == {str(g.identifier) for g in nquads.graphs()} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    for name in names | {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}:
        assert isomorphic(back.graph(rdflib.URIRef(name)), nquads.graph(rdflib.URIRef(name))), name


def test_shared_dumps_give_each_graph_to_every_reader_from_one_dump():
    from osce_kg.export.base import SharedDumps

    calls = []

    def dump(graph):
        calls.append(graph)
        return f"lines of {graph}".encode()

    shared = SharedDumps(readers=2)
    first = [shared.dump(dump, g) for g in (_n("a"), _n("b"))]
    second = [shared.dump(dump, g) for g in (_n("a"), _n("b"))]
    assert first == second == [b"lines of <https://example.org/a>", b"lines of <https://example.org/b>"]
    assert calls == [_n("a"), _n("b")]
    shared.dump(dump, _n("a"))  # a third read: dropped after its last reader, so dumped again
    assert calls == [_n("a"), _n("b"), _n("a")]


def test_a_builds_nquads_and_jsonld_writers_dump_each_graph_once_and_write_what_each_writes_alone(tmp_path,
                                                                                                  monkeypatch):
    from collections import Counter

    from osce_kg import BuildOptions, build
    from osce_kg.export.base import SharedDumps
    from tests.conftest import PAGES

    dumped = Counter()
    real = SharedDumps.dump

    def counting(self, dump, graph):
        def counted(g):
            dumped[g] += 1
            return dump(g)
        return real(self, counted, graph)

    monkeypatch.setattr(SharedDumps, "dump", counting)
    out = tmp_path / "build"
    paths = [str(PAGES / "chair_en.txt"), str(PAGES / "fo_fr_moldova.txt")]
    result = build(BuildOptions(paths=paths, out_dir=str(out), formats=("nquads", "jsonld"), validate=False))
    assert result.ok and len(dumped) > 5 and set(dumped.values()) == {1}
    store = KnowledgeGraph.open(out / "store")
    for fmt, name in (("nquads", "osce.nq"), ("jsonld", "osce.jsonld")):
        alone = exporter_for(fmt).write_graph(store, tmp_path / name)
        assert alone.read_bytes() == (out / name).read_bytes()
