"""Chairpersonship pages in three languages: which State chairs in which year."""

import pytest

from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang", [("chair_en.txt", "en"), ("chair_fr.txt", "fr"), ("chair_de.txt", "de")])
def test_chairs_by_year(name, lang):
    m = map_file(PAGES / name)
    assert m.kind == "chairpersonship" and m.page.language == lang
    assert {c.year: c.state for c in m.of("Chairpersonship")} == {2025: Ref("country", "fi"),
                                                                   2026: Ref("country", "ch")}
