"""Institution pages: seat, founding year, staff, mandate, in three languages."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, key, seat, founded", [
    ("inst_en_hcnm.txt", "en", "hcnm", "The Hague", "1992"),
    ("inst_fr_odihr.txt", "fr", "odihr", "Varsovie", "1991"),
    ("inst_it_rfom.txt", "it", "rfom", "Vienna", "1997"),
])
def test_institution_facts(name, lang, key, seat, founded):
    m = map_file(PAGES / name)
    assert m.kind == "institution" and m.page.language == lang
    prof = {p.ref.key: p for p in m.of("InstitutionProfile")}[key]
    assert (prof.seat, prof.founded) == (seat, founded)


def test_staff_and_mandate():
    prof = map_file(PAGES / "inst_fr_odihr.txt").one("InstitutionProfile")
    assert prof.staff == 150 and prof.mandate.lang == "fr"
