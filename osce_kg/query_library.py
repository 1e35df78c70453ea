"""The library of named queries: one `.rq` file per question in queries/, with a metadata header.

Header lines at the top of the file, before the SPARQL:
    # title: Participating States with their admission dates
    # description: one or more lines
    # param: lang (language) = en : language of the names
    # example: osce-kg query participating-states --param lang=fr

A parameter is a SPARQL variable of the query (`?lang`). Its value is checked against its declared type
(`language`, `iri`, `integer`, `year` or `string`) and bound as an RDF term, never pasted into the text:
`VALUES ?p { term }` (the term written by pyoxigraph) at the start of each group that uses it, the same
locally and on an endpoint (pyoxigraph's own substitutions need the variable projected).

Every library query reads the graphs it means (`GRAPH ?g { ... }`) and de-duplicates, so it returns the
same rows on the embedded store, on a server with no union default graph and on one whose default graph
is the union as a bag (docs/queries.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from osce_kg.sparql import _TOKENS, QueryError, QueryResult, run_local, run_remote
from osce_kg.store import KnowledgeGraph

_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*(?:\((\w+)\))?\s*=\s*(\S*)\s*(?::\s*(.*))?$")
XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("language", "iri", "integer", "year", "string")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass
class Param:
    name: str
    type: str = "string"
    default: str = ""
    description: str = ""

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The value as an RDF term of the declared type; ValueError (a usage error) when it is not one."""
        bad = f"parameter {self.name} must be {'an' if self.type[0] in 'aeiou' else 'a'} {self.type}, got {value!r}"
        if self.type == "language":
            if not _LANGUAGE.match(value):
                raise ValueError(bad + " (a language tag such as en or fr)")
            return ox.Literal(value.lower())
        if self.type == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", value):
                raise ValueError(bad)
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise ValueError(bad) from None
        if self.type in ("integer", "year"):
            if not re.match(r"^[+-]?\d{1,18}$", value) or (self.type == "year" and not re.match(r"^\d{4}$", value)):
                raise ValueError(bad + (" (four digits)" if self.type == "year" else ""))
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        return ox.Literal(value)


@dataclass
class NamedQuery:
    name: str
    sparql: str
    title: str = ""
    description: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def terms(self, values: dict[str, str] | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
        """Each parameter's value (given or default) as an RDF term; ValueError on unknown names or bad values."""
        values = values or {}
        unknown = set(values) - set(self.params)
        if unknown:
            known = ", ".join(self.params) or "none"
            raise ValueError(f"query {self.name} has no parameter(s) {', '.join(sorted(unknown))} (known: {known})")
        return {n: p.term(values.get(n, p.default)) for n, p in self.params.items()}

    def with_values(self, values: dict[str, str] | None = None) -> str:
        """The SPARQL with the parameters bound by a VALUES block (for endpoints)."""
        return values_block(self.sparql, self.terms(values))

    def describe(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [vars(p) for p in self.params.values()], "examples": self.examples}


def values_block(sparql: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Bind each parameter with `VALUES ?p { term }` at the start of the nearest group around each use.

    The terms are written by pyoxigraph (N-Triples syntax, escaped), so a value cannot break out of its term.
    Not once at the top: Virtuoso does not see an outer binding in an OPTIONAL's FILTER, and a sub-select
    sees only its own variables."""
    if not terms:
        return sparql
    groups = _binding_groups(sparql, frozenset(terms))
    out, last = [], 0
    for opened, names in groups:
        out.append(sparql[last:opened])
        out.append(" " + " ".join(f"VALUES ?{n} {{ {terms[n]} }}" for n in names))
        last = opened
    out.append(sparql[last:])
    return "".join(out)


@lru_cache(maxsize=256)
def _binding_groups(sparql: str, names: frozenset[str]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Where `values_block` binds: (offset after a group's '{', sorted parameter names used in it), in text
    order. Cached: a named query is bound again and again with new values, its text never changes."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKENS.finditer(sparql)]
    stack: list[tuple[int, bool]] = []  # (end offset of the '{', is a group pattern)
    groups: list[tuple[int, set[str]]] = []
    used_in: dict[int, set[str]] = {}
    previous: list[str] = []
    for i, (text, _, end) in enumerate(tokens):
        word = text.upper()
        if text == "{":
            # not a group to bind in: a CONSTRUCT template, the data block of VALUES ?x { / VALUES (?x ?y) {,
            # or the braces around a sub-select (its own WHERE group is bound instead)
            data = (previous[-1:] == ["CONSTRUCT"] or (previous[-2:-1] == ["VALUES"])
                    or (previous[-1:] == [")"] and "VALUES" in previous[-12:] and "(" in previous[-12:])
                    or (i + 1 < len(tokens) and tokens[i + 1][0].upper() == "SELECT")
                    or previous[-2:-1] == ["GRAPH"])  # bind around a GRAPH block, not inside it
            stack.append((end, not data))
            used_in[end] = set()
        elif text == "}" and stack:
            opened, is_group = stack.pop()
            if is_group and used_in[opened]:
                groups.append((opened, used_in[opened]))
        elif text[0] in "?$" and text[1:] in names:
            # the nearest enclosing group: its VALUES is in scope wherever the variable is used there
            opened = next((o for o, is_group in reversed(stack) if is_group), None)
            if opened is not None:
                used_in[opened].add(text[1:])
        previous.append(word if text[0] not in "?$" else "?")
    if not groups:
        raise QueryError("cannot bind parameters: the query does not use them in a group")
    return tuple((opened, tuple(sorted(used))) for opened, used in sorted(groups))


def parse_query(name: str, text: str) -> NamedQuery:
    query = NamedQuery(name=name, sparql=text)
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "title":
            query.title = value
        elif key == "description":
            query.description = (query.description + " " + value).strip()
        elif key == "example":
            query.examples.append(value)
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or (pm.group(2) or "string") not in PARAM_TYPES:
                raise ValueError(f"query {name}: bad parameter line {value!r} (NAME (TYPE) = DEFAULT : text; "
                                 f"types {', '.join(PARAM_TYPES)})")
            query.params[pm.group(1)] = Param(pm.group(1), pm.group(2) or "string", pm.group(3), pm.group(4) or "")
    return query


def library() -> dict[str, NamedQuery]:
    folder = resources.files("osce_kg.queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_query(name, entry.read_text("utf-8"))
    return out


def resolve(name_or_path: str) -> NamedQuery:
    """A named query from the library, or a .rq file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse_query(path.stem, path.read_text("utf-8"))
    queries = library()
    if name_or_path not in queries:
        raise KeyError(f"no query named {name_or_path!r}; known: {', '.join(queries)}")
    return queries[name_or_path]


def execute(query: NamedQuery, values: dict[str, str] | None = None, *, kg: KnowledgeGraph | None = None,
            endpoint: str | None = None, timeout: float = 30.0, allow_federation: bool = False) -> QueryResult:
    """Run a named (or ad-hoc) query with typed parameters on a store or an endpoint."""
    sparql = values_block(query.sparql, query.terms(values))
    if endpoint:
        return run_remote(endpoint, sparql, timeout=timeout)
    if kg is None:
        raise ValueError("execute needs a store (kg) or an endpoint")
    kg.prepare_for_query()
    return run_local(kg.store, sparql, allow_federation=allow_federation)


def run_named(kg: KnowledgeGraph, name: str, **params: str) -> list[dict[str, str]]:
    """Run a named SELECT query on a store; rows as dicts of lexical values."""
    return execute(resolve(name), params, kg=kg).rows()
