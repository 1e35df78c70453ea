"""The IRI policy (docs/identifiers.md), in one place: nothing else builds IRI strings.

Every IRI is `BASE + <segment> + "/" + <stable key>`. Keys come from stable identifiers (ISO 3166 codes,
slugs of English names, the normalised source URL), never from a counter or from the order of input, so
the same entity seen on a French and an English page, in any run, gets the same IRI.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    value = setting("OSCE_KG_BASE")
    return value if value.endswith("/") else value + "/"


# The base read once for a stretch of work (`pinned_base`): mapping one page mints ~100 IRIs, and reading
# the environment for each was ~5 % of the page's CPU.
# A context variable, not a global: pages mapped in threads side by side (an executor of threads) each pin and
# unpin their own; with a global, two overlapping blocks left the base pinned for the rest of the process.
_pinned: ContextVar[str | None] = ContextVar("osce_kg_pinned_base", default=None)


@contextmanager
def pinned_base(value: str | None = None) -> Iterator[str]:
    """Within the block, `base()` is the value it had on entry (the environment is read once), or `value`."""
    value = base() if value is None else value
    token = _pinned.set(value)
    try:
        yield value
    finally:
        _pinned.reset(token)


def entity(kind: str, key: str) -> str:
    """IRI of a keyed entity, e.g. entity('country', 'fi')."""
    return _entity(kind, key, base())


@functools.lru_cache(maxsize=1 << 14)  # a page mints ~100 IRIs, mostly of entities other pages name too
def _entity(kind: str, key: str, prefix: str) -> str:
    if kind not in SEGMENTS:
        raise ValueError(f"no IRI segment for entity type {kind!r}")
    if not _KEY.match(key):
        raise ValueError(f"key {key!r} for {kind} is not a slug (see docs/identifiers.md)")
    return f"{prefix}{SEGMENTS[kind]}/{key}"


def key_from_name(name: str) -> str:
    """Key for an entity known only by its English name: the slug of that name."""
    key = slugify(name)
    if not key:
        raise ValueError(f"cannot make a key from {name!r}")
    return key


# Nodes that exist only inside a page (`within`): kind -> the shape of their keys. A page whose URL path
# has such a kind followed by such a key would collide with a node of another page (`.../mention/1-4-60`),
# so that segment is escaped in page keys. A new in-page kind gets a row here.
IN_PAGE_KEYS = {
    "mention": re.compile(r"^\d+-\d+-\d+$"),
    "event": re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    "publication": re.compile(r"^document$"),
    "entry": re.compile(r"^\d+$"),
    "item": re.compile(r"^\d+$"),
}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_LONE_PERCENT = re.compile(r"%(?![0-9A-F]{2})")
_HOST = re.compile(r"^[a-z0-9._:-]+$")
_SAFE_PATH = "/-._~!$&'()*+,;=:@%"


def _escapes(text: str) -> str:
    """Percent-encoding in one form: unreserved characters decoded, other escapes upper-case, a '%' that
    starts no escape encoded as %25."""
    def one(match: re.Match) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _LONE_PERCENT.sub("%25", _ESCAPE.sub(one, text))


def _dot_segments(path: str) -> str:
    """RFC 3986 remove_dot_segments: `/a/./b/../c` -> `/a/c`; `..` never climbs above the root."""
    out: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
        if segment in (".", "..") and i == len(segments) - 1:
            out.append("")
    return "/".join(out)


def _host(url: str, raw: str | None) -> str:
    host = (raw or "").lower().rstrip(".")
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # IDN -> punycode: one key for both spellings
        except UnicodeError:
            raise ValueError(f"URL {url!r}: host {host!r} is not a valid domain name") from None
    if host and not _HOST.match(host):
        raise ValueError(f"URL {url!r}: host {host!r} has characters a host cannot have")
    return host


def source_url(url: str) -> str:
    """A source URL in one normal form, safe to publish (schema:url): scheme and host lower-case, IDN hosts
    in punycode, user name and password dropped, `.`/`..` segments resolved, percent-encoding normalised,
    characters IRIs do not allow (spaces, `<`, `"`, `{`...) percent-encoded, fragment dropped.
    Non-http(s) URLs (urn:sha256:...) are returned stripped. Raises ValueError for a host that is not one."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url
    host = _host(url, parts.hostname)
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"URL {url!r}: the port is not a number") from None
    netloc = host + (f":{port}" if port and port != {"http": 80, "https": 443}[parts.scheme.lower()] else "")
    path = quote(_dot_segments(_escapes(parts.path)), safe=_SAFE_PATH)
    query = quote(_escapes(parts.query), safe=_SAFE_PATH + "?")
    return f"{parts.scheme.lower()}://{netloc}{path or '/'}" + (f"?{query}" if parts.query else "")


@functools.lru_cache(maxsize=1 << 12)  # a page's URL is keyed several times (its node, graph, report)
def page_key(url: str) -> str:
    """Stable key for a source page: host and path of its URL, scheme, 'www.', userinfo and fragment dropped.

    http and https, 'www.osce.org' and 'osce.org', and a trailing slash name the same page; so do the
    spellings `source_url` makes equal (percent-encoding case, dot segments, IDN vs punycode). A path
    segment that would make the page IRI equal to a node inside another page (`IN_PAGE_KEYS`) has its first
    letter percent-encoded (`.../%6Dention/1-4-60`), which no URL produces after normalisation.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https"):
        parts = urlsplit(source_url(url))
        host = parts.hostname or ""
        path, query = parts.path.rstrip("/"), parts.query
    else:  # urn:sha256:... and other non-web names: escapes normalised, kept as they are
        host = _host(url, parts.hostname)
        path = quote(_escapes(parts.path.rstrip("/")), safe=_SAFE_PATH)
        query = quote(_escapes(parts.query), safe=_SAFE_PATH + "?")
    if host.startswith("www."):
        host = host[4:]
    segments = path.split("/")
    for i, segment in enumerate(segments[:-1]):
        pattern = IN_PAGE_KEYS.get(segment)
        if pattern and pattern.match(segments[i + 1]):
            segments[i] = f"%{ord(segment[0]):02X}{segment[1:]}"
    key = host + "/".join(segments)
    if query:
        key += "?" + query
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


def post_holding(post: str, person: str) -> str:
    """A person's holding of a post: a membership keyed by the post and the person."""
    return entity("membership", f"{post}/{person}")


def chairpersonship(year: int) -> str:
    return entity("chairpersonship", f"{year:04d}")


def interval(owner_iri: str) -> str:
    """The time:Interval of a membership or post holding lives under its owner."""
    return owner_iri + "/during"


def within(owner_iri: str, kind: str, key: str) -> str:
    """An entity that exists only inside a page (an event, a mention): under the page's IRI. Its kind and
    key shape belong in IN_PAGE_KEYS, so that no page key can equal it."""
    return f"{owner_iri}/{kind}/{key}"
