"""Framed JSON-LD documents for data teams: one frame and one JSON Schema per class, friendly keys,
plain strings for dates and numbers, output equal to framing the whole graph, back to the same triples."""

from __future__ import annotations

import functools
import json

import jsonschema
import pyoxigraph as ox
import pytest

from osce_kg.cli import main
from osce_kg.export.frame_schema import dumps, schema_for
from osce_kg.export.framed import GraphIndex, framed_document, framed_whole, frames, load_frame, schema_path
from osce_kg.store import KnowledgeGraph

ID = "https://w3id.org/osce-kg/id/"
CLASSES = {"state", "partner", "partner-group", "institution", "field-operation", "person", "post", "chairpersonship",
           "meeting", "meeting-series", "document", "topic", "source-page"}


@pytest.fixture(scope="module")
def built(bundled_build):
    return bundled_build.out_dir / "osce.nq"


@pytest.fixture(scope="module")
def corpus_index(corpus_build):
    return GraphIndex.of(corpus_build.graph), corpus_build.graph


@functools.cache
def schema_check(name: str):
    """Frame `name`'s JSON Schema, itself checked against its metaschema once, as a validator: jsonschema.validate
    checks the schema again on every call (about 0.05 s here, over most of this file's schema work)."""
    schema = json.loads(schema_path(name).read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def export(built, tmp_path, frame: str) -> dict:
    target = tmp_path / f"{frame}.jsonld"
    assert main(["export", "--data", str(built), "--format", "jsonld", "--frame", frame, "-o", str(target)]) == 0
    return json.loads(target.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def field_operations(built, tmp_path_factory) -> dict:
    """The field operations' document, exported once for the tests that read it (framing costs a second here)."""
    return export(built, tmp_path_factory.mktemp("framed"), "field-operations")  # the plural of earlier releases


@pytest.fixture(scope="module")
def chairpersonships(built, tmp_path_factory) -> bytes:
    """The chairpersonships' document as exported: read by one test, compared with a second export by another."""
    target = tmp_path_factory.mktemp("framed") / "chairpersonships.jsonld"
    args = ["export", "--data", str(built), "--format", "jsonld", "--frame", "chairpersonships", "-o", str(target)]
    assert main(args) == 0
    return target.read_bytes()


def test_a_frame_and_a_schema_for_every_main_class():
    assert CLASSES <= set(frames())
    for name in frames():
        assert schema_path(name).is_file(), name
        assert json.loads(schema_path(name).read_text())["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        schema_check(name)  # raises jsonschema.SchemaError


def test_every_shipped_schema_is_what_its_frame_gives():
    # the schemas are generated from the frames (python -m osce_kg.export.frame_schema FRAME TITLE): a frame
    # changed without its schema fails here
    for name in frames():
        shipped = schema_path(name).read_text(encoding="utf-8")
        title = json.loads(shipped)["title"].removeprefix("osce-kg framed JSON-LD: ")
        assert dumps(schema_for(name, load_frame(name), title)) == shipped, name


def _node_keys(frame: dict, context: dict):
    for key, value in frame.items():
        if key.startswith("@"):
            continue
        definition = context.get(key, {})
        definition = definition if isinstance(definition, dict) else {}
        sub = value[0] if isinstance(value, list) else value
        yield key, definition, sub
        if isinstance(sub, dict):
            yield from _node_keys(sub, context)


def test_every_node_valued_key_says_how_it_embeds():
    # what the fast path relies on: with @embed @once the result would depend on what else is framed
    for name in frames():
        frame = load_frame(name)
        for key, definition, sub in _node_keys(frame, frame["@context"]):
            node_valued = definition.get("@type") in ("@id", "@vocab") or "@reverse" in definition
            if isinstance(definition, dict) and node_valued:
                assert sub.get("@embed") in ("@always", "@never"), (name, key)


def test_field_operations_frame(field_operations):
    doc = field_operations  # asked by the plural name of earlier releases, which still works
    nodes = {n["id"]: n for n in doc["@graph"]}
    assert len(nodes) == 37  # every field operation in the registry, current and closed
    moldova = nodes[ID + "field-operation/mission-to-moldova"]
    assert moldova["status"] == "current"
    assert moldova["name"]["ru"] == "Миссия ОБСЕ в Молдове"
    assert moldova["host"]["iso2"] == "MD" and moldova["host"]["name"]["de"] == "Moldau"
    assert moldova["established"] == "1993-02-04"  # a plain string, its key naming the precision
    assert "label" not in moldova and "mentions" not in moldova  # explicit: only the frame's keys
    kosovo = nodes[ID + "field-operation/mission-in-kosovo"]
    assert kosovo["host"]["id"] == ID + "territory/xk"
    assert "@value" not in json.dumps(doc)


def test_chairpersonships_frame(chairpersonships):
    doc = json.loads(chairpersonships)
    years = {n["year"]: n for n in doc["@graph"]}
    assert years["2025"]["state"]["iso2"] == "FI"
    assert years["2026"]["state"]["name"]["fr"] == "Suisse"
    assert years["2025"]["during"]["start"] == "2025-01-01"


def test_partners_frame_lists_each_partnership_and_nothing_else(built, tmp_path):
    doc = export(built, tmp_path, "partners")
    schema_check("partner").validate(doc)
    nodes = {n["state"]["iso2"]: n for n in doc["@graph"]}
    # the 11 Partners for Co-operation, and Mongolia's partnership that ended when it joined in 2012
    assert set(nodes) == {"DZ", "EG", "IL", "JO", "MA", "TN", "AF", "AU", "JP", "KR", "TH", "MN"}
    assert all(n["role"] == ID + "role/partner" and n["type"] == "org:Membership" for n in doc["@graph"])
    assert nodes["JP"]["partnerGroup"]["id"] == ID + "partner-group/asian-partners"
    assert nodes["JP"]["partnerGroup"]["name"]["fr"] == "Partenaires asiatiques pour la coopération"
    assert nodes["TN"]["partnerGroup"]["id"] == ID + "partner-group/mediterranean-partners"
    assert nodes["MN"]["during"] == {"id": ID + "membership/osce/partner/mn/during", "startYear": "2004",
                                     "end": "2012-11-21", "type": "http://www.w3.org/2006/time#Interval"}
    assert nodes["AU"]["state"]["name"]["en"] == "Australia" and nodes["AU"]["during"]["startYear"] == "2009"
    # not here: participating States' memberships (Mongolia's since 2012 included), post holdings
    text = json.dumps(doc)
    assert "participating-state" not in text and "/country/fi" not in text and "PostHolding" not in text
    assert "memberships" not in text and "holders" not in text  # only the frame's keys


@pytest.mark.slow
def test_fast_framing_equals_framing_the_whole_graph(built, monkeypatch):
    # pyld frames the whole graph in about a second per frame even here, so the reference runs on a part of
    # the graph: a few entities of the class with all they reach, and every 25th other node (which the
    # frame must leave out); batches of 2 so that several batches are merged
    from osce_kg.export import framed

    monkeypatch.setattr(framed, "BATCH", 2)
    kg = KnowledgeGraph.from_files([built])
    triples = list(kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    index = GraphIndex(triples)
    for name in sorted(frames()):
        frame = load_frame(name)
        plan = framed.FramePlan(frame)
        reach: dict = {}
        typed = index.of_types(plan.types)
        matching = [root for root in typed if plan.matches(index.nodes[root])]
        others = [root for root in typed if root not in matching]  # of the type, but not what @requireAll asks
        for root in matching[:5] + others[:3]:
            framed._collect(index, root, plan, reach)
        keep = set(reach) | set(list(index.nodes)[::25])
        part = GraphIndex([t for t in triples if framed._term_id(t.subject) in keep])
        fast = framed_document(part, frame)
        assert fast == framed_whole(part, frame), name
        assert len(fast["@graph"]) >= min(5, len(matching)), name
        assert not {n.get("id") for n in fast["@graph"]} & set(others), name


def test_every_framed_export_of_the_corpus_fits_its_schema_and_is_back_the_same_triples(corpus_index):
    from pyld import jsonld

    index, kg = corpus_index
    union = {(t.subject, t.predicate, t.object) for t in kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")}
    for name in sorted(frames()):
        doc = framed_document(index, load_frame(name))
        schema_check(name).validate(doc)
        assert doc["@graph"] or name in ("document",), name
        sample = {"@context": doc["@context"], "@graph": doc["@graph"][:12]}  # pyld's to_rdf is slow
        nquads = jsonld.to_rdf(sample, {"format": "application/n-quads"})
        triples = {(q.subject, q.predicate, q.object) for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
        assert triples and triples <= union, (name, sorted(map(str, triples - union))[:3])


def test_schema_refuses_what_a_reader_does_not_expect(field_operations):
    doc = field_operations
    node = next(n for n in doc["@graph"] if n["id"].endswith("/mission-to-moldova"))
    for broken in ({**node, "established": {"@value": "1993-02-04", "@type": "xsd:date"}},
                   {**node, "establishedYear": "93"}, {**node, "surprise": "x"}):
        with pytest.raises(jsonschema.ValidationError):
            schema_check("field-operation").validate({"@context": doc["@context"], "@graph": [broken]})


def test_split_writes_one_valid_document_per_entity(built, tmp_path):
    out = tmp_path / "split"
    assert main(["export", "--data", str(built), "-f", "jsonld", "--frame", "state", "--split", "-o", str(out)]) == 0
    files = sorted(out.rglob("*.jsonld"))
    assert len(files) > 50 and (out / "country" / "fi.jsonld") in files
    finland = json.loads((out / "country" / "fi.jsonld").read_text())
    schema_check("state").validate(finland)
    assert finland["name"]["en"] == "Finland" and "@context" in finland
    assert any(m["role"].endswith("/role/participating-state") for m in
               (finland["memberships"] if isinstance(finland["memberships"], list) else [finland["memberships"]]))


@pytest.mark.slow
def test_framed_export_is_deterministic_and_unknown_frames_are_usage_errors(built, chairpersonships, tmp_path,
                                                                            capsys):
    target = tmp_path / "again.jsonld"  # a second export, compared with the module's first
    args = ["export", "--data", str(built), "--format", "jsonld", "--frame", "chairpersonships", "-o", str(target)]
    assert main(args) == 0
    assert target.read_bytes() == chairpersonships
    assert main(["export", "--data", str(built), "--format", "jsonld", "--frame", "nope"]) == 2
    assert "no frame named 'nope'" in capsys.readouterr().err
    assert main(["export", "--data", str(built), "--format", "turtle", "--frame", "chairpersonships"]) == 2
    assert main(["export", "--data", str(built), "--format", "jsonld", "--frame", "state", "--split"]) == 2
    assert "give -o DIR" in capsys.readouterr().err
