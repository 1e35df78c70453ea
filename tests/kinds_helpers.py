"""Helpers for the page-kind tests: map one file as `osce-kg build` does and collect what it stated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from osce_kg.classify import classify
from osce_kg.context import MappingContext
from osce_kg.mapping import parse_source
from osce_kg.mappings.navigation import map_navigation
from osce_kg.page import Page
from osce_kg.registry import Registry, load_registry
from osce_kg.sources import decode_source, read_source

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Mapped:
    kind: str
    page: Page
    records: list
    warnings: list = field(default_factory=list)

    def of(self, name: str) -> list:
        return [r for r in self.records if type(r).__name__ == name]

    def one(self, name: str):
        found = self.of(name)
        assert len(found) == 1, f"expected one {name}, got {found}"
        return found[0]

    def codes(self) -> set[str]:
        return {w.code for w in self.warnings}


def registry() -> Registry:
    """The project's registry; the small test registry while the real one is still empty."""
    real = load_registry()
    return real if real.entities else load_registry(str(FIXTURES / "registry"))


def map_file(path: str | Path, reg: Registry | None = None, url: str | None = None) -> Mapped:
    source = read_source(path, url)
    return _map(source, reg, url)


def map_text(text: str, url: str | None = None, reg: Registry | None = None) -> Mapped:
    return _map(decode_source(text.encode("utf-8"), "test.txt", url), reg, url)


def _map(source, reg, url) -> Mapped:
    page = parse_source(source, source.url or url or "https://www.osce.org/test")
    ctx = MappingContext(reg or registry())
    map_navigation(page, ctx)
    kind, mapper = classify(page, ctx)
    mapper.map_page(page, ctx)
    return Mapped(kind, page, ctx.result.records, ctx.result.warnings)
