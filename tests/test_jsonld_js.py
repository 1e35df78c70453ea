"""jsonld.js (npm `jsonld`, a second JSON-LD implementation beside pyld) reads every JSON-LD export of the
bundled build back into RDF, offline: the whole-graph osce.jsonld gives exactly the build's quads, and every
framed export (each class's document, and --split documents with their context given by URL) gives
triples that are all in the build. jsonld.js also frames the memberships with the Partners frame (selection
by @requireAll) and gets exactly osce-kg's Partners document: the frame works in another processor.

The package comes from tests/js/package.json and package-lock.json (`npm ci --prefix tests/js`, which
.ci/run does); one node process reads all documents. Skipped only where node is not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.export import exporter_for
from osce_kg.export.framed import (
    FramePlan,
    GraphIndex,
    _collect,
    frame_path,
    framed_document,
    frames,
    load_frame,
    split_documents,
)
from osce_kg.export.jsonld import load_context
from osce_kg.store import KnowledgeGraph

JS = Path(__file__).parent / "js"
ID = "https://w3id.org/osce-kg/id/"
# Where a data team would point @context instead of inlining it; the test serves these from the package's files.
CONTEXT_URL = "https://w3id.org/osce-kg/context.jsonld"
FRAME_URL = "https://w3id.org/osce-kg/frames/{}.jsonld"
SPLIT = 3  # --split documents read per class (the same nodes as the class's document; the context is a URL)

# one worker runs this file, so the module's jsonld.js run (one node process) is made once (tests/conftest.py)
pytestmark = pytest.mark.xdist_group("jsonld-js")


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed: the jsonld.js read-back needs Node.js (pyld's is in test_framed.py)")
    if not (JS / "node_modules" / "jsonld" / "package.json").is_file():
        npm = shutil.which("npm")
        assert npm, "node without npm: install jsonld with `npm ci --prefix tests/js`"
        done = subprocess.run([npm, "ci", "--prefix", str(JS), "--no-audit", "--no-fund", "--loglevel=error"],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"npm ci --prefix tests/js failed: {done.stderr.strip()[-500:]}"
    return found


def to_rdf(node: str, documents: dict[str, object], contexts: dict[str, Path],
           frames_: dict[str, dict] | None = None) -> dict[str, set[ox.Quad] | str]:
    """Every document (and every {input, frame} framed by jsonld.js) through jsonld.js in one node process:
    name -> its quads, or jsonld.js's error."""
    payload = {"documents": documents, "frames": frames_ or {},
               "contexts": {url: str(path) for url, path in contexts.items()}}
    done = subprocess.run([node, str(JS / "to_rdf.mjs")], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=120, cwd=JS)
    assert done.returncode == 0, done.stderr[-2000:]
    return {name: result["error"] if "error" in result
            else set(ox.parse(result["nquads"].encode(), format=ox.RdfFormat.N_QUADS))
            for name, result in json.loads(done.stdout).items()}


