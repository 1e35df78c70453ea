"""Layering: no import cycle among the osce_kg and mappings modules (imports inside functions count too),
and no `print` in library modules (the CLI prints; the library reports through callbacks and return values)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from tests.conftest import parsed_module

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("osce_kg", "mappings")
# Modules whose job is to write to the terminal.
PRINTING = ("osce_kg/cli/",)  # (bench/ is outside the packages scanned here)
# with the other readers of the project's code, which share its parsed modules (conftest.parsed_module)
pytestmark = pytest.mark.xdist_group("project-code")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if parts[0] == "mappings":  # installed as osce_kg.mappings (pyproject's package-dir), imported so
        parts.insert(0, "osce_kg")
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Project modules `path` imports anywhere in it (top level or inside functions)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(parsed_module(path)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            if target == "mappings" or target.startswith("mappings."):
                target = "osce_kg." + target
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def native_modules() -> set[str]:
    """Compiled modules (osce_kg/_native.c): imported by name, importing nothing of the project."""
    return {module_name(p) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.c"))}


@functools.cache
def import_graph() -> dict[str, frozenset[str]]:
    mods = modules()
    native = native_modules()
    known = set(mods) | native
    return {name: frozenset(imports(path, name, known)) for name, path in mods.items()} | dict.fromkeys(
        native, frozenset())


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_among_project_modules():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_and_the_graph_sees_imports_inside_functions():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    graph = import_graph()
    assert "osce_kg.iri" in graph["osce_kg.rdf"]
    assert "osce_kg._native" in graph["osce_kg.export.base"] and "osce_kg" not in graph["osce_kg.export.base"]
    assert all(target in graph for targets in graph.values() for target in targets)


def test_no_print_in_library_modules():
    offenders = []
    for path in modules().values():
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(PRINTING):
            continue
        for node in ast.walk(parsed_module(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []
