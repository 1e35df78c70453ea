"""The dataset description every build writes: DCAT + VoID in dataset.ttl and in its own named graph."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg.cli import main

DATASET_GRAPH = ox.NamedNode("https://w3id.org/osce-kg/graph/dataset")
SHAPES = Path(__file__).parents[1] / "ontology" / "dcat-ap-shapes.ttl"
PREFIXES = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX void: <http://rdfs.org/ns/void#> PREFIX spdx: <http://spdx.org/rdf/terms#>
PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

# one worker runs this file, so the module's build is made once per run (tests/conftest.py)
pytestmark = pytest.mark.xdist_group("dataset")


def _build(out: Path) -> Path:
    assert main(["build", "-o", str(out), "-q", "--no-validate", "--format", "nq", "--format", "ttl"]) == 0
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("dataset"))


@pytest.fixture(scope="module")
def description(out):
    store = ox.Store()
    store.load(path=str(out / "dataset.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def select(store, sparql):
    result = store.query(PREFIXES + sparql)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def test_every_other_file_is_a_distribution_with_size_sha256_and_media_type(out, description):
    # every file but dataset.ttl itself and the on-disk store with its manifest and checkpoint (RocksDB files, not
    # byte-identical: not a release file)
    files = {str(p.relative_to(out)) for p in out.rglob("*")
             if p.is_file() and p.name != "dataset.ttl"
             and p.relative_to(out).parts[0] not in ("store", "store.manifest.json")}
    assert {"osce.nq", "osce.ttl", "report.json", "ontology/osce.ttl", "ontology/shapes.ttl",
            "ontology/context.jsonld", "ontology/dcat-ap-shapes.ttl"} <= files
    found = select(description, """SELECT ?url ?size ?sum ?media ?lic WHERE {
        ?ds a dcat:Dataset ; dcat:distribution ?d . ?d dcat:downloadURL ?url ; dcat:byteSize ?size ;
        dcat:mediaType ?media ; dcterms:license ?lic ;
        spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue ?sum ] }""")
    by_file = {r["url"].removeprefix("https://w3id.org/osce-kg/download/"): r for r in found}
    assert set(by_file) == files  # every file, each once; dataset.ttl does not describe itself
    for name, row in by_file.items():
        data = (out / name).read_bytes()
        assert int(row["size"]) == len(data) and row["sum"] == hashlib.sha256(data).hexdigest(), name
    assert by_file["osce.nq"]["media"] == "http://www.iana.org/assignments/media-types/application/n-quads"
    assert by_file["ontology/context.jsonld"]["media"].endswith("/application/ld+json")


def test_void_counts_match_the_data_and_name_graphs_classes_and_wikidata_links(out, description):
    data = ox.Store()
    data.load(path=str(out / "osce.nq"), format=ox.RdfFormat.N_QUADS)
    content = [q for q in data if q.graph_name != DATASET_GRAPH]
    triples = {(q.subject, q.predicate, q.object) for q in content}
    (ds,) = select(description, "SELECT ?n ?e ?issued WHERE { ?d a void:Dataset, dcat:Dataset ; void:triples ?n ; "
                                "void:entities ?e ; dcterms:issued ?issued }")
    assert int(ds["n"]) == len(triples)
    assert ds["issued"] == "2025-01-01T00:00:00Z"  # SOURCE_DATE_EPOCH (tests/conftest.py)
    graphs = {r["g"]: int(r["n"]) for r in select(
        description, "SELECT ?g ?n WHERE { ?d a dcat:Dataset ; void:subset [ sd:name ?g ; void:triples ?n ] }")}
    expected = {}
    for q in content:
        expected[q.graph_name.value] = expected.get(q.graph_name.value, 0) + 1
    assert graphs == expected
    classes = {r["c"]: int(r["n"]) for r in select(description, "SELECT ?c ?n WHERE { ?d void:classPartition [ "
                                                                   "void:class ?c ; void:entities ?n ] }")}
    states = {s for s, p, o in triples if p.value.endswith("#type") and o.value.endswith("ontology#State")}
    assert classes["https://w3id.org/osce-kg/ontology#State"] == len(states) > 50
    links = select(description, "SELECT ?p ?n WHERE { ?l a void:Linkset ; void:linkPredicate ?p ; void:triples ?n }")
    same_as = sum(1 for s, p, o in triples if p.value == "http://www.w3.org/2002/07/owl#sameAs"
                  and o.value.startswith("http://www.wikidata.org/entity/"))
    assert {"p": "http://www.w3.org/2002/07/owl#sameAs", "n": str(same_as)} in links and same_as > 0


def test_the_rdf_outputs_carry_the_description_without_their_own_checksums(out, description):
    data = ox.Store()
    data.load(path=str(out / "osce.nq"), format=ox.RdfFormat.N_QUADS)
    in_graph = {(q.subject, q.predicate, q.object) for q in data.quads_for_pattern(None, None, None, DATASET_GRAPH)}
    full = {(q.subject, q.predicate, q.object) for q in description}
    file_facts = {t for t in full if t[1].value.startswith("http://spdx.org/rdf/terms#")
                  or t[1].value == "http://www.w3.org/ns/dcat#byteSize"
                  or t[0].value.endswith("/checksum")}
    assert file_facts and in_graph == full - file_facts


def test_dataset_description_is_valid_against_the_dcat_ap_subset_and_a_broken_one_is_not(out, tmp_path):
    import rdflib
    from pyshacl import validate

    shapes = rdflib.Graph().parse(SHAPES)
    good = rdflib.Graph().parse(out / "dataset.ttl")
    conforms, _, text = validate(good, shacl_graph=shapes)
    assert conforms, text
    broken = rdflib.Graph().parse(out / "dataset.ttl")
    dcterms, dcat = rdflib.Namespace("http://purl.org/dc/terms/"), rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dataset = next(broken.subjects(rdflib.RDF.type, dcat.Dataset))
    broken.remove((dataset, dcterms.title, None))
    dist = next(broken.objects(dataset, dcat.distribution))
    broken.add((dist, dcat.byteSize, rdflib.Literal("12")))  # a second size, and a plain string
    conforms, report, _ = validate(broken, shacl_graph=shapes)
    assert not conforms
    paths = {str(o) for o in report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#resultPath"))}
    assert paths == {str(dcterms.title), str(dcat.byteSize)}


def test_the_description_is_byte_identical_across_builds(out, tmp_path):
    again = _build(tmp_path / "again")
    assert (again / "dataset.ttl").read_bytes() == (out / "dataset.ttl").read_bytes()
    assert (again / "osce.nq").read_bytes() == (out / "osce.nq").read_bytes()


def test_dataset_ttl_made_in_two_steps_is_the_exporters_text(out, bundled_build):
    """A rebuild makes dataset.ttl's Turtle of everything but its files' sizes and checksums while its files are
    written, then merges the files' own blocks in: the same text as the exporter's of all of it at once."""
    from osce_kg.dataset import DatasetDescription, DatasetTurtle, output_files
    from osce_kg.export import exporter_for

    description = DatasetDescription(bundled_build.graph, output_files(("nquads", "turtle"), False),
                                     "2025-01-01T00:00:00Z")
    quads = description.quads()
    ahead = DatasetTurtle(description, quads)
    assert ahead.about_files and b"spdx:checksum" not in ahead.ahead  # the files' statements wait for them
    whole = exporter_for("turtle").render(quads + description.file_quads(out))
    assert ahead.text(out) == whole and whole.count("spdx:checksumValue") == len(description.files)
    # made from the description's N-Triples (a rebuild has them), the files' nodes' blocks left out of it
    text = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    from_text = DatasetTurtle(description, quads, text)
    assert from_text.about_files == ahead.about_files and from_text.text(out) == whole


def test_a_broken_void_linkset_fails_the_dataset_shapes(out):
    import rdflib
    from pyshacl import validate

    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    broken = rdflib.Graph().parse(out / "dataset.ttl")
    linkset = next(broken.subjects(rdflib.RDF.type, void.Linkset))
    broken.remove((linkset, void.linkPredicate, None))
    conforms, report, _ = validate(broken, shacl_graph=rdflib.Graph().parse(SHAPES))
    assert not conforms
    paths = {str(o) for o in report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#resultPath"))}
    assert paths == {str(void.linkPredicate)}


def test_property_partitions_and_counts_add_up(out, description):
    data = ox.Store()
    data.load(path=str(out / "osce.nq"), format=ox.RdfFormat.N_QUADS)
    triples = {(q.subject, q.predicate, q.object) for q in data if q.graph_name != DATASET_GRAPH}
    (ds,) = select(description, "SELECT ?n ?e ?s ?o ?c ?p WHERE { ?d a dcat:Dataset ; void:triples ?n ; "
                                "void:entities ?e ; void:distinctSubjects ?s ; void:distinctObjects ?o ; "
                                "void:classes ?c ; void:properties ?p }")
    parts = {r["p"]: int(r["n"]) for r in select(description, "SELECT ?p ?n WHERE { ?d void:propertyPartition [ "
                                                                 "void:property ?p ; void:triples ?n ] }")}
    by_property: dict[str, int] = {}
    for _, p, _ in triples:
        by_property[p.value] = by_property.get(p.value, 0) + 1
    assert parts == by_property and sum(parts.values()) == int(ds["n"]) == len(triples)
    assert int(ds["p"]) == len(parts)
    assert int(ds["s"]) == len({s for s, _, _ in triples}) and int(ds["o"]) == len({o for _, _, o in triples})
    base = "https://w3id.org/osce-kg/id/"
    assert int(ds["e"]) == len({s for s, _, _ in triples if s.value.startswith(base)})
    assert int(ds["c"]) == len({o for _, p, o in triples if p.value.endswith("#type") and isinstance(o, ox.NamedNode)})


def _description(kg) -> ox.Store:
    from osce_kg.dataset import DatasetDescription, output_files

    store = ox.Store()  # the description's graph as the default graph, as dataset.ttl has it
    quads = DatasetDescription(kg, output_files(("nquads", "turtle"), True), "2025-01-01T00:00:00Z").quads()
    assert {q.graph_name for q in quads} == {DATASET_GRAPH}
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return store


def test_the_description_is_made_in_the_stores_canonical_form(bundled_build, monkeypatch):
    """A rebuild's splices write the description's graph from its quads as made, serialised, not read back from a
    store: the same text only while every literal is as the store would write it (its canonical form), with every
    setting given."""
    from osce_kg.build import _description_texts
    from osce_kg.dataset import DatasetDescription, output_files

    monkeypatch.setenv("OSCE_KG_PUBLISHER", "Équipe « données » \u2028 (test)")
    monkeypatch.setenv("OSCE_KG_SPARQL_ENDPOINT", "https://data.example.org/sparql")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    from osce_kg.settings import build_time

    quads = DatasetDescription(bundled_build.graph, output_files(("nquads", "turtle", "jsonld"), True),
                               build_time()).quads()
    store = ox.Store()
    store.extend(quads)

    class OnDisk:  # what _description_texts asks of a build's result
        graph = type("G", (), {"path": Path("store")})()

    (text,) = _description_texts(OnDisk, quads).values()
    assert sorted(set(text.splitlines())) == sorted(
        set(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=DATASET_GRAPH).splitlines()))
    # the VoID subsets' lines written as text, the rest serialised: the serialiser's text of them all, in order
    assert text == ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    assert b"^^<http://www.w3.org/2001/XMLSchema#integer>" in text and b"dateTime>" in text


def test_the_description_counts_its_distinct_quads_without_hashing_its_subsets(bundled_build, monkeypatch):
    """build.Described counts the description's distinct quads as the other quads' plus four a VoID subset when no two
    subsets share a node and no other quad names one; otherwise (a subset twice, a quad about a subset's node) it
    counts them whole. Either way the count a set of the quads gives."""
    from osce_kg.build import Described
    from osce_kg.dataset import DatasetDescription, output_files

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    from osce_kg.settings import build_time

    description = DatasetDescription(bundled_build.graph, output_files(("nquads",), True), build_time())
    quads = description.quads()
    first, end, made = description.subsets
    assert len(made) > 10 and Described(quads, description.subsets).distinct == len(set(quads))
    twice = quads[:end] + list(made[0].quads) + quads[end:]  # the first subset once more, as a subset
    assert Described(twice, (first, end + 4, [*made, made[0]])).distinct == len(set(twice)) == len(set(quads))
    about = quads + [ox.Quad(made[1].part, made[1].part, made[1].part, DATASET_GRAPH)]  # a quad naming a node
    assert Described(about, description.subsets).distinct == len(set(about)) == len(set(quads)) + 1


def test_publisher_licence_download_place_and_endpoint_are_the_publishers_settings(bundled_build, monkeypatch):
    import rdflib
    from pyshacl import validate

    plain = _description(bundled_build.graph)  # defaults: no endpoint, so no data service
    assert not select(plain, "SELECT ?s WHERE { ?s a dcat:DataService }")
    assert not select(plain, "SELECT ?e WHERE { ?d void:sparqlEndpoint ?e }")
    monkeypatch.setenv("OSCE_KG_PUBLISHER", "Example Data Team")
    monkeypatch.setenv("OSCE_KG_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
    monkeypatch.setenv("OSCE_KG_DOWNLOAD_BASE", "https://data.example.org/osce/2025")  # no trailing slash
    monkeypatch.setenv("OSCE_KG_SPARQL_ENDPOINT", "https://data.example.org/sparql")
    store = _description(bundled_build.graph)
    licence = "https://creativecommons.org/licenses/by/4.0/"
    (ds,) = select(store, "SELECT ?ds ?name ?issued ?modified WHERE { ?c a dcat:Catalog ; dcterms:publisher ?a ; "
                          "dcterms:license ?lic ; dcat:dataset ?ds . ?a foaf:name ?name . ?ds dcterms:publisher ?a ; "
                          f"dcterms:issued ?issued ; dcterms:modified ?modified FILTER(?lic = <{licence}>) }}")
    assert ds["name"] == "Example Data Team"
    assert ds["issued"] == ds["modified"] == "2025-01-01T00:00:00Z"
    urls = {r["url"]: r["lic"] for r in select(store, "SELECT ?url ?lic WHERE { ?d a dcat:Distribution ; "
                                                      "dcat:downloadURL ?url ; dcterms:license ?lic }")}
    assert {"https://data.example.org/osce/2025/osce.nq", "https://data.example.org/osce/2025/osce.ttl",
            "https://data.example.org/osce/2025/ontology/context.jsonld"} <= set(urls)
    assert all(u.startswith("https://data.example.org/osce/2025/") for u in urls) and set(urls.values()) == {licence}
    (service,) = select(store, "SELECT ?url ?served ?title WHERE { ?s a dcat:DataService ; dcat:endpointURL ?url ; "
                               "dcat:servesDataset ?served ; dcterms:title ?title }")
    assert service["url"] == "https://data.example.org/sparql" and service["served"] == ds["ds"]
    assert select(store, "SELECT ?e WHERE { ?d void:sparqlEndpoint ?e }") == [{"e": "https://data.example.org/sparql"}]
    # the DCAT-AP subset applies to the data service too
    shapes = rdflib.Graph().parse(SHAPES)
    described = rdflib.Graph().parse(data=ox.serialize(store, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    conforms, _, text = validate(described, shacl_graph=shapes)
    assert conforms, text
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    described.remove((None, dcat.endpointURL, None))
    conforms, report, _ = validate(described, shacl_graph=shapes)
    paths = {str(o) for o in report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#resultPath"))}
    assert not conforms and paths == {str(dcat.endpointURL)}


def test_each_started_file_is_hashed_and_flushed_to_disk_in_a_thread(tmp_path, monkeypatch):
    """FileChecksums also fsyncs what it hashes, so the output set's commit finds the files already on disk."""
    import os

    from osce_kg.dataset import FileChecksums

    flushed = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(os.readlink(f"/proc/self/fd/{fd}")) or fsync(fd))
    files = [tmp_path / f"f{i}.nq" for i in range(3)]
    for i, file in enumerate(files):
        file.write_bytes(b"x" * (i + 1) * 1000)
    with FileChecksums() as checksums:
        for file in files:
            checksums.start(file)
        assert checksums.of(files[1]) == (2000, hashlib.sha256(b"x" * 2000).hexdigest())
    assert sorted(flushed) == [str(f.resolve()) for f in files]