def triples(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.fixture(scope="module")
def read_back(node, bundled_build, tmp_path_factory):
    """jsonld.js's quads for osce.jsonld (inline and by context URL), each frame's document and split documents."""
    nq = bundled_build.out_dir / "osce.nq"
    kg = KnowledgeGraph.from_files([nq])
    whole = json.loads(exporter_for("jsonld").export(kg))
    context_file = tmp_path_factory.mktemp("context") / "context.jsonld"
    context_file.write_text(json.dumps(load_context()), encoding="utf-8")
    # and one named graph of it with the shipped context given by URL rather than inline
    part = next(g for g in whole["@graph"] if g["@id"].endswith("/graph/registry/partner-groups"))
    documents: dict[str, object] = {"osce.jsonld": whole, "graph by URL": {"@context": CONTEXT_URL, **part}}
    contexts = {CONTEXT_URL: context_file}
    index = GraphIndex.of(kg)
    framed, split_names = {}, {}
    for name in sorted(frames()):
        doc = framed_document(index, load_frame(name))
        framed[name] = doc
        documents[f"frame {name}"] = doc
        contexts[FRAME_URL.format(name)] = frame_path(name)
        split_names[name] = []
        for file, text in sorted(split_documents(doc, ID).items())[:SPLIT]:
            entity = json.loads(text)
            assert entity.pop("@context") == doc["@context"]
            documents[f"split {name} {file}"] = {"@context": FRAME_URL.format(name), **entity}
            split_names[name].append(f"split {name} {file}")
    # two documents the check must catch: a value the build does not hold, a context nobody bundled
    forged = {"id": ID + "country/fi", "type": "osce:State", "iso2": "XX"}
    documents["forged"] = {"@context": framed["state"]["@context"], "@graph": [forged]}
    documents["remote"] = {"@context": "https://example.org/c.jsonld", "@id": ID + "country/fi"}
    # jsonld.js frames too: with the Partners frame (selection by @requireAll) over every membership and
    # all the frame reaches from them, it must pick and shape the same partnerships as osce-kg does
    plan = FramePlan(load_frame("partner"))
    typed = index.of_types(plan.types)  # memberships of every kind (participating States', chairs', posts')
    others = [root for root in typed if not plan.matches(index.nodes[root])]
    reach: dict = {}
    for root in [root for root in typed if plan.matches(index.nodes[root])] + others[::max(1, len(others) // 12)]:
        _collect(index, root, plan, reach)
    frames_ = {"jsonld.js partner": {"input": [reach[k] for k in sorted(reach)], "frame": load_frame("partner")}}
    quads = to_rdf(node, documents, contexts, frames_)
    errors = {name: q for name, q in quads.items() if isinstance(q, str) and name != "remote"}
    assert not errors, errors
    build = set(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    return {"quads": quads, "build": build, "framed": framed, "split": split_names}


def test_the_whole_graph_json_ld_is_exactly_the_builds_quads(read_back):
    build, quads = read_back["build"], read_back["quads"]
    assert len(build) > 5000
    assert quads["osce.jsonld"] == build, (sorted(map(str, quads["osce.jsonld"] ^ build))[:5])
    # the shipped context referenced by URL instead of inlined means the same quads
    graph = ox.NamedNode("https://w3id.org/osce-kg/graph/registry/partner-groups")
    assert quads["graph by URL"] == {q for q in build if q.graph_name == graph} and len(quads["graph by URL"]) > 20


def test_every_framed_export_is_triples_that_are_all_in_the_build(read_back):
    union = triples(read_back["build"])
    for name, doc in read_back["framed"].items():
        got = read_back["quads"][f"frame {name}"]
        assert all(q.graph_name == ox.DefaultGraph() for q in got), name
        got = triples(got)
        assert got <= union, (name, sorted(map(str, got - union))[:3])
        # not vacuous: every framed entity is there with its type, and classes the example has are not empty
        for entity in doc["@graph"]:
            prefix, _, local = entity["id"].partition(":")
            iri = doc["@context"].get(prefix, prefix + ":") + local  # 'osce:human-dimension' is a CURIE
            assert any(t.subject == ox.NamedNode(iri) and t.predicate.value.endswith("#type")
                       for t in got), (name, entity["id"])
        assert doc["@graph"] or name in ("organisation",), name


def test_jsonld_js_framing_with_the_partners_frame_gives_the_same_partnerships(read_back):
    ours = triples(read_back["quads"]["frame partner"])
    assert triples(read_back["quads"]["jsonld.js partner"]) == ours
    memberships = {t.subject.value.rsplit("/", 1)[1] for t in ours
                   if t.object == ox.NamedNode("http://www.w3.org/ns/org#Membership")}
    assert "mn" in memberships and "fi" not in memberships and len(memberships) == 12


def test_split_documents_with_the_frame_as_a_remote_context_are_the_same_triples(read_back):
    quads = read_back["quads"]
    for name, names in read_back["split"].items():
        whole = triples(quads[f"frame {name}"])
        for document in names:
            part = triples(quads[document])
            assert part and part <= whole, document
        assert len(names) == min(SPLIT, len(read_back["framed"][name]["@graph"])), name


def test_what_is_not_in_the_build_is_noticed(read_back):
    # the check can fail: a framed value the build does not hold comes back as a triple outside it, and a
    # context nobody bundled is not fetched from the network
    forged = ox.Triple(ox.NamedNode(ID + "country/fi"), ox.NamedNode("https://w3id.org/osce-kg/ontology#iso3166Alpha2"),
                       ox.Literal("XX"))
    assert forged in triples(read_back["quads"]["forged"]) and forged not in triples(read_back["build"])
    assert "offline: no bundled document for https://example.org/c.jsonld" in read_back["quads"]["remote"]
