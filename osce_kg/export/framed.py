"""Framed JSON-LD: one object per entity of a class, shaped for use (host embedded, friendly keys), from
the frames in ontology/frames/ (`<class>.jsonld`, with a JSON Schema `<class>.schema.json` beside it).
Adding a frame is a data-only change: drop the two files in that folder.

Framing the whole graph with pyld costs time quadratic in its size (16.6 s for 14.5k quads, 186 s for
65.7k). So the store is read through an index (subject -> expanded node, and object -> subjects for the
reverse properties a frame uses, each read when first asked for), the entities the frame's @type selects
are taken in small batches, and pyld frames each batch's subgraph: the batch's nodes plus exactly the
nodes the frame reaches from them (embedded, or pointing back through a @reverse key; a reference never
embedded as its id alone). Every node-valued key of a frame says
`@embed: @always` or `@never`, so what pyld embeds does not depend on the batch, and the result equals
framing the whole graph (tests/test_framed.py checks this; bench/export.py on the corpus).

Frames give value properties as `[{}]` (pyld's framing fails on `{}` for literal values). Dates and
numbers come out as plain strings: the context types each key (a date key per precision: `start`,
`startMonth`, `startYear`), so values still turn back into the same typed literals.

A frame can select by more than type with `@requireAll` (standard JSON-LD 1.1 framing): a node then
matches only if it has every key of the frame that gives no `@default` (the Partners frame takes the
memberships that name a Partner group). The index skips the nodes that lack such a key; pyld decides.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from osce_kg.export.base import Exporter, ExportOptions, UsageError
from osce_kg.store import KnowledgeGraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
BATCH = 64  # entities framed per pyld call: small enough to stay linear, large enough to amortise pyld


def frames() -> dict[str, Path]:
    """Bundled frames by name (the class key: 'field-operation', 'state', ...)."""
    folder = Path(str(resources.files("osce_kg.ontology").joinpath("frames")))
    return {p.name[: -len(".jsonld")]: p for p in sorted(folder.glob("*.jsonld"))}


def frame_path(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix == ".jsonld" and path.is_file():
        return path
    known = frames()
    name = name_or_path if name_or_path in known else name_or_path.removesuffix("s")  # 'field-operations' too
    if name not in known:
        raise KeyError(f"no frame named {name_or_path!r}; known: {', '.join(known)}")
    return known[name]


def load_frame(name_or_path: str) -> dict:
    return json.loads(frame_path(name_or_path).read_text(encoding="utf-8"))


def schema_path(name_or_path: str) -> Path:
    """The JSON Schema shipped beside a frame."""
    path = frame_path(name_or_path)
    return path.with_name(path.name[: -len(".jsonld")] + ".schema.json")


# -- the graph as expanded JSON-LD nodes ------------------------------------------------------------------
def _term_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _expanded_value(term) -> dict:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": term.datatype.value}
    return {"@id": _term_id(term)}


class GraphIndex:
    """Expanded node objects by id (what pyld's from_rdf gives, values sorted) and reverse links, read
    from a store's graph when first asked for: a class's frame reads its entities and what they reach,
    not the whole graph (at 1M quads, 67,000 nodes expanded up front took 8.8 s; a source-page frame
    reads 5,000 of them)."""

    def __init__(self, triples=None, *, store: ox.Store | None = None,
                 graph: ox.NamedNode | ox.DefaultGraph | None = None):
        """The index of some triples, or of the `graph` of a `store` (its default graph by default)."""
        if store is None:
            store = ox.Store()
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples or ())
        self._store = store
        self._graph = graph if graph is not None else ox.DefaultGraph()
        self.nodes = _Nodes(self)

    @classmethod
    def of(cls, kg: KnowledgeGraph) -> GraphIndex:
        kg.prepare_for_query()  # the union graph (a set), as queries see it
        return cls(store=kg.store)

    def node(self, node_id: str) -> dict:
        return self.nodes.get(node_id) or {"@id": node_id}

    def of_types(self, types: set[str]) -> list[str]:
        """The nodes of any of `types`, sorted by id."""
        found = {_term_id(q.subject) for t in types
                 for q in self._store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(t), self._graph)}
        return sorted(found)

    def incoming(self, node_id: str, iri: str) -> list[str]:
        """The subjects that point to the node with property `iri`, sorted."""
        quads = self._store.quads_for_pattern(None, ox.NamedNode(iri), _term(node_id), self._graph)
        return sorted(_term_id(q.subject) for q in quads)

    def _expanded(self, node_id: str) -> dict | None:
        values: dict[str, list] = defaultdict(list)
        for q in self._store.quads_for_pattern(_term(node_id), None, None, self._graph):
            if q.predicate == _RDF_TYPE and not isinstance(q.object, ox.Literal):
                values["@type"].append(_term_id(q.object))
            else:
                values[q.predicate.value].append(_expanded_value(q.object))
        if not values:
            return None
        node = {"@id": node_id}
        for key in sorted(values):
            node[key] = sorted(set(values[key])) if key == "@type" else sorted(values[key], key=_dump)
        return node


class _Nodes(Mapping):
    """GraphIndex.nodes: node id -> expanded node, each made once, when first read; iterated in id order."""

    def __init__(self, index: GraphIndex):
        self._index = index
        self._made: dict[str, dict | None] = {}
        self._ids: list[str] | None = None

    def __getitem__(self, node_id: str) -> dict:
        node = self._made.get(node_id, False)
        if node is False:
            node = self._made[node_id] = self._index._expanded(node_id)
        if node is None:
            raise KeyError(node_id)
        return node

    def _all(self) -> list[str]:
        if self._ids is None:
            index = self._index
            self._ids = sorted({_term_id(q.subject)
                                for q in index._store.quads_for_pattern(None, None, None, index._graph)})
        return self._ids

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


_RDF_TYPE = ox.NamedNode(RDF_TYPE)


def _term(node_id: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(node_id[2:]) if node_id.startswith("_:") else ox.NamedNode(node_id)


def _dump(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# -- what a frame reaches -------------------------------------------------------------------------------
class FramePlan:
    """A frame read as a tree of (property IRI, reverse?, child): the child is a sub-plan, "leaf" (a node
    embedded with no keys of its own framed) or None (a reference never embedded, or a value)."""

    def __init__(self, frame: dict, context: dict | None = None):
        self.context = context if context is not None else frame.get("@context", {})
        self.types = {self.expand(t) for t in _as_list(frame.get("@type", []))}
        self.children: list[tuple[str, bool, FramePlan | None]] = []
        # with @requireAll a node matches only if it has every key the frame gives no @default (pyld then
        # checks the values too; keys that point back are not matched on)
        self.required: list[str] = []
        for key, value in frame.items():
            if key.startswith("@"):
                continue
            iri, reverse = self.property(key)
            sub = _as_list(value)[0] if _as_list(value) else {}
            if frame.get("@requireAll") and not reverse and not (isinstance(sub, dict) and "@default" in sub):
                self.required.append(iri)
            embeds = isinstance(sub, dict) and sub.get("@embed", "@once") != "@never"
            nested = any(not k.startswith("@") for k in sub) if isinstance(sub, dict) else False
            self.children.append((iri, reverse, FramePlan(sub, self.context) if embeds and (nested or reverse)
                                  else ("leaf" if embeds else None)))

    def matches(self, node: dict) -> bool:
        """Whether a node of the frame's types can match it (pyld decides: this only skips sure misses)."""
        return all(node.get(iri) for iri in self.required)

    def expand(self, name: str) -> str:
        definition = self.context.get(name)
        if isinstance(definition, str):
            name = definition
        elif isinstance(definition, dict) and "@id" in definition:
            name = definition["@id"]
        prefix, colon, local = name.partition(":")
        if colon and not local.startswith("//") and isinstance(self.context.get(prefix), str):
            return self.context[prefix] + local
        return name

    def property(self, key: str) -> tuple[str, bool]:
        definition = self.context.get(key)
        if isinstance(definition, dict) and "@reverse" in definition:
            return self.expand(definition["@reverse"]), True
        return self.expand(key), False


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _collect(index: GraphIndex, node_id: str, plan: FramePlan | str | None, out: dict[str, dict]) -> None:
    """Add to `out` the node and every node the plan reaches from it; a node reached only as a reference
    that is never embedded (`plan` None) goes in as its id alone: pyld writes it as `{"@id": ...}` whatever
    it holds, and expanding its values cost more than framing the entities (2.5 of 3 nodes per batch)."""
    if plan is None:
        out.setdefault(node_id, {"@id": node_id})
        return
    node = out[node_id] = index.node(node_id)
    if not isinstance(plan, FramePlan):
        return
    for iri, reverse, child in plan.children:
        if reverse:
            for subject in index.incoming(node_id, iri):
                _collect(index, subject, child if child is not None else "leaf", out)
            continue
        for value in node.get(iri, []):
            if "@id" in value:
                _collect(index, value["@id"], child, out)


# -- framing --------------------------------------------------------------------------------------------
_OPTIONS = {"omitDefault": True, "omitGraph": False}


def _frame(expanded: list[dict], frame: dict, as_given: bool = False) -> dict:
    """pyld's framing of expanded nodes; `as_given`: the nodes go to framing as they are (a copy), not
    through pyld's expansion first (see `_framer`)."""
    from pyld import jsonld

    if not as_given:
        return jsonld.frame(expanded, frame, dict(_OPTIONS))
    return _framer().frame(expanded, frame, {**_OPTIONS, _AS_GIVEN: True})


_AS_GIVEN = "osceAsGiven"


def _framer():
    """A pyld processor that frames the index's nodes without expanding them first: they are expanded
    JSON-LD already (what pyld's from_rdf gives), so expansion gave back the same nodes (and dropped the
    bare references, which framing never reads), and took a third of the framing time. The frame itself is
    still expanded. `framed_whole`, the reference the tests compare with, uses plain pyld."""
    return _framer_class()()


@functools.cache
def _framer_class() -> type:
    from pyld.jsonld import JsonLdProcessor

    class Framer(JsonLdProcessor):
        def expand(self, input_, options):
            if options.get("isFrame") or not options.get(_AS_GIVEN):
                return super().expand(input_, options)
            # a copy: framing builds its node map from what it is given
            return json.loads(json.dumps([n for n in input_ if len(n) > 1]))

    return Framer


def _canonical(value):
    """Arrays sorted, so the output does not depend on the order pyld met the values in."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=_dump)
    return value


def _finish(doc: dict) -> dict:
    graph = [_canonical(node) for node in doc.get("@graph", [])]
    doc["@graph"] = sorted(graph, key=lambda node: node.get("id", node.get("@id", "")))
    return doc


def framed_document(kg: KnowledgeGraph | GraphIndex, frame: dict) -> dict:
    """The union graph framed by `frame`, entity by entity from an index: nodes sorted by id."""
    index = kg if isinstance(kg, GraphIndex) else GraphIndex.of(kg)
    plan = FramePlan(frame)
    if not plan.types:
        return framed_whole(index, frame)  # a frame that matches on something else than @type
    roots = [root for root in index.of_types(plan.types) if plan.matches(index.nodes[root])]
    nodes: list[dict] = []
    context = None
    for start in range(0, len(roots), BATCH):
        batch = roots[start:start + BATCH]
        sub: dict[str, dict] = {}
        for root in batch:
            _collect(index, root, plan, sub)
        doc = _frame([sub[k] for k in sorted(sub)], {**frame, "@id": batch}, as_given=True)
        context = doc.get("@context", context)
        nodes.extend(doc.get("@graph", []))
    if context is None:
        context = _frame([], frame).get("@context")
    return _finish({"@context": context, "@graph": nodes})


def framed_whole(kg: KnowledgeGraph | GraphIndex, frame: dict) -> dict:
    """The reference: pyld frames the whole graph at once (quadratic; used to check the fast path)."""
    index = kg if isinstance(kg, GraphIndex) else GraphIndex.of(kg)
    return _finish(_frame(list(index.nodes.values()), frame))


def _dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def split_documents(doc: dict, base: str) -> dict[str, str]:
    """One document per entity, named after its IRI below `base` ('field-operation/mission-to-moldova.jsonld')."""
    out: dict[str, str] = {}
    for node in doc["@graph"]:
        node_id = node.get("id", node.get("@id", ""))
        local = node_id[len(base):] if node_id.startswith(base) else "other/" + node_id
        parts = [_UNSAFE.sub("_", p).strip(".") or "_" for p in local.split("/") if p]
        name = "/".join(parts) + ".jsonld"
        if name in out:
            import hashlib

            name = "/".join(parts) + "-" + hashlib.sha256(node_id.encode()).hexdigest()[:8] + ".jsonld"
        out[name] = _dumps({"@context": doc["@context"], **node})
    return out


class FramedExporter(Exporter):
    default_name = "framed"

    def check(self, options: ExportOptions) -> None:
        super().check(options)
        if not options.frame:
            raise UsageError("framed JSON-LD needs --frame NAME")

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        self.check(options)
        try:
            frame = load_frame(options.frame)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None
        doc = framed_document(kg, frame)
        if options.split:
            from osce_kg import iri

            return split_documents(doc, iri.base())
        return _dumps(doc)

    def render(self, quads) -> str:
        raise UsageError("framed JSON-LD is exported from a graph with --frame")


EXPORTER = FramedExporter
