"""The registry as RDF: one named graph per registry file, each row citing its sources.

Registry facts never overwrite page facts: they live in their own graphs, so where a page and the
registry disagree, both statements stay, each with its provenance.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from osce_kg import iri
from osce_kg.rdf import (
    BODY_CLASSES,
    ENTITY_CLASSES,
    FIELDS_OF_WORK,
    QuadSink,
    date_literal,
    node,
    role_node,
    write_interval,
)
from osce_kg.records import Ref
from osce_kg.registry import ENTITY_FILES, HOST_TYPES, UNIT_TYPES, Entity, Registry
from osce_kg.vocab import DCTERMS, ORG, OSCE, OWL, PROV, RDFS, SCHEMA, SKOS, A

WIKIDATA = "http://www.wikidata.org/entity/"
ISO3166 = "urn:iso:std:iso:3166:-1:"
OSCE_REF = Ref("body", "osce")


def registry_quads(registry: Registry) -> list[Quad]:
    quads: list[Quad] = []
    for file in sorted(ENTITY_FILES) + ["memberships.csv", "chairpersonships.csv", "office_holders.csv"]:
        sink = QuadSink(iri.registry_graph(file.removesuffix(".csv")))
        writer = _RegistryWriter(registry, sink)
        if file in ENTITY_FILES:
            for entity in sorted(registry.entities.values(), key=lambda e: e.ref):
                if entity.file == file:
                    writer.entity(entity)
        else:
            for row in registry.facts.get(file, []):
                getattr(writer, file.removesuffix(".csv"))(row)
        writer.describe_graph(file)
        quads.extend(sink.quads)
    return quads


def _cited(url: str) -> NamedNode | Literal:
    """A cited page is named by its page IRI (iri.page), the node a build of that page describes (with its
    schema:url), so a registry fact and the page graph stating it meet in one node; a plain reference stays
    a literal."""
    return NamedNode(iri.page(url)) if "://" in url else Literal(url)


class _RegistryWriter:
    def __init__(self, registry: Registry, sink: QuadSink):
        self.registry = registry
        self.sink = sink
        self.sources: set[str] = set()

    def cite(self, subject: NamedNode, row: dict[str, str]) -> None:
        for url in row.get("source", "").split():
            self.sink.add(subject, DCTERMS.source, _cited(url))
            self.sources.add(url)
        for flag in (f for f in row.get("flags", "").split("|") if f):
            self.sink.add(subject, OSCE.flag, OSCE[flag])
        if row.get("note"):
            self.sink.add(subject, SKOS.note, Literal(row["note"], language="en"))

    def describe_graph(self, file: str) -> None:
        graph = self.sink.graph
        self.sink.add(graph, A, OSCE.RegistryGraph)
        self.sink.add(graph, RDFS.label, Literal(f"osce-kg reference registry: {file}", language="en"))
        for url in sorted(self.sources):
            if "://" in url:
                self.sink.add(graph, PROV.wasDerivedFrom, _cited(url))

    # -- entities ----------------------------------------------------------------------------------
    def entity(self, entity: Entity) -> None:
        ref, row = entity.ref, entity.row
        subject = node(ref)
        if ref.type == "body":
            self.sink.add(subject, A, BODY_CLASSES.get(row.get("type", ""), ORG.OrganizationalUnit))
        else:
            self.sink.add(subject, A, ENTITY_CLASSES[ref.type])
        for lang, name in sorted(entity.names.items()):
            self.sink.add(subject, SKOS.prefLabel, Literal(name, language=lang))
        for label in entity.alt_labels:
            if label.lang == "xx":
                self.sink.add(subject, SKOS.altLabel, Literal(label.text))
            elif label.text != entity.names.get(label.lang):
                self.sink.add(subject, SKOS.altLabel, Literal(label.text, language=label.lang))
        if row.get("wikidata"):
            self.sink.add(subject, OWL.sameAs if ref.type in ("country", "territory") else SKOS.exactMatch,
                          NamedNode(WIKIDATA + row["wikidata"]))
        self.cite(subject, row)
        getattr(self, "_" + ref.type.replace("-", "_"), lambda s, r: None)(subject, row)

    def _country(self, subject: NamedNode, row: dict[str, str]) -> None:
        if row.get("iso2"):
            self.sink.add(subject, OSCE.iso3166Alpha2, Literal(row["iso2"]))
            if row.get("type") != "territory":
                self.sink.add(subject, SKOS.exactMatch, NamedNode(ISO3166 + row["iso2"]))
        if row.get("iso3"):
            self.sink.add(subject, OSCE.iso3166Alpha3, Literal(row["iso3"]))

    _territory = _country

    def _body(self, subject: NamedNode, row: dict[str, str]) -> None:
        parent = row.get("parent")
        if parent:
            self.sink.add(subject, ORG.unitOf, node(Ref("body", parent)))
        if row.get("abbreviation"):
            self.sink.add(subject, SCHEMA.alternateName, Literal(row["abbreviation"]))
        if row.get("seat"):
            site = NamedNode(subject.value + "/seat")
            self.sink.add(subject, ORG.hasPrimarySite, site)
            self.sink.add(site, A, ORG.Site)
            self.sink.add(site, RDFS.label, Literal(row["seat"], language="en"))
            if row.get("seat_country"):
                self.sink.add(site, SCHEMA.addressCountry, node(Ref("country", row["seat_country"])))
        if row.get("founded"):
            self.sink.add(subject, SCHEMA.foundingDate, date_literal(row["founded"]))

    def _field_operation(self, subject: NamedNode, row: dict[str, str]) -> None:
        self.sink.add(subject, ORG.unitOf, node(OSCE_REF))
        host = row.get("host")
        if host:
            self.sink.add(subject, OSCE.host, node(self.registry.ref(host, HOST_TYPES) or Ref("country", host)))
        if row.get("status"):
            self.sink.add(subject, OSCE.operationalStatus, OSCE[row["status"]])
        if row.get("established"):
            self.sink.add(subject, SCHEMA.foundingDate, date_literal(row["established"]))
        if row.get("closed"):
            self.sink.add(subject, SCHEMA.dissolutionDate, date_literal(row["closed"]))
        if row.get("established_by"):
            self.sink.add(subject, OSCE.establishedBy, node(Ref("body", row["established_by"])))
        if row.get("decision"):
            self.sink.add(subject, OSCE.decision, Literal(row["decision"]))
        if row.get("predecessor"):
            predecessor = node(Ref("field-operation", row["predecessor"]))
            self.sink.add(subject, DCTERMS.replaces, predecessor)
            self.sink.add(predecessor, DCTERMS.isReplacedBy, subject)  # so the chain reads both ways

    def _topic(self, subject: NamedNode, row: dict[str, str]) -> None:
        self.sink.add(subject, SKOS.inScheme, FIELDS_OF_WORK)
        self.sink.add(subject, SKOS.topConceptOf, FIELDS_OF_WORK)
        self.sink.add(FIELDS_OF_WORK, SKOS.hasTopConcept, subject)
        if not any(q.subject == FIELDS_OF_WORK and q.predicate == A for q in self.sink.quads):
            self.sink.add(FIELDS_OF_WORK, A, SKOS.ConceptScheme)
            self.sink.add(FIELDS_OF_WORK, SKOS.prefLabel, Literal("OSCE fields of work", language="en"))
            self.sink.add(FIELDS_OF_WORK, SKOS.prefLabel, Literal("Domaines d'action de l'OSCE", language="fr"))
        if row.get("dimension"):
            self.sink.add(subject, OSCE.dimension, OSCE[row["dimension"] + "-dimension"])

    def _post(self, subject: NamedNode, row: dict[str, str]) -> None:
        unit = row.get("unit")
        if unit:
            self.sink.add(subject, ORG.postIn, node(self.registry.ref(unit, UNIT_TYPES) or Ref("body", unit)))

    def _meeting_series(self, subject: NamedNode, row: dict[str, str]) -> None:
        self.sink.add(subject, SCHEMA.organizer, node(OSCE_REF))

    def _partner_group(self, subject: NamedNode, row: dict[str, str]) -> None:
        self.sink.add(subject, ORG.subOrganizationOf, node(OSCE_REF))

    def _document(self, subject: NamedNode, row: dict[str, str]) -> None:
        if row.get("issued"):
            self.sink.add(subject, DCTERMS.issued, date_literal(row["issued"]))

    # -- facts -------------------------------------------------------------------------------------
    def interval(self, owner: NamedNode, start: str, end: str) -> None:
        write_interval(self.sink, owner, start, end)

    def memberships(self, row: dict[str, str]) -> None:
        member = Ref("country", row["member"])
        subject = NamedNode(iri.membership(row.get("organization") or "osce", row["role"], row["member"]))
        self.sink.add(subject, A, ORG.Membership)
        self.sink.add(subject, ORG.member, node(member))
        self.sink.add(subject, ORG.organization, node(Ref("body", row.get("organization") or "osce")))
        self.sink.add(subject, ORG.role, role_node(row["role"]))
        if row.get("group"):
            self.sink.add(subject, OSCE.partnerGroup, node(Ref("partner-group", row["group"])))
        self.interval(subject, row.get("start", ""), row.get("end", ""))
        self.cite(subject, row)

    def chairpersonships(self, row: dict[str, str]) -> None:
        year = int(row["year"])
        subject = NamedNode(iri.entity("chairpersonship", f"{year:04d}"))
        self.sink.add(subject, A, OSCE.Chairpersonship)
        self.sink.add(subject, ORG.member, node(Ref("country", row["state"])))
        self.sink.add(subject, ORG.organization, node(OSCE_REF))
        self.sink.add(subject, ORG.role, role_node("chair"))
        self.sink.add(subject, OSCE.year, date_literal(f"{year:04d}"))
        self.interval(subject, f"{year:04d}-01-01", f"{year:04d}-12-31")
        if row.get("chairperson"):
            self.sink.add(subject, OSCE.chairpersonName, Literal(row["chairperson"]))
            if len(row["chairperson"].split()) > 1:  # the linker finds pages naming this person: name them
                person_node = node(Ref("person", iri.key_from_name(row["chairperson"])))
                self.sink.add(person_node, A, ENTITY_CLASSES["person"])
                self.sink.add(person_node, SCHEMA.name, Literal(row["chairperson"]))
        self.cite(subject, row)

    def office_holders(self, row: dict[str, str]) -> None:
        person = Ref("person", row["person"])
        post = self.registry.get(Ref("post", row["post"]))
        person_node = node(person)
        self.sink.add(person_node, A, ENTITY_CLASSES["person"])
        self.sink.add(person_node, SCHEMA.name, Literal(row["name"]))
        if row.get("nationality"):
            self.sink.add(person_node, SCHEMA.nationality, node(Ref("country", row["nationality"])))
        self.sink.add(person_node, ORG.holds, node(Ref("post", row["post"])))
        unit = post.row.get("unit", "") if post else ""
        subject = NamedNode(iri.entity("membership", f"{row['post']}/{row['person']}"))
        self.sink.add(subject, A, OSCE.PostHolding)
        self.sink.add(subject, ORG.member, person_node)
        self.sink.add(subject, OSCE.post, node(Ref("post", row["post"])))
        if unit:
            self.sink.add(subject, ORG.organization, node(self.registry.ref(unit, UNIT_TYPES) or Ref("body", unit)))
        self.interval(subject, row.get("start", ""), row.get("end", ""))
        self.cite(subject, row)
