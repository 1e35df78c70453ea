"""What a SHACL shapes graph reads, so a rebuild can tell which validation results a change can touch.

Two kinds of shape (osce_kg/incremental_validation.py uses both):
- local shapes (SHACL Core): a result for focus node f depends only on the outgoing triples of nodes within
  `full_reach` forward steps of f (the paths' steps, nested shapes on value nodes), on the rdf:type triples of
  nodes within `reach` steps (sh:class on value nodes: one step further at most), on f's own outgoing triples
  for its targets, on the triples pointing at f for sh:targetObjectsOf, and on the data's rdfs:subClassOf
  triples;
- rule shapes (SHACL-SPARQL node shapes): their SELECT may read anything, but only triples whose predicate
  (and, for rdf:type with a constant class, whose class) appears in the query or in the shape's targets:
  `signatures` lists those, so the rule can be run again on just those triples.

Anything this module does not know (inverse or repeated paths, SHACL-AF targets, a variable predicate in a
query, recursive shapes, an unknown sh: term) makes the profile `unsupported`, and the caller validates in full.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = RDF + "type"
# read nothing of the graph (they judge the term itself or only annotate)
_ANNOTATION = {SH + n for n in ("name", "description", "message", "order", "severity", "group", "defaultValue",
                                "deactivated", "ignoredProperties", "qualifiedMinCount", "qualifiedMaxCount",
                                "qualifiedValueShapesDisjoint", "declare", "prefixes")}
_ANNOTATION |= {RDF_TYPE, RDFS + "label", RDFS + "comment", "http://www.w3.org/2002/07/owl#imports"}
_TERM = {SH + n for n in ("datatype", "nodeKind", "in", "hasValue", "pattern", "flags", "minLength", "maxLength",
                          "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "languageIn")}
_COUNTS = {SH + n for n in ("minCount", "maxCount", "uniqueLang")}  # the path's values only
_FOCUS_PAIR = {SH + n for n in ("equals", "disjoint", "lessThan", "lessThanOrEquals")}  # + the node's own triples
_NESTED_ONE = {SH + n for n in ("node", "not", "qualifiedValueShape", "property")}
_NESTED_LIST = {SH + n for n in ("or", "and", "xone")}
_TARGETS = {SH + n for n in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode")}


class Unsupported(Exception):
    pass


@dataclass(frozen=True)
class RuleShape:
    iri: str
    # (predicate, class) pairs the rule or its targets read; class None: any object
    signatures: frozenset[tuple[str, str | None]]
    # every pattern of its query is `$this <iri> ?x`: it reads only the focus node's own outgoing triples
    focus_only: bool = False


@dataclass
class ShapeProfile:
    unsupported: str | None = None
    reach: int = 0  # local shapes read the rdf:type triples of nodes up to this many steps from the focus
    full_reach: int = 0  # ... and every outgoing triple of nodes up to this many (at most `reach`)
    target_objects_of: frozenset[str] = frozenset()  # predicates whose objects are local shapes' focus nodes
    target_nodes: frozenset[str] = frozenset()  # sh:targetNode values (always validated again)
    rules: dict[str, RuleShape] = field(default_factory=dict)
    local_shapes: frozenset[str] = frozenset()  # targeted local shapes (IRIs or blank node labels)


def to_json(found: ShapeProfile) -> dict:
    return {"unsupported": found.unsupported, "reach": found.reach, "full_reach": found.full_reach,
            "target_objects_of": sorted(found.target_objects_of), "target_nodes": sorted(found.target_nodes),
            "local_shapes": sorted(found.local_shapes),
            "rules": {name: sorted(([p, c] for p, c in r.signatures), key=lambda pc: (pc[0], pc[1] or ""))
                      for name, r in sorted(found.rules.items())}}


def from_json(data: dict) -> ShapeProfile:
    """A profile `to_json` wrote; ValueError (or TypeError, KeyError) when it is not one."""
    rules = {name: RuleShape(name, frozenset((str(p), None if c is None else str(c)) for p, c in sigs))
             for name, sigs in data["rules"].items()}
    found = ShapeProfile(unsupported=data["unsupported"], reach=int(data["reach"]),
                         full_reach=int(data["full_reach"]),
                         target_objects_of=frozenset(data["target_objects_of"]),
                         target_nodes=frozenset(data["target_nodes"]), rules=rules,
                         local_shapes=frozenset(data["local_shapes"]))
    if found.unsupported is not None and not isinstance(found.unsupported, str):
        raise ValueError("not a shapes profile")
    return found


def _objects(store: ox.Store, node, pred: str) -> list:
    return [q.object for q in store.quads_for_pattern(node, ox.NamedNode(pred), None)]


def _list(store: ox.Store, head) -> list:
    out = []
    while not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
        first = _objects(store, head, RDF + "first")
        rest = _objects(store, head, RDF + "rest")
        if len(first) != 1 or len(rest) != 1:
            raise Unsupported("a malformed RDF list")
        out.append(first[0])
        head = rest[0]
    return out


def _path_length(store: ox.Store, path) -> int:
    if isinstance(path, ox.NamedNode):
        return 1
    steps = _list(store, path) if _objects(store, path, RDF + "first") else None
    if not steps or not all(isinstance(s, ox.NamedNode) for s in steps):
        raise Unsupported("a path other than a predicate or a sequence of predicates")
    return len(steps)


def _reach(store: ox.Store, shape, stack: tuple) -> tuple[int, int]:
    """The farthest steps (from the node `shape` is applied to) whose nodes' outgoing triples are read, and whose
    nodes' rdf:type triples are read (sh:class reads only those of its value nodes); -1: none."""
    if shape in stack:
        raise Unsupported("recursive shapes")
    stack = (*stack, shape)
    paths = _objects(store, shape, SH + "path")
    if len(paths) > 1:
        raise Unsupported("a shape with two paths")
    length = _path_length(store, paths[0]) if paths else 0
    full = typed = length - 1  # walking the path reads the nodes before its end
    for q in store.quads_for_pattern(shape, None, None):
        p = q.predicate.value
        if p in _ANNOTATION or p in _TERM or p in _TARGETS or p == SH + "path":
            continue
        if p in _COUNTS:
            continue
        if p in _FOCUS_PAIR:
            full = max(full, 0)
        elif p == SH + "class":
            typed = max(typed, length)
        elif p == SH + "closed":
            full = max(full, length)
        elif p in _NESTED_ONE or p in _NESTED_LIST:
            for member in [q.object] if p in _NESTED_ONE else _list(store, q.object):
                inner_full, inner_typed = _reach(store, member, stack)
                full, typed = max(full, length + inner_full), max(typed, length + inner_typed)
        else:
            raise Unsupported(f"shape term {p}")
    return full, max(typed, full)


