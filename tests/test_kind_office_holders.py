"""Lists of office holders with date ranges, in three languages, plural headings included."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, post, person, start, end", [
    ("holders_en_sg.txt", "en", "secretary-general", "thomas-greminger", "2017-07", "2020-07"),
    ("holders_fr_hcnm.txt", "fr", "high-commissioner-on-national-minorities", "max-van-der-stoel", "1993-01",
     "2001-06"),
    ("holders_de_odihr.txt", "de", "director-of-the-office-for-democratic-institutions-and-human-rights",
     "janez-lenarcic", "2008-07", "2014-06"),
])
def test_holders_with_dates(name, lang, post, person, start, end):
    m = map_file(PAGES / name)
    assert m.kind == "office-holders" and m.page.language == lang
    holdings = {h.person.key: h for h in m.of("PostHolding")}
    assert {h.post.key for h in holdings.values()} == {post}
    assert (holdings[person].start, holdings[person].end) == (start, end)
    assert all(p.nationality is not None for p in m.of("Person"))


def test_current_holder_has_no_end():
    m = map_file(PAGES / "holders_en_sg.txt")
    current = [h for h in m.of("PostHolding") if h.current]
    assert [h.person.key for h in current] == ["feridun-sinirlioglu"] and current[0].end is None
