"""Inference: what the ontology's axioms entail about the data, in a named graph of its own.

Levels (`osce-kg build --infer`):
- `none`: nothing inferred (the default: the build states only what pages and the registry say);
- `rdfs`: subclasses (rdfs9/11, cax-sco), subproperties (rdfs5/7, prp-spo1), domains and ranges
  (rdfs2/3, prp-dom/prp-rng);
- `owl-rl`: the above plus the OWL 2 RL rules the ontology uses: equivalent classes and properties
  (cax-eqc, prp-eqp), inverses (prp-inv), symmetric and transitive properties (prp-symp, prp-trp) and
  property chains of two (prp-spo2; ORG's org:memberOf is the chain osce:hasMembership / org:organization).

The fast path (`engine="fast"`, the default) reads those axioms from the ontology once, in Python, and
runs each rule as one SPARQL UPDATE in the store until a round adds nothing: seconds on a million
triples. `engine="owlrl"` runs the owlrl package (the reference) on the union of the graphs and the
ontology and keeps the entailments about the data; tests/test_infer.py proves both give the same triples.

Inferred triples go to INFERRED_GRAPH only, never into a page's graph, and only when no graph states
them already. Inference runs after validation: the shapes judge what sources say.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox

from osce_kg import iri
from osce_kg.store import KnowledgeGraph

LEVELS = ("none", "rdfs", "owl-rl")
ENGINES = ("fast", "owlrl")
INFERRED_GRAPH = iri.inferred_graph()

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = RDF + "type"
VOCAB_SPACES = (RDF, RDFS, OWL, XSD)
SCHEMA_PREDICATES = {RDFS + n for n in ("subClassOf", "subPropertyOf", "domain", "range", "member", "Datatype")}


@dataclass
class Axioms:
    """The ontology's axioms as closed tables, ready to become VALUES blocks."""

    superclasses: set[tuple[str, str]] = field(default_factory=set)  # (class, superclass), transitive
    superproperties: set[tuple[str, str]] = field(default_factory=set)  # (property, superproperty), transitive
    domains: set[tuple[str, str]] = field(default_factory=set)
    ranges: set[tuple[str, str]] = field(default_factory=set)
    inverses: set[tuple[str, str]] = field(default_factory=set)  # both directions
    symmetric: set[str] = field(default_factory=set)
    transitive: set[str] = field(default_factory=set)
    chains: set[tuple[str, str, str]] = field(default_factory=set)  # (property, first, second)


def _closure(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    direct: dict[str, set[str]] = {}
    for a, b in pairs:
        direct.setdefault(a, set()).add(b)
    out = set()
    for start in direct:
        stack, seen = list(direct[start]), set()
        while stack:
            b = stack.pop()
            if b in seen:
                continue
            seen.add(b)
            if b != start:
                out.add((start, b))
            stack.extend(direct.get(b, ()))
    return out


def ontology_store() -> ox.Store:
    from osce_kg.validate import ontology_path

    store = ox.Store()
    store.load(path=str(ontology_path("osce.ttl")), format=ox.RdfFormat.TURTLE)
    return store


@functools.lru_cache(maxsize=4)
def axioms(level: str) -> Axioms:
    store = ontology_store()

    def pairs(predicate: str) -> set[tuple[str, str]]:
        return {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None)
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}

    sub_class, sub_prop = pairs(RDFS + "subClassOf"), pairs(RDFS + "subPropertyOf")
    ax = Axioms(domains=pairs(RDFS + "domain"), ranges=pairs(RDFS + "range"))
    if level == "owl-rl":
        for a, b in pairs(OWL + "equivalentClass"):
            sub_class |= {(a, b), (b, a)}
        for a, b in pairs(OWL + "equivalentProperty"):
            sub_prop |= {(a, b), (b, a)}
        ax.inverses = {p for a, b in pairs(OWL + "inverseOf") for p in ((a, b), (b, a))}
        ax.symmetric = {s for s, c in pairs(TYPE) if c == OWL + "SymmetricProperty"}
        ax.transitive = {s for s, c in pairs(TYPE) if c == OWL + "TransitiveProperty"}
        for row in store.query(f"""SELECT ?p ?a ?b WHERE {{ ?p <{OWL}propertyChainAxiom> ?l .
                ?l <{RDF}first> ?a ; <{RDF}rest> ?r . ?r <{RDF}first> ?b ; <{RDF}rest> <{RDF}nil> }}"""):
            ax.chains.add((row["p"].value, row["a"].value, row["b"].value))
    ax.superclasses, ax.superproperties = _closure(sub_class), _closure(sub_prop)
    return ax


def _values(names: str, rows) -> str:
    body = " ".join("(" + " ".join(f"<{v}>" for v in row) + ")" for row in sorted(rows))
    return f"VALUES ({names}) {{ {body} }}"


