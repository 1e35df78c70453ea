"""Validation of a rebuild from the previous build's results: only what a change can touch is validated again.

The previous build left its results in its store manifest (store.manifest.json, with a key of everything but
the data that decides them: the shapes, the engine and its version, the ontology's class hierarchy, the osce_kg
code). The change is read from the previous store and the page digests of both builds (osce_kg/incremental.py):
every triple of a graph that is new, gone or changed (its old and new versions' symmetric difference: the build
graph's, which names the build, among them), and the graph descriptions of graphs that came or went. Then,
with the shapes' profile (osce_kg/shape_reach.py):
- local shapes: a focus node is validated again when a node whose outgoing triples changed lies within the
  shapes' reach of it (found walking back from those nodes over the new union: `full_reach` steps, `reach`
  steps for a changed rdf:type), or when it is the object of a changed triple whose predicate is a
  sh:targetObjectsOf one. They are validated on a small graph holding what the shapes can read of them (the
  outgoing triples of every node within `full_reach`, the rdf:type triples of those within `reach`, with the
  RDFS type closure and graph descriptions prepare_data adds, the triples pointing at them with a
  targetObjectsOf predicate and the data's rdfs:subClassOf triples); only their results are kept from that
  run;
- rule shapes (SHACL-SPARQL): a rule runs again, over the whole graph's triples it can read (its signatures),
  when a changed triple (with the type closure) matches one of its signatures; else its results are kept.
Every other result is the previous build's, its `sources` (the graphs stating the focus) looked up again.

Anything unexpected validates in full: no state or another key, a store or manifest that is not the one the
state describes, shapes the profile does not support, blank nodes or rdfs:subClassOf triples in the change,
or a change that reaches too much of the graph for this to pay.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from osce_kg import iri
from osce_kg.export.base import write_atomic
from osce_kg.shape_reach import RDF_TYPE, RDFS, ShapeProfile, from_json, profile, shapes_targeting, to_json
from osce_kg.store import KnowledgeGraph
from osce_kg.validate import (
    SD_NAMED_GRAPH,
    ValidationReport,
    ValidationResult,
    _graphs_index,
    _run_rust,
    _shape_paths,
    _shapes_ntriples,
    choose_engine,
    class_hierarchy,
    shacl_engine_version,
    sort_key,
    validate_graph,
)

PROFILE_FILE = "shape-profile.json"  # in the page cache folder: the shapes' profile, under its profile_key()
SHIPPED_PROFILE = Path(__file__).parent / "data" / PROFILE_FILE  # the bundled shapes' (shipped_profile_key())
STATE = "validation"  # its entry in the store manifest (osce_kg/incremental.py)
FORMAT = 1  # of the shapes' profile (its keys)
STATE_FORMAT = 2  # of the validation state: 2, each result with its sources
MOST_REACHED = 0.25  # a change reaching more than this share of the graph's triples is validated in full
WIDE = 1000  # a focus node with more outgoing triples than this is validated in an engine run of its own
SUBCLASS = RDFS + "subClassOf"
_TYPE = ox.NamedNode(RDF_TYPE)
_PROFILES: dict[str, ShapeProfile] = {}  # state key -> the shapes' profile read from a state
_DEFAULT = ox.DefaultGraph()


@dataclass
class Previous:
    """What the rebuild compares with: the previous output folder's store, manifest and validation state."""

    folder: Path
    manifest: dict  # osce_kg/incremental.py's store.manifest.json
    results: list[ValidationResult]
    profile: ShapeProfile  # of the shapes, kept in the state: profiling them imports rdflib's SPARQL parser (~1 s)


def state_key() -> str:
    """What decides the results besides the data: shapes, engine, class hierarchy and the osce_kg code."""
    from osce_kg.page_cache import mapper_version

    parts = (str(FORMAT), _shapes_digest(), choose_engine("auto", None),
             shacl_engine_version() or "", repr(class_hierarchy()), mapper_version())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _shapes_digest() -> str:
    shapes = hashlib.sha256()
    for path in _shape_paths(None):  # the files: their N-Triples name blank nodes anew in every process
        shapes.update(Path(path).name.encode() + b"\0" + hashlib.sha256(Path(path).read_bytes()).digest())
    return shapes.hexdigest()


def profile_key() -> str:
    """What decides the shapes' profile: the shapes, the profiling code and the SPARQL parser it uses (not the
    rest of the osce_kg code, so a build after a code change still finds it)."""
    from importlib.metadata import version  # not `import rdflib`: that import is part of what the cache saves

    parts = (str(FORMAT), _shapes_digest(), _profiling_code_digest(), version("rdflib"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _profiling_code_digest() -> str:
    from osce_kg import shape_reach

    return hashlib.sha256(Path(shape_reach.__file__).read_bytes()).hexdigest()


def shipped_profile_key() -> str:
    """The key of osce_kg/data/shape-profile.json: the bundled shapes and the profiling code. Not the SPARQL
    parser's version: the shipped profile is what the pinned parser makes of our own rules, and
    tests/test_incremental_validation.py checks it against the installed one."""
    parts = (str(FORMAT), _shapes_digest(), _profiling_code_digest())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def shipped_profile_text() -> str:
    """osce_kg/data/shape-profile.json as it must read: the bundled shapes' profile, made here (it imports
    rdflib's SPARQL parser). Written again with `python -m osce_kg.incremental_validation`."""
    found = profile(_shapes_ntriples(_shape_paths(None)))
    return json.dumps({"key": shipped_profile_key(), "profile": to_json(found)}, indent=1, sort_keys=True) + "\n"


def _shipped_profile() -> ShapeProfile | None:
    """The profile shipped with the package, when it is of these shapes and this profiling code."""
    try:
        shipped = json.loads(SHIPPED_PROFILE.read_bytes())
        return from_json(shipped["profile"]) if shipped["key"] == shipped_profile_key() else None
    except (OSError, TypeError, KeyError, ValueError, AttributeError):
        return None


def state(build_iri: str, report: ValidationReport, folder: Path | None = None) -> dict:
    """`report`'s results and what they were made with, for the next build's store manifest; the shapes'
    profile is kept in the cache `folder` too, so a clean build does not profile the same shapes again."""
    rows = [[r.severity, r.focus, r.path, r.value, r.message, r.shape, r.constraint, list(r.sources)]
            for r in report.results]
    key = state_key()
    found = _PROFILES.get(key) or kept_profile(profile_key(), folder)
    return {"format": STATE_FORMAT, "key": key, "build": build_iri, "fail_on": report.fail_on, "results": rows,
            "profile": to_json(found)}


def kept_profile(key: str, folder: Path | None) -> ShapeProfile:
    """The shapes' profile under `key` (profile_key()): read from `folder` when kept there (profiling imports
    rdflib's SPARQL parser and parses every rule: 1-2 s), else made and kept; a file that does not read, or
    holds another key's profile, is made again. A clean build (no folder yet) finds the bundled shapes' profile
    shipped with the package (osce_kg/data/shape-profile.json) instead of making it."""
    path = folder / PROFILE_FILE if folder is not None else None
    if path is not None:
        try:
            kept = json.loads(path.read_bytes())
            found = from_json(kept["profile"]) if kept["key"] == key else None
        except (OSError, TypeError, KeyError, ValueError, AttributeError):
            found = None
        if found is not None:
            return found
    found = _shipped_profile() or profile(_shapes_ntriples(_shape_paths(None)))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps({"key": key, "profile": to_json(found)}, sort_keys=True))
        except OSError:
            pass  # only a cache: the next build profiles the shapes again
    return found


def load_previous(folder: Path | None) -> Previous | str:
    """The previous build's state, or why there is none to use."""
    from osce_kg.incremental import _read_manifest

    if folder is None:
        return "no previous build"
    manifest = _read_manifest(folder)
    if manifest is None or not (folder / "store").is_dir():
        return "no previous store manifest"
    state = manifest.get(STATE)
    if state is None:
        return "no previous validation state"
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        return "a validation state of another format"
    if state.get("key") != state_key():
        return "shapes, engine or code changed"
    if state.get("build") != manifest["build"] or state.get("fail_on") != "Violation":
        return "the validation state is not the store's"
    try:
        results = [ValidationResult(*row[:7], tuple(row[7])) for row in state["results"]]
        if any(not isinstance(g, str) for r in results for g in r.sources):
            raise ValueError("a result's sources are not graph names")
        found = from_json(state["profile"])
    except (TypeError, KeyError, ValueError, AttributeError, IndexError):
        return "an unreadable validation state"
    _PROFILES[state["key"]] = found
    return Previous(folder, manifest, results, found)


def validate_rebuild(kg: KnowledgeGraph, previous: Previous | str, digests: dict[str, str],
                     change: tuple | None = None, aside=None,
                     before_full: Callable[[], object] | None = None,
                     graphs: list | None = None) -> tuple[ValidationReport, str]:
    """The build's validation report (equal to `validate_graph(kg)`'s) and how it was made. `change`: what `_change`
    finds, when the caller knows it already (osce_kg/rebuild.py's patch made it). `aside` (rebuild.Aside): a graph
    in the store that is not validated, whose subjects nothing else states anything about (the previous dataset
    description); `before_full()` takes it out of the store before a validation of the whole store. `graphs`: the
    store's named graphs, when the caller knows them (the patch does)."""
    if isinstance(previous, Previous):
        started = time.perf_counter()
        try:
            done, how = _incremental(kg, previous, digests, change, aside, graphs)
        except _Fallback as exc:
            why = str(exc)
        else:
            done.timings["incremental"] = time.perf_counter() - started
            return done, how
    else:
        why = previous
    if aside is not None:
        if before_full is None:
            raise ValueError("a graph set aside in the store, and no way to take it out for a full validation")
        before_full()
    return validate_graph(kg), f"full: {why}"


class _Fallback(Exception):
    pass


def _incremental(kg: KnowledgeGraph, previous: Previous, digests: dict[str, str],
                 change: tuple | None = None, aside=None, graphs: list | None = None) -> tuple[ValidationReport, str]:
    shapes_nt = _shapes_ntriples(_shape_paths(None))
    if choose_engine("auto", None) != "shacl":
        raise _Fallback("not the shacl engine")
    shape_profile = previous.profile
    if shape_profile.unsupported:
        raise _Fallback(f"shapes not supported ({shape_profile.unsupported})")
    kg.prepare_for_query()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if change is None and aside is not None:
        raise _Fallback("no change known beside a graph set aside")
    skip = aside.subjects if aside is not None else frozenset()  # the set-aside graph's statements, by subject
    changed, graphs_moved = change or _change(kg, previous, digests)
    timings["change"] = time.perf_counter() - started
    if any(isinstance(t, ox.BlankNode) for tr in changed for t in (tr.subject, tr.object)):
        raise _Fallback("blank nodes in the change")
    if any(tr.predicate.value == SUBCLASS for tr in changed):
        raise _Fallback("rdfs:subClassOf triples in the change")
    started = time.perf_counter()
    focus = _focus_nodes(kg, changed, graphs_moved, shape_profile, skip) - skip
    graphs = list(kg.store.named_graphs()) if graphs is None else graphs
    graph_names = {g for g in graphs if isinstance(g, ox.NamedNode) and (aside is None or g != aside.graph)}
    timings["prepare"] = time.perf_counter() - started
    timings["validate"] = 0.0
    fresh: list[ValidationResult] = []
    triples = 0
    for group in _focus_groups(kg, focus):
        started = time.perf_counter()
        data = _neighbourhood(kg, group, shape_profile, graph_names, previous.manifest["quads"], skip)
        targets = shapes_targeting(shapes_nt, frozenset(shape_profile.rules), False,
                                   _focus_classes(kg, group, graph_names))
        timings["prepare"] += time.perf_counter() - started
        started = time.perf_counter()
        in_group = {_key(t) for t in group}
        fresh += [r for r in _run_rust(data, targets) if r.focus in in_group and r.shape not in shape_profile.rules]
        triples += data.count(b"\n")
        timings["validate"] += time.perf_counter() - started
        if triples > previous.manifest["quads"] * MOST_REACHED:
            raise _Fallback(f"the change reaches {triples:,}+ triples")
    started = time.perf_counter()
    keys = {_key(t) for t in focus}
    rerun = _rules_to_run(kg, changed, graphs_moved, shape_profile)
    if rerun:
        rule_data = _rule_data(kg, [shape_profile.rules[r] for r in sorted(rerun)], graph_names,
                               aside.tokens if aside is not None else frozenset())
        fresh += [r for r in _run_rust(rule_data, shapes_targeting(shapes_nt, frozenset(rerun), True))
                  if r.shape in rerun]
    timings["validate"] += time.perf_counter() - started
    kept = [r for r in previous.results
            if r.shape in shape_profile.rules and r.shape not in rerun
            or r.shape not in shape_profile.rules and r.focus not in keys]
    graphs_of = _graphs_index(kg, names=graphs)
    report = ValidationReport(fail_on="Violation", engine="shacl", timings=timings, triples=triples)
    moved = {_key(tr.subject) for tr in changed} | {_key(g) for g in graphs_moved}
    report.results = sorted({*_with_sources(kept, moved, graphs_of), *(_sourced(r, graphs_of) for r in fresh)},
                            key=sort_key)
    return report, f"incremental: {len(focus)} focus nodes, {len(rerun)} rule shapes validated again"


def _with_sources(kept: list[ValidationResult], moved: set[str], graphs_of) -> list[ValidationResult]:
    """The previous build's results kept, each with the graphs stating its focus now. Those are the graphs
    with a triple whose subject is the focus (or the focus itself, a graph with no such triple), so they can
    differ from the previous ones only for a focus in `moved`: the subject of a triple some graph gained or
    lost, or a graph that came or went. The others keep theirs (1,675 store lookups, 0.3 s of a rebuild at 1M);
    `moved` ones (a SPARQL rule's result kept while its focus's triples changed) are looked up again."""
    return [r if r.focus not in moved else _sourced(r, graphs_of) for r in kept]


def _sourced(result: ValidationResult, graphs_of) -> ValidationResult:
    return ValidationResult(**{**vars(result), "sources": tuple(graphs_of(result.focus))})


def _key(term) -> str:
    """A term as ValidationResult.focus writes it."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _change(kg: KnowledgeGraph, previous: Previous,
            digests: dict[str, str]) -> tuple[set[ox.Triple], set[ox.NamedNode]]:
    """Triples whose presence in the union may differ from the previous build's, and the graphs that came or went."""
    manifest = previous.manifest
    kept = {g for g, d in digests.items() if manifest["graphs"].get(g) == d}
    skip = {iri.dataset_graph(), iri.inferred_graph()}  # not validated: written after validation, or --infer
    changed: set[ox.Triple] = set()
    old = ox.Store.read_only(str(previous.folder / "store"))
    try:
        if any(g.value == iri.inferred_graph() for g in old.named_graphs() if isinstance(g, ox.NamedNode)):
            raise _Fallback("the previous build had inferred triples")
        old_graphs = {g for g in old.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in skip}
        new_graphs = {g for g in kg.store.named_graphs() if isinstance(g, ox.NamedNode)}
        if any(g.value in skip for g in new_graphs):
            raise _Fallback("inferred or described graphs in the store being validated")
        for graph in old_graphs | new_graphs:
            if graph.value in kept and graph in old_graphs and graph in new_graphs:
                continue
            before = {q.triple for q in old.quads_for_pattern(None, None, None, graph)} \
                if graph in old_graphs else set()
            after = {q.triple for q in kg.store.quads_for_pattern(None, None, None, graph)} \
                if graph in new_graphs else set()
            changed |= before ^ after
    finally:
        del old
    return changed, old_graphs ^ new_graphs


def _focus_nodes(kg: KnowledgeGraph, changed: set[ox.Triple], graphs_moved: set[ox.NamedNode],
                 shape_profile: ShapeProfile, skip: frozenset = frozenset()) -> set:
    """Nodes whose local-shape results may differ (see the module docstring); the walk does not pass through
    the subjects of `skip`, whose statements are not validated."""
    # a node's types are read from up to `reach` steps away, its other triples from up to `full_reach`
    retyped = {t.subject for t in changed if t.predicate == _TYPE} | graphs_moved  # a description is a type
    dirty = {t.subject for t in changed if t.predicate != _TYPE}
    focus = retyped | dirty
    for start, steps in ((dirty, shape_profile.full_reach), (retyped, shape_profile.reach)):
        reached, frontier = set(start), start
        for _ in range(steps):
            step = set()
            for node in frontier:
                step.update(q.subject for q in kg.store.quads_for_pattern(None, None, node, _DEFAULT)
                            if q.subject not in skip)
            frontier = step - reached
            reached |= step
        focus |= reached
    focus |= {t.object for t in changed if t.predicate.value in shape_profile.target_objects_of}
    focus |= {_parse(n) for n in shape_profile.target_nodes}
    return focus


def _parse(nt: str):
    from osce_kg.validation_results import parse_term

    return parse_term(nt)


def _closure(triples: set[ox.Triple]) -> set[ox.Triple]:
    """`triples` with the RDFS type closure prepare_data adds to them."""
    supers = _superclasses()
    out = set(triples)
    for t in triples:
        if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            out.update(ox.Triple(t.subject, _TYPE, ox.NamedNode(s)) for s in supers.get(t.object.value, ()))
    return out


@functools.lru_cache(maxsize=1)
def _superclasses() -> dict[str, frozenset[str]]:
    supers: dict[str, set[str]] = {}
    for cls, sup in class_hierarchy():
        supers.setdefault(cls, set()).add(sup)
    return {c: frozenset(s) for c, s in supers.items()}


def _closed_types(types: set[str]) -> set[str]:
    """`types` with their superclasses (the closure prepare_data adds)."""
    supers = _superclasses()
    out = set(types)
    for t in types:
        out |= supers.get(t, frozenset())
    return out


def _focus_groups(kg: KnowledgeGraph, focus: set) -> list[set]:
    """The focus nodes in groups validated one engine run each: a node with more than WIDE outgoing triples
    alone (the build node and the 5,020 graphs it generated: the shapes read their types, and a run shared with
    a changed page graph would validate all 5,020 graph nodes as page graphs, results thrown away), the others
    together."""
    wide = {node for node in focus if not isinstance(node, ox.Literal)
            and sum(1 for _ in itertools.islice(kg.store.quads_for_pattern(node, None, None, _DEFAULT), WIDE + 1))
            > WIDE}
    groups = [{node} for node in sorted(wide, key=str)]
    return groups + [focus - wide] if focus - wide else groups


def _focus_classes(kg: KnowledgeGraph, focus: set, graph_names: set) -> frozenset[str] | None:
    """The classes of the focus nodes (their type closure, a graph name's sd:NamedGraph included), or None
    when the data has rdfs:subClassOf triples of its own (then classes are not known from the ontology alone)."""
    if next(iter(kg.store.quads_for_pattern(None, ox.NamedNode(SUBCLASS), None, _DEFAULT)), None) is not None:
        return None
    types: set[str] = set()
    for node in focus:
        if isinstance(node, ox.Literal):
            continue
        types.update(q.object.value for q in kg.store.quads_for_pattern(node, _TYPE, None, _DEFAULT)
                     if isinstance(q.object, ox.NamedNode))
        if node in graph_names:
            types.add(SD_NAMED_GRAPH)
    return frozenset(_closed_types(types))


def _described(nodes, graph_names: set) -> set[ox.Triple]:
    return {ox.Triple(n, _TYPE, ox.NamedNode(SD_NAMED_GRAPH)) for n in nodes if n in graph_names}


def _neighbourhood(kg: KnowledgeGraph, focus: set, shape_profile: ShapeProfile, graph_names: set,
                   total: int, skip: frozenset = frozenset()) -> bytes:
    """N-Triples of what the local shapes can read of the focus nodes (see the module docstring), without the
    statements about the subjects of `skip`."""
    triples: set[ox.Triple] = set()
    level = {n for n in focus if not isinstance(n, ox.Literal)}
    seen = set(level)
    for depth in range(shape_profile.reach + 1):
        step = set()
        only = _TYPE if depth > shape_profile.full_reach else None  # beyond full_reach: a node's types only
        for node in level:
            if node in skip:
                continue
            for q in kg.store.quads_for_pattern(node, only, None, _DEFAULT):
                triples.add(q.triple)
                if depth < shape_profile.reach and only is None and not isinstance(q.object, ox.Literal):
                    step.add(q.object)
        if len(triples) > total * MOST_REACHED:
            raise _Fallback(f"the change reaches {len(triples):,}+ triples")
        level = step - seen
        seen |= step
    for pred in shape_profile.target_objects_of:
        p = ox.NamedNode(pred)
        for node in focus:
            triples.update(q.triple for q in kg.store.quads_for_pattern(None, p, node, _DEFAULT)
                           if q.subject not in skip)
    triples.update(q.triple for q in kg.store.quads_for_pattern(None, ox.NamedNode(SUBCLASS), None, _DEFAULT)
                   if q.subject not in skip)
    triples.discard(_mark_triple())
    triples = _closure(triples) | _described(seen, graph_names)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""


def _mark_triple() -> ox.Triple:
    from osce_kg.store import STORE_MARK

    return STORE_MARK.triple


def _rules_to_run(kg: KnowledgeGraph, changed: set[ox.Triple], graphs_moved: set,
                  shape_profile: ShapeProfile) -> set[str]:
    """The rule shapes a changed triple (with its type closure and graph descriptions) can match."""
    seen = {(t.predicate.value, None) for t in changed}
    seen |= {(RDF_TYPE, cls) for cls in _classes_changed(kg, changed)}
    if graphs_moved:  # a graph that came or went: its description (`a sd:NamedGraph`) did too
        seen |= {(RDF_TYPE, None), (RDF_TYPE, SD_NAMED_GRAPH)}
    return {name for name, rule in shape_profile.rules.items()
            if any(sig in seen if sig[1] is not None else (sig[0], None) in seen for sig in rule.signatures)}


def _classes_changed(kg: KnowledgeGraph, changed: set[ox.Triple]) -> set[str]:
    """The classes C for which some node's `rdf:type C` in the type closure differs from the previous build's:
    a page whose kind changed (osce:NavigationOnlyPage -> osce:SourcePage) is an osce:SourcePage in both, and
    does not make a rule about source pages run again."""
    by_subject: dict = {}
    for t in changed:
        if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            by_subject.setdefault(t.subject, []).append(t)
    classes: set[str] = set()
    for subject, triples in by_subject.items():
        now = {q.object.value for q in kg.store.quads_for_pattern(subject, _TYPE, None, _DEFAULT)
               if isinstance(q.object, ox.NamedNode)}
        gone = {t.object.value for t in triples} - now  # in the change, not in the union now: removed
        came = {t.object.value for t in triples} & now
        classes |= _closed_types(now) ^ _closed_types((now - came) | gone)
    return classes


def _rule_data(kg: KnowledgeGraph, rules: list, graph_names: set, skip: frozenset[bytes] = frozenset()) -> bytes:
    """N-Triples of every triple of the validation data the rules can read (their signatures), without the lines
    whose subject (as N-Triples writes it) is in `skip`."""
    subclasses: dict[str, set[str]] = {}
    for cls, sup in class_hierarchy():
        subclasses.setdefault(sup, set()).add(cls)
    predicates = sorted({p for r in rules for p, c in r.signatures if p != RDF_TYPE} | {SUBCLASS})
    classes = {c for r in rules for p, c in r.signatures if p == RDF_TYPE and c is not None}
    any_type = any(p == RDF_TYPE and c is None for r in rules for p, c in r.signatures)
    chunks = []
    for p in predicates:
        chunks.append(kg.store.query(f"CONSTRUCT {{ ?s <{p}> ?o }} WHERE {{ ?s <{p}> ?o }}")
                      .serialize(format=ox.RdfFormat.N_TRIPLES))
    if any_type:
        wanted = None
    else:
        wanted = set(classes)
        for c in classes:
            wanted |= subclasses.get(c, set())
    # the type triples and their RDFS closure, straight from the store as N-Triples (no Python object each)
    only = "" if wanted is None else "VALUES ?c { " + " ".join(f"<{c}>" for c in sorted(wanted)) + " } "
    supers = " ".join(f"(<{c}> <{s}>)" for c, s in class_hierarchy()
                      if wanted is None or c in wanted)
    chunks.append(kg.store.query(f"CONSTRUCT {{ ?s a ?c }} WHERE {{ {only}?s a ?c }}")
                  .serialize(format=ox.RdfFormat.N_TRIPLES))
    if supers:
        chunks.append(kg.store.query(f"CONSTRUCT {{ ?s a ?super }} WHERE {{ VALUES (?c ?super) {{ {supers} }} "
                                     "?s a ?c }").serialize(format=ox.RdfFormat.N_TRIPLES))
    if skip:
        chunks = [b"".join(line for line in chunk.splitlines(keepends=True) if line.split(b" ", 1)[0] not in skip)
                  for chunk in chunks]
    if any_type or SD_NAMED_GRAPH in classes:
        described = _described(graph_names, graph_names)
        chunks.append(ox.serialize(described, format=ox.RdfFormat.N_TRIPLES) if described else b"")
    return b"".join(chunks)


if __name__ == "__main__":  # python -m osce_kg.incremental_validation: write the shipped profile again
    SHIPPED_PROFILE.write_text(shipped_profile_text(), encoding="utf-8")
