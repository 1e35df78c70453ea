"""Every term the build emits is declared, and every class it emits is checked by a shape.

What counts (the rule, so a new class or property cannot slip through):
- every class (object of rdf:type) and every predicate in the osce: namespace must be declared in
  ontology/osce.ttl (as a class or property, with an rdfs:label);
- every class, in any namespace, must be *covered*: either some shape has `sh:targetClass D` where D is the
  class itself or one of its superclasses (rdfs:subClassOf* in the ontology; SHACL follows subclass links
  when it selects focus nodes), or - when no such shape exists - every instance of the class in the build is
  a focus node of another shape: through another asserted type that a `sh:targetClass` covers (prov:Activity
  on every osce:Build), or a `sh:targetSubjectsOf` / `sh:targetObjectsOf` property. The second road is
  checked against the data, so it holds only while each instance really carries that type or property;
- triples in the `graph/inferred` graph (OWL-RL entailments of the ontology: schema:Person on every
  osce:Person) are not emitted terms and are left out;
- every page kind's class (`osce:<Kind>Page`, see `rdf.page_kind_class`) is declared in the ontology.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from mappings import kind_modules
from osce_kg.rdf import page_kind_class
from osce_kg.validate import default_shapes, ontology_path

OSCE = "https://w3id.org/osce-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
PROPERTY_TYPES = {RDF + "Property", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty"}
CLASS_TYPES = {OWL + "Class", RDFS + "Class"}


def _load(paths) -> ox.Store:
    store = ox.Store()
    for path in paths:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _objects(store: ox.Store, predicate: str) -> set[tuple[str, str]]:
    return {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None)
            if isinstance(q.object, ox.NamedNode)}


@cache
def ontology() -> ox.Store:
    return _load([ontology_path("osce.ttl")])


@cache
def shapes() -> ox.Store:
    # the build profile, and the DCAT-AP subset the dataset description (also in osce.nq) is checked against
    return _load([*default_shapes(), ontology_path("dcat-ap-shapes.ttl")])


def declared(onto: ox.Store) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """(classes, properties, superclasses) the ontology declares; superclasses is the transitive closure."""
    types = _objects(onto, RDF + "type")
    labelled = {q.subject.value for q in onto.quads_for_pattern(None, ox.NamedNode(RDFS + "label"), None)}
    classes = {s for s, o in types if o in CLASS_TYPES and s in labelled}
    properties = {s for s, o in types if o in PROPERTY_TYPES and s in labelled}
    parents: dict[str, set[str]] = {}
    for s, o in _objects(onto, RDFS + "subClassOf"):
        parents.setdefault(s, set()).add(o)
    closure: dict[str, set[str]] = {}
    for cls in parents:
        seen, todo = set(), [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closure[cls] = seen
    return classes, properties, closure


INFERRED = "https://w3id.org/osce-kg/graph/inferred"


def emitted(data: ox.Store) -> tuple[set[str], set[str]]:
    """(classes, predicates) used anywhere in the data, the inferred graph apart."""
    classes, predicates = set(), set()
    for q in data:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INFERRED:
            continue
        predicates.add(q.predicate.value)
        if q.predicate.value == RDF + "type" and isinstance(q.object, ox.NamedNode):
            classes.add(q.object.value)
    return classes, predicates


def problems(data: ox.Store, onto: ox.Store, shape_store: ox.Store) -> list[str]:
    """Every undeclared osce: term and every class no shape covers, as one line each (empty when sound)."""
    classes, properties, supers = declared(onto)
    used_classes, used_predicates = emitted(data)
    out = [f"class {c} is not declared in ontology/osce.ttl" for c in sorted(used_classes)
           if c.startswith(OSCE) and c not in classes]
    out += [f"property {p} is not declared in ontology/osce.ttl" for p in sorted(used_predicates)
            if p.startswith(OSCE) and p not in properties]
    targeted = {o for _, o in _objects(shape_store, SH + "targetClass")}
    by_subject = {o for _, o in _objects(shape_store, SH + "targetSubjectsOf")}
    by_object = {o for _, o in _objects(shape_store, SH + "targetObjectsOf")}

    def shaped(cls: str) -> bool:
        return bool(({cls} | supers.get(cls, set())) & targeted)

    def other_types(node) -> set[str]:
        return {q.object.value for q in data.quads_for_pattern(node, ox.NamedNode(RDF + "type"), None)
                if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INFERRED)}

    for cls in sorted(used_classes):
        if shaped(cls):
            continue
        instances = {q.subject for q in data.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(cls))}
        uncovered = [i for i in instances
                     if not any(shaped(t) for t in other_types(i))
                     and not any(next(data.quads_for_pattern(i, ox.NamedNode(p), None), None) for p in by_subject)
                     and not any(next(data.quads_for_pattern(None, ox.NamedNode(p), i), None) for p in by_object)]
        if uncovered:
            out.append(f"class {cls} has no shape ({len(uncovered)} instances no shape targets, e.g. {uncovered[0]})")
    return out


def _nquads(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def test_the_bundled_examples_emit_only_declared_and_shaped_terms(bundled_build):
    assert problems(_nquads(bundled_build.out_dir / "osce.nq"), ontology(), shapes()) == []


def test_the_shared_corpus_emits_only_declared_and_shaped_terms(corpus_build):
    assert problems(_nquads(corpus_build.out_dir / "osce.nq"), ontology(), shapes()) == []


@pytest.mark.parametrize("kind", sorted(kind_modules()))
def test_every_page_kind_class_is_declared(kind):
    classes, _, supers = declared(ontology())
    cls = page_kind_class(kind).value
    assert cls in classes, f"{cls} (page kind {kind!r}) is not declared in ontology/osce.ttl"
    assert cls == OSCE + "SourcePage" or OSCE + "SourcePage" in supers.get(cls, set())


# The checker itself must fail on what it is meant to catch.
THROWAWAY = """
@prefix osce: <https://w3id.org/osce-kg/ontology#> .
@prefix id: <https://w3id.org/osce-kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/osce-kg/id/x/1> a osce:ThrowawayThing ; osce:throwawayProperty "1" .
<https://w3id.org/osce-kg/id/page/1> a osce:ThrowawayKindPage .
<https://w3id.org/osce-kg/id/y/1> a skos:Collection .
<https://w3id.org/osce-kg/id/build/1> a <http://www.w3.org/ns/prov#Activity> .
"""


def test_an_undeclared_class_property_or_page_kind_fails_the_check():
    data = ox.Store()
    data.load(THROWAWAY, format=ox.RdfFormat.TURTLE)
    found = "\n".join(problems(data, ontology(), shapes()))
    assert f"class {OSCE}ThrowawayThing is not declared" in found
    assert f"property {OSCE}throwawayProperty is not declared" in found
    assert f"class {OSCE}ThrowawayKindPage is not declared" in found
    assert f"class {OSCE}ThrowawayThing has no shape" in found
    assert "class http://www.w3.org/2004/02/skos/core#Collection has no shape" in found
    # prov:Activity passes in the builds only because every build activity is also an osce:Build
    assert "class http://www.w3.org/ns/prov#Activity has no shape" in found


def test_a_page_kind_without_its_class_fails_the_check():
    classes, _, _ = declared(ontology())
    assert page_kind_class("throwaway-kind").value not in classes


def test_a_declared_class_covered_only_through_a_targeting_property_needs_that_property_on_every_instance():
    onto = ontology()
    shape_store = shapes()
    # osce:coChair has a targetSubjectsOf shape; an instance of an untargeted class with it is covered, one without
    # is not
    data = ox.Store()
    data.load("""
        @prefix osce: <https://w3id.org/osce-kg/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:a> a skos:Collection ; osce:coChair <urn:b> .
        """, format=ox.RdfFormat.TURTLE)
    assert not [p for p in problems(data, onto, shape_store) if "Collection" in p]
    data.load("""<urn:c> a <http://www.w3.org/2004/02/skos/core#Collection> .""", format=ox.RdfFormat.TURTLE)
    assert [p for p in problems(data, onto, shape_store) if "Collection has no shape" in p]


