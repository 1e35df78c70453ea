"""Records -> quads: how what a page states, and what the registry's rows state, becomes ontology terms.
The writer reads records only: what it needs to know of a registry entity (its class, its preferred names)
comes with the entity's Ref (`records.Known`). Build, dataset and enrichment facts are written by build.py,
dataset.py, enrich.py.

Every quad a page yields goes into that page's named graph; a registry file's records go into that file's
graph (osce_kg/reference.py). No blank nodes: every node has an IRI from `osce_kg.iri`, so the output is
deterministic and every node can be linked to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from osce_kg import iri, places, records
from osce_kg.entity_types import classes
from osce_kg.page import abstract_of
from osce_kg.records import OSCE as OSCE_REF
from osce_kg.records import Citation, Label, Ref
from osce_kg.vocab import DCTERMS, ORG, OSCE, OWL, PROV, RDFS, SCHEMA, SKOS, TIME, XSD, A

WIKIDATA = "http://www.wikidata.org/entity/"
ISO3166 = "urn:iso:std:iso:3166:-1:"
# type -> class, for the types whose class does not depend on the entity (osce_kg/data/entity_types.csv)
ENTITY_CLASSES = {name: NamedNode(cls) for name, cls in classes().items()}
FIELDS_OF_WORK = NamedNode(iri.entity("scheme", "fields-of-work"))
ROLES = {"participating-state", "partner", "chair"}


def node(ref: Ref) -> NamedNode:
    return NamedNode(iri.entity(ref.type, ref.key))


def text(label: Label) -> Literal:
    return Literal(label.text, language=label.lang)


def date_literal(value: str) -> Literal:
    """ISO date, year-month or year; the datatype keeps the precision the source gave."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    raise ValueError(f"not a date, year-month or year: {value!r}")


def role_node(role: str) -> NamedNode:
    return NamedNode(iri.entity("role", role))


class QuadSink:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str):
        self.graph = NamedNode(graph)
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))


class NQuadsSink:
    """Collects the statements of one named graph as N-Quads lines, the form a page's graph leaves its mapper
    in (osce_kg/page_task.py): no Quad object is made per statement only to be serialised. A term's text is
    pyoxigraph's own N-Triples form, so the lines are the bytes pyoxigraph's serialiser writes for the same
    quads (tests/test_records_road.py). A statement added again is kept once: one in seven of a page's lines
    repeated one before (an entity typed and labelled wherever a record names it), bytes the workers sent, the
    page cache kept and the store parsed for nothing."""

    def __init__(self, graph: str):
        self.graph = NamedNode(graph)
        self._tail = f" {self.graph} .\n"
        self.lines: dict[str, None] = {}  # in the order first added

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self.lines[f"{s} {p} {o}{self._tail}"] = None

    def nquads(self) -> bytes:
        """The graph's N-Quads, a line per statement, in the order first added."""
        return "".join(self.lines).encode()

    def statements(self) -> int:
        """How many different statements were added."""
        return len(self.lines)


Sink = QuadSink | NQuadsSink  # what a RecordWriter writes into: Quad objects (a registry graph) or lines (a page's)


def write_interval(sink: Sink, owner: NamedNode, start: str | None, end: str | None) -> None:
    """`owner org:memberDuring <owner>/during`, a time:Interval with the dates given (precision kept)."""
    if not start and not end:
        return
    during = NamedNode(iri.interval(owner.value))
    sink.add(owner, ORG.memberDuring, during)
    sink.add(during, A, TIME.Interval)
    if start:
        sink.add(during, SCHEMA.startDate, date_literal(start))
    if end:
        sink.add(during, SCHEMA.endDate, date_literal(end))


COUNT_PROPERTIES = {
    "participants": OSCE.participantCount,
    "participating-states": OSCE.participatingStateCount,
    "offices": OSCE.officeCount,
    "staff": OSCE.staffCount,
    "international-staff": OSCE.internationalStaff,
    "local-staff": OSCE.localStaff,
    "members": OSCE.memberCount,
}


ORGANISATION_CLASSES = {
    "osce-unit": ORG.OrganizationalUnit,
    "secretariat-unit": OSCE.SecretariatUnit,
    "external": OSCE.ExternalOrganization,
    "government": OSCE.GovernmentBody,
    "other": ORG.Organization,
}


