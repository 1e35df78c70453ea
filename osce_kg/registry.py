"""The reference registry: OSCE entities and facts from the CSV files in mappings/reference, and name lookup.

This module is the only one that knows the CSV layout (file names, column names; tests/test_boundaries.py):
it turns each row into a typed entity (`Entity` and its subclasses) or fact (`records.Membership`,
`records.Chairpersonship`, `OfficeHolder`), and each of those into records (`Entity.records()`,
`Registry.sections()`) that `osce_kg.reference` writes, through the same writer as the pages' records.

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

from osce_kg import places, records
from osce_kg.entity_types import classes, expand, registry_files, unlinked_types
from osce_kg.iri import key_from_name
from osce_kg.language import LANGUAGES
from osce_kg.records import OSCE, Citation, Known, Label, Ref
from osce_kg.text import match_key

# file -> entity type of its rows, from osce_kg/data/entity_types.csv (countries.csv says per row: state or
# territory)
ENTITY_FILES = registry_files()
MEMBERSHIPS, CHAIRPERSONSHIPS, OFFICE_HOLDERS = "memberships.csv", "chairpersonships.csv", "office_holders.csv"
FACT_FILES = (MEMBERSHIPS, CHAIRPERSONSHIPS, OFFICE_HOLDERS)
FILES = (*ENTITY_FILES, *FACT_FILES)  # every file the registry reads

UNLINKED = unlinked_types()  # types untyped lookups and the linker leave out (cities)
HOST_TYPES = ("country", "territory")  # where a field operation works
UNIT_TYPES = ("body", "field-operation")  # what a post belongs to

# bodies.csv `type` -> class: a body's class is stated per row
BODY_CLASSES = {
    "organization": "osce:InternationalOrganization",
    "institution": "osce:Institution",
    "secretariat-unit": "osce:SecretariatUnit",
    "decision-making-body": "osce:DecisionMakingBody",
    "structure": "osce:Structure",
}
OTHER_BODY_CLASS = "org:OrganizationalUnit"


class RegistryError(Exception):
    pass


# -- typed entities ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A registry entity; its Ref carries its class and preferred names (`Ref.known`). Partner groups and
    meeting series are plain entities; the types with columns of their own are the subclasses below."""

    ref: Ref
    names: dict[str, str]  # lang -> preferred name
    alt_labels: tuple[Label, ...]
    citation: Citation = field(default=Citation(), repr=False, compare=False)
    wikidata: str | None = None  # a QID
    abbreviation: str | None = None  # 'ODIHR': a name in no language
    kind: str = ""  # the sort of entity within its type: a body's 'institution', a document's 'treaty'
    file: str = field(default="", repr=False, compare=False)  # the registry file (and graph) it comes from

    @property
    def name(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()))

    def labels(self) -> Iterable[Label]:
        for lang, text in self.names.items():
            yield Label(text, lang)
        yield from self.alt_labels

    def records(self) -> list:
        """The entity as records, for its registry graph."""
        names = tuple(Label(text, lang) for lang, text in sorted(self.names.items()))
        return [records.EntityDescription(self.ref, names, self.alt_labels, self.wikidata, self.citation),
                *self.facts()]

    @classmethod
    def columns(cls, row: _Row) -> dict:
        """The values of the columns this type has beyond the common ones (a subclass's fields)."""
        return {}

    def facts(self) -> list:
        """What the type's own columns (or the type itself) state, as records."""
        return []


@dataclass(frozen=True)
class PartnerGroupEntity(Entity):
    def facts(self) -> list:
        return [records.PartnerGroup(self.ref, OSCE)]


@dataclass(frozen=True)
class MeetingSeriesEntity(Entity):
    def facts(self) -> list:
        return [records.MeetingSeries(self.ref, OSCE)]


@dataclass(frozen=True)
class CountryEntity(Entity):
    iso2: str | None = None
    iso3: str | None = None

    @classmethod
    def columns(cls, row: _Row) -> dict:
        return dict(iso2=row.get("iso2") or None, iso3=row.get("iso3") or None)

    def facts(self) -> list:
        return [records.CountryCodes(self.ref, self.iso2, self.iso3)] if self.iso2 or self.iso3 else []


