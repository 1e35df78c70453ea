"""Page kinds settled by the page's evidence, never by the kind's name; the choice is explained."""

from __future__ import annotations

import types

import pytest

from osce_kg import classify
from osce_kg.context import MappingContext
from osce_kg.mapping import parse_source
from osce_kg.records import Ref
from osce_kg.registry import load_registry
from osce_kg.sources import read_source

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "classify"


@pytest.mark.parametrize("name", ["pr_en_labels.txt", "pr_fr_labels.txt", "pr_ru_labels.txt"])
def test_a_press_release_with_date_and_place_labels_is_not_an_event(name):
    m = map_file(PAGES / name)
    assert m.kind == "press-release"
    line = m.one("Dateline")  # the release's own date, not the event mapper's 'When' field
    assert line.date == "2014-06-06"


@pytest.mark.parametrize("name", ["listing_en_teasers.txt", "listing_de_teasers.txt"])
def test_a_listing_of_teasers_is_not_a_field_operation_page(name):
    m = map_file(PAGES / name)
    assert m.kind not in classify._SINGLE_SUBJECT
    assert not m.of("FieldOperation") and not m.of("OperationProfile")


def explained(name: str) -> classify.Classification:
    source = read_source(PAGES / name, None)
    return classify.explain(parse_source(source, source.url), MappingContext(load_registry()))


def test_the_choice_names_its_evidence_and_scores():
    choice = explained("pr_en_labels.txt")
    report = choice.as_report()
    assert report["kind"] == "press-release" and report["scores"]["press-release"] > 0
    assert any(e.startswith("section label") for e in report["evidence"])
    assert report["adjusted"].get("event", 0) == 0  # the section label says it is no event
    listing = explained("listing_en_teasers.txt").as_report()
    assert any(e.startswith("repeated teasers") for e in listing["evidence"])


def test_a_tie_the_evidence_cannot_settle_is_a_generic_document(monkeypatch):
    def fake(score):
        return types.SimpleNamespace(recognise=lambda page, ctx: score)

    monkeypatch.setattr(classify, "_MODULES", {"zeta": fake(0.6), "alpha": fake(0.6), "document": fake(0.01)})
    choice = explained("listing_en_teasers.txt")
    assert choice.kind == "document" and "does not settle" in choice.reason  # not 'alpha' for its name


def test_report_json_explains_every_page_s_kind(corpus_build):
    for source in corpus_build.sources:
        if source.error:
            continue
        assert source.classification["kind"] == source.kind and source.classification["reason"]
    dushanbe = next(s for s in corpus_build.sources if s.file.endswith("117_ru_pr_2014_dushanbe_eod_course.txt"))
    assert dushanbe.kind == "press-release"


@pytest.mark.parametrize("name", ["state_en_moldova.txt", "state_fr_moldova.txt", "state_de_moldova.txt"])
def test_a_page_titled_by_a_state_is_not_the_page_of_an_operation_it_names(name):
    m = map_file(PAGES / name)
    assert m.kind not in ("field-operation", "institution")
    assert not m.of("FieldOperation")
    assert Ref("field-operation", "mission-to-moldova") in {x.ref for x in m.of("Mention")}


def test_a_press_release_with_related_news_teasers_after_its_text_stays_a_press_release():
    m = map_file(PAGES / "pr_en_related_news.txt")
    assert m.kind == "press-release"
    assert m.one("Dateline").date == "2024-03-12"