def test_every_entity_type_in_the_table_has_a_declared_class_and_a_shape_that_targets_it():
    from osce_kg.entity_types import entity_types

    classes, _, supers = declared(ontology())
    targets = _objects(shapes(), SH + "targetClass")
    node_shapes = {s for s, o in _objects(shapes(), RDF + "type") if o == SH + "NodeShape"}
    for t in entity_types():
        if t.cls and t.cls.startswith(OSCE):
            assert t.cls in classes, f"{t.name}: {t.cls} is not declared"
        if t.shape:
            assert t.shape in node_shapes, f"{t.name}: no node shape {t.shape}"
        if t.cls and t.shape:
            assert {(t.shape, c) for c in {t.cls} | supers.get(t.cls, set())} & targets, \
                f"{t.name}: {t.shape} does not target {t.cls} or a superclass"


def test_the_tables_derived_from_the_entity_types_agree_with_it():
    from osce_kg import iri, rdf, registry
    from osce_kg.entity_types import entity_types
    from osce_kg.mappings import navigation

    types = entity_types()
    assert iri.SEGMENTS == {t.name: t.segment for t in types}
    assert iri.SEGMENTS["decision"] == "document" and iri.SEGMENTS["body"] == "org"
    assert rdf.ENTITY_CLASSES["decision"].value == OSCE + "Decision"
    assert "body" not in rdf.ENTITY_CLASSES  # a body's class comes from its registry row
    assert list(registry.ENTITY_FILES) == [t.registry_file for t in types if t.registry_file]  # in the table's order
    assert list(registry.ENTITY_FILES)[:3] == ["countries.csv", "partner_groups.csv", "bodies.csv"]
    assert set(navigation._ENTITY_TYPES) == {"country", "territory", "partner-group", "field-operation", "body",
                                             "topic", "meeting-series", "post"}


