"""Who may read what: environment variables only in osce_kg/settings.py; the registry's CSV layout (column
names, file names, raw rows) only in its loader, osce_kg/registry.py. Each checker is shown to catch a sample."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from tests.conftest import parsed_module

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("osce_kg", "mappings")
ENV_READER = "osce_kg/settings.py"
REGISTRY_LOADER = "osce_kg/registry.py"
ENV_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
# with the other readers of the project's code, which share its parsed modules (conftest.parsed_module)
pytestmark = pytest.mark.xdist_group("project-code")


@functools.cache
def trees() -> dict[str, ast.Module]:
    return {p.relative_to(ROOT).as_posix(): parsed_module(p)
            for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def env_uses(source: str | ast.Module) -> list[int]:
    """Lines that touch the process environment: os.environ / os.getenv / ..., or import them from os."""
    found = []
    for node in ast.walk(ast.parse(source) if isinstance(source, str) else source):
        if isinstance(node, ast.Attribute) and node.attr in ENV_NAMES:
            found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(a.name in ENV_NAMES for a in node.names):
            found.append(node.lineno)
    return found


def registry_file_names() -> set[str]:
    from osce_kg.registry import FILES

    return set(FILES)


def csv_layout_uses(source: str | ast.Module, files: set[str]) -> list[int]:
    """Lines that read a raw registry row (`x.row`) or name a registry CSV file in a string (docstrings,
    which may name a file to point the reader at it, aside)."""
    tree = ast.parse(source) if isinstance(source, str) else source
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "row":
            found.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if any(name in node.value for name in files):
                found.append(node.lineno)
    return found


def test_the_checkers_catch_samples():
    assert env_uses("import os\nx = os.environ.get('A')\n") == [2]
    assert env_uses("from os import getenv\n") == [1]
    assert env_uses("import os\nos.environ['A'] = '1'\n") == [2]
    assert env_uses("x = {'environ': 1}\n") == []
    files = {"office_holders.csv", "bodies.csv"}
    assert csv_layout_uses("u = entity.row['unit']\n", files) == [1]
    assert csv_layout_uses("f = registry.facts.get('office_holders.csv', [])\n", files) == [1]
    assert csv_layout_uses("p = folder / 'bodies.csv'\n", files) == [1]
    assert csv_layout_uses("u = entity.unit\n", files) == []
    assert csv_layout_uses('"""Office holders (office_holders.csv)."""\n', files) == []


@pytest.mark.slow
def test_environment_variables_are_read_only_in_settings():
    offenders = [f"{path}:{line}" for path, text in trees().items() if path != ENV_READER
                 for line in env_uses(text)]
    assert offenders == []


def test_only_the_registry_loader_knows_the_csv_layout():
    files = registry_file_names()
    assert {"bodies.csv", "office_holders.csv", "memberships.csv"} <= files
    assert files <= {p.name for p in (ROOT / "mappings" / "reference").glob("*.csv")}
    offenders = [f"{path}:{line}" for path, text in trees().items() if path != REGISTRY_LOADER
                 for line in csv_layout_uses(text, files)]
    assert offenders == []


def test_the_writer_imports_no_registry():
    imported = set()
    for n in ast.walk(trees()["osce_kg/rdf.py"]):
        if isinstance(n, ast.ImportFrom):
            imported |= {n.module or ""} | {f"{n.module}.{a.name}" for a in n.names}
        elif isinstance(n, ast.Import):
            imported |= {a.name for a in n.names}
    assert "osce_kg.iri" in imported and "osce_kg.records" in imported  # the walk sees the imports
    assert not {m for m in imported if m.startswith(("osce_kg.registry", "osce_kg.reference", "osce_kg.context"))}
