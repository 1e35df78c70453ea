"""SHACL validation: pySHACL as the reference engine, the `shacl` (Rust) engine as a faster one, one report.

Both engines see the same data graph, prepared once (`prepare_data`):
- the union of all graphs of the store;
- the RDFS type closure over the ontology's class hierarchy (rdfs9 + rdfs11), materialised with one SPARQL
  UPDATE (or, for a build's union given as text, from its rdf:type lines), so subclass targets and sh:class
  see the hierarchy without an OWL-RL reasoner;
- an `sd:NamedGraph` description of each named graph, so shapes can check that every graph has provenance.

`engine="auto"` picks the Rust engine only for the bundled profile and only in a version whose results
tests/test_validate_engines.py has shown equal to pySHACL's (`VERIFIED_SHACL_VERSIONS`); user shapes and
any other version go to pySHACL. Each result names the graphs (source pages, registry files) that hold the
offending node.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from osce_kg.store import KnowledgeGraph, predicate_lines

# re-exported: callers import the report types from here
from osce_kg.validation_results import SEVERITIES, ValidationReport, ValidationResult, sort_key  # noqa: F401
from osce_kg.validation_results import parse_term as _parse_term

ENGINES = ("auto", "pyshacl", "shacl")
# shacl (PyPI, Rust) versions whose results equal pySHACL's on the bundled profile and its fixtures.
VERIFIED_SHACL_VERSIONS = ("0.3.4",)
SD_NAMED_GRAPH = "http://www.w3.org/ns/sparql-service-description#NamedGraph"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
# named graph that holds the entailed types and graph descriptions while a build's store is validated
SCRATCH_GRAPH = "urn:osce-kg:validation-data"


class ValidationError(Exception):
    """Shapes or data that cannot be read; the message names the file."""


def ontology_path(name: str) -> Path:
    return Path(str(resources.files("osce_kg.ontology").joinpath(name)))


def default_shapes() -> list[Path]:
    return list(_default_shapes())


@functools.lru_cache(maxsize=1)
def _default_shapes() -> tuple[Path, ...]:
    """The bundled shapes files, listed once per process: a rebuild's validation runs in a thread beside Python
    work, where each file-system call waits for the GIL to come back."""
    return tuple(sorted(ontology_path("").glob("shapes*.ttl")))


# -- data preparation ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def class_hierarchy() -> tuple[tuple[str, str], ...]:
    """(class, superclass) pairs of the ontology, transitively closed."""
    store = ox.Store()
    store.load(path=str(ontology_path("osce.ttl")), format=ox.RdfFormat.TURTLE)
    direct: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(SUBCLASS), None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            direct.setdefault(q.subject.value, set()).add(q.object.value)
    pairs = set()
    for cls in direct:
        stack, seen = list(direct[cls]), set()
        while stack:
            sup = stack.pop()
            if sup in seen or sup == cls:
                continue
            seen.add(sup)
            pairs.add((cls, sup))
            stack.extend(direct.get(sup, ()))
    return tuple(sorted(pairs))


def _closure_update(graph: str | None = None) -> str:
    """The RDFS type closure as one SPARQL UPDATE over the default graph: the new types go into `graph` (else
    the default graph), and only those not stated already."""
    values = " ".join(f"(<{c}> <{s}>)" for c, s in class_hierarchy())
    target = f"GRAPH <{graph}> {{ ?x a ?super }}" if graph else "?x a ?super"
    return (f"INSERT {{ {target} }} WHERE {{ VALUES (?class ?super) {{ {values} }} ?x a ?class "
            "FILTER NOT EXISTS { ?x a ?super } }")


_TYPED = re.compile(rb"^(\S+) <" + re.escape(RDF_TYPE.encode()) + rb"> (<[^>]*>) \.$", re.MULTILINE)


def _entailed_lines(union: bytes, graphs: Iterable[ox.NamedNode | ox.BlankNode]) -> bytes:
    """What the closure update and the graph descriptions add, from the union's N-Triples (each triple once, no
    blank node): the types the class hierarchy entails and `graphs`' sd:NamedGraph types, as N-Triples lines,
    sorted, each once and none the union states. At 1M quads 0.1 s, where the update over the named graphs of
    a store without its union materialised took 0.56 s."""
    types: dict[bytes, set[bytes]] = {}
    for subject, cls in _TYPED.findall(predicate_lines(union, RDF_TYPE)):
        types.setdefault(subject, set()).add(cls)
    supers: dict[bytes, list[bytes]] = {}
    for cls, sup in class_hierarchy():
        supers.setdefault(f"<{cls}>".encode(), []).append(f"<{sup}>".encode())
    entailed = {(subject, sup) for subject, classes in types.items() for cls in classes
                for sup in supers.get(cls, ()) if sup not in classes}
    named = f"<{SD_NAMED_GRAPH}>".encode()
    entailed |= {(term, named) for g in graphs if isinstance(g, ox.NamedNode)
                 if named not in types.get(term := str(g).encode(), ())}
    middle = f" <{RDF_TYPE}> ".encode()
    return b"".join(subject + middle + cls + b" .\n" for subject, cls in sorted(entailed))


def _graph_descriptions(kg: KnowledgeGraph) -> list[ox.Quad]:
    return [ox.Quad(g, ox.NamedNode(RDF_TYPE), ox.NamedNode(SD_NAMED_GRAPH), ox.DefaultGraph())
            for g in kg.named_graphs() if isinstance(g, ox.NamedNode)]


def prepare_data(kg: KnowledgeGraph, union_text: Callable[[], bytes] | None = None) -> bytes:
    """N-Triples of what the shapes see (see the module docstring), each triple once.

    A build gives its union as text (`union_text`, each triple once, as the default graph would be dumped),
    not materialised in the store: the extra triples come from that text's rdf:type lines. A store being built
    otherwise holds the union in its default graph, so the extra triples are made there, in a scratch named
    graph, dumped beside the union and dropped: nothing is copied and no Python object is made per triple
    (`union_text`, if given, is then that union dumped already). Another store (read-only, or with a default
    graph of its own) is copied into a new one first, graph by graph."""
    if kg.can_hold_union() and union_text is not None and kg.union_graph() is None:
        union = union_text()  # the union not in the store (a build's, made from text): the rest from the text too
        return union + _entailed_lines(union, kg.named_graphs())
    if kg.can_hold_union():
        kg.prepare_for_query()
        scratch = ox.NamedNode(SCRATCH_GRAPH)
        described = _graph_descriptions(kg)
        kg.store.update(_closure_update(SCRATCH_GRAPH))
        kg.store.extend(ox.Quad(q.subject, q.predicate, q.object, scratch) for q in described if q not in kg.store)
        try:
            union = union_text() if union_text is not None else \
                kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            return union + kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=scratch)
        finally:
            kg.store.remove_graph(scratch)
    data = ox.Store()
    # one load of every graph's triples, so that a blank node shared by two graphs stays one node
    data.load(b"".join(kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                       for graph in [ox.DefaultGraph(), *kg.store.named_graphs()]), format=ox.RdfFormat.N_TRIPLES)
    data.extend(_graph_descriptions(kg))
    data.update(_closure_update())
    return data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


# -- engines --------------------------------------------------------------------------------------------


def _shape_paths(shapes: Iterable[str | Path] | None) -> tuple[str, ...]:
    if not shapes:
        return tuple(str(p) for p in _default_shapes())  # found where they are
    paths = tuple(str(p) for p in shapes)
    for p in paths:
        if not Path(p).is_file():
            raise ValidationError(f"{p}: no such shapes file")
    return paths


@functools.lru_cache(maxsize=8)
def _shapes_ntriples(paths: tuple[str, ...]) -> bytes:
    store = ox.Store()
    for p in paths:
        try:
            store.load(path=p, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        except (SyntaxError, ValueError, OSError) as exc:
            raise ValidationError(f"{p}: cannot read shapes: {exc}") from exc
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def shacl_engine_version() -> str | None:
    try:
        import shacl
    except ImportError:
        return None
    return getattr(shacl, "__version__", None)


def choose_engine(engine: str, shapes: Iterable[str | Path] | None) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine != "auto":
        if engine == "shacl" and shacl_engine_version() is None:
            raise ValidationError("the 'shacl' engine is not installed (pip install 'shacl>=0.3.4')")
        return engine
    bundled = {str(p) for p in _default_shapes()}
    if (shapes is None or {str(p) for p in shapes} <= bundled) and shacl_engine_version() in VERIFIED_SHACL_VERSIONS:
        return "shacl"
    return "pyshacl"


def _value(nt: str) -> str:
    """Normal form of a result value; blank node labels are engine-local, so they all read `_:blank`."""
    term = _parse_term(nt)
    return "_:blank" if isinstance(term, ox.BlankNode) else str(term)


def _iri_or_nt(nt: str | None) -> str | None:
    if nt is None:
        return None
    term = _parse_term(nt)
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _run_pyshacl(data: bytes, shapes: bytes) -> list[ValidationResult]:
    import rdflib
    from pyshacl import validate
    from rdflib.namespace import SH

    data_graph = rdflib.Graph().parse(data=data, format="nt")
    shapes_graph = rdflib.Graph().parse(data=shapes, format="nt")
    _, report, _ = validate(data_graph, shacl_graph=shapes_graph, inference="none", advanced=True,
                            allow_warnings=True, allow_infos=True)
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        def term(pred, result=result):
            value = report.value(result, pred)
            if value is None or isinstance(value, rdflib.BNode):
                return None
            return _iri_or_nt(value.n3())

        value = report.value(result, SH.value)
        out.append(ValidationResult(
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=term(SH.focusNode) or "",
            path=term(SH.resultPath),
            value=None if value is None else _value(value.n3()),
            message=str(report.value(result, SH.resultMessage) or ""),
            shape=term(SH.sourceShape),
            constraint=str(report.value(result, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1],
        ))
    return out


@functools.lru_cache(maxsize=8)
def _rust_shapes(shapes: bytes):
    import shacl

    return shacl.Shapes.from_text(shapes.decode(), format="ntriples")


def _run_rust(data: bytes, shapes: bytes) -> list[ValidationResult]:
    report = _rust_shapes(shapes).validate_text(data.decode(), format="ntriples", allow_warnings=True)
    out = []
    for r in report.results:
        shape = r.source_shape
        out.append(ValidationResult(
            severity=r.severity,
            focus=_iri_or_nt(r.focus_node) or "",
            path=_iri_or_nt(r.path) if r.path and r.path.startswith("<") and r.path.endswith(">") else r.path,
            value=None if r.value is None else _value(r.value),
            message=r.message or "",
            shape=_iri_or_nt(shape) if shape and shape.startswith("<") else None,
            constraint=r.component,
        ))
    return out


def validate_graph(kg: KnowledgeGraph, shapes: Iterable[str | Path] | None = None, fail_on: str = "Violation",
                   engine: str = "auto") -> ValidationReport:
    """Validate a store against the bundled profile (or `shapes`), with the engine `engine` chooses."""
    chosen, shapes_nt, data, timings = _prepare(kg, shapes, engine)
    started = time.perf_counter()
    results = _run(chosen, data, shapes_nt)
    timings["validate"] = time.perf_counter() - started
    return _report(kg, chosen, data, results, fail_on, timings)


def start_validation(kg: KnowledgeGraph, shapes: Iterable[str | Path] | None = None, fail_on: str = "Violation",
                     engine: str = "auto", union_text: Callable[[], bytes] | None = None
                     ) -> Callable[[], ValidationReport]:
    """`validate_graph` in two steps, so that other work runs while the engine does: the data is prepared now,
    the engine runs in a thread (the `shacl` engine leaves the GIL), and the function returned waits for it and
    gives the same report. The store may gain graphs in between (a build's dataset description): the results'
    `sources` name only graphs the store had when the data was prepared. `union_text`: as prepare_data's."""
    chosen, shapes_nt, data, timings = _prepare(kg, shapes, engine, union_text)
    graphs = set(kg.named_graphs())
    outcome: dict[str, object] = {}

    def run() -> None:
        started = time.perf_counter()
        try:
            outcome["results"] = _run(chosen, data, shapes_nt)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread, by finish()
            outcome["error"] = exc
        timings["validate"] = time.perf_counter() - started

    thread = threading.Thread(target=run, name="validate", daemon=True)
    thread.start()

    def finish() -> ValidationReport:
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return _report(kg, chosen, data, outcome["results"], fail_on, timings, graphs)

    return finish


def _prepare(kg: KnowledgeGraph, shapes: Iterable[str | Path] | None, engine: str,
             union_text: Callable[[], bytes] | None = None) -> tuple[str, bytes, bytes, dict[str, float]]:
    shape_list = list(shapes) if shapes else None
    chosen = choose_engine(engine, shape_list)
    started = time.perf_counter()
    shapes_nt = _shapes_ntriples(_shape_paths(shape_list))
    data = prepare_data(kg, union_text)
    return chosen, shapes_nt, data, {"prepare": time.perf_counter() - started}


def _run(chosen: str, data: bytes, shapes_nt: bytes) -> list[ValidationResult]:
    return _run_rust(data, shapes_nt) if chosen == "shacl" else _run_pyshacl(data, shapes_nt)


def _report(kg: KnowledgeGraph, chosen: str, data: bytes, results: list[ValidationResult], fail_on: str,
            timings: dict[str, float], graphs: set | None = None) -> ValidationReport:
    report = ValidationReport(fail_on=fail_on, engine=chosen, timings=timings, triples=data.count(b"\n"))
    graphs_of = _graphs_index(kg, graphs, {r.focus for r in results})
    report.results = sorted(
        {ValidationResult(**{**vars(r), "sources": tuple(graphs_of(r.focus))}) for r in results},
        key=sort_key,
    )
    return report


_NODE_PREFIXES = ("http://", "https://", "urn:")  # a focus node named by an IRI a graph may state things about


def _node(iri: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def _graphs_index(kg: KnowledgeGraph, graphs: set | None = None, focuses: Iterable[str] = (),
                  names: Iterable | None = None):
    """focus -> the named graphs stating it (of `graphs` only, when given). `focuses`: those asked for soon,
    looked up at once (held text is read in one pass for all of them). `names`: the store's named graphs, when
    the caller knows them."""
    graph_names = {g.value for g in graphs or (kg.named_graphs() if names is None else names)
                   if isinstance(g, ox.NamedNode)}
    nodes = [_node(f) for f in sorted(focuses) if f.startswith(_NODE_PREFIXES)]
    nodes = [node for node in nodes if node is not None]
    stating: dict[str, set[str]] = {node.value: set() for node in nodes}
    for q in kg.quads_about(nodes) if nodes else ():
        if isinstance(q.graph_name, ox.NamedNode) and (graphs is None or q.graph_name in graphs):
            stating[q.subject.value].add(q.graph_name.value)

    @functools.cache
    def graphs_of(focus: str) -> list[str]:
        if not focus.startswith(_NODE_PREFIXES):
            return []
        if focus in stating:
            found = stating[focus]
        else:
            found = {q.graph_name.value for q in kg.quads_about([ox.NamedNode(focus)])
                     if isinstance(q.graph_name, ox.NamedNode) and (graphs is None or q.graph_name in graphs)}
        if not found and focus in graph_names:
            found = {focus}
        return sorted(found)

    return graphs_of


def compare(a: Sequence[ValidationResult], b: Sequence[ValidationResult]) -> tuple[list, list]:
    """Results only in `a`, only in `b` (by `ValidationResult.key`)."""
    ka, kb = {r.key() for r in a}, {r.key() for r in b}
    return sorted(ka - kb), sorted(kb - ka)
