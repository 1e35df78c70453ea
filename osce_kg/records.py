"""Typed, plain records: what mappers return. No RDF and no I/O here.

A mapper says *what a page states* with these records, and the registry (`osce_kg.registry`) turns its own
rows into records too; `osce_kg.rdf` alone decides how each becomes triples, from the record only.
Entities are pointed at with `Ref(type, key)`, whose key is stable (registry key or slug).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Known:
    """What the registry says of one of its entities that the writer needs: its class (an IRI) and its
    preferred name per language. The registry's Refs carry it, and `MappingContext.finish` puts it on every
    Ref a page's records hold, so the writer needs no registry."""

    cls: str
    names: tuple[Label, ...] = ()


@dataclass(frozen=True, order=True)
class Ref:
    """A pointer to an entity: its type (an `osce_kg.iri.SEGMENTS` name) and stable key; `known` when the
    registry holds the entity (never part of equality: a Ref is its type and key)."""

    type: str
    key: str
    known: Known | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, order=True)
class Label:
    text: str
    lang: str


OSCE = Ref("body", "osce")  # the Organization itself


@dataclass(frozen=True)
class Citation:
    """Where a registry fact comes from: the URLs (or plain references) that support it, its flags
    (unverified, conflict, inferred) and a note."""

    sources: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    note: str | None = None


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
    citation: Citation | None = None  # a registry fact's sources


@dataclass(frozen=True)
class Chairpersonship:
    year: int
    state: Ref
    chairperson: str | None = None
    citation: Citation | None = None  # a registry fact's sources


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
    offices: tuple[Ref, ...] = ()  # registry cities it works from (cities.csv; the registry's `seat`)


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


# -- records of the page-kind mappers (press releases, events, publications, field operations...) ------


@dataclass(frozen=True)
class Person:
    """A person a page names, keyed by the slug of the name as written (osce_kg.iri.key_from_name)."""

    ref: Ref
    name: str
    nationality: Ref | None = None
    extracted: bool = True  # made from the page's text; False for the people the registry names


@dataclass(frozen=True)
class PostHolding:
    """`person` holds `post` (in `unit`) from `start` to `end` (ISO, precision kept; either may be unknown)."""

    person: Ref
    post: Ref
    unit: Ref | None = None
    start: str | None = None
    end: str | None = None
    current: bool = False
    as_of: str | None = None  # the page's date, when the page states the holding but gives no dates
    citation: Citation | None = None  # a registry fact's sources


@dataclass(frozen=True)
class Dateline:
    """When and where a press release or news item was issued, and by whom."""

    date: str | None
    place: str | None = None
    issuer: Ref | None = None


@dataclass(frozen=True)
class Troika:
    """The previous, current and next Chairpersonships of `year`."""

    year: int
    states: tuple[Ref, ...]


@dataclass(frozen=True)
class Event:
    """One meeting or event a page describes; `key` is unique within the page."""

    key: str
    title: Label
    start: str | None = None
    end: str | None = None
    place: str | None = None
    organizer: Ref | None = None
    series: Ref | None = None
    participants: Label | None = None
    decision: str | None = None
    # open-world events (docs/identifiers.md): `key` is then the event's IRI key, event/<key>
    location: Ref | None = None  # a PlaceStated's ref; wins over `place`
    part_of: Ref | None = None  # the event this one is a part of (a forum's preparatory meeting)
    participant_count: int | None = None
    theme: Label | None = None
    main: bool = True  # the page is about it (schema:about) rather than naming it in passing (schema:mentions)
    shared: bool = False  # keyed under event/<key>, shared by every page naming it, not under the page


@dataclass(frozen=True)
class Publication:
    """A document the page publishes or presents."""

    title: Label
    date: str | None = None
    language: str | None = None
    publisher: Ref | None = None
    doc_type: str | None = None  # e.g. "report", "note", "guide", "handbook", "factsheet"


