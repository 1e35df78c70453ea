"""The reference registry: OSCE entities from the CSV files in mappings/reference, and name lookup.

Loaded once per build (`load_registry()` is cached). Lookup compares names by `text.match_key`, so case,
diacritics, punctuation and a leading article do not matter. A name that fits several entities is
returned as several candidates: the caller resolves it by context or leaves it unlinked.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from osce_kg.language import LANGUAGES
from osce_kg.records import Label, Ref
from osce_kg.text import match_key

# file -> entity type of its rows (countries.csv says per row: state or territory)
ENTITY_FILES = {
    "countries.csv": "country",
    "partner_groups.csv": "partner-group",
    "bodies.csv": "body",
    "field_operations.csv": "field-operation",
    "topics.csv": "topic",
    "meeting_series.csv": "meeting-series",
    "posts.csv": "post",
    "documents.csv": "document",
}
FACT_FILES = ("memberships.csv", "chairpersonships.csv", "office_holders.csv")


HOST_TYPES = ("country", "territory")  # where a field operation works
UNIT_TYPES = ("body", "field-operation")  # what a post belongs to


class RegistryError(Exception):
    pass


@dataclass(frozen=True)
class Entity:
    ref: Ref
    names: dict[str, str]  # lang -> preferred name
    alt_labels: tuple[Label, ...]
    row: dict[str, str] = field(repr=False, hash=False, compare=False)
    file: str = ""

    @property
    def name(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.row.get("source", "").split())

    @property
    def parent(self) -> str | None:
        """Key of the body this one is a unit of (bodies only), e.g. 'secretariat' for a Secretariat unit."""
        return self.row.get("parent") or None

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f for f in self.row.get("flags", "").split("|") if f)

    def labels(self) -> Iterable[Label]:
        for lang, text in self.names.items():
            yield Label(text, lang)
        yield from self.alt_labels


class Registry:
    def __init__(self, folder: Path):
        self.folder = folder
        self.entities: dict[Ref, Entity] = {}
        self.facts: dict[str, list[dict[str, str]]] = {}
        self._index: dict[str, set[Ref]] = defaultdict(set)
        for name, etype in ENTITY_FILES.items():
            for row in self._rows(name):
                self._add(row, etype, name)
        for name in FACT_FILES:
            self.facts[name] = self._rows(name)

    def _rows(self, name: str) -> list[dict[str, str]]:
        path = self.folder / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]

    def _add(self, row: dict[str, str], etype: str, file: str) -> None:
        if etype == "country" and row.get("type") == "territory":
            etype = "territory"
        key = row.get("key", "")
        if not key:
            raise RegistryError(f"{self.folder / file}: a row has no key")
        names = {lang: row[f"name_{lang}"] for lang in LANGUAGES if row.get(f"name_{lang}")}
        if not names:
            raise RegistryError(f"{self.folder / file}: {key} has no name")
        alts = []
        for item in row.get("alt_labels", "").split("|"):
            lang, sep, text = item.partition(":")
            if sep and text.strip():
                alts.append(Label(text.strip(), lang.strip()))
        entity = Entity(Ref(etype, key), names, tuple(alts), row, file)
        if entity.ref in self.entities:
            raise RegistryError(f"{self.folder / file}: duplicate key {key}")
        self.entities[entity.ref] = entity
        for label in entity.labels():
            self._index[match_key(label.text)].add(entity.ref)
        if row.get("abbreviation"):
            self._index[match_key(row["abbreviation"])].add(entity.ref)

    # -- lookups -----------------------------------------------------------------------------------
    def get(self, ref: Ref) -> Entity | None:
        return self.entities.get(ref)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> list[Entity]:
        """Entities one of whose names is `name` (match_key-equal), optionally of the given types."""
        wanted = set(types) if types else None
        refs = sorted(self._index.get(match_key(name), ()))
        return [self.entities[r] for r in refs if wanted is None or r.type in wanted]

    def lookup_one(self, name: str, types: Iterable[str] | None = None) -> Entity | None:
        """The single entity named `name`, or None when there is none or the name is ambiguous."""
        found = self.lookup(name, types)
        return found[0] if len(found) == 1 else None

    def ref(self, key: str, types: Iterable[str]) -> Ref | None:
        """The Ref of a registry key that may name an entity of several types (a host is a country or a
        territory, a unit a body or a field operation); None when no such entity exists."""
        for etype in types:
            if key and Ref(etype, key) in self.entities:
                return Ref(etype, key)
        return None

    def of_type(self, etype: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.ref.type == etype), key=lambda e: e.ref.key)

    def names_index(self) -> dict[str, set[Ref]]:
        """match_key(name) -> refs, for the entity linker."""
        return self._index


def default_folder() -> Path:
    return Path(str(resources.files("osce_kg.mappings.reference")))


@functools.lru_cache(maxsize=4)
def load_registry(folder: str | Path | None = None) -> Registry:
    return Registry(Path(folder) if folder else default_folder())