def rules(level: str) -> list[str]:
    """The SPARQL UPDATEs of a level, each inserting only triples no graph holds yet."""
    ax = axioms(level)
    into = f"GRAPH <{INFERRED_GRAPH}>"

    def rule(head: str, body: str) -> str:
        return (f"INSERT {{ {into} {{ {head} }} }} WHERE {{ {body} "
                f"FILTER NOT EXISTS {{ GRAPH ?any {{ {head} }} }} }}")

    out = []
    if ax.superclasses:
        out.append(rule("?x a ?sup", _values("?c ?sup", ax.superclasses) + " GRAPH ?g { ?x a ?c }"))
    if ax.superproperties:
        out.append(rule("?x ?sup ?y", _values("?p ?sup", ax.superproperties) + " GRAPH ?g { ?x ?p ?y }"))
    if ax.domains:
        out.append(rule("?x a ?d", _values("?p ?d", ax.domains) + " GRAPH ?g { ?x ?p ?y }"))
    if ax.ranges:
        out.append(rule("?y a ?r", _values("?p ?r", ax.ranges) + " GRAPH ?g { ?x ?p ?y } FILTER(!isLiteral(?y))"))
    if ax.inverses:
        out.append(rule("?y ?q ?x", _values("?p ?q", ax.inverses) + " GRAPH ?g { ?x ?p ?y } FILTER(!isLiteral(?y))"))
    if ax.symmetric:
        out.append(rule("?y ?p ?x", _values("?p", [(p,) for p in ax.symmetric])
                        + " GRAPH ?g { ?x ?p ?y } FILTER(!isLiteral(?y))"))
    if ax.transitive:
        out.append(rule("?x ?p ?z", _values("?p", [(p,) for p in ax.transitive])
                        + " GRAPH ?g { ?x ?p ?y } GRAPH ?h { ?y ?p ?z }"))
    if ax.chains:
        out.append(rule("?x ?p ?z", _values("?p ?a ?b", ax.chains)
                        + " GRAPH ?g { ?x ?a ?y } GRAPH ?h { ?y ?b ?z }"))
    return out


def infer(kg: KnowledgeGraph, level: str = "rdfs", engine: str = "fast") -> int:
    """Add what `level` entails to INFERRED_GRAPH of `kg`; the number of triples added."""
    if level not in LEVELS or engine not in ENGINES:
        raise ValueError(f"inference level must be one of {', '.join(LEVELS)} and engine one of {', '.join(ENGINES)}")
    if level == "none":
        return 0
    if engine == "owlrl":
        triples = owlrl_entailments(kg, level)
        kg.add_quads(ox.Quad(s, p, o, ox.NamedNode(INFERRED_GRAPH)) for s, p, o in triples)
        return len(triples)
    graph = ox.NamedNode(INFERRED_GRAPH)
    count = lambda: sum(1 for _ in kg.store.quads_for_pattern(None, None, None, graph))  # noqa: E731
    before = previous = count()
    updates = rules(level)
    while True:  # to a fixpoint: a domain's type can have superclasses, an inverse a superproperty ...
        for update in updates:
            kg.store.update(update)
        now = count()
        if now == previous:
            break
        previous = now
    # What the ontology itself states (osce:human-dimension a skos:Concept, reached through a range) is not
    # an entailment about the data; in the data it would be a concept without its label (owlrl's reference
    # leaves the ontology's triples out too).
    stated = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in ontology_store()
              if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)]
    for quad in stated:
        kg.store.remove(quad)
    now = count()
    kg._union_ready = False  # the union default graph must now include the inferred graph
    return now - before


def describe_inferred_graph(build_node: ox.NamedNode) -> list[ox.Quad]:
    """The inferred graph's provenance, for the build graph: an osce:InferredGraph the build generated."""
    graph, build_graph = ox.NamedNode(INFERRED_GRAPH), ox.NamedNode(iri.build_graph())
    return [ox.Quad(graph, ox.NamedNode(TYPE), ox.NamedNode(iri.ONTOLOGY + "InferredGraph"), build_graph),
            ox.Quad(graph, ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"), build_node, build_graph)]


def _data_nodes(kg: KnowledgeGraph) -> set:
    nodes = set()
    for q in kg.quads():
        nodes.add(q.subject)
        if not isinstance(q.object, ox.Literal):
            nodes.add(q.object)
    return nodes


def about_data(triples, nodes: set) -> set[tuple]:
    """Entailments about the data: subject a data node, no vocabulary-level predicate or class."""
    out = set()
    for s, p, o in triples:
        if s not in nodes or isinstance(s, ox.Literal):
            continue
        if p.value == TYPE:
            if not isinstance(o, ox.NamedNode) or o.value.startswith(VOCAB_SPACES):
                continue
        elif p.value in SCHEMA_PREDICATES or p.value.startswith((RDF, OWL)):
            continue  # owlrl's statements about vocabulary (and owl:sameAs reflexivity), not about data
        out.add((s, p, o))
    return out


def owlrl_entailments(kg: KnowledgeGraph, level: str) -> set[tuple]:
    """The reference: owlrl's closure of data + ontology, minus what is stated, about the data (pyoxigraph terms)."""
    import owlrl
    import rdflib

    from osce_kg.validate import ontology_path

    graph = rdflib.Graph()
    stated = {(q.subject, q.predicate, q.object) for q in kg.quads()}
    # owl:sameAs links to Wikidata are left out: equality rules would copy every fact onto the other IRI,
    # which the ontology does not ask for (the fast path has no eq-rep rules either).
    data = ox.serialize((ox.Triple(*t) for t in stated if t[1].value != OWL + "sameAs"), format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    graph.parse(str(ontology_path("osce.ttl")), format="turtle")
    semantics = owlrl.RDFS_Semantics if level == "rdfs" else owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    kept = rdflib.Graph()  # owlrl also states things of literals, which RDF cannot carry: leave them out
    for triple in graph:
        if not isinstance(triple[0], rdflib.Literal):
            kept.add(triple)
    out = ox.Store()
    out.load(kept.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    closure = {(q.subject, q.predicate, q.object) for q in out}
    ontology = {(q.subject, q.predicate, q.object) for q in ontology_store()}
    # owlrl's literal proxies mix up literals of equal text ("Belarus"@en yields "Belarus"@es), so its
    # literal-valued entailments are not trusted; none of the fast rules derives a literal value here.
    return {t for t in about_data(closure - stated - ontology, _data_nodes(kg)) if not isinstance(t[2], ox.Literal)}