def test_the_subsets_made_ahead_are_the_ones_the_description_asks_for(bundled_build, monkeypatch):
    """A rebuild makes the description's VoID subsets before its threads begin (dataset.prepare_void, from the
    figures the patch counted): making the description then makes none, and its quads are the same."""
    from osce_kg import dataset
    from osce_kg.dataset import DatasetDescription, output_files, prepare_void, void_counts

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    from osce_kg.settings import build_time

    counts = void_counts(bundled_build.graph)
    files = output_files(("nquads",), True)
    monkeypatch.setattr(dataset, "_SUBSETS", {})
    made_then = DatasetDescription(bundled_build.graph, files, build_time(), counts).quads()
    monkeypatch.setattr(dataset, "_SUBSETS", {})
    prepare_void(counts)
    prepared = dict(dataset._SUBSETS)
    assert len(prepared) == len([r for r in counts["graphs"] if r["g"] != DATASET_GRAPH.value]) > 10
    assert DatasetDescription(bundled_build.graph, files, build_time(), counts).quads() == made_then
    assert dataset._SUBSETS == prepared  # none made with the description


def test_a_subsets_text_is_the_serialisers_text_of_its_four_triples(monkeypatch):
    """Each VoID subset carries the N-Triples of its four triples, written as text (not serialised from Triple
    objects): byte for byte what pyoxigraph writes, for graph IRIs with non-ASCII characters and escapes, and for a
    size that is not plain digits (serialised then)."""
    from osce_kg import dataset

    monkeypatch.setattr(dataset, "_SUBSETS", {})
    rows = [("https://w3id.org/osce-kg/graph/page/osce.org/ru/%D0%BE%D0%B1%D1%81%D0%B5", "12"),
            ("https://example.org/graph/é/ü?q=1#frag", "0"), ("urn:x-graph:1", "７")]
    made = dataset._subsets("https://w3id.org/osce-kg/id/dataset/osce-kg", DATASET_GRAPH.value, rows,
                            "https://w3id.org/osce-kg/", {rows[1][0]: "https://w3id.org/osce-kg/id/dataset/osce-kg/graph/é"})
    assert len(made) == 3
    for subset in made:
        assert subset.text == ox.serialize([q.triple for q in subset.quads], format=ox.RdfFormat.N_TRIPLES)
        assert subset.typing == subset.quads[1].triple and subset.part == subset.quads[0].object