@dataclass(frozen=True)
class OperationProfile:
    """Figures a field operation's page states: offices, staff, budget (each with its 'as of' date), mandate."""

    ref: Ref
    offices: tuple[str, ...] = ()
    international_staff: int | None = None
    local_staff: int | None = None
    total_staff: int | None = None
    staff_as_of: str | None = None
    budget: str | None = None  # decimal as text, e.g. "2302700"
    currency: str | None = None  # ISO 4217, e.g. "EUR"
    budget_year: str | None = None
    mandate: Label | None = None
    head_post: Ref | None = None


@dataclass(frozen=True)
class InstitutionProfile:
    """What an institution's page states: seat, founding year, mandate, staff, head."""

    ref: Ref
    seat: str | None = None
    seat_country: Ref | None = None
    founded: str | None = None
    mandate: Label | None = None
    staff: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event in a timeline: an admission, an establishment, an appointment..."""

    key: str
    date: str
    text: Label
    about: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class ListedItem:
    """A teaser of a listing page (news, press releases, reports): its title, date and the fields it shows."""

    position: int
    title: Label
    date: str | None = None
    # what the teaser itself shows; nothing here comes from another teaser of the page
    url: str | None = None  # the item's own page, when the listing links it
    content_type: Label | None = None  # 'Press release', 'Spot report', 'Communiqué de presse'...
    summary: Label | None = None
    place: str | None = None  # the city of the summary's dateline
    places: tuple[str, ...] = ()  # cities its 'Where we are' names (not in the registry)
    about: tuple[Ref, ...] = ()  # 'Where we are' structures and States, fields of work, entities its title names
    mentions: tuple[Ref, ...] = ()  # entities and people its summary names


# -- places, events and figures stated in running text (open-world extraction) --------------------------


@dataclass(frozen=True)
class PlaceStated:
    """A city or venue the page names: its name as the page gives it, the country when the page states it,
    the city a venue is in."""

    ref: Ref  # Ref("place", osce_kg.places.place_key(name))
    name: str
    country: Ref | None = None
    within: Ref | None = None


COUNT_KINDS = ("participants", "participating-states", "offices", "staff", "international-staff", "local-staff",
               "members")


@dataclass(frozen=True)
class Count:
    """A figure the page states about an entity: `value` of `kind` (one of COUNT_KINDS)."""

    subject: Ref
    kind: str
    value: int


# -- open-world entities: people's posts and organisations the registry does not know ----------------


@dataclass(frozen=True)
class ExtractedPost:
    """A post a page names that the registry does not know; `state` when it is a State's own office."""

    ref: Ref
    label: Label
    unit: Ref | None = None
    state: Ref | None = None
    alt_labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """An organisation or unit a page names that the registry does not know (ref type 'organization').

    `kind`: 'osce-unit', 'external', 'government' (a State's ministry or command) or 'other'; `parent` the
    OSCE body or unit it belongs to; `state` the State it belongs to; `staff` a figure the page gives it;
    `partners` the registry or extracted entities the page says it works with."""

    ref: Ref
    label: Label
    kind: str = "other"
    parent: Ref | None = None
    state: Ref | None = None
    place: str | None = None
    abbreviation: str | None = None
    staff: int | None = None
    partners: tuple[Ref, ...] = ()
    alt_labels: tuple[Label, ...] = ()
    co_chairs: tuple[Ref, ...] = ()  # States that co-chair it ('co-chaired by France, ...')



# -- documents, decisions and the history of operations and bodies (open-world extraction) -------------


@dataclass(frozen=True)
class DocumentStated:
    """A document, agreement or decision the page names, with what the page says about it: its date (as
    the page gives it), its symbol and adopting body (decisions), and what it does to operations or
    bodies: `acts` are (act, target) pairs, act one of DOCUMENT_ACTS; `until` is the mandate end it sets."""

    ref: Ref
    label: Label
    issued: str | None = None
    symbol: str | None = None
    adopted_by: Ref | None = None
    acts: tuple[tuple[str, Ref], ...] = ()
    until: str | None = None


DOCUMENT_ACTS = ("establishes", "extendsMandateOf", "closes", "renames")