# With inference (`build --infer owl-rl`; the session's bundled build uses it): every property and class
# the inference states in graph/inferred is declared in the ontology and judged by a shape, because
# `build --infer` validates the inferred triples too (tests/test_infer_validation.py).
def inferred_terms(data: ox.Store) -> tuple[set[str], set[str]]:
    """(classes, predicates) stated in the inferred graph."""
    classes, predicates = set(), set()
    for q in data.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED)):
        predicates.add(q.predicate.value)
        if q.predicate.value == RDF + "type" and isinstance(q.object, ox.NamedNode):
            classes.add(q.object.value)
    return classes, predicates


def inferred_problems(data: ox.Store, onto: ox.Store, shape_store: ox.Store) -> list[str]:
    classes, properties, supers = declared(onto)
    used_classes, used_predicates = inferred_terms(data)
    targeted = {o for _, o in _objects(shape_store, SH + "targetClass")}
    by_subject = {o for _, o in _objects(shape_store, SH + "targetSubjectsOf")}
    by_object = {o for _, o in _objects(shape_store, SH + "targetObjectsOf")}
    by_property = by_subject | by_object | {o for _, o in _objects(shape_store, SH + "path")}
    out = [f"inferred property {p} is not declared in ontology/osce.ttl" for p in sorted(used_predicates)
           if p != RDF + "type" and p not in properties]
    out += [f"inferred property {p} has no shape (no sh:path, sh:targetSubjectsOf or sh:targetObjectsOf)"
            for p in sorted(used_predicates) if p != RDF + "type" and p not in by_property]
    for cls in sorted(used_classes):
        if ({cls} | supers.get(cls, set())) & targeted:
            continue
        # otherwise each instance must be a focus node through another (stated or inferred) type, or through
        # a targeting property, as in `problems`
        instances = {q.subject for q in data.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(cls))}
        uncovered = [i for i in instances
                     if not any(({q.object.value} | supers.get(q.object.value, set())) & targeted
                                for q in data.quads_for_pattern(i, ox.NamedNode(RDF + "type"), None))
                     and not any(next(data.quads_for_pattern(i, ox.NamedNode(p), None), None) for p in by_subject)
                     and not any(next(data.quads_for_pattern(None, ox.NamedNode(p), i), None) for p in by_object)]
        if uncovered:
            out.append(f"inferred class {cls} has no shape (e.g. {uncovered[0]})")
    return out


def test_the_inferred_graph_holds_only_declared_and_shaped_terms(bundled_build):
    data = _nquads(bundled_build.out_dir / "osce.nq")
    classes, predicates = inferred_terms(data)
    assert OSCE + "hasMembership" in predicates and "http://www.w3.org/ns/org#hasMember" in predicates
    assert inferred_problems(data, ontology(), shapes()) == []


def test_an_undeclared_or_unshaped_inferred_property_fails_the_check():
    data = ox.Store()
    graph = ox.NamedNode(INFERRED)
    data.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode(OSCE + "throwawayInverse"), ox.NamedNode("urn:b"), graph))
    found = "\n".join(inferred_problems(data, ontology(), shapes()))
    assert f"inferred property {OSCE}throwawayInverse is not declared" in found
    assert f"inferred property {OSCE}throwawayInverse has no shape" in found
