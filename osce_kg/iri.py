"""The IRI policy (docs/identifiers.md), in one place: nothing else builds IRI strings.

Every IRI is `BASE + <segment> + "/" + <stable key>`. Keys come from stable identifiers (ISO 3166 codes,
slugs of English names, the normalised source URL), never from a counter or from the order of input, so
the same entity seen on a French and an English page, in any run, gets the same IRI.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from osce_kg.entity_types import segments
from osce_kg.settings import setting
from osce_kg.text import slugify

ONTOLOGY = "https://w3id.org/osce-kg/ontology#"
GRAPH_BASE = "https://w3id.org/osce-kg/graph/"

# The record type of a reference -> the IRI path segment, from the entity type table
# (osce_kg/data/entity_types.csv; a new type gets a row there and in docs/identifiers.md).
SEGMENTS = segments()

_KEY = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")


def base() -> str:
    """The configured base (OSCE_KG_BASE), always ending in '/'."""
    value = setting("OSCE_KG_BASE")
    return value if value.endswith("/") else value + "/"


def entity(kind: str, key: str) -> str:
    """IRI of a keyed entity, e.g. entity('country', 'fi')."""
    if kind not in SEGMENTS:
        raise ValueError(f"no IRI segment for entity type {kind!r}")
    if not _KEY.match(key):
        raise ValueError(f"key {key!r} for {kind} is not a slug (see docs/identifiers.md)")
    return f"{base()}{SEGMENTS[kind]}/{key}"


def key_from_name(name: str) -> str:
    """Key for an entity known only by its English name: the slug of that name."""
    key = slugify(name)
    if not key:
        raise ValueError(f"cannot make a key from {name!r}")
    return key


def page_key(url: str) -> str:
    """Stable key for a source page: host and path of its URL, scheme, 'www.', userinfo and fragment dropped.

    http and https, 'www.osce.org' and 'osce.org', and a trailing slash name the same page.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    key = host + quote(path, safe="/-._~!$&'()*+,;=:@%")
    if parts.query:
        key += "?" + quote(parts.query, safe="/-._~!$&'()*+,;=:@%?")
    return key or "unknown"


def page(url: str) -> str:
    return f"{base()}page/{page_key(url)}"


def page_graph(url: str) -> str:
    """Named graph holding the facts of one source page."""
    return f"{GRAPH_BASE}page/{page_key(url)}"


def registry_graph(name: str) -> str:
    """Named graph holding one reference registry file's facts."""
    return f"{GRAPH_BASE}registry/{slugify(name)}"


def build_graph() -> str:
    return f"{GRAPH_BASE}build"


def dataset_graph() -> str:
    """Named graph holding the DCAT/VoID description of the build's output set."""
    return f"{GRAPH_BASE}dataset"


def inferred_graph() -> str:
    """Named graph holding what inference (osce-kg build --infer) adds: never mixed into page graphs."""
    return f"{GRAPH_BASE}inferred"


def local_url(sha256: str) -> str:
    """A URL for a file that names no source: content-addressed, so it is stable across machines."""
    return f"urn:sha256:{sha256}"


def membership(organization: str, role: str, member: str) -> str:
    return entity("membership", f"{organization}/{role}/{member}")


def interval(owner_iri: str) -> str:
    """The time:Interval of a membership or post holding lives under its owner."""
    return owner_iri + "/during"


def within(owner_iri: str, kind: str, key: str) -> str:
    """An entity that exists only inside a page (an event, a mention): under the page's IRI."""
    return f"{owner_iri}/{kind}/{key}"
