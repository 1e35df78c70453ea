"""Typed, plain records: what mappers return. No RDF and no I/O here.

A mapper says *what a page states* with these records; `osce_kg.rdf` alone decides how each becomes
triples. Entities are pointed at with `Ref(type, key)`, whose key is stable (registry key or slug).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Ref:
    """A pointer to an entity: its type (an `osce_kg.iri.SEGMENTS` name) and stable key."""

    type: str
    key: str


@dataclass(frozen=True, order=True)
class Label:
    text: str
    lang: str


@dataclass(frozen=True)
class EntitySeen:
    """An entity the page names, with the label it uses (in the page's words and language)."""

    ref: Ref
    label: Label | None = None
    # the page kind's reason for naming it, e.g. "navigation:participating-states"; kept in the report
    context: str = ""


@dataclass(frozen=True)
class Membership:
    """`member` belongs to `organization` in `role` (participating-state, partner, chair...)."""

    member: Ref
    organization: Ref
    role: str
    start: str | None = None  # ISO date, year-month or year: precision is kept
    end: str | None = None
    group: Ref | None = None  # e.g. the partner group of a Partner for Co-operation


@dataclass(frozen=True)
class Chairpersonship:
    year: int
    state: Ref
    chairperson: str | None = None


@dataclass(frozen=True)
class FieldOperation:
    ref: Ref
    host: Ref | None = None
    status: str | None = None  # "current" | "closed"
    established: str | None = None
    closed: str | None = None
    established_by: Ref | None = None
    predecessor: Ref | None = None
    decision: str | None = None


@dataclass(frozen=True)
class Post:
    ref: Ref
    unit: Ref | None


@dataclass(frozen=True)
class PartnerGroup:
    ref: Ref
    organization: Ref


@dataclass(frozen=True)
class MeetingSeries:
    ref: Ref
    organizer: Ref | None = None


@dataclass(frozen=True)
class TopicDescription:
    """What a topic page says about a field of work: its name and a description, in one language."""

    topic: Ref
    label: Label
    description: Label | None = None


@dataclass(frozen=True)
class Mention:
    """Entity named in the page text, at characters [start, end) of block `block`."""

    ref: Ref
    block: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentContent:
    """The page as a document: title, language, text blocks and what it is about."""

    title: Label | None
    kind: str
    language: str | None
    paragraphs: tuple[str, ...] = ()
    list_items: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    about: tuple[Ref, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class Warning_:
    """Something the mapper noticed but could not map; goes to the build summary and report."""

    code: str
    message: str


@dataclass
class MappingResult:
    records: list = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    def add(self, record) -> None:
        self.records.append(record)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning_(code, message))
