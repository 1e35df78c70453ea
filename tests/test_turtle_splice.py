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


def test_the_index_says_whether_the_file_holds_a_blank_node_label(tmp_path):
    """The next splice trusts the index's word that no "_:" occurs in the previous file (not looked for again);
    a new block holding one is not spliced, so a spliced file never holds one."""
    from osce_kg.output_reuse import turtle_index

    kg = _graph(BEFORE)
    old = tmp_path / "old.ttl"
    exporter_for("turtle").write_graph(kg, old)
    assert turtle_index(old, "b", "t")["blank_free"] is True
    marked = tmp_path / "marked.ttl"
    labelled = _graph([*BEFORE, ox.Quad(_n("e"), RDFS.comment, ox.Literal("written _:b0 in the text"), G)])
    exporter_for("turtle").write_graph(labelled, marked)
    assert turtle_index(marked, "b", "t")["blank_free"] is False
    data = marked.read_bytes()
    assert not _splice_turtle(tmp_path / "x.ttl", kg, data, {_n("b")})  # looked for, found
    spliced = tmp_path / "spliced.ttl"
    edited = _graph([*labelled.quads(), ox.Quad(_n("b"), RDFS.comment, ox.Literal("edited"), G)])
    assert _splice_turtle(spliced, edited, data, {_n("b")}, blank_free=True)  # the index's word taken
    exporter_for("turtle").write_graph(edited, tmp_path / "whole.ttl")
    assert spliced.read_bytes() == (tmp_path / "whole.ttl").read_bytes()
    now_labelled = _graph([*BEFORE, ox.Quad(_n("b"), RDFS.comment, ox.Literal("_:b1"), G)])
    assert not _splice_turtle(tmp_path / "y.ttl", now_labelled, old.read_bytes(), {_n("b")}, blank_free=True)
    assert not (tmp_path / "x.ttl").exists() and not (tmp_path / "y.ttl").exists()


def test_without_the_change_or_a_previous_file_the_exporter_writes_it(tmp_path):
    kg = _graph([*BEFORE, ox.Quad(_n("build/0123456789abcdef"), OSCE.toolVersion, ox.Literal("1"), G)])
    path = tmp_path / "osce.ttl"
    spliced, index = write_turtle(path, kg, _n("build/0123456789abcdef").value, None, None)
    assert not spliced and index is None  # no build time in this graph: nothing to index
    assert path.read_bytes() == exporter_for("turtle").export(kg).encode()


@pytest.mark.parametrize("seed", range(6))
def test_many_subjects_any_change_found_by_bisection(tmp_path, seed):
    """Subjects added, removed and edited anywhere among 300 (first, last, next to each other), the old file
    read through an mmap as a rebuild reads it: the same bytes as the exporter's."""
    import mmap
    import random

    rng = random.Random(seed)
    names = [f"s{i:03}" for i in range(0, 600, 2)]
    before = [ox.Quad(_n(n), SKOS.prefLabel, ox.Literal(n.upper(), language="en"), G) for n in names]
    before += [ox.Quad(OSCE[f"C{i}"], RDFS.label, ox.Literal(f"class {i}"), H) for i in range(5)]
    old = tmp_path / "old.ttl"
    exporter_for("turtle").write_graph(_graph(before), old)
    after = [q for q in before if rng.random() > 0.05]  # some subjects gone
    touched = {q.subject for q in before} - {q.subject for q in after}
    for name in rng.sample(names, 12) + ["s000", names[-1]]:  # edited
        after.append(ox.Quad(_n(name), RDFS.label, ox.Literal(f"edited {name}"), H))
        touched.add(_n(name))
    for name in [f"s{i:03}" for i in rng.sample(range(1, 600, 2), 10)] + ["a", "z"]:  # new, between others
        after.append(ox.Quad(_n(name), SKOS.prefLabel, ox.Literal(name), G))
        touched.add(_n(name))
    kg = _graph(after)
    spliced, whole = tmp_path / "spliced.ttl", tmp_path / "whole.ttl"
    with open(old, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        assert _splice_turtle(spliced, kg, data, touched)
    exporter_for("turtle").write_graph(kg, whole)
    assert spliced.read_bytes() == whole.read_bytes()
