"""The dataset description of a build: DCAT (catalog, dataset, a distribution per file) and VoID (sizes,
class and property partitions, named graphs, linksets to Wikidata).

A file cannot contain its own checksum, so the description comes in two layers:
- `description_quads` go into the RDF outputs themselves, in the named graph `graph/dataset`: everything
  but byte sizes and checksums (they depend on the very files the quads are written into);
- `dataset.ttl`, written last, holds the same triples plus the byte size and SHA-256 of every other file
  of the build (the RDF outputs, report.json, validation.txt and the shipped ontology, shapes and
  JSON-LD context). dataset.ttl does not describe itself.

Everything is deterministic: times come from SOURCE_DATE_EPOCH (`build_time`), IRIs from names and
hashes of IRIs, never from counters. Publisher, licence and download location are settings (environment
variables below) because they belong to whoever publishes a release.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from osce_kg import iri
from osce_kg.settings import ENVIRONMENT, setting
from osce_kg.store import KnowledgeGraph
from osce_kg.vocab import _NS, DCAT, DCTERMS, FOAF, OSCE, PREFIXES, PROV, XSD, A

VOID = _NS(PREFIXES["void"])
SPDX = _NS(PREFIXES["spdx"])
SD = _NS(PREFIXES["sd"])
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
IANA = "http://www.iana.org/assignments/media-types/"

# Settings: whoever publishes a release says where, under which licence and as whom.
# (names and defaults in osce_kg/settings.py)
DOWNLOAD_BASE = ("OSCE_KG_DOWNLOAD_BASE", ENVIRONMENT["OSCE_KG_DOWNLOAD_BASE"])
LICENSE = ("OSCE_KG_LICENSE", ENVIRONMENT["OSCE_KG_LICENSE"])
PUBLISHER = ("OSCE_KG_PUBLISHER", ENVIRONMENT["OSCE_KG_PUBLISHER"])
SPARQL_ENDPOINT = ("OSCE_KG_SPARQL_ENDPOINT", ENVIRONMENT["OSCE_KG_SPARQL_ENDPOINT"])


def _setting(pair: tuple[str, str]) -> str:
    return setting(pair[0])


# The ontology, shapes and context are shipped with every build (copied into ontology/ of the output).
def shipped_files() -> list[tuple[str, Path, str, str]]:
    """(output path, source file, media type, title) of the vocabulary files a build ships."""
    folder = Path(str(resources.files("osce_kg.ontology")))
    files = [("ontology/osce.ttl", folder / "osce.ttl", "text/turtle", "The osce-kg ontology")]
    for path in sorted(folder.glob("shapes*.ttl")):
        files.append((f"ontology/{path.name}", path, "text/turtle", f"SHACL shapes ({path.stem})"))
    files.append(("ontology/dcat-ap-shapes.ttl", folder / "dcat-ap-shapes.ttl", "text/turtle",
                  "SHACL shapes for the dataset description (a DCAT-AP 3 subset)"))
    files.append(("ontology/context.jsonld", folder / "context.jsonld", "application/ld+json", "JSON-LD context"))
    return files


@dataclass(frozen=True)
class OutputFile:
    name: str  # path inside the build folder
    media_type: str
    title: str


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Subset(NamedTuple):
    """One named graph's VoID subset in the description: its quads, and what build.Described asks of them (its
    node, its rdf:type triple, the N-Triples of its four triples), made with them: worked out from 20,000 quads in one
    pass at 1M, beside validation's thread, they took 0.05-0.07 s of a rebuild's critical path. The text is written
    as pyoxigraph writes those triples (tests/test_dataset.py), not serialised from three more Triple objects a
    subset (15,000 at 1M, made while a rebuild's worker maps the changed page)."""

    quads: tuple[Quad, ...]
    part: NamedNode
    typing: Triple
    text: bytes


_SUBSETS: dict[tuple, Subset] = {}  # (dataset, its graph, graph, size, base) -> that graph's VoID subset


def _subsets(ds: str, described_in: str, rows: list[tuple[str, str]], base: str,
             known: dict[str, str] | None = None) -> list[Subset]:
    """The VoID subsets of the named graphs `rows` ((graph IRI, its size)) of the dataset `ds`, in the description's
    graph `described_in` (`base`: the IRI base the nodes are minted under). Each a node of its own (graph IRIs are
    closed-shape nodes), not typed sd:NamedGraph: the validator types its own graph descriptions so and checks each
    for provenance. Kept per graph and size (a rebuild describes the same graphs, mostly of the same sizes, again).
    Made by constructors, not parsed from text: pyoxigraph's parser leaves the GIL for each quad (and waits for it
    again behind any other thread running Python). `known`: graph IRI -> its subset's node, as a previous build of
    the same code under the same base named it (`subset_nodes`), not worked out again (5,000 graphs: 0.03 s)."""
    keys = [(ds, described_in, graph, triples, base) for graph, triples in rows]
    missing = [key for key in dict.fromkeys(keys) if key not in _SUBSETS]
    if missing:
        if len(_SUBSETS) + len(missing) > 1 << 17:
            _SUBSETS.clear()
        dataset, graph_term = NamedNode(ds), NamedNode(described_in)
        with iri.pinned_base(base):  # the environment not read, not for each graph (5,000: 0.03 s)
            prefix = iri.entity("dataset", "osce-kg/graph/x")[:-1]
            known = {g: n for g, n in known.items() if n.startswith(prefix)} if known else {}
            parts = [known.get(key[2]) or iri.entity("dataset", f"osce-kg/graph/{_hashed(key[2])}")
                     for key in missing]
        subset, void_dataset, name, void_triples = VOID.subset, VOID.Dataset, SD.name, VOID.triples
        integer = XSD.integer
        # the four lines but the subset's node, graph and size (IRIs are written as they are; a size is digits)
        first, second = f"<{ds}> <{subset.value}> <", "> .\n<"
        typed = f"> <{A.value}> <{void_dataset.value}> .\n<"
        named, counted = f"> <{name.value}> <", f"> <{void_triples.value}> \""
        end = f"\"^^<{integer.value}> .\n"
        for key, part_iri in zip(missing, parts, strict=True):
            part, graph, size = NamedNode(part_iri), NamedNode(key[2]), Literal(key[3], datatype=integer)
            typing = Triple(part, A, void_dataset)
            if key[3].isascii() and key[3].isdigit():
                text = (f"{first}{part_iri}{second}{part_iri}{typed}{part_iri}{named}{key[2]}{second}"
                        f"{part_iri}{counted}{key[3]}{end}").encode()
            else:  # (no build counts so; written as the serialiser would)
                text = serialize([Triple(dataset, subset, part), typing, Triple(part, name, graph),
                                  Triple(part, void_triples, size)], format=RdfFormat.N_TRIPLES)
            _SUBSETS[key] = Subset((Quad(dataset, subset, part, graph_term), Quad(part, A, void_dataset, graph_term),
                                    Quad(part, name, graph, graph_term), Quad(part, void_triples, size, graph_term)),
                                   part, typing, text)
    return [_SUBSETS[key] for key in keys]


def prepare_void(counts: dict, known: dict[str, str] | None = None) -> None:
    """Make the VoID subsets of the description `counts` (void_counts) asks for, before the build begins threads:
    the description is made beside them, and pyoxigraph leaves the GIL as it makes each quad holding a literal
    (a graph's size), to wait for it again behind any thread running Python (5,000 graphs in a fresh process:
    0.2 s beside the rebuild's splices and validation, 0.05 s alone). `known`: as _subsets'."""
    graph = iri.dataset_graph()
    _subsets(dataset_iri().value, graph, [(row["g"], str(row["n"])) for row in counts["graphs"] if row["g"] != graph],
             iri.base(), known)


_SD_NAME = f" <{PREFIXES['sd']}name> <".encode()


def subset_nodes(lines) -> dict[str, str]:
    """graph IRI -> the node of its VoID subset, as a description's N-Triples `lines` name them (its sd:name)."""
    found = {}
    for line in lines:
        if _SD_NAME in line and line.startswith(b"<") and line.endswith(b"> ."):
            node, _, graph = line[1:-3].partition(b">" + _SD_NAME)
            found[graph.decode()] = node.decode()
    return found


@functools.lru_cache(maxsize=1 << 16)  # a description keys every graph: the same ones build after build
def _hashed(term: str) -> str:
    """A readable, collision-free key for an IRI: its compact name's slug plus 8 hex digits of its hash."""
    from osce_kg.export.base import compact

    readable = _key(compact(term) or term.rsplit("/", 1)[-1].rsplit("#", 1)[-1])[:40].strip("-") or "x"
    return f"{readable}-{hashlib.sha256(term.encode()).hexdigest()[:8]}"


def dataset_iri() -> NamedNode:
    return NamedNode(iri.entity("dataset", "osce-kg"))


def distribution_iri(name: str) -> NamedNode:
    return NamedNode(iri.entity("dataset", f"osce-kg/file/{_key(name)}"))


class DatasetDescription:
    """The description of one build's output set (see the module docstring for the two layers)."""

    def __init__(self, kg: KnowledgeGraph, files: list[OutputFile], when: str, counts: dict | None = None):
        """`counts`: what `void_counts(kg)` gives for this store, when already known."""
        self.kg, self.files, self.when = kg, files, when
        self.graph = NamedNode(iri.dataset_graph())
        self.counts = counts
        # (first, end, Subset list): the quads()[first:end] that are the graphs' VoID subsets, once made
        self.subsets: tuple[int, int, list[Subset]] | None = None

    def quads(self) -> list[Quad]:
        g, ds = self.graph, dataset_iri()
        base = _setting(DOWNLOAD_BASE)
        base = base if base.endswith("/") else base + "/"
        when = Literal(self.when, datatype=XSD.dateTime)
        licence = NamedNode(_setting(LICENSE))
        catalog = NamedNode(iri.entity("dataset", "osce-kg/catalog"))
        publisher = NamedNode(iri.entity("dataset", "osce-kg/publisher"))
        out = [
            Quad(catalog, A, DCAT.Catalog, g),
            Quad(catalog, DCTERMS.title, Literal("osce-kg catalogue", language="en"), g),
            Quad(catalog, DCTERMS.description, Literal(
                "Catalogue of the osce-kg knowledge graph release built from osce.org pages.", language="en"), g),
            Quad(catalog, DCTERMS.publisher, publisher, g),
            Quad(catalog, DCTERMS.license, licence, g),
            Quad(catalog, DCAT.dataset, ds, g),
            Quad(catalog, DCTERMS.issued, when, g),
            Quad(catalog, DCTERMS.modified, when, g),
            Quad(publisher, A, FOAF.Agent, g),
            Quad(publisher, FOAF.name, Literal(_setting(PUBLISHER)), g),
            Quad(licence, A, DCTERMS.LicenseDocument, g),
            Quad(ds, A, DCAT.Dataset, g),
            Quad(ds, A, VOID.Dataset, g),
            Quad(ds, DCTERMS.title, Literal("OSCE knowledge graph", language="en"), g),
            Quad(ds, DCTERMS.description, Literal(
                "Facts about the Organization for Security and Co-operation in Europe (participating States, "
                "Partners, institutions, field operations, people and posts, Chairpersonships, meetings, "
                "documents, topics) mapped from osce.org pages and a cited reference registry, every fact in "
                "the named graph of its source.", language="en"), g),
            Quad(ds, DCTERMS.publisher, publisher, g),
            Quad(ds, DCTERMS.issued, when, g),
            Quad(ds, DCTERMS.modified, when, g),
            Quad(ds, DCTERMS.conformsTo, NamedNode(iri.ONTOLOGY.rstrip("#")), g),
            Quad(ds, DCAT.landingPage, NamedNode("https://www.osce.org/"), g),
            Quad(ds, VOID.uriSpace, Literal(iri.base()), g),
            Quad(ds, VOID.vocabulary, NamedNode(iri.ONTOLOGY), g),
        ]
        for keyword in ("OSCE", "international organisations", "linked data"):
            out.append(Quad(ds, DCAT.keyword, Literal(keyword, language="en"), g))
        for quad in self.kg.graph_quads(NamedNode(iri.build_graph()), A, OSCE.Build):
            out.append(Quad(ds, PROV.wasGeneratedBy, quad.subject, g))
        for f in self.files:
            dist = distribution_iri(f.name)
            url = NamedNode(base + f.name)
            out += [
                Quad(ds, DCAT.distribution, dist, g),
                Quad(dist, A, DCAT.Distribution, g),
                Quad(dist, DCTERMS.title, Literal(f.title, language="en"), g),
                Quad(dist, DCAT.accessURL, url, g),
                Quad(dist, DCAT.downloadURL, url, g),
                Quad(dist, DCAT.mediaType, NamedNode(IANA + f.media_type), g),
                Quad(dist, DCTERMS.license, licence, g),
                Quad(dist, DCTERMS.issued, when, g),
                Quad(dist, DCTERMS.modified, when, g),
            ]
            if f.media_type in {"application/n-quads", "text/turtle", "application/ld+json", "application/trig",
                                "application/n-triples"} and not f.name.startswith("ontology/"):
                out.append(Quad(ds, VOID.dataDump, url, g))
        endpoint = _setting(SPARQL_ENDPOINT)
        if endpoint:
            service = NamedNode(iri.entity("dataset", "osce-kg/sparql"))
            out += [Quad(service, A, DCAT.DataService, g),
                    Quad(service, DCTERMS.title, Literal("SPARQL endpoint", language="en"), g),
                    Quad(service, DCAT.endpointURL, NamedNode(endpoint), g),
                    Quad(service, DCAT.servesDataset, ds, g),
                    Quad(ds, VOID.sparqlEndpoint, NamedNode(endpoint), g)]
        void = self._void(ds)
        start, end, subsets = self.subsets
        self.subsets = (len(out) + start, len(out) + end, subsets)  # where they are in the quads returned
        return out + void

    def _void(self, ds: NamedNode) -> list[Quad]:
        """VoID statistics of the union graph (distinct triples), graphs, classes, properties, links."""
        g = self.graph
        integer = XSD.integer
        counts = self.counts if self.counts is not None else void_counts(self.kg)
        self.counts = counts  # kept: the next build may count from them (osce_kg/rebuild.py)

        def number(n) -> Literal:
            return Literal(str(n), datatype=integer)

        out = [
            Quad(ds, VOID.triples, number(counts["triples"]), g),
            Quad(ds, VOID.entities, number(counts["entities"]), g),
            Quad(ds, VOID.distinctSubjects, number(counts["subjects"]), g),
            Quad(ds, VOID.distinctObjects, number(counts["objects"]), g),
        ]
        classes, properties = counts["classes"], counts["properties"]
        out += [Quad(ds, VOID.classes, number(len(classes)), g), Quad(ds, VOID.properties, number(len(properties)), g)]
        for row in classes:
            part = NamedNode(iri.entity("dataset", f"osce-kg/class/{_hashed(row['c'])}"))
            out += [Quad(ds, VOID.classPartition, part, g), Quad(part, A, VOID.Dataset, g),
                    Quad(part, VOID["class"], NamedNode(row["c"]), g), Quad(part, VOID.entities, number(row["n"]), g)]
        for row in properties:
            part = NamedNode(iri.entity("dataset", f"osce-kg/property/{_hashed(row['p'])}"))
            out += [Quad(ds, VOID.propertyPartition, part, g), Quad(part, A, VOID.Dataset, g),
                    Quad(part, VOID.property, NamedNode(row["p"]), g), Quad(part, VOID.triples, number(row["n"]), g)]
        rows = [(row["g"], str(row["n"])) for row in counts["graphs"] if row["g"] != g.value]
        subsets = _subsets(ds.value, g.value, rows, iri.base())
        self.subsets = (len(out), len(out) + 4 * len(subsets), subsets)
        out += [quad for subset in subsets for quad in subset.quads]
        links = counts["links"]
        if links:
            wikidata = NamedNode(iri.entity("dataset", "wikidata"))
            out += [Quad(wikidata, A, VOID.Dataset, g), Quad(wikidata, DCTERMS.title, Literal("Wikidata"), g),
                    Quad(wikidata, FOAF.homepage, NamedNode("https://www.wikidata.org/"), g),
                    Quad(wikidata, VOID.uriSpace, Literal(WIKIDATA_ENTITY), g)]
            for row in links:
                linkset = NamedNode(iri.entity("dataset", f"osce-kg/linkset/wikidata-{_hashed(row['p'])}"))
                out += [Quad(ds, VOID.subset, linkset, g), Quad(linkset, A, VOID.Linkset, g),
                        Quad(linkset, VOID.subjectsTarget, ds, g), Quad(linkset, VOID.objectsTarget, wikidata, g),
                        Quad(linkset, VOID.linkPredicate, NamedNode(row["p"]), g),
                        Quad(linkset, VOID.triples, number(row["n"]), g)]
        return out

    def file_quads(self, out_dir: Path, checksums: FileChecksums | None = None) -> list[Quad]:
        """Byte size and SHA-256 of every described file, as written in `out_dir` (for dataset.ttl only);
        those `checksums` worked out already are taken from it."""
        g, out = self.graph, []
        for f in self.files:
            path = out_dir / f.name
            size, digest = checksums.of(path) if checksums is not None else size_and_sha256(path)
            dist = distribution_iri(f.name)
            checksum = NamedNode(dist.value + "/checksum")
            out += [Quad(dist, DCAT.byteSize, Literal(str(size), datatype=XSD.nonNegativeInteger), g),
                    Quad(dist, SPDX.checksum, checksum, g), Quad(checksum, A, SPDX.Checksum, g),
                    Quad(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256, g),
                    Quad(checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary), g)]
        return out


