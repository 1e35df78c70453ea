"""Entity types as data: osce_kg/data/entity_types.csv declares, per type, its IRI segment, its class,
the registry file its rows come from, whether a menu item may link to it, whether the linker finds its
names in running text, and the shape that checks it. `iri.SEGMENTS`, `rdf.ENTITY_CLASSES`,
`registry.ENTITY_FILES`, the navigation mapper's menu types and the types the linker (and an untyped
`Registry.lookup`) skips are derived from it (see CONTRIBUTING.md, "Add an entity class"). Imports
nothing from the project."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

# The prefixes the table's `class` and `shape` columns use.
PREFIXES = {
    "osce": "https://w3id.org/osce-kg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oshape": "https://w3id.org/osce-kg/shapes#",
    "schema": "https://schema.org/",
}


@dataclass(frozen=True)
class EntityType:
    name: str  # what a Ref's `type` says
    segment: str  # the IRI path segment (docs/identifiers.md)
    cls: str | None  # full class IRI, or None when the registry row or the writer decides
    registry_file: str | None  # mappings/reference/<file> whose rows are of this type
    menu: bool  # a navigation menu item may name it
    shape: str | None  # full IRI of the node shape that checks its instances
    linked: bool = True  # the entity linker finds the names of its registry rows in page text


def expand(curie: str) -> str | None:
    if not curie:
        return None
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"osce_kg/data/entity_types.csv: unknown prefix in {curie!r}")
    return PREFIXES[prefix] + local


@functools.cache
def entity_types() -> tuple[EntityType, ...]:
    """Every declared entity type, in the table's order (which is the registry's loading order)."""
    path = resources.files("osce_kg").joinpath("data/entity_types.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            EntityType(row["type"], row["segment"], expand(row["class"]), row["registry_file"] or None,
                       row["menu"] == "yes", expand(row["shape"]), row["linked"] != "no")
            for row in csv.DictReader(f)
        )


def segments() -> dict[str, str]:
    return {t.name: t.segment for t in entity_types()}


def classes() -> dict[str, str]:
    return {t.name: t.cls for t in entity_types() if t.cls}


def registry_files() -> dict[str, str]:
    return {t.registry_file: t.name for t in entity_types() if t.registry_file}


def menu_types() -> list[str]:
    return [t.name for t in entity_types() if t.menu]


def unlinked_types() -> frozenset[str]:
    """Registry types whose names the linker leaves alone (a city: places.py reads the places pages name)."""
    return frozenset(t.name for t in entity_types() if not t.linked)
