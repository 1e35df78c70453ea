"""Namespaces and the terms the RDF writer uses, as pyoxigraph NamedNodes."""

from __future__ import annotations

from pyoxigraph import NamedNode

from osce_kg.iri import ONTOLOGY

PREFIXES = {
    "osce": ONTOLOGY,
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "spdx": "http://spdx.org/rdf/terms#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


class _NS:
    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(self._base + name)
        if not name.startswith("__"):
            setattr(self, name, node)  # made once: the next OSCE.name is a plain attribute
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)


OSCE = _NS(PREFIXES["osce"])
ORG = _NS(PREFIXES["org"])
SKOS = _NS(PREFIXES["skos"])
PROV = _NS(PREFIXES["prov"])
DCTERMS = _NS(PREFIXES["dcterms"])
DCAT = _NS(PREFIXES["dcat"])
SCHEMA = _NS(PREFIXES["schema"])
TIME = _NS(PREFIXES["time"])
FOAF = _NS(PREFIXES["foaf"])
OWL = _NS(PREFIXES["owl"])
RDF = _NS(PREFIXES["rdf"])
RDFS = _NS(PREFIXES["rdfs"])
XSD = _NS(PREFIXES["xsd"])
A = RDF.type