@dataclass(frozen=True)
class BodyEntity(Entity):
    parent: Ref | None = None  # the body it is a unit of, e.g. the Secretariat for a Secretariat unit
    seat: str | None = None  # city, in English
    seat_country: Ref | None = None
    founded: str | None = None
    seat_city: Ref | None = None  # the registry city (cities.csv) the seat names: the place pages name too

    @classmethod
    def columns(cls, row: _Row) -> dict:
        seat = row.get("seat") or None
        return dict(parent=row.ref("parent", ("body",)), seat=seat,
                    seat_country=row.ref("seat_country", HOST_TYPES), founded=row.get("founded") or None,
                    seat_city=row.ref_key("seat", places.place_key(seat), ("city",)) if seat else None)

    def facts(self) -> list:
        return [records.BodyProfile(self.ref, self.parent, self.abbreviation, self.seat, self.seat_country,
                                    self.founded, self.seat_city)]


@dataclass(frozen=True)
class FieldOperationEntity(Entity):
    status: str | None = None  # "current" | "closed"
    host: Ref | None = None  # a State or territory
    established: str | None = None
    closed: str | None = None
    established_by: Ref | None = None
    decision: str | None = None
    predecessor: Ref | None = None
    seat_city: Ref | None = None  # the registry city (cities.csv) it works from, where a source names it

    @classmethod
    def columns(cls, row: _Row) -> dict:
        seat = row.get("seat")
        return dict(status=row.get("status") or None, host=row.ref("host", HOST_TYPES),
                    established=row.get("established") or None, closed=row.get("closed") or None,
                    established_by=row.ref("established_by", ("body",)), decision=row.get("decision") or None,
                    predecessor=row.ref("predecessor", ("field-operation",)),
                    seat_city=row.ref_key("seat", places.place_key(seat), ("city",)) if seat else None)

    def facts(self) -> list:
        offices = (self.seat_city,) if self.seat_city is not None else ()
        return [records.FieldOperation(self.ref, self.host, self.status, self.established, self.closed,
                                       self.established_by, self.predecessor, self.decision, offices)]


@dataclass(frozen=True)
class TopicEntity(Entity):
    dimension: str | None = None

    @classmethod
    def columns(cls, row: _Row) -> dict:
        return dict(dimension=row.get("dimension") or None)

    def facts(self) -> list:
        return [records.TopConcept(self.ref, self.dimension)]


@dataclass(frozen=True)
class PostEntity(Entity):
    unit: Ref | None = None  # the body or field operation the post belongs to

    @classmethod
    def columns(cls, row: _Row) -> dict:
        return dict(unit=row.ref("unit", UNIT_TYPES))

    def facts(self) -> list:
        return [records.Post(self.ref, self.unit)]


@dataclass(frozen=True)
class DocumentEntity(Entity):
    issued: str | None = None

    @classmethod
    def columns(cls, row: _Row) -> dict:
        return dict(issued=row.get("issued") or None)

    def facts(self) -> list:
        return [records.DocumentIssued(self.ref, self.issued)] if self.issued else []


@dataclass(frozen=True)
class CityEntity(Entity):
    country: Ref | None = None  # the State or territory it lies in, where a cited source says so

    @classmethod
    def columns(cls, row: _Row) -> dict:
        return dict(country=row.ref("country", HOST_TYPES))

    def facts(self) -> list:
        return [records.City(self.ref, self.country)]


# entity type -> its typed entity class; a type not listed here is a plain Entity
TYPED_ENTITIES: dict[str, type[Entity]] = {
    "country": CountryEntity,
    "territory": CountryEntity,
    "partner-group": PartnerGroupEntity,
    "body": BodyEntity,
    "field-operation": FieldOperationEntity,
    "topic": TopicEntity,
    "meeting-series": MeetingSeriesEntity,
    "post": PostEntity,
    "document": DocumentEntity,
    "city": CityEntity,
}


@dataclass(frozen=True)
class OfficeHolder:
    """A person who held a registry post, from `start` to `end`."""

    person: Ref
    name: str
    post: Ref
    unit: Ref | None = None  # the post's unit
    nationality: Ref | None = None
    start: str | None = None
    end: str | None = None
    citation: Citation = Citation()

    def records(self) -> list:
        return [records.Person(self.person, self.name, self.nationality, extracted=False),
                records.PostHolding(self.person, self.post, self.unit, self.start, self.end,
                                    citation=self.citation)]


@dataclass(frozen=True)
class Section:
    """One registry file and its records: the content of its named graph (`osce_kg.reference`)."""

    name: str  # the graph's name, e.g. 'countries'
    file: str
    records: list


# -- the registry --------------------------------------------------------------------------------------


