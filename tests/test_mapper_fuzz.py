"""Property test: random and mangled page text, fed to every mapper, never raises and always yields a graph
that conforms to the shapes (records -> RDF -> SHACL, in memory)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from pyoxigraph import NamedNode

from osce_kg import iri
from osce_kg.classify import mappers
from osce_kg.context import MappingContext
from osce_kg.mapping import parse_source
from osce_kg.rdf import QuadSink, RecordWriter, describe_source
from osce_kg.reference import registry_quads
from osce_kg.sources import SourceError, decode_source
from osce_kg.store import KnowledgeGraph
from osce_kg.validate import validate_graph

from .kinds_helpers import FIXTURES, registry

LINES = sorted({line for p in [*(FIXTURES / "pages").glob("*.txt"), *(FIXTURES / "listings").glob("*.txt")]
                for line in p.read_text(encoding="utf-8").split("\n")[1:] if line.strip()})
WORDS = sorted({w for line in LINES for w in line.split()})


def mangle(line: str, cut: int, dup: bool) -> list[str]:
    """Truncate a line mid-way, fuse it with chrome, or repeat it: what scraping does to pages."""
    out = [line[: max(1, len(line) * cut // 10)]]
    if dup:
        out.append(line)
    if cut % 3 == 0:
        out[0] = "HomeNews" + out[0]
    return out


page_lines = st.lists(
    st.one_of(
        st.sampled_from(LINES),
        st.builds(mangle, st.sampled_from(LINES), st.integers(1, 10), st.booleans()).map("\n".join),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        st.text(max_size=60),
        st.sampled_from(["When", "Where", "Organized by", "Budget", "Staff", "Offices", "-", "- ", "Quand :",
                         "Établissement :", "Establishment:", "VIENNA, 31 February 2024 -", "1. Januar", "(1992)",
                         "Publishing date:", "Publishing d", "Content type:", "Where we are: Vienna, OSCE (closed)",
                         "Press release | 31.02.2024", "What we do: ,", "Dónde estamos:"]),
    ),
    min_size=1, max_size=14,
)


def mapped_quads(kind: str, text: str) -> list:
    """The page's quads (records -> RDF) as mapper `kind` makes them from `text`."""
    url = "https://www.osce.org/fuzz/" + kind
    try:
        source = decode_source(text.encode("utf-8"), "fuzz.txt", url)
    except SourceError:
        assume(False)  # empty or binary input is refused by the reader with a clear error, before any mapper
        raise
    page = parse_source(source, url)
    ctx = MappingContext(registry())
    mappers()[kind].map_page(page, ctx)
    page_node = NamedNode(iri.page(url))
    sink = QuadSink(iri.page_graph(url))
    describe_source(sink, page_node, url, source.sha256, "fuzz.txt")
    RecordWriter(sink, page_node).write(ctx.finish().records)
    return sink.quads


def map_with(kind: str, text: str) -> KnowledgeGraph:
    """The page's graph with the registry's statements about what it names: what the shapes judge."""
    kg = KnowledgeGraph()
    kg.add_quads(with_registry_context(mapped_quads(kind, text)))
    return kg


KINDS = sorted(mappers())


@pytest.mark.parametrize("kind", KINDS)
@given(lines=page_lines)
@example(lines=[":"])  # found by fuzzing: an event page titled ':' (or 'ᨀ') had no key to give its meeting
@example(lines=["-", "- Afghanistan (2003)", "\u1a00"])
# found by fuzzing: a timeline line taken as the post two listed holders held at once, or one holder twice
@example(lines=["1 August 1975 - The Helsinki Final Act is signed by 35 States.",
                "- Knut Vollebæk (Norvège) : juillet 2007 - août 2013",
                "- Lamberto Zannier (Italy): July 2011 - June 2017"])
@example(lines=["1 August 1975 - The Helsinki Final Act is signed by 35 States.",
                "- Lamberto Zannier (Italie) : juillet 2017 - décembre 2020",
                "- Lamberto Zannier (Italy): July 2011 - June 2017"])
# found by fuzzing: a chairpersonship page telling when 'the Mission to A' closed typed a field operation the
# registry does not know, with no org:unitOf
@example(lines=["Mission to A", "The Mission was closed on 31 December 2007."])
def test_mapper_never_raises_and_output_conforms(kind, lines):
    kg = map_with(kind, "\n".join(lines))
    report = validate_graph(kg)
    violations = [r for r in report.results if r.severity == "Violation"]
    assert not violations, report.text()


def _by_subject() -> dict:
    index: dict = {}
    for quad in registry_quads(registry()):
        index.setdefault(quad.subject, []).append(quad)
    return index


REGISTRY_BY_SUBJECT = _by_subject()


def with_registry_context(quads: list) -> list:
    """The page's quads plus the registry's statements about the nodes they name, transitively, as a full build
    has them: registry entities get their names and classes from the registry's graphs."""
    out, frontier, seen = list(quads), {q.object for q in quads} | {q.subject for q in quads}, set()
    while frontier - seen:
        nxt = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in REGISTRY_BY_SUBJECT.get(node, []):
                out.append(quad)
                nxt.add(quad.object)
        frontier = nxt
    for graph in {q.graph_name for q in out} - seen:  # each registry graph's own description
        out.extend(REGISTRY_BY_SUBJECT.get(graph, []))
    return out


FIXTURE_PAGES = sorted([*Path(FIXTURES / "pages").glob("*.txt"), *Path(FIXTURES / "listings").glob("*.txt")])


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)  # one test per mapper, so the workers share them out
def test_every_fixture_page_through_every_mapper(kind):
    """Each mapper on each fixture page (not only its own kind): the mapper must cope with any page, and its
    records must turn into RDF (the graph is not validated here: the pages are not of this kind)."""
    assert len(FIXTURE_PAGES) > 40
    for path in FIXTURE_PAGES:
        assert mapped_quads(kind, path.read_text(encoding="utf-8"))


def test_profiles_choose_the_depth_not_the_test():
    """The number of examples comes from the profile (HYPOTHESIS_PROFILE), never from a decorator here."""
    from hypothesis import settings

    assert settings.get_profile("ci").derandomize and settings.get_profile("ci").max_examples <= 20
    if "HYPOTHESIS_EXAMPLES" not in os.environ:
        assert settings.get_profile("thorough").max_examples >= 1000
    assert "max_examples" not in Path(__file__).read_text().split("def test_profiles")[0]