def size_and_sha256(path: Path) -> tuple[int, str]:
    """A file's byte size and SHA-256 (hex), read a few MiB at a time."""
    size, sha256, _ = _size_sha256_states(path)
    return size, sha256


def _size_sha256_states(path: Path) -> tuple[int, str, list]:
    """`size_and_sha256`, and the hash's states kept on the way (osce_kg/checksum.py)."""
    from osce_kg.checksum import Sha256

    digest = Sha256()
    with open(path, "rb", buffering=0) as fh:
        digest.update_file(fh.fileno(), 0, os.fstat(fh.fileno()).st_size, bytearray(4 << 20))
    return digest.size, digest.hexdigest(), digest.states


class FileChecksums:
    """Output files' sizes and SHA-256, each worked out in a thread from the moment the file is written
    (`start`), so hashing hundreds of MB overlaps writing the next file: file reads and hashlib leave the GIL.
    A file `of` was not started for is hashed there and then.

    Each started file is also flushed to disk (fsync) in a thread of its own: the output set's commit
    (osce_kg/outputs.py) fsyncs every file before the swap, and finds these already on disk (at 1M quads, a
    rebuild's commit waited 0.19 s on the 320 MB its splices had just written)."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        # two at once: a rebuild writes its RDF files at once (osce_kg/build.py) and 320 MB wait to be hashed
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="checksum")
        self._flush = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fsync")
        self._started: dict[Path, object] = {}

    def start(self, path: Path) -> None:
        path = Path(path)
        if path.is_file():
            if (key := path.resolve()) not in self._started:  # not hashed by its writer (`known`)
                self._started[key] = self._pool.submit(_size_sha256_states, path)
            self._flush.submit(_fsync_quietly, path)

    def known(self, path: Path, size: int, sha256: str, states: list | None = None) -> None:
        """A file's size and SHA-256 (and the hash's kept states), worked out by its writer as it wrote it
        (osce_kg/output_reuse.py): not read again. Thread-safe: a writer in a thread of its own tells it."""
        from concurrent.futures import Future

        done: Future = Future()
        done.set_result((size, sha256, states))
        self._started[Path(path).resolve()] = done

    def made(self, path: Path, make) -> None:
        """A file that `make()` writes, in one of this object's threads, returning its size, SHA-256 and kept
        states (output_reuse.write_parts): the build goes on meanwhile, and `of` waits for it."""
        self._started[Path(path).resolve()] = self._pool.submit(make)

    def of(self, path: Path) -> tuple[int, str]:
        started = self._started.get(Path(path).resolve())
        return started.result()[:2] if started is not None else size_and_sha256(Path(path))

    def states(self, path: Path) -> list | None:
        """The kept states of a started file's hash (osce_kg/checksum.py), for the next build to resume from."""
        started = self._started.get(Path(path).resolve())
        return started.result()[2] if started is not None else None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._flush.shutdown(wait=True)  # every started file flushed: none left for the commit to wait on

    def __enter__(self) -> FileChecksums:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _fsync_quietly(path: Path) -> None:
    """An early flush only: the commit's own fsync is the one that counts, and reports any failure."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def void_counts(kg: KnowledgeGraph, union_text: bytes | memoryview | None = None) -> dict:
    """The store's figures the VoID statistics state (plain strings and lists, rows sorted), over the union.

    Reads only, so a build may run it in a thread while it validates: the graph count leaves out the scratch
    graph validation keeps for a moment (osce_kg/validate.py), which no description ever counts. With the
    writers' C core, the union's figures come from its N-Triples (`union_text`, made already, or the materialised
    union dumped here) in one pass: 0.1 s at 1M quads where the SPARQL aggregates take 0.8 s."""
    from osce_kg.validate import SCRATCH_GRAPH

    figures = _union_figures(kg, union_text)
    if figures is None:
        def one(sparql: str) -> str:
            return kg.select(sparql)[0]["n"]

        def rows(sparql: str, key: str) -> list[dict[str, str]]:
            return sorted(kg.select(sparql), key=lambda row: row[key])

        figures = {
            "triples": one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
            "entities": one(f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o '
                            f'FILTER(STRSTARTS(STR(?s), "{iri.base()}")) }}'),
            "subjects": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
            "objects": one("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
            "classes": rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c",
                            "c"),
            "properties": rows("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p", "p"),
            "links": rows(f'SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && '
                          f'STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}")) }} GROUP BY ?p', "p"),
        }
    figures["graphs"] = [{"g": graph, "n": str(n)} for graph, n in sorted(kg.graph_sizes(SCRATCH_GRAPH).items())]
    return {key: figures[key] for key in ("triples", "entities", "subjects", "objects", "classes", "properties",
                                          "graphs", "links")}


def _union_figures(kg: KnowledgeGraph, union_text: bytes | memoryview | None) -> dict | None:
    """void_counts' figures of the union from its N-Triples (the C core's one pass), or None where there is
    no C core, or neither a union text nor a materialised union (SPARQL then counts them: the same figures,
    tests/test_void_figures.py)."""
    from osce_kg.export.base import _native

    if _native is None or (kg.union_graph() is None and union_text is None):
        return None
    if union_text is None:
        from pyoxigraph import DefaultGraph

        union_text = kg.store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    triples, entities, subjects, objects, properties, classes, links = _native.ntriples_figures(
        union_text, f"<{iri.base()}".encode(), f"<{WIKIDATA_ENTITY}".encode())

    def rows(counted: dict[str, int], key: str) -> list[dict[str, str]]:
        return [{key: term, "n": str(n)} for term, n in sorted(counted.items())]

    return {"triples": str(triples), "entities": str(entities), "subjects": str(subjects), "objects": str(objects),
            "classes": rows(classes, "c"), "properties": rows(properties, "p"), "links": rows(links, "p")}


def output_files(formats: tuple[str, ...], validation: bool) -> list[OutputFile]:
    """The files a build writes beside dataset.ttl, in the order they are written."""
    from osce_kg.export.base import EXPORTERS

    files = [OutputFile(EXPORTERS[f].file_name, EXPORTERS[f].media_type, f"The graph as {f}") for f in formats]
    files.append(OutputFile("report.json", "application/json", "Build report"))
    if validation:
        files.append(OutputFile("validation.txt", "text/plain", "SHACL validation report"))
    files += [OutputFile(name, media, title) for name, _, media, title in shipped_files()]
    return files


def write_shipped(out_dir: Path) -> list[Path]:
    """Copy the ontology, shapes and JSON-LD context into the build folder."""
    from osce_kg.export.base import write_atomic

    return [write_atomic(out_dir / name, source.read_bytes()) for name, source, _, _ in shipped_files()]


class DatasetTurtle:
    """dataset.ttl in two steps: the Turtle of the description's statements about anything but its files, made
    first (by a rebuild while its files are spliced), then the files' own (their sizes and checksums: once every
    file is written) merged in, block by block in the order of their subjects: the exporter's text of them all
    (tests/test_dataset.py), without rendering 20,700 statements after the last file."""

    def __init__(self, description: DatasetDescription, in_graph: list[Quad], text: bytes | None = None):
        """`text`: the N-Triples of `in_graph` (one graph), made already: the Turtle of every statement is made from
        it, without a Python object per quad (20,700 at 1M), and that of the files' nodes left out when merged."""
        from osce_kg.export import exporter_for
        from osce_kg.export.base import Statements

        self.description = description
        files = {distribution_iri(f.name) for f in description.files}
        about = files | {NamedNode(node.value + "/checksum") for node in files}
        # the subsets (made with the quads: DatasetDescription.subsets) are about no file
        first, end, made = description.subsets or (len(in_graph), len(in_graph), [])
        if made and not (end <= len(in_graph) and in_graph[first] == made[0].quads[0]):
            first = end = len(in_graph)  # not the quads that description made
        self.about_files = [q for part in (in_graph[:first], in_graph[end:]) for q in part if q.subject in about]
        exporter = exporter_for("turtle")
        if text is not None:
            self.left_out = {f"<{node.value}> ".encode() for node in about}
            out = io.BytesIO()
            exporter.dump(Statements.of_union_text(text, False), out)
            self.ahead = out.getvalue()
        else:
            self.left_out = set()
            self.ahead = exporter.render([q for q in in_graph if q.subject not in about]).encode()

    def text(self, out_dir: Path, checksums: FileChecksums | None = None) -> str:
        from osce_kg.export import exporter_for
        from osce_kg.export.turtle import SORTED_PREFIXES, prefix_lines

        later = exporter_for("turtle").render(
            self.about_files + self.description.file_quads(out_dir, checksums)).encode()
        head = prefix_lines()
        if not self.ahead.startswith(head) or not later.startswith(head):
            raise ValueError("dataset.ttl: the Turtle exporter wrote another header")
        prefixes = {p.encode(): ns.encode() for p, ns in SORTED_PREFIXES.items()}
        blocks = []
        for text in (self.ahead, later):
            for block in text[len(head):].split(b" .\n")[:-1]:
                block += b" .\n"
                written = block[:block.index(b" ")]
                if written.startswith(b"<"):
                    key = written
                else:  # a prefixed name: the N-Triples term it stands for
                    prefix, _, local = written.partition(b":")
                    key = b"<" + prefixes[prefix] + local + b">"
                if text is self.ahead and key + b" " in self.left_out:
                    continue  # a file's node: its block is `later`'s
                blocks.append((key + b" ", block))
        blocks.sort(key=lambda item: item[0])
        return (head + b"".join(block for _, block in blocks)).decode()


def render_dataset_ttl(description: DatasetDescription, in_graph: list[Quad], out_dir: Path,
                       checksums: FileChecksums | None = None, ahead: DatasetTurtle | None = None) -> str:
    """dataset.ttl's text (`ahead`: its first step, made already)."""
    return (ahead or DatasetTurtle(description, in_graph)).text(out_dir, checksums)