@dataclass(frozen=True)
class HistoryStated:
    """What a page states about a field operation's or body's history: founding, start of work on the
    ground, closing, predecessor, the body that established it, places it worked from, monitors."""

    ref: Ref
    label: Label | None = None
    founded: str | None = None
    started: str | None = None
    closed: str | None = None
    predecessor: Ref | None = None
    established_by: Ref | None = None
    offices: tuple[str, ...] = ()
    monitors: int | None = None
    unit_of: Ref | None = None  # 'the Conflict Prevention Centre, part of the OSCE Secretariat'
    moved_from: str | None = None  # 'moved from Prague to Vienna on 1 January 1994': the old place and the date
    moved_on: str | None = None
    renamed_on: str | None = None  # 'as the CSCE was renamed from 1 January 1995': the same unit, a new name
    mandate_changed: str | None = None  # 'In 2003, the mandate of the Presence was updated'
    established_at: Ref | None = None  # 'created ... at the Paris Summit': the meeting (event/<key>)
    implements: tuple[Ref, ...] = ()  # 'support implementation of the Framework Agreement': documents


# -- what pages state about the OSCE's structure and its bodies' work (mappings/belonging.py) -------------


@dataclass(frozen=True)
class UnitOf:
    """The page names `unit` as part of `organization` ('the OSCE Mission to ...', '... der OSZE')."""

    unit: Ref
    organization: Ref


@dataclass(frozen=True)
class WorksOn:
    """A field-of-work page names `body` as carrying that work (`topic`)."""

    body: Ref
    topic: Ref


@dataclass(frozen=True)
class SharesBorder:
    """The page says the States `state` and `neighbour` share a border ('A shares a border with B')."""

    state: Ref
    neighbour: Ref


@dataclass(frozen=True)
class Supports:
    """A sentence whose subject is `body` says it supports `supported`, another OSCE body ('The Conflict
    Prevention Centre supports ... the Forum for Security Co-operation')."""

    body: Ref
    supported: Ref


# -- the registry's own rows (osce_kg.registry: each entity and fact as records, one graph per file) -------


@dataclass(frozen=True)
class EntityDescription:
    """A registry entity: its preferred name per language, its variants (language 'xx': no language),
    its Wikidata item and its sources. Its class comes with its Ref (`Ref.known`)."""

    ref: Ref
    names: tuple[Label, ...]
    alt_labels: tuple[Label, ...] = ()
    wikidata: str | None = None  # a QID, e.g. "Q33"
    citation: Citation | None = None


@dataclass(frozen=True)
class CountryCodes:
    """A State's or territory's ISO 3166-1 codes."""

    ref: Ref
    iso2: str | None = None
    iso3: str | None = None


@dataclass(frozen=True)
class BodyProfile:
    """What the registry states of an OSCE body: the body it is a unit of, its abbreviation, its seat (a
    city, in English; `seat_city` the registry city it is) and the seat's country, its founding date."""

    ref: Ref
    parent: Ref | None = None
    abbreviation: str | None = None
    seat: str | None = None
    seat_country: Ref | None = None
    founded: str | None = None
    seat_city: Ref | None = None


@dataclass(frozen=True)
class TopConcept:
    """A field of work: a top concept of the fields-of-work scheme, in one of the three dimensions."""

    ref: Ref
    dimension: str | None = None  # "politico-military" | "economic-environmental" | "human"


@dataclass(frozen=True)
class DocumentIssued:
    """When a document the registry lists was issued (ISO, precision kept)."""

    ref: Ref
    issued: str


@dataclass(frozen=True)
class City:
    """A city the registry cites (a seat): the place node pages name too, and the State or territory it
    lies in where a cited source says so. Its names come with its Ref (`Ref.known`)."""

    ref: Ref
    country: Ref | None = None


@dataclass(frozen=True)
class RegistryGraph:
    """The named graph of one registry file: its file name and every source its records cite."""

    file: str
    sources: tuple[str, ...] = ()
