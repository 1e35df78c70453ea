"""Event pages with When / Where / Organized by labels in three languages; empty labels warn."""

import pytest

from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file, map_text

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, start, end, place", [
    ("event_en_mc2024.txt", "en", "2024-12-05", "2024-12-06", "valletta"),
    ("event_fr_mc2023.txt", "fr", "2023-11-30", "2023-12-01", "skopje"),
    ("event_ru_mc2022.txt", "ru", "2022-12-01", "2022-12-02", "lodz"),
])
def test_event_facts(name, lang, start, end, place):
    m = map_file(PAGES / name)
    assert m.kind == "event" and m.page.language == lang
    event = next(e for e in m.of("Event") if e.main)
    assert (event.start, event.end, event.location, event.title.lang) == (start, end, Ref("place", place), lang)


def test_organizer_and_participants():
    event = next(e for e in map_file(PAGES / "event_en_mc2024.txt").of("Event") if e.main)
    assert event.organizer == Ref("body", "chairpersonship")
    assert "participating States" in event.participants.text


def test_labels_without_values_warn():
    m = map_text("# source: https://www.osce.org/odihr/test\nHuman Dimension Seminar\nWhen\nWhere\nOrganized by\n"
                 "The seminar will discuss the rule of law.\n")
    assert m.kind == "event" and "label-without-value" in m.codes()
    event = next(e for e in m.of("Event") if e.main)
    assert event.start is None and event.organizer == Ref("body", "odihr")


def test_a_title_without_words_names_no_meeting():
    # found by the fuzzer: a page whose title is ':' under event labels
    m = map_text("# source: https://www.osce.org/event/x\n:\nWhen: 3 May 2016\nWhere: Vienna\n")
    assert m.kind == "event" and not m.of("Event")
    assert "no-title" in m.codes()
