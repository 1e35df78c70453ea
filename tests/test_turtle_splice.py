"""A rebuild's Turtle file spliced subject by subject (osce_kg/output_reuse.py): the blocks of the subjects whose
statements changed are written again, every other block copied; the result is the exporter's own file."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.export import exporter_for
from osce_kg.output_reuse import _splice_turtle, write_turtle
from osce_kg.store import KnowledgeGraph
from osce_kg.vocab import OSCE, RDFS, SKOS

G = ox.NamedNode("https://w3id.org/osce-kg/graph/page/a")
H = ox.NamedNode("https://w3id.org/osce-kg/graph/page/b")


def _n(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"https://w3id.org/osce-kg/id/{name}")


def _graph(quads) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_quads(quads)
    kg.prepare_for_query()  # the union a build's store holds
    return kg


BEFORE = [
    ox.Quad(_n("b"), SKOS.prefLabel, ox.Literal("B", language="en"), G),
    ox.Quad(_n("b"), RDFS.label, ox.Literal("bee"), G),
    ox.Quad(_n("c"), SKOS.prefLabel, ox.Literal("C", language="en"), H),
    ox.Quad(_n("c"), OSCE.partOf, _n("b"), H),
    ox.Quad(_n("d"), SKOS.prefLabel, ox.Literal("D", language="fr"), H),
    ox.Quad(OSCE.Thing, RDFS.label, ox.Literal("a class: a prefixed subject"), G),
    ox.Quad(_n("e"), SKOS.prefLabel, ox.Literal("E"), G),
]


@pytest.mark.parametrize("change", ["edit", "new-first", "new-last", "gone", "prefixed", "nothing"])
def test_spliced_turtle_is_the_exporters_file(tmp_path, change):
    old = tmp_path / "old.ttl"
    exporter_for("turtle").write_graph(_graph(BEFORE), old)
    after, touched = list(BEFORE), set()
    if change == "edit":
        after[1] = ox.Quad(_n("b"), RDFS.label, ox.Literal("bee, edited"), G)
        after.append(ox.Quad(_n("c"), RDFS.label, ox.Literal("sea"), G))  # stated in another graph too
        touched = {_n("b"), _n("c")}
    elif change == "new-first":
        after.append(ox.Quad(_n("a"), SKOS.prefLabel, ox.Literal("A"), H))
        touched = {_n("a")}
    elif change == "new-last":
        after.append(ox.Quad(_n("z"), SKOS.prefLabel, ox.Literal("Z"), H))
        touched = {_n("z")}
    elif change == "gone":
        after = [q for q in after if q.subject != _n("d")]
        touched = {_n("d")}
    elif change == "prefixed":
        after.append(ox.Quad(OSCE.Thing, SKOS.prefLabel, ox.Literal("Thing", language="en"), G))
        touched = {OSCE.Thing}
    kg = _graph(after)
    spliced, whole = tmp_path / "spliced.ttl", tmp_path / "whole.ttl"
    assert _splice_turtle(spliced, kg, old.read_bytes(), touched)
    exporter_for("turtle").write_graph(kg, whole)
    assert spliced.read_bytes() == whole.read_bytes()


def test_a_file_it_cannot_read_is_not_spliced(tmp_path):
    kg = _graph(BEFORE)
    old = tmp_path / "old.ttl"
    exporter_for("turtle").write_graph(kg, old)
    data = old.read_bytes()
    assert not _splice_turtle(tmp_path / "x.ttl", kg, data[1:], set())  # not the prefixes the exporter writes
    assert not _splice_turtle(tmp_path / "x.ttl", kg, data + b"_:b0 a <x> .\n", set())  # a blank node
    blank = _graph([*BEFORE, ox.Quad(ox.BlankNode("b1"), RDFS.label, ox.Literal("x"), G)])
    assert not _splice_turtle(tmp_path / "x.ttl", blank, data, {ox.BlankNode("b1")})
    assert not (tmp_path / "x.ttl").exists()


def test_without_the_change_or_a_previous_file_the_exporter_writes_it(tmp_path):
    kg = _graph([*BEFORE, ox.Quad(_n("build/0123456789abcdef"), OSCE.toolVersion, ox.Literal("1"), G)])
    path = tmp_path / "osce.ttl"
    spliced, index = write_turtle(path, kg, _n("build/0123456789abcdef").value, None, None)
    assert not spliced and index is None  # no build time in this graph: nothing to index
    assert path.read_bytes() == exporter_for("turtle").export(kg).encode()
