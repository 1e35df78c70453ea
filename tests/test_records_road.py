"""One road to quads: page records and the registry's own rows are both records, written by one writer that
reads no registry (what it needs of a registry entity comes with the entity's Ref)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, RdfFormat, serialize

from osce_kg import iri
from osce_kg.context import MappingContext
from osce_kg.rdf import NQuadsSink, QuadSink, RecordWriter, node
from osce_kg.records import OSCE, DocumentStated, EntitySeen, Label, Person, Ref, UnitOf
from osce_kg.reference import registry_quads
from osce_kg.registry import PostEntity, Registry, RegistryError, default_folder, load_registry
from osce_kg.vocab import ORG, OWL, SKOS, A
from osce_kg.vocab import OSCE as O

PAGE = "https://www.osce.org/road-test"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def page_triples(registry: Registry, *records) -> set[tuple]:
    ctx = MappingContext(registry)
    for record in records:
        ctx.emit(record)
    sink = QuadSink(iri.page_graph(PAGE))
    RecordWriter(sink, NamedNode(iri.page(PAGE))).write(ctx.finish().records)
    return {(q.subject, q.predicate, q.object) for q in sink.quads}


def test_a_body_is_typed_by_what_the_registry_says_and_an_unknown_one_by_default(registry):
    triples = page_triples(registry, UnitOf(Ref("body", "odihr"), OSCE), UnitOf(Ref("body", "no-such-body"), OSCE))
    odihr, unknown = node(Ref("body", "odihr")), node(Ref("body", "no-such-body"))
    assert (odihr, A, O.Institution) in triples and (odihr, A, ORG.OrganizationalUnit) not in triples
    assert (node(OSCE), A, O.InternationalOrganization) in triples
    assert (unknown, A, ORG.OrganizationalUnit) in triples and (unknown, A, O.Institution) not in triples


def test_a_label_is_preferred_when_it_is_the_registrys_preferred_name(registry):
    germany = node(Ref("country", "de"))
    triples = page_triples(registry, EntitySeen(Ref("country", "de"), Label("Germany  ", "en")),
                           EntitySeen(Ref("country", "de"), Label("Federal Republic of Germany", "en")),
                           EntitySeen(Ref("post", "not-in-the-registry"), Label("Chief Road Tester", "en")))
    assert (germany, SKOS.prefLabel, Literal("Germany", language="en")) in triples  # the registry's characters
    assert (germany, SKOS.altLabel, Literal("Federal Republic of Germany", language="en")) in triples
    assert (germany, SKOS.prefLabel, Literal("Federal Republic of Germany", language="en")) not in triples
    assert (node(Ref("post", "not-in-the-registry")), SKOS.prefLabel,
            Literal("Chief Road Tester", language="en")) in triples


def test_finish_resolves_refs_inside_tuples_and_leaves_unknown_ones_unknown(registry):
    ctx = MappingContext(registry)
    ctx.emit(DocumentStated(Ref("document", "not-a-registry-document"), Label("A decision", "en"),
                            acts=(("establishes", Ref("field-operation", "mission-to-moldova")),)))
    [record] = ctx.finish().records
    assert record.ref.known is None
    target = record.acts[0][1]
    assert target.known is not None and target.known.cls == str(O.FieldOperation.value)
    assert record == ctx.result.records[0]  # what the registry knows is never part of a record's equality


def test_only_people_made_from_page_text_are_marked_extracted(registry):
    page_person = page_triples(registry, Person(Ref("person", "jane-roe"), "Jane Roe"))
    assert (node(Ref("person", "jane-roe")), O.extracted, Literal(True)) in page_person
    holders = {(q.subject, q.predicate, q.object) for q in registry_quads(registry)
               if q.graph_name == NamedNode(iri.registry_graph("office_holders"))}
    assert (node(Ref("person", "astrid-thors")), A, O.Person) in holders
    assert not any(p == O.extracted for _, p, _ in holders)


def test_registry_graphs_type_only_their_own_entities(registry):
    quads = registry_quads(registry)
    by_graph: dict[str, set[tuple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value.rsplit("/", 1)[-1], set()).add((q.subject, q.predicate, q.object))
    germany, kosovo = node(Ref("country", "de")), node(Ref("territory", "xk"))
    countries = by_graph["countries"]
    assert (germany, A, O.State) in countries and (kosovo, A, O.Territory) in countries
    assert (germany, OWL.sameAs, NamedNode("http://www.wikidata.org/entity/Q183")) in countries
    assert (germany, SKOS.exactMatch, NamedNode("urn:iso:std:iso:3166:-1:DE")) in countries
    assert not any(s == kosovo and p == SKOS.exactMatch for s, p, _ in countries)  # XK is no ISO code
    memberships = by_graph["memberships"]
    assert any(p == ORG.member and o == germany for _, p, o in memberships)
    assert not any(p == A and o in (O.State, O.Territory) for _, p, o in memberships)  # typed in 'countries'
    graph = NamedNode(iri.registry_graph("memberships"))
    assert (graph, A, O.RegistryGraph) in memberships


def test_a_post_unit_may_be_a_field_operation_and_a_bad_reference_names_file_and_column(tmp_path, registry):
    head = registry.get(Ref("post", "head-of-the-centre-in-ashgabat"))
    assert isinstance(head, PostEntity) and head.unit == Ref("field-operation", "centre-in-ashgabat")
    folder = tmp_path / "reg"
    shutil.copytree(default_folder(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / "posts.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("head-of-the-centre-in-ashgabat,centre-in-ashgabat,",
                                 "head-of-the-centre-in-ashgabat,no-such-unit,"), "utf-8")
    with pytest.raises(RegistryError, match=r"posts\.csv: head-of-the-centre-in-ashgabat: unit 'no-such-unit'"):
        Registry(folder)


# -- the bytes a page's graph leaves its mapper as ----------------------------------------------------------


def _sinks(registry: Registry, path) -> tuple[QuadSink, NQuadsSink]:
    """The same page's records written through both sinks."""
    from osce_kg.mapping import map_page, parse_source
    from osce_kg.rdf import describe_source
    from osce_kg.sources import read_source

    source = read_source(path)
    page = parse_source(source, source.url or PAGE)
    records = map_page(page, registry).result.records
    page_node = NamedNode(iri.page(page.url))
    sinks = QuadSink(iri.page_graph(page.url)), NQuadsSink(iri.page_graph(page.url))
    for sink in sinks:
        describe_source(sink, page_node, page.url, source.sha256, path.name)
        RecordWriter(sink, page_node).write(records)
    return sinks


