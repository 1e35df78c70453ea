"""What changed between two builds (or two RDF files): added and removed quads per named graph and per
entity, as text, JSON, or a SPARQL 1.1 Update patch that turns OLD into NEW exactly.

Quads are compared as a set, by value (pyoxigraph terms). Blank nodes cannot be named in a SPARQL
`DELETE DATA` (and `INSERT DATA` would mint new ones), so a patch is refused when a changed quad has one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

# A build folder is read through its most complete RDF output: N-Quads, else TriG, else JSON-LD.
_BUILD_FILES = ("osce.nq", "osce.trig", "osce.jsonld")


class DiffError(ValueError):
    """Input that cannot be compared or patched (one line, names the file)."""


def load_quads(path: str | Path, format: ox.RdfFormat | None = None) -> set[ox.Quad]:
    """The quads of a build folder or an RDF file."""
    path = Path(path)
    if path.is_dir():
        found = next((path / name for name in _BUILD_FILES if (path / name).is_file()), None)
        if found is None:
            raise DiffError(f"{path}: a folder with no build output ({', '.join(_BUILD_FILES)})")
        path = found
    if not path.is_file():
        raise DiffError(f"{path}: no such file or folder")
    fmt = format or (ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None)
    if fmt is None:
        raise DiffError(f"{path}: unknown RDF file extension {path.suffix!r}; give --input-format")
    try:
        return set(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise DiffError(f"{path}: cannot read as {fmt}: {exc}") from None


def _graph_key(graph) -> str:
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (_graph_key(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


@dataclass
class Diff:
    added: list[ox.Quad]
    removed: list[ox.Quad]

    @classmethod
    def between(cls, old: set[ox.Quad], new: set[ox.Quad]) -> Diff:
        return cls(sorted(new - old, key=_quad_key), sorted(old - new, key=_quad_key))

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def by_graph(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"added": 0, "removed": 0})
        for change, quads in (("added", self.added), ("removed", self.removed)):
            for q in quads:
                counts[_graph_key(q.graph_name) or "(default graph)"][change] += 1
        return dict(sorted(counts.items()))

    def by_entity(self) -> dict[str, dict[str, list[list[str]]]]:
        """Subject -> {"added": [[predicate, object, graph]], "removed": [...]}, terms in N-Triples syntax."""
        entities: dict[str, dict[str, list]] = defaultdict(lambda: {"added": [], "removed": []})
        for change, quads in (("added", self.added), ("removed", self.removed)):
            for q in quads:
                entities[str(q.subject)][change].append([str(q.predicate), str(q.object), _graph_key(q.graph_name)])
        return dict(sorted(entities.items()))

    def to_json(self) -> str:
        doc = {"added": len(self.added), "removed": len(self.removed), "graphs": self.by_graph(),
               "entities": self.by_entity()}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

    def to_text(self, old_name: str = "OLD", new_name: str = "NEW") -> str:
        graphs = self.by_graph()
        lines = [f"{old_name} -> {new_name}: +{len(self.added)} -{len(self.removed)} quads in {len(graphs)} graphs, "
                 f"{len(self.by_entity())} entities"]
        for graph, counts in graphs.items():
            lines.append(f"graph {graph}: +{counts['added']} -{counts['removed']}")
        for subject, changes in self.by_entity().items():
            lines.append("")
            lines.append(subject)
            for sign, change in (("-", "removed"), ("+", "added")):
                for predicate, obj, graph in changes[change]:
                    lines.append(f"  {sign} {predicate} {obj}" + (f"  [{graph}]" if graph else ""))
        return "\n".join(lines) + "\n"

    def to_sparql(self) -> str:
        """A SPARQL 1.1 Update that, applied to OLD, gives NEW: DELETE DATA then INSERT DATA."""
        for q in self.added + self.removed:
            if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name)):
                raise DiffError(f"a changed quad has a blank node ({q.subject} {q.predicate} {q.object}): "
                                "SPARQL DATA operations cannot name it, so no exact patch exists")
        ops = []
        for keyword, quads in (("DELETE DATA", self.removed), ("INSERT DATA", self.added)):
            if quads:
                ops.append(f"{keyword} {{\n{_data_block(quads)}}}")
        return (" ;\n".join(ops) + "\n") if ops else ""


def _data_block(quads: list[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        by_graph[_graph_key(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for graph in sorted(by_graph):
        body = "".join(f"    {t}\n" for t in by_graph[graph])
        parts.append(f"  GRAPH {graph} {{\n{body}  }}\n" if graph else body)
    return "".join(parts)
