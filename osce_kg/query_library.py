"""The library of named queries: one `.rq` file per question in queries/, with a metadata header.

Header lines at the top of the file, before the SPARQL:
    # title: Participating States with their admission dates
    # description: one or more lines
    # param: lang = en      (a $lang / ?lang placeholder, replaced by a literal before running)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from osce_kg.store import KnowledgeGraph

_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")


@dataclass
class NamedQuery:
    name: str
    sparql: str
    title: str = ""
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The SPARQL with each `$param` replaced by a string literal (defaults where not given)."""
        merged = {**self.params, **(values or {})}
        unknown = set(values or {}) - set(self.params)
        if unknown:
            raise ValueError(f"query {self.name} has no parameter(s) {', '.join(sorted(unknown))}")
        text = self.sparql
        for name, value in merged.items():
            literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            text = re.sub(r"\$" + re.escape(name) + r"\b", literal, text)
        return text


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
        elif key == "param":
            pname, _, default = value.partition("=")
            query.params[pname.strip()] = default.strip()
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


def run_named(kg: KnowledgeGraph, name: str, **params: str) -> list[dict[str, str]]:
    """Run a named query on a store; rows as dicts of lexical values."""
    return kg.select(resolve(name).bind(params))