def test_a_pages_n_quads_lines_are_the_serialisers_bytes_for_every_fixture_page(registry):
    from tests.conftest import PAGES

    pages = sorted(PAGES.iterdir())
    assert len(pages) > 40
    for path in pages:
        quads, lines = _sinks(registry, path)
        # each statement once, in the order first added
        assert lines.nquads() == serialize(list(dict.fromkeys(quads.quads)), format=RdfFormat.N_QUADS), path.name
        assert lines.statements() == len(set(quads.quads)) > 0


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
       st.sampled_from([None, "en", "de-AT", "ru"]))
@example("quote \" backslash \\ tab \t cr \r nl \n nul \x00 del \x7f ls \u2028 bom \ufeff", "en")
def test_any_literal_text_gives_the_serialisers_bytes(text, lang):
    """Escaping: quotes, backslashes, control characters and any other character as the serialiser writes them."""
    subject, graph = NamedNode("https://www.osce.org/x?a=1#é"), "https://data.example/graph/ü"
    quads, lines = QuadSink(graph), NQuadsSink(graph)
    for sink in (quads, lines):
        sink.add(subject, SKOS.note, Literal(text, language=lang) if lang else Literal(text))
        sink.add(subject, SKOS.note, Literal(text, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#string")))
        sink.add(subject, A, O.Mention)
        sink.add(subject, A, O.Mention)  # a repeat, written once
    assert lines.nquads() == serialize(list(dict.fromkeys(quads.quads)), format=RdfFormat.N_QUADS)
    assert lines.nquads().count(b"\n") == len(set(quads.quads))