def _rule(store: ox.Store, shape) -> RuleShape:
    from rdflib.plugins.sparql import prepareQuery

    if not isinstance(shape, ox.NamedNode):
        raise Unsupported("a SPARQL-based shape that is a blank node")
    signatures: set[tuple[str, str | None]] = set()
    for q in store.quads_for_pattern(shape, None, None):
        p = q.predicate.value
        if p == SH + "targetClass":
            signatures.add((RDF_TYPE, q.object.value))
        elif p in (SH + "targetSubjectsOf", SH + "targetObjectsOf"):
            signatures.add((q.object.value, None))
        elif p not in _ANNOTATION and p not in (SH + "sparql", SH + "targetNode"):
            raise Unsupported(f"a SPARQL-based shape with {p}")
    patterns: list = []
    for constraint in _objects(store, shape, SH + "sparql"):
        selects = _objects(store, constraint, SH + "select")
        if len(selects) != 1:
            raise Unsupported("a SPARQL constraint without one sh:select")
        prefixes = "".join(
            f"PREFIX {_objects(store, d, SH + 'prefix')[0].value}: <{_objects(store, d, SH + 'namespace')[0].value}>\n"
            for decl in _objects(store, constraint, SH + "prefixes") for d in _objects(store, decl, SH + "declare"))
        text = prefixes + selects[0].value
        if "$shapesGraph" in text or "$currentShape" in text or "SERVICE" in text.upper():
            raise Unsupported("a SPARQL constraint that reads the shapes graph or a service")
        try:
            algebra = prepareQuery(text).algebra
        except Exception as exc:  # rdflib raises many kinds for a query it cannot read
            raise Unsupported(f"a SPARQL constraint rdflib cannot parse ({type(exc).__name__})") from exc
        _signatures(algebra, signatures, patterns)
    import rdflib

    focus_only = bool(patterns) and all(isinstance(p, rdflib.URIRef) and s == rdflib.Variable("this")
                                        for s, p, _ in patterns)
    return RuleShape(shape.value, frozenset(signatures), focus_only)


def _signatures(node, out: set, patterns: list) -> None:
    from rdflib.plugins.sparql.algebra import triples
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("GraphGraphPattern", "ServiceGraphPattern", "Graph", "Service"):
            raise Unsupported(f"a SPARQL constraint with {node.name}")
        for key, value in node.items():
            if key == "triples" and value:
                # translated blocks hold (s, p, o) tuples, parsed ones flat [s, p, o, p, o, ...] lists
                flat = [value] if value and not isinstance(value[0], (list, tuple)) else value
                for triple in triples([list(t) for t in flat]):
                    patterns.append(tuple(triple))
                    _triple_signature(triple, out)
            else:
                _signatures(value, out, patterns)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _signatures(item, out, patterns)


