"""A page graph holds only what its page states: no registry fact (host, status, founding date, deciding
body) is copied into it; facts of another operation's paragraph are not this operation's."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import NamedNode

from osce_kg import BuildOptions, build
from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "provenance"
MOLDOVA = Ref("field-operation", "mission-to-moldova")
ID = "https://w3id.org/osce-kg/id/"
OSCE = "https://w3id.org/osce-kg/ontology#"
REGISTRY_FACTS = {f"{OSCE}host", f"{OSCE}operationalStatus", "https://schema.org/foundingDate",
                  "https://schema.org/dissolutionDate", f"{OSCE}establishedBy", f"{OSCE}decision"}


@pytest.fixture(scope="module")
def fixture_build():
    return build(BuildOptions(paths=[str(PAGES)], out_dir=None, validate=False, registry=False))


def facts_about(result, url: str, entity: str) -> set[str]:
    graph = "https://w3id.org/osce-kg/graph/page/" + url.split("://", 1)[1].removeprefix("www.")
    return {q.predicate.value for q in result.graph.quads(graph) if q.subject == NamedNode(ID + entity)}


@pytest.mark.parametrize("name", ["pr_en_names_moldova.txt", "pr_fr_names_moldova.txt"])
def test_a_page_that_only_names_the_mission_states_none_of_its_registry_facts(fixture_build, name):
    url = next(s.url for s in fixture_build.sources if s.file.endswith(name))
    facts = facts_about(fixture_build, url, "field-operation/mission-to-moldova")
    assert facts, "the page names the mission"
    assert not facts & REGISTRY_FACTS


def test_a_page_that_states_them_has_them(fixture_build):
    url = next(s.url for s in fixture_build.sources if s.file.endswith("fo_en_moldova_states.txt"))
    facts = facts_about(fixture_build, url, "field-operation/mission-to-moldova")
    assert {f"{OSCE}host", "https://schema.org/foundingDate", f"{OSCE}establishedBy"} <= facts
    assert f"{OSCE}operationalStatus" not in facts  # the page never says whether it is current


def test_host_only_when_the_name_or_the_text_names_the_state():
    m = map_file(PAGES / "fo_en_ashgabat_city_only.txt")
    op = m.one("FieldOperation")
    assert op.ref == Ref("field-operation", "centre-in-ashgabat")
    assert op.host is None and op.status is None  # 'Ashgabat' is a city; the page names no State
    assert (op.established, op.decision) == ("1998-07-23", "PC.DEC/244")


def test_overview_page_facts_stay_with_their_operation():
    m = map_file(PAGES / "fo_en_overview_two_operations.txt")
    op = m.one("FieldOperation")
    assert op.ref == Ref("field-operation", "centre-in-ashgabat")
    # the founding date, decision, office and mandate in the next paragraph are the Bishkek office's
    assert (op.established, op.decision, op.established_by) == (None, None, None)
    prof = m.one("OperationProfile")
    assert prof.offices == () and prof.mandate is None


def test_an_operation_s_own_name_is_not_one_of_its_offices():
    m = map_file(PAGES / "fo_en_bishkek_own_name.txt")
    prof = m.one("OperationProfile")
    assert prof.offices == ("Osh",)


def test_no_corpus_page_graph_holds_a_date_or_host_its_page_does_not_state(corpus_build):
    """Every founding or closing date a page graph gives a field operation is written on that page (its
    year at least), and every host is named on it."""
    from osce_kg.linker import Linker
    from osce_kg.registry import load_registry

    linker = Linker.for_registry(load_registry())
    texts = {s.graph: open(s.file, encoding="utf-8").read() for s in corpus_build.sources if s.graph}
    for graph, text in texts.items():
        for quad in corpus_build.graph.quads(graph):
            if "/field-operation/" not in quad.subject.value:
                continue
            predicate, value = quad.predicate.value, quad.object.value
            if predicate in ("https://schema.org/foundingDate", "https://schema.org/dissolutionDate"):
                assert re.search(value[:4], text), f"{graph}: {predicate} {value} not on the page"
            if predicate == f"{OSCE}host":
                named = {f"{ID}{link.ref.type}/{link.ref.key}"
                         for link in linker.find(text, types=["country", "territory"]) if link.ref is not None}
                assert value in named, f"{graph}: host {value} not named on the page"


# -- schema:about is what the page is about; everything else it names is a mention -----------------------
@pytest.mark.parametrize("name, about, mentioned", [
    ("fo_en_moldova_states.txt", {"field-operation:mission-to-moldova"},
     {"body:committee-of-senior-officials"}),
    ("pr_en_names_moldova.txt", {"post:chairperson-in-office"}, {"field-operation:mission-to-moldova"}),
    ("pr_fr_names_moldova.txt", set(), {"field-operation:mission-to-moldova"}),
])
def test_about_is_the_page_s_subject_and_the_rest_are_mentions(name, about, mentioned):
    m = map_file(PAGES / name)
    doc = m.one("DocumentContent")
    subjects = {f"{r.type}:{r.key}" for r in doc.about}
    assert about <= subjects and not mentioned & subjects
    assert mentioned <= {f"{r.ref.type}:{r.ref.key}" for r in m.of("Mention")}
