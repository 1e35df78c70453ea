"""What the shapes see (osce_kg/validate.py `prepare_data`): made in the build's own store without copying it,
the same triples as a copy made from a saved store, and the store left as it was."""

from __future__ import annotations

import pyoxigraph as ox

from osce_kg.store import STORE_MARK, KnowledgeGraph
from osce_kg.validate import SCRATCH_GRAPH, prepare_data
from tests.conftest import PAGES

SUB = "https://w3id.org/osce-kg/ontology#"


def _kg() -> KnowledgeGraph:
    from osce_kg import BuildOptions, build

    return build(BuildOptions(paths=[str(PAGES / "fo_de_moldova.txt")], out_dir=None, validate=False, jobs=1)).graph


def test_prepared_in_place_equals_a_copy_and_leaves_the_store_as_it_was(tmp_path):
    kg = _kg()
    graphs, size = kg.graphs(), len(kg)
    data = prepare_data(kg)
    assert kg.graphs() == graphs and len(kg) == size and SCRATCH_GRAPH not in kg.graphs()
    lines = data.splitlines()
    assert len(lines) == len(set(lines)) == data.count(b"\n")  # each triple once
    saved = KnowledgeGraph.open(kg.save(tmp_path / "store"))  # read-only: prepared in a copy
    copied = set(prepare_data(saved).splitlines())
    mark = ox.serialize([ox.Triple(STORE_MARK.subject, STORE_MARK.predicate, STORE_MARK.object)],
                        format=ox.RdfFormat.N_TRIPLES).strip()
    assert copied - set(lines) == {mark}
    assert set(lines) <= copied


def test_prepared_data_holds_the_union_the_type_closure_and_the_graph_descriptions():
    kg = _kg()
    text = prepare_data(kg).decode()
    assert f"<{SUB}FieldOperation>" in text
    graph = kg.graphs()[0]
    assert f"<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
           "<http://www.w3.org/ns/sparql-service-description#NamedGraph> ." in text
    # a field operation is an org:Organization by the ontology's hierarchy, stated by no page
    op = next(row["s"] for row in kg.select(f"SELECT ?s WHERE {{ ?s a <{SUB}FieldOperation> }}"))
    assert not kg.ask(f"ASK {{ <{op}> a <http://www.w3.org/ns/org#Organization> }}")
    assert f"<{op}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> ." \
        in text


def test_prepared_from_the_union_text_equals_prepared_in_the_store():
    """A build's store without its union materialised (the union made from text): the closure and the graph
    descriptions come from the text, and the data are the triples prepared in the store."""

    kg = KnowledgeGraph()
    kg.keep_texts()
    kg.add_nquads(_kg().store.dump(format=ox.RdfFormat.N_QUADS), lenient=True)
    union = kg.take_texts().union()
    data = prepare_data(kg, lambda: union)
    assert kg.union_graph() is None  # not made in the store for this
    lines = data.splitlines()
    assert len(lines) == len(set(lines))  # each triple once
    kg.prepare_for_query()
    assert sorted(lines) == sorted(prepare_data(kg).splitlines())
    assert b"<http://www.w3.org/ns/org#Organization> ." in data  # a type the hierarchy entails