def _triple_signature(triple, out: set) -> None:
    import rdflib

    _, pred, obj = triple
    if isinstance(pred, rdflib.URIRef):
        out.add((str(pred), str(obj) if str(pred) == RDF_TYPE and isinstance(obj, rdflib.URIRef) else None))
    elif isinstance(pred, rdflib.Variable):
        raise Unsupported("a SPARQL constraint with a variable predicate")
    else:
        for iri in _path_iris(pred):
            out.add((iri, None))


def _path_iris(path) -> list[str]:
    """Every IRI of a property path (parsed or translated); a negated path or a variable is not supported."""
    import rdflib
    from rdflib.paths import NegatedPath
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(path, rdflib.URIRef):
        return [str(path)]
    if isinstance(path, str):  # a path modifier such as '*'
        return []
    if isinstance(path, NegatedPath) or (isinstance(path, CompValue) and "Negated" in path.name):
        raise Unsupported("a SPARQL constraint with a negated property path")
    if isinstance(path, rdflib.Variable) or isinstance(path, rdflib.term.Node):
        raise Unsupported("a SPARQL property path over a term that is not an IRI")
    if isinstance(path, CompValue):
        parts = list(path.values())
    elif isinstance(path, (list, tuple)):
        parts = list(path)
    else:
        parts = [getattr(path, a) for a in ("args", "path", "arg") if hasattr(path, a)]
        if not parts:
            raise Unsupported("a SPARQL property path of an unknown kind")
    return [iri for part in parts for iri in _path_iris(part)]


@functools.lru_cache(maxsize=4)
def profile(shapes_nt: bytes) -> ShapeProfile:
    """The profile of a shapes graph given as N-Triples (see the module docstring)."""
    store = ox.Store()
    store.load(shapes_nt, format=ox.RdfFormat.N_TRIPLES)
    try:
        return _profile(store)
    except Unsupported as exc:
        return ShapeProfile(unsupported=str(exc))


def _profile(store: ox.Store) -> ShapeProfile:
    for q in store.quads_for_pattern(None, None, None):
        p = q.predicate.value
        if p.startswith(SH) and p[len(SH):] in ("target", "shapesGraph", "entailment", "rule", "condition"):
            raise Unsupported(f"sh:{p[len(SH):]}")
    classes = {ox.NamedNode(RDFS + "Class"), ox.NamedNode("http://www.w3.org/2002/07/owl#Class")}
    for cls in classes:
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), cls):
            if next(iter(store.quads_for_pattern(q.subject, ox.NamedNode(RDF_TYPE), ox.NamedNode(SH + "NodeShape"))),
                    None) is not None:
                raise Unsupported("an implicit class target")
    targeted = {q.subject for t in _TARGETS for q in store.quads_for_pattern(None, ox.NamedNode(t), None)}
    rule_nodes = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(SH + "sparql"), None)}
    rules = {r.iri: r for r in (_rule(store, s) for s in rule_nodes)}
    # a rule that reads only the focus node's own triples is as local as a core shape (reach 0)
    local = targeted - {s for s in rule_nodes if not rules[s.value].focus_only}
    rules = {name: r for name, r in rules.items() if not r.focus_only}
    reads = [_reach(store, s, ()) for s in local - rule_nodes]
    full_reach = max((full for full, _ in reads), default=0)
    reach = max((typed for _, typed in reads), default=0)
    objects_of = {q.object.value for s in local
                  for q in store.quads_for_pattern(s, ox.NamedNode(SH + "targetObjectsOf"), None)}
    nodes = {str(q.object) for s in local for q in store.quads_for_pattern(s, ox.NamedNode(SH + "targetNode"), None)}
    return ShapeProfile(reach=max(reach, 0), full_reach=max(full_reach, 0), target_objects_of=frozenset(objects_of),
                        target_nodes=frozenset(nodes),
                        rules=rules, local_shapes=frozenset(str(s) for s in local))


@functools.lru_cache(maxsize=8)
def shapes_targeting(shapes_nt: bytes, rules: frozenset[str], keep_rules: bool,
                     classes: frozenset[str] | None = None) -> bytes:
    """The shapes graph with fewer targets, so the engine validates only some shapes: the shapes named in
    `rules` (IRIs) with `keep_rules`, else every shape but those; with `classes`, only the sh:targetClass
    targets of those classes (the type closure of the nodes whose results are wanted: the other nodes in the
    data are there to be read, and their results would be thrown away)."""
    store = ox.Store()
    store.load(shapes_nt, format=ox.RdfFormat.N_TRIPLES)
    target_class = ox.NamedNode(SH + "targetClass")
    drop = [q for t in _TARGETS for q in store.quads_for_pattern(None, ox.NamedNode(t), None)
            if (q.subject.value in rules) != keep_rules
            or classes is not None and q.predicate == target_class and q.object.value not in classes]
    for q in drop:
        store.remove(q)
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
