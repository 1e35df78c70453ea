"""Timelines in three languages: dated entries, admissions as dated memberships."""

import pytest

from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang", [("timeline_en.txt", "en"), ("timeline_fr.txt", "fr"),
                                        ("timeline_ru.txt", "ru")])
def test_timeline_entries(name, lang):
    m = map_file(PAGES / name)
    assert m.kind == "timeline" and m.page.language == lang
    entries = m.of("TimelineEntry")
    assert [e.date for e in entries] == ["1975-08-01", "1990-11-21", "1995-01-01", "2012-11-21"]
    assert all(e.text.lang == lang for e in entries)
    assert any(Ref("country", "mn") in e.about for e in entries)


def test_admission_is_a_dated_membership():
    m = map_file(PAGES / "timeline_en.txt")
    joined = [ms for ms in m.of("Membership") if ms.role == "participating-state"]
    assert [(ms.member.key, ms.start) for ms in joined] == [("mn", "2012-11-21")]