def test_the_subsets_take_their_nodes_from_a_previous_description(bundled_build, monkeypatch):
    """A rebuild names each graph's VoID subset node as the previous description did (dataset.subset_nodes over its
    N-Triples), not working out each graph's key again: the same description; a node not under the subsets' own
    base is not taken."""
    from osce_kg import dataset
    from osce_kg.dataset import DatasetDescription, output_files, prepare_void, subset_nodes, void_counts

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    from osce_kg.settings import build_time

    counts = void_counts(bundled_build.graph)
    files = output_files(("nquads",), True)
    monkeypatch.setattr(dataset, "_SUBSETS", {})
    made = DatasetDescription(bundled_build.graph, files, build_time(), counts).quads()
    lines = ox.serialize([q.triple for q in made], format=ox.RdfFormat.N_TRIPLES).splitlines()
    nodes = subset_nodes(lines)
    graphs = [r["g"] for r in counts["graphs"] if r["g"] != DATASET_GRAPH.value]
    assert sorted(nodes) == sorted(graphs) and len(set(nodes.values())) == len(graphs)
    hashed, key = [], dataset._hashed
    monkeypatch.setattr(dataset, "_hashed", lambda term: hashed.append(term) or key(term))
    monkeypatch.setattr(dataset, "_SUBSETS", {})
    prepare_void(counts, nodes)
    assert hashed == []
    assert DatasetDescription(bundled_build.graph, files, build_time(), counts).quads() == made
    assert not set(hashed) & set(graphs)  # (the classes' and properties' partitions are keyed as ever)
    elsewhere = {**nodes, graphs[0]: "https://example.org/not-a-subset"}
    monkeypatch.setattr(dataset, "_SUBSETS", {})
    hashed.clear()
    prepare_void(counts, elsewhere)
    assert hashed == [graphs[0]]  # worked out, not taken


def test_a_file_made_in_a_checksum_thread_is_waited_for_when_its_checksum_is_asked(tmp_path):
    """FileChecksums.made: a file written in one of its threads (a rebuild's report.json splice) while the build goes
    on; `of` waits for it and gives what the writer told, and a writer's failure comes out there."""
    import threading

    from osce_kg.dataset import FileChecksums

    path, go = tmp_path / "report.json", threading.Event()

    def make():
        go.wait(5)
        path.write_bytes(b"{}\n")
        return 3, hashlib.sha256(b"{}\n").hexdigest(), []

    def broken():
        raise OSError("disk full")

    with FileChecksums() as checksums:
        checksums.made(path, make)
        checksums.made(tmp_path / "other.json", broken)
        assert not path.exists()  # still being made
        go.set()
        assert checksums.of(path) == (3, hashlib.sha256(b"{}\n").hexdigest()) and path.read_bytes() == b"{}\n"
        with pytest.raises(OSError, match="disk full"):
            checksums.of(tmp_path / "other.json")
