"""Biographies in three languages: the person and the posts held with dates."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, person, post, start", [
    ("bio_en_sg.txt", "en", "feridun-sinirlioglu", "secretary-general", "2024-12-06"),
    ("bio_fr_hcnm.txt", "fr", "christophe-kamp", "high-commissioner-on-national-minorities", "2024-12-06"),
    ("bio_de_odihr.txt", "de", "maria-telalian", "director-of-the-office-for-democratic-institutions-and-human-rights",
     "2024-12"),
])
def test_biography(name, lang, person, post, start):
    m = map_file(PAGES / name)
    assert m.kind == "biography" and m.page.language == lang
    assert m.one("Person").ref.key == person
    held = {h.post.key: h for h in m.of("PostHolding")}
    assert held[post].start == start


def test_unknown_page_is_a_generic_document_with_a_warning():
    m = map_file(PAGES / "generic_en.txt")
    assert m.kind == "document" and "unknown-kind" in m.codes()
