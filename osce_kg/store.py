"""The store: one small interface over pyoxigraph (the only module that knows the engine).

Quads go in, SPARQL comes out, and callers who want rdflib get an rdflib Dataset or Graph on request.
The default graph of a query is the union of all named graphs, so a query need not name the graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox


class KnowledgeGraph:
    def __init__(self, path: str | Path | None = None):
        """An in-memory store, or an on-disk one at `path` (created if missing)."""
        self.store = ox.Store(str(path)) if path else ox.Store()

    # -- loading ---------------------------------------------------------------------------------
    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.store.extend(quads)

    def load_file(self, path: str | Path, graph: str | None = None) -> None:
        """Load an RDF file (format from its extension: .nq .trig .ttl .nt .jsonld .rdf)."""
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
        if fmt is None:
            raise ValueError(f"{path}: unknown RDF file extension {path.suffix!r}")
        kwargs = {}
        if graph and not fmt.supports_datasets:
            kwargs["to_graph"] = ox.NamedNode(graph)
        with path.open("rb") as fh:
            self.store.bulk_load(fh, format=fmt, **kwargs)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> KnowledgeGraph:
        kg = cls()
        for path in paths:
            kg.load_file(path)
        return kg

    # -- reading ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.store)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self.store.quads_for_pattern(None, None, None, g)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, **kwargs):
        """Run SPARQL with the union of all graphs as the default graph."""
        return self.store.query(sparql, use_default_graph_as_union=True, **kwargs)

    def select(self, sparql: str) -> list[dict[str, str]]:
        """SELECT results as plain dicts of strings (lexical values), handy in tests and scripts."""
        return self.table(sparql)[1]

    def table(self, sparql: str) -> tuple[list[str], list[dict[str, str]]]:
        """SELECT results as (column names, rows of lexical values); unbound values are left out of a row."""
        result = self.query(sparql)
        columns = [v.value for v in result.variables]
        rows = [{c: s[c].value for c in columns if s[c] is not None} for s in result]
        return columns, rows

    def ask(self, sparql: str) -> bool:
        return bool(self.query(sparql))

    # -- rdflib views ----------------------------------------------------------------------------
    def to_rdflib_dataset(self):
        import rdflib

        ds = rdflib.Dataset()
        data = self.store.dump(format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def to_rdflib_graph(self, graph: str | None = None):
        """The union of all graphs (or one graph) as an rdflib Graph."""
        import rdflib

        g = rdflib.Graph()
        quads = self.quads(graph)
        data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
        g.parse(data=data.decode("utf-8"), format="nt")
        return g