class Registry:
    def __init__(self, folder: Path):
        self.folder = folder
        self.entities: dict[Ref, Entity] = {}
        self._index: dict[str, set[Ref]] = defaultdict(set)
        rows = [(row, etype, name) for name, etype in ENTITY_FILES.items() for row in self._rows(name)]
        keys = {(self._type(row, etype), row.get("key", "")) for row, etype, _ in rows}
        for row, etype, name in rows:
            self._add(_Row(row, self.folder / name, keys), self._type(row, etype), name)
        self.memberships: tuple[records.Membership, ...] = tuple(
            records.Membership(Ref("country", r["member"]), Ref("body", r.get("organization") or OSCE.key), r["role"],
                               r.get("start") or None, r.get("end") or None, _ref("partner-group", r.get("group")),
                               citation=_citation(r))
            for r in self._rows(MEMBERSHIPS))
        self.chairpersonships: tuple[records.Chairpersonship, ...] = tuple(
            records.Chairpersonship(_year(r["year"], self.folder / CHAIRPERSONSHIPS), Ref("country", r["state"]),
                                    r.get("chairperson") or None, citation=_citation(r))
            for r in self._rows(CHAIRPERSONSHIPS))
        holders = []
        for r in self._rows(OFFICE_HOLDERS):
            post = self.entities.get(Ref("post", r["post"]))
            holders.append(OfficeHolder(Ref("person", r["person"]), r["name"], Ref("post", r["post"]),
                                        post.unit if isinstance(post, PostEntity) else None,
                                        _ref("country", r.get("nationality")), r.get("start") or None,
                                        r.get("end") or None, _citation(r)))
        self.office_holders: tuple[OfficeHolder, ...] = tuple(holders)

    def _rows(self, name: str) -> list[dict[str, str]]:
        path = self.folder / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]

    @staticmethod
    def _type(row: dict[str, str], etype: str) -> str:
        return "territory" if etype == "country" and row.get("type") == "territory" else etype

    def _add(self, row: _Row, etype: str, file: str) -> None:
        key = row.get("key")
        if not key:
            raise RegistryError(f"{row.path}: a row has no key")
        names = {lang: row.get(f"name_{lang}") for lang in LANGUAGES if row.get(f"name_{lang}")}
        if not names:
            raise RegistryError(f"{row.path}: {key} has no name")
        alts = []
        for item in row.get("alt_labels").split("|"):
            lang, sep, text = item.partition(":")
            if sep and text.strip():
                alts.append(Label(text.strip(), lang.strip()))
        cls = expand(BODY_CLASSES.get(row.get("type"), OTHER_BODY_CLASS)) if etype == "body" else classes()[etype]
        ref = Ref(etype, key, Known(cls, tuple(Label(text, lang) for lang, text in names.items())))
        common = dict(ref=ref, names=names, alt_labels=tuple(alts), citation=_citation(row.values),
                      wikidata=row.get("wikidata") or None, abbreviation=row.get("abbreviation") or None,
                      kind=row.get("type"), file=file)
        typed = TYPED_ENTITIES.get(etype, Entity)
        entity = typed(**common, **typed.columns(row))
        if entity.ref in self.entities:
            raise RegistryError(f"{row.path}: duplicate key {key}")
        self.entities[entity.ref] = entity
        for label in entity.labels():
            self._index[match_key(label.text)].add(entity.ref)
        if entity.abbreviation:
            self._index[match_key(entity.abbreviation)].add(entity.ref)

    # -- lookups -----------------------------------------------------------------------------------
    def get(self, ref: Ref) -> Entity | None:
        return self.entities.get(ref)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> list[Entity]:
        """Entities one of whose names is `name` (match_key-equal), optionally of the given types. Without
        types, the types the linker skips (cities) are left out too: 'does the registry know this name?'
        asks about the entities a page's text names, and a page's city is a place it states."""
        refs = sorted(self._index.get(match_key(name), ()))
        if types:
            wanted = set(types)
            return [self.entities[r] for r in refs if r.type in wanted]
        return [self.entities[r] for r in refs if r.type not in UNLINKED]

    def lookup_one(self, name: str, types: Iterable[str] | None = None) -> Entity | None:
        """The single entity named `name`, or None when there is none or the name is ambiguous."""
        found = self.lookup(name, types)
        return found[0] if len(found) == 1 else None

    def ref(self, key: str, types: Iterable[str]) -> Ref | None:
        """The Ref of a registry key that may name an entity of several types (a host is a country or a
        territory, a unit a body or a field operation); None when no such entity exists."""
        for etype in types:
            if key and Ref(etype, key) in self.entities:
                return self.entities[Ref(etype, key)].ref
        return None

    def resolve(self, ref: Ref) -> Ref:
        """`ref` with what the registry knows of it (`Ref.known`), or `ref` itself for an entity the
        registry does not hold."""
        if ref.known is not None:
            return ref
        entity = self.entities.get(ref)
        return entity.ref if entity is not None else ref

    def of_type(self, etype: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.ref.type == etype), key=lambda e: e.ref.key)

    def names_index(self) -> dict[str, set[Ref]]:
        """match_key(name) -> refs, for the entity linker."""
        return self._index

    @functools.cached_property
    def people(self) -> tuple[tuple[Ref, str], ...]:
        """(person, name) of every person the registry names: the office holders (keyed in the registry),
        then the Chairpersons-in-Office with a full name (keyed by the name, `iri.key_from_name`)."""
        holders = [(h.person, h.name) for h in self.office_holders if h.name]
        chairs = [(Ref("person", key_from_name(c.chairperson)), c.chairperson) for c in self.chairpersonships
                  if c.chairperson and len(c.chairperson.split()) > 1]
        return tuple(holders + chairs)

    def sections(self) -> list[Section]:
        """Every registry file as records, in a fixed order: the entity files by name, then the facts."""
        out = []
        for file in sorted(ENTITY_FILES):
            items = [r for e in sorted(self.entities.values(), key=lambda e: e.ref) if e.file == file
                     for r in e.records()]
            out.append(Section(file.removesuffix(".csv"), file, items))
        chairs = []
        for chair in self.chairpersonships:
            chairs.append(chair)
            if chair.chairperson and len(chair.chairperson.split()) > 1:  # the linker finds pages naming them
                chairs.append(records.Person(Ref("person", key_from_name(chair.chairperson)), chair.chairperson,
                                             extracted=False))
        out.append(Section(MEMBERSHIPS.removesuffix(".csv"), MEMBERSHIPS, list(self.memberships)))
        out.append(Section(CHAIRPERSONSHIPS.removesuffix(".csv"), CHAIRPERSONSHIPS, chairs))
        out.append(Section(OFFICE_HOLDERS.removesuffix(".csv"), OFFICE_HOLDERS,
                           [r for h in self.office_holders for r in h.records()]))
        return out