def cited(url: str) -> NamedNode | Literal:
    """A cited page is named by its page IRI (iri.page), the node a build of that page describes (with its
    schema:url), so a registry fact and the page graph stating it meet in one node; a plain reference stays
    a literal."""
    return NamedNode(iri.page(url)) if "://" in url else Literal(url)


class RecordWriter:
    """Turns records into quads in one graph: a page's (`page` is its node) or a registry file's.

    A page graph types every entity it points at, so that it reads alone; a registry graph
    (`type_references=False`) types only its own entities, each registry entity being typed in its
    file's graph."""

    def __init__(self, sink: Sink, page: NamedNode | None = None, *, type_references: bool = True):
        self.sink = sink
        self.page = page  # the node of the page whose records these are (None in a registry graph)
        self.type_references = type_references
        self.described: set[NamedNode] = set()  # nodes written once per graph (the fields-of-work scheme)

    def write(self, items: Iterable) -> None:
        for record in items:
            method = getattr(self, "_" + type(record).__name__, None)
            if method is None:
                raise TypeError(f"no RDF mapping for record type {type(record).__name__}")
            method(record)

    # -- entities -------------------------------------------------------------------------------
    def typed(self, ref: Ref) -> NamedNode:
        subject = node(ref)
        self.sink.add(subject, A, self.entity_class(ref))
        if ref.type == "topic":
            self.sink.add(subject, SKOS.inScheme, FIELDS_OF_WORK)
        elif ref.type == "field-operation" and ref.known is None:
            # every field operation is a unit of the OSCE: one the registry does not know has no other statement
            # of it (a page that only tells when 'the Mission to A' closed made one without it)
            self.sink.add(subject, ORG.unitOf, node(OSCE_REF))
        return subject

    def linked(self, ref: Ref) -> NamedNode:
        """The node of an entity a fact points at: typed in a page graph, only named in a registry graph."""
        return self.typed(ref) if self.type_references else node(ref)

    def extracted(self, ref: Ref) -> NamedNode:
        """Mark an entity the registry does not know as made from this page's text (osce:extracted true)."""
        subject = node(ref)
        if ref.known is None:
            self.sink.add(subject, OSCE.extracted, Literal("true", datatype=XSD.boolean))
        return subject

    def entity_class(self, ref: Ref) -> NamedNode:
        if ref.known is not None:  # a registry entity: the registry says (a body's class is per body)
            return NamedNode(ref.known.cls)
        if ref.type == "organization":  # an extracted organisation: _Organisation states its class
            return ORG.Organization
        if ref.type == "body":
            return ORG.OrganizationalUnit
        return ENTITY_CLASSES[ref.type]

    def label(self, ref: Ref, label: Label | None) -> None:
        """The name the page uses: skos:prefLabel when it is the registry's preferred name in that
        language (or the entity is not in the registry), skos:altLabel otherwise."""
        if label is None or not label.text:
            return
        names = {name.lang: name.text for name in ref.known.names} if ref.known is not None else None
        # exact wording only (white space aside): a straight apostrophe where the registry has a curly
        # one is a variant, else one language would get two preferred labels
        preferred = names is None or " ".join(names.get(label.lang, "").split()) == " ".join(label.text.split())
        if preferred and names is not None:
            label = Label(names[label.lang], label.lang)  # the registry's exact characters
        self.sink.add(node(ref), SKOS.prefLabel if preferred else SKOS.altLabel, text(label))

    def cite(self, subject: NamedNode, citation: Citation | None) -> None:
        """A registry fact's sources, flags and note."""
        if citation is None:
            return
        for url in citation.sources:
            self.sink.add(subject, DCTERMS.source, cited(url))
        for flag in citation.flags:
            self.sink.add(subject, OSCE.flag, OSCE[flag])
        if citation.note:
            self.sink.add(subject, SKOS.note, Literal(citation.note, language="en"))

    def _EntitySeen(self, r: records.EntitySeen) -> None:
        self.typed(r.ref)
        self.label(r.ref, r.label)

    def _Membership(self, r: records.Membership) -> None:
        if r.role not in ROLES:
            raise ValueError(f"unknown membership role {r.role!r}")
        subject = NamedNode(iri.membership(r.organization.key, r.role, r.member.key))
        self.sink.add(subject, A, ORG.Membership)
        self.sink.add(subject, ORG.member, self.linked(r.member))
        self.sink.add(subject, ORG.organization, node(r.organization))
        self.sink.add(subject, ORG.role, role_node(r.role))
        if r.group is not None:
            self.sink.add(subject, OSCE.partnerGroup, self.linked(r.group))
        self.interval(subject, r.start, r.end)
        self.cite(subject, r.citation)

    def interval(self, owner: NamedNode, start: str | None, end: str | None) -> None:
        write_interval(self.sink, owner, start, end)

    def _Chairpersonship(self, r: records.Chairpersonship) -> None:
        subject = NamedNode(iri.chairpersonship(r.year))
        self.sink.add(subject, A, OSCE.Chairpersonship)
        self.sink.add(subject, ORG.member, self.linked(r.state))
        self.sink.add(subject, ORG.organization, node(OSCE_REF))
        self.sink.add(subject, ORG.role, role_node("chair"))
        self.sink.add(subject, OSCE.year, Literal(f"{r.year:04d}", datatype=XSD.gYear))
        self.interval(subject, f"{r.year:04d}-01-01", f"{r.year:04d}-12-31")
        if r.chairperson:
            self.sink.add(subject, OSCE.chairpersonName, Literal(r.chairperson))
        self.cite(subject, r.citation)

    def _FieldOperation(self, r: records.FieldOperation) -> None:
        subject = self.typed(r.ref)
        self.sink.add(subject, ORG.unitOf, node(OSCE_REF))
        if r.host is not None:
            self.sink.add(subject, OSCE.host, self.linked(r.host))
        if r.status:
            self.sink.add(subject, OSCE.operationalStatus, OSCE[r.status])
        self.date(subject, SCHEMA.foundingDate, r.established)
        self.date(subject, SCHEMA.dissolutionDate, r.closed)
        if r.established_by is not None:
            self.sink.add(subject, OSCE.establishedBy, self.linked(r.established_by))
        if r.decision:
            self.sink.add(subject, OSCE.decision, Literal(r.decision))
        if r.predecessor is not None:
            predecessor = node(r.predecessor)
            self.sink.add(subject, DCTERMS.replaces, predecessor)
            self.sink.add(predecessor, DCTERMS.isReplacedBy, subject)  # so the chain reads both ways
        for office in r.offices:  # a registry city: the place node pages name (osce:office there too)
            self.sink.add(subject, OSCE.office, self.linked(office))

    def _Post(self, r: records.Post) -> None:
        subject = self.typed(r.ref)
        if r.unit is not None:
            self.sink.add(subject, ORG.postIn, self.linked(r.unit))

    def _PartnerGroup(self, r: records.PartnerGroup) -> None:
        subject = self.typed(r.ref)
        self.sink.add(subject, ORG.subOrganizationOf, node(r.organization))

    def _MeetingSeries(self, r: records.MeetingSeries) -> None:
        subject = self.typed(r.ref)
        if r.organizer is not None:
            self.sink.add(subject, SCHEMA.organizer, node(r.organizer))

    def _UnitOf(self, r: records.UnitOf) -> None:
        self.sink.add(self.typed(r.unit), ORG.unitOf, self.typed(r.organization))

    def _WorksOn(self, r: records.WorksOn) -> None:
        self.sink.add(self.typed(r.body), OSCE.worksOn, self.typed(r.topic))

    def _SharesBorder(self, r: records.SharesBorder) -> None:
        self.sink.add(self.typed(r.state), OSCE.sharesBorderWith, self.typed(r.neighbour))

    def _Supports(self, r: records.Supports) -> None:
        self.sink.add(self.typed(r.body), OSCE.supports, self.typed(r.supported))

    def _TopicDescription(self, r: records.TopicDescription) -> None:
        self.typed(r.topic)
        self.label(r.topic, r.label)
        if r.description is not None:
            self.sink.add(node(r.topic), DCTERMS.description, text(r.description))

    def _Mention(self, r: records.Mention) -> None:
        subject = NamedNode(iri.within(self.page.value, "mention", f"{r.block}-{r.start}-{r.end}"))
        self.typed(r.ref)
        self.sink.add(subject, A, OSCE.Mention)
        self.sink.add(subject, OSCE.mentionOf, node(r.ref))
        self.sink.add(subject, OSCE.inPage, self.page)
        self.sink.add(subject, OSCE.block, Literal(str(r.block), datatype=XSD.integer))
        self.sink.add(subject, OSCE.start, Literal(str(r.start), datatype=XSD.integer))
        self.sink.add(subject, OSCE.end, Literal(str(r.end), datatype=XSD.integer))
        self.sink.add(subject, OSCE.anchorText, Literal(r.text))
        self.sink.add(self.page, SCHEMA.mentions, node(r.ref))

    def _DocumentContent(self, r: records.DocumentContent) -> None:
        self.sink.add(self.page, A, OSCE.SourcePage)
        self.sink.add(self.page, A, page_kind_class(r.kind))
        self.sink.add(self.page, OSCE.pageKind, Literal(r.kind))
        if r.language:
            self.sink.add(self.page, SCHEMA.inLanguage, Literal(r.language))
        if r.title is not None:
            self.sink.add(self.page, DCTERMS.title, text(r.title))
        abstract = abstract_of(r.paragraphs)
        if abstract and r.language:
            self.sink.add(self.page, SCHEMA.abstract, Literal(abstract, language=r.language))
        for year in r.years:
            self.sink.add(self.page, OSCE.mentionsYear, Literal(f"{year:04d}", datatype=XSD.gYear))
        for ref in r.about:
            self.sink.add(self.page, SCHEMA.about, node(ref))
        if r.truncated:
            self.sink.add(self.page, OSCE.truncated, Literal("true", datatype=XSD.boolean))

    # -- records of the page-kind mappers ---------------------------------------------------------
    def date(self, subject: NamedNode, predicate: NamedNode, value: str | None) -> None:
        """A date as the page gives it. Where the registry (or another page) says otherwise, both values
        stay, each in its own graph; validation reports the disagreement as a Warning."""
        if value:
            self.sink.add(subject, predicate, date_literal(value))

    def place(self, name: str) -> NamedNode:
        # one city in any spelling is one node ('Wien', 'Vienne', 'Вене' -> place/vienna)
        subject = NamedNode(iri.entity("place", places.place_key(name)))
        self.sink.add(subject, A, SCHEMA.Place)
        self.sink.add(subject, SCHEMA.name, Literal(name))
        return subject

    def _Person(self, r: records.Person) -> None:
        subject = self.typed(r.ref)
        if r.extracted:
            self.extracted(r.ref)
        self.sink.add(subject, SCHEMA.name, Literal(r.name))
        if r.nationality is not None:
            self.sink.add(subject, SCHEMA.nationality, self.linked(r.nationality))

    def _PostHolding(self, r: records.PostHolding) -> None:
        subject = NamedNode(iri.post_holding(r.post.key, r.person.key))
        person, post = self.linked(r.person), self.linked(r.post)
        self.sink.add(person, ORG.holds, post)
        self.sink.add(subject, A, OSCE.PostHolding)
        self.sink.add(subject, ORG.member, person)
        self.sink.add(subject, OSCE.post, post)
        if r.unit is not None:
            self.sink.add(subject, ORG.organization, self.linked(r.unit))
        self.interval(subject, r.start, r.end)
        if r.as_of:
            self.sink.add(subject, OSCE.asOf, date_literal(r.as_of))
        self.cite(subject, r.citation)

    def _Dateline(self, r: records.Dateline) -> None:
        if r.date:
            self.sink.add(self.page, SCHEMA.datePublished, date_literal(r.date))
        if r.place:
            self.sink.add(self.page, SCHEMA.locationCreated, self.place(r.place))
        if r.issuer is not None:
            self.typed(r.issuer)
            self.sink.add(self.page, SCHEMA.publisher, node(r.issuer))

    def _Troika(self, r: records.Troika) -> None:
        subject = NamedNode(iri.chairpersonship(r.year))
        for state in r.states:
            self.typed(state)
            self.sink.add(subject, OSCE.troikaMember, node(state))

    def _Event(self, r: records.Event) -> None:
        if r.shared:  # docs/identifiers.md, open-world section: one IRI for the meeting on every page
            subject = NamedNode(iri.entity("event", r.key))
            self.extracted(Ref("event", r.key))
        else:
            subject = NamedNode(iri.within(self.page.value, "event", r.key))
        self.sink.add(subject, A, OSCE.Meeting)
        self.sink.add(subject, SCHEMA.name, text(r.title))
        self.sink.add(self.page, SCHEMA.about if r.main else SCHEMA.mentions, subject)
        if r.location is not None:
            self.sink.add(subject, SCHEMA.location, node(r.location))
        if r.part_of is not None:
            self.sink.add(subject, OSCE.partOfMeeting, node(r.part_of))
        if r.participant_count is not None:
            self.sink.add(subject, OSCE.participantCount, Literal(str(r.participant_count), datatype=XSD.integer))
        if r.theme is not None:
            self.sink.add(subject, OSCE.theme, text(r.theme))
        if r.start:
            self.sink.add(subject, SCHEMA.startDate, date_literal(r.start))
        if r.end:
            self.sink.add(subject, SCHEMA.endDate, date_literal(r.end))
        if r.place and r.location is None:
            self.sink.add(subject, SCHEMA.location, self.place(r.place))
        if r.organizer is not None:
            self.typed(r.organizer)
            self.sink.add(subject, SCHEMA.organizer, node(r.organizer))
        if r.series is not None:
            self.typed(r.series)
            self.sink.add(subject, SCHEMA.superEvent, node(r.series))
        if r.participants is not None:
            self.sink.add(subject, OSCE.participants, text(r.participants))
        if r.decision:
            self.sink.add(subject, OSCE.decision, Literal(r.decision))

    def _Publication(self, r: records.Publication) -> None:
        subject = NamedNode(iri.within(self.page.value, "publication", "document"))
        self.sink.add(subject, A, OSCE.Publication)
        self.sink.add(subject, DCTERMS.title, text(r.title))
        self.sink.add(self.page, SCHEMA.mainEntity, subject)
        if r.date:
            self.sink.add(subject, DCTERMS.issued, date_literal(r.date))
        if r.language:
            self.sink.add(subject, DCTERMS.language, Literal(r.language))
        if r.publisher is not None:
            self.typed(r.publisher)
            self.sink.add(subject, DCTERMS.publisher, node(r.publisher))
        if r.doc_type:
            self.sink.add(subject, OSCE.documentType, Literal(r.doc_type))

    def _OperationProfile(self, r: records.OperationProfile) -> None:
        subject = self.typed(r.ref)
        self.sink.add(subject, ORG.unitOf, node(OSCE_REF))
        for office in r.offices:
            self.sink.add(subject, OSCE.office, self.place(office))
        for predicate, value in ((OSCE.internationalStaff, r.international_staff), (OSCE.localStaff, r.local_staff),
                                 (OSCE.staffCount, r.total_staff)):
            if value is not None:
                self.sink.add(subject, predicate, Literal(str(value), datatype=XSD.integer))
        if r.staff_as_of:
            self.sink.add(subject, OSCE.staffAsOf, date_literal(r.staff_as_of))
        if r.budget:
            self.sink.add(subject, OSCE.budget, Literal(r.budget, datatype=XSD.decimal))
        if r.currency:
            self.sink.add(subject, OSCE.budgetCurrency, Literal(r.currency))
        if r.budget_year:
            self.sink.add(subject, OSCE.budgetYear, date_literal(r.budget_year))
        if r.mandate is not None:
            self.sink.add(subject, OSCE.mandate, text(r.mandate))
        if r.head_post is not None:
            self.typed(r.head_post)
            self.sink.add(node(r.head_post), ORG.postIn, subject)

    def _InstitutionProfile(self, r: records.InstitutionProfile) -> None:
        subject = self.typed(r.ref)
        if r.seat:
            self.sink.add(subject, OSCE.seat, self.place(r.seat))
        if r.seat_country is not None:
            self.typed(r.seat_country)
            self.sink.add(subject, OSCE.seatCountry, node(r.seat_country))
        self.date(subject, SCHEMA.foundingDate, r.founded)
        if r.mandate is not None:
            self.sink.add(subject, OSCE.mandate, text(r.mandate))
        if r.staff is not None:
            self.sink.add(subject, OSCE.staffCount, Literal(str(r.staff), datatype=XSD.integer))

    def _TimelineEntry(self, r: records.TimelineEntry) -> None:
        subject = NamedNode(iri.within(self.page.value, "entry", r.key))
        self.sink.add(subject, A, OSCE.TimelineEntry)
        self.sink.add(subject, SCHEMA.startDate, date_literal(r.date))
        self.sink.add(subject, SCHEMA.description, text(r.text))
        self.sink.add(self.page, SCHEMA.hasPart, subject)
        for ref in r.about:
            self.typed(ref)
            self.sink.add(subject, SCHEMA.about, node(ref))

    def _ListedItem(self, r: records.ListedItem) -> None:
        subject = NamedNode(iri.within(self.page.value, "item", str(r.position)))
        self.sink.add(subject, A, OSCE.ListedItem)
        self.sink.add(subject, SCHEMA.headline, text(r.title))
        self.sink.add(subject, SCHEMA.position, Literal(str(r.position), datatype=XSD.integer))
        self.sink.add(self.page, SCHEMA.hasPart, subject)
        if r.date:
            self.sink.add(subject, SCHEMA.datePublished, date_literal(r.date))
        if r.url:
            self.sink.add(subject, SCHEMA.url, Literal(r.url, datatype=XSD.anyURI))
        if r.content_type is not None:
            self.sink.add(subject, SCHEMA.genre, text(r.content_type))
        if r.summary is not None:
            self.sink.add(subject, SCHEMA.abstract, text(r.summary))
        if r.place:
            self.sink.add(subject, SCHEMA.locationCreated, self.place(r.place))
        for name in r.places:
            self.sink.add(subject, SCHEMA.contentLocation, self.place(name))
        for ref in r.about:
            self.sink.add(subject, SCHEMA.about, self.typed(ref))
        for ref in r.mentions:
            self.sink.add(subject, SCHEMA.mentions, self.typed(ref))

    # -- places and figures stated in running text -----------------------------------------------------
    def _PlaceStated(self, r: records.PlaceStated) -> None:
        subject = node(r.ref)
        self.sink.add(subject, A, SCHEMA.Place)
        self.sink.add(subject, SCHEMA.name, Literal(r.name))
        self.extracted(r.ref)
        for container in (r.within, r.country):
            if container is not None:
                if container.type != "place":
                    self.typed(container)
                self.sink.add(subject, SCHEMA.containedInPlace, node(container))
                break  # the nearest container only: a venue's city; the city's country is stated on the city

    def _Count(self, r: records.Count) -> None:
        if r.kind not in COUNT_PROPERTIES:
            raise ValueError(f"unknown count kind {r.kind!r}")
        self.sink.add(node(r.subject), COUNT_PROPERTIES[r.kind], Literal(str(r.value), datatype=XSD.integer))

    # -- open-world posts and organisations (issue 8) -------------------------------------------------
    def _ExtractedPost(self, r: records.ExtractedPost) -> None:
        subject = self.typed(r.ref)
        self.extracted(r.ref)
        self.label(r.ref, r.label)
        for alt in r.alt_labels:
            if alt != r.label:
                self.sink.add(subject, SKOS.altLabel, text(alt))
        if r.unit is not None:
            self.typed(r.unit)
            self.sink.add(subject, ORG.postIn, node(r.unit))
        if r.state is not None:
            self.typed(r.state)
            self.sink.add(subject, OSCE.ofState, node(r.state))

    def _Organisation(self, r: records.Organisation) -> None:
        subject = node(r.ref)
        self.sink.add(subject, A, ORGANISATION_CLASSES.get(r.kind, ORG.Organization))
        self.extracted(r.ref)
        self.label(r.ref, r.label)
        for alt in r.alt_labels:
            if alt != r.label:
                self.sink.add(subject, SKOS.altLabel, text(alt))
        if r.abbreviation:
            self.sink.add(subject, SCHEMA.alternateName, Literal(r.abbreviation))
        if r.parent is not None:
            self.typed(r.parent)
            self.sink.add(subject, ORG.unitOf, node(r.parent))
        if r.state is not None:
            self.typed(r.state)
            self.sink.add(subject, OSCE.ofState, node(r.state))
        if r.place:
            self.sink.add(subject, SCHEMA.location, self.place(r.place))
        if r.staff is not None:
            self.sink.add(subject, OSCE.staffCount, Literal(str(r.staff), datatype=XSD.integer))
        for partner in r.partners:
            self.typed(partner)
            self.sink.add(subject, OSCE.worksWith, node(partner))
        for state in r.co_chairs:
            self.typed(state)
            self.sink.add(subject, OSCE.coChair, node(state))
        self.sink.add(self.page, SCHEMA.mentions, subject)

    # -- documents, decisions, history (open-world extraction) ------------------------------------
    def _DocumentStated(self, r: records.DocumentStated) -> None:
        subject = self.typed(r.ref)
        self.extracted(r.ref)
        if r.ref.known is not None:
            self.label(r.ref, r.label)
        else:
            self.sink.add(subject, SCHEMA.name, text(r.label))
        self.sink.add(self.page, SCHEMA.mentions, subject)
        self.date(subject, DCTERMS.issued, r.issued)
        if r.symbol:
            self.sink.add(subject, DCTERMS.identifier, Literal(r.symbol))
        if r.adopted_by is not None:
            self.typed(r.adopted_by)
            self.sink.add(subject, OSCE.adoptedBy, node(r.adopted_by))
        for act, target in r.acts:
            if act not in records.DOCUMENT_ACTS:
                raise ValueError(f"unknown document act {act!r}")
            self.typed(target)
            self.sink.add(subject, OSCE[act], node(target))
        self.date(subject, OSCE.mandateUntil, r.until)

    def _HistoryStated(self, r: records.HistoryStated) -> None:
        subject = self.typed(r.ref)
        self.extracted(r.ref)
        self.label(r.ref, r.label)
        self.date(subject, SCHEMA.foundingDate, r.founded)
        self.date(subject, OSCE.startedWork, r.started)
        self.date(subject, SCHEMA.dissolutionDate, r.closed)
        if r.predecessor is not None:
            self.typed(r.predecessor)
            self.sink.add(subject, DCTERMS.replaces, node(r.predecessor))
        if r.established_by is not None:
            self.typed(r.established_by)
            self.sink.add(subject, OSCE.establishedBy, node(r.established_by))
        for office in r.offices:  # a field operation's office; a body's seat
            self.sink.add(subject, OSCE.office if r.ref.type == "field-operation" else OSCE.seat, self.place(office))
        if r.monitors is not None:
            self.sink.add(subject, OSCE.monitorCount, Literal(str(r.monitors), datatype=XSD.integer))
        if r.unit_of is not None:
            self.typed(r.unit_of)
            self.sink.add(subject, ORG.unitOf, node(r.unit_of))
        if r.moved_from:
            self.sink.add(subject, OSCE.movedFrom, self.place(r.moved_from))
        self.date(subject, OSCE.movedOn, r.moved_on)
        self.date(subject, OSCE.renamedOn, r.renamed_on)
        self.date(subject, OSCE.mandateChangedOn, r.mandate_changed)
        if r.established_at is not None:
            self.sink.add(subject, OSCE.establishedAt, node(r.established_at))
        for document in r.implements:
            self.typed(document)
            self.sink.add(subject, OSCE.supportsImplementationOf, node(document))

    # -- the registry's own rows (osce_kg/registry.py, one graph per file) ------------------------------
    def _EntityDescription(self, r: records.EntityDescription) -> None:
        subject = self.typed(r.ref)
        names = {label.lang: label.text for label in r.names}
        for label in r.names:
            self.sink.add(subject, SKOS.prefLabel, text(label))
        for label in r.alt_labels:
            if label.lang == "xx":  # an abbreviation in no language
                self.sink.add(subject, SKOS.altLabel, Literal(label.text))
            elif label.text != names.get(label.lang):
                self.sink.add(subject, SKOS.altLabel, text(label))
        if r.wikidata:  # a State is its Wikidata item; any other entity matches it
            self.sink.add(subject, OWL.sameAs if r.ref.type in ("country", "territory") else SKOS.exactMatch,
                          NamedNode(WIKIDATA + r.wikidata))
        self.cite(subject, r.citation)

    def _CountryCodes(self, r: records.CountryCodes) -> None:
        subject = self.typed(r.ref)
        if r.iso2:
            self.sink.add(subject, OSCE.iso3166Alpha2, Literal(r.iso2))
            if r.ref.type != "territory":
                self.sink.add(subject, SKOS.exactMatch, NamedNode(ISO3166 + r.iso2))
        if r.iso3:
            self.sink.add(subject, OSCE.iso3166Alpha3, Literal(r.iso3))

    def _BodyProfile(self, r: records.BodyProfile) -> None:
        subject = self.typed(r.ref)
        if r.parent is not None:
            self.sink.add(subject, ORG.unitOf, self.linked(r.parent))
        if r.abbreviation:
            self.sink.add(subject, SCHEMA.alternateName, Literal(r.abbreviation))
        if r.seat:
            site = NamedNode(subject.value + "/seat")
            self.sink.add(subject, ORG.hasPrimarySite, site)
            self.sink.add(site, A, ORG.Site)
            self.sink.add(site, RDFS.label, Literal(r.seat, language="en"))
            if r.seat_country is not None:
                self.sink.add(site, SCHEMA.addressCountry, self.linked(r.seat_country))
        if r.seat_city is not None:  # what an institution page states (_InstitutionProfile)
            self.sink.add(subject, OSCE.seat, self.linked(r.seat_city))
        self.date(subject, SCHEMA.foundingDate, r.founded)

    def _TopConcept(self, r: records.TopConcept) -> None:
        subject = self.typed(r.ref)
        self.sink.add(subject, SKOS.topConceptOf, FIELDS_OF_WORK)
        self.sink.add(FIELDS_OF_WORK, SKOS.hasTopConcept, subject)
        if FIELDS_OF_WORK not in self.described:
            self.described.add(FIELDS_OF_WORK)
            self.sink.add(FIELDS_OF_WORK, A, SKOS.ConceptScheme)
            self.sink.add(FIELDS_OF_WORK, SKOS.prefLabel, Literal("OSCE fields of work", language="en"))
            self.sink.add(FIELDS_OF_WORK, SKOS.prefLabel, Literal("Domaines d'action de l'OSCE", language="fr"))
        if r.dimension:
            self.sink.add(subject, OSCE.dimension, OSCE[r.dimension + "-dimension"])

    def _DocumentIssued(self, r: records.DocumentIssued) -> None:
        self.date(self.typed(r.ref), DCTERMS.issued, r.issued)

    def _City(self, r: records.City) -> None:
        subject = self.typed(r.ref)
        names = {label.lang: label.text for label in r.ref.known.names} if r.ref.known is not None else {}
        if "en" in names:  # what a page naming the place states too (schema:name), so the node reads alike
            self.sink.add(subject, SCHEMA.name, Literal(names["en"]))
        if r.country is not None:
            self.sink.add(subject, SCHEMA.containedInPlace, self.linked(r.country))

    def _RegistryGraph(self, r: records.RegistryGraph) -> None:
        graph = self.sink.graph
        self.sink.add(graph, A, OSCE.RegistryGraph)
        self.sink.add(graph, RDFS.label, Literal(f"osce-kg reference registry: {r.file}", language="en"))
        for url in sorted(r.sources):
            if "://" in url:
                self.sink.add(graph, PROV.wasDerivedFrom, cited(url))


def page_kind_class(kind: str) -> NamedNode:
    """'press-release' -> osce:PressReleasePage; the generic 'document' kind is osce:SourcePage itself."""
    if kind == "document":
        return OSCE.SourcePage
    return OSCE["".join(part.capitalize() for part in kind.split("-")) + "Page"]


def describe_source(sink: Sink, page: NamedNode, url: str, sha256: str, file_name: str) -> None:
    """PROV-O description of a page graph: the page it was derived from, and the file's name and checksum.
    Nothing of the build is in it (the dataset description says which build generated the dataset holding
    it): nothing in a page graph depends on another page, so an unchanged page gives the same graph in every
    build."""
    graph = sink.graph
    sink.add(page, A, OSCE.SourcePage)
    sink.add(page, SCHEMA.url, Literal(url, datatype=XSD.anyURI))
    sink.add(graph, A, OSCE.SourceGraph)
    sink.add(graph, PROV.wasDerivedFrom, page)
    sink.add(graph, OSCE.sha256, Literal(sha256))
    sink.add(graph, OSCE.sourceFile, Literal(file_name))