# -- reading rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One CSV row of an entity file, with the keys of every entity (to check the references it holds)."""

    values: dict[str, str]
    path: Path
    keys: set[tuple[str, str]]

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def ref(self, column: str, types: tuple[str, ...]) -> Ref | None:
        """The entity a column names, of the first of `types` that has that key."""
        return self.ref_key(column, self.get(column), types)

    def ref_key(self, column: str, key: str, types: tuple[str, ...]) -> Ref | None:
        """The entity of one of `types` keyed `key` (read from `column`, which the error names)."""
        if not key:
            return None
        for etype in types:
            if (etype, key) in self.keys:
                return Ref(etype, key)
        raise RegistryError(f"{self.path}: {self.get('key')}: {column} {self.get(column)!r} is no "
                            f"{' or '.join(types)} key")


def _citation(row: dict[str, str]) -> Citation:
    return Citation(tuple(row.get("source", "").split()), tuple(f for f in row.get("flags", "").split("|") if f),
                    row.get("note") or None)


def _ref(etype: str, key: str | None) -> Ref | None:
    return Ref(etype, key) if key else None


def _year(value: str, path: Path) -> int:
    if not value.isdigit():
        raise RegistryError(f"{path}: year {value!r} is not a year")
    return int(value)


def default_folder() -> Path:
    return Path(str(resources.files("osce_kg.mappings.reference")))


@functools.lru_cache(maxsize=4)
def load_registry(folder: str | Path | None = None) -> Registry:
    return Registry(Path(folder) if folder else default_folder())


class LazyRegistry:
    """The registry of a folder, loaded (`load_registry`) when first used: a rebuild whose changed pages a worker
    maps, and whose registry graphs are the previous build's, need not load it in its own process (0.03 s of its
    critical path)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder else default_folder()

    def load(self) -> Registry:
        return load_registry(self.folder)

    def __getattr__(self, name: str):
        return getattr(self.load(), name)


def loaded(registry: Registry | LazyRegistry) -> Registry:
    """The Registry itself (a LazyRegistry loaded)."""
    return registry.load() if isinstance(registry, LazyRegistry) else registry
