"""Lists of office holders with date ranges, in three languages, plural headings included."""

import pytest

from .kinds_helpers import FIXTURES, map_file, map_text

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


def _holders(*lines: str):
    return map_text("\n".join(["# source: https://www.osce.org/test/holders", *lines]))


def test_a_sentence_or_a_dated_line_above_the_list_is_not_the_post():
    """The heading names the post; a sentence or a timeline line between it and the list leaves it as it was
    (either was once read as the post's name: 'post/the-secretary-general-is-appointed-...')."""
    for between in ("The Secretary General is appointed for a term of three years.",
                    "1 August 1975 - The Helsinki Final Act is signed by 35 States"):
        m = _holders("Former Secretaries General", between,
                     "- Thomas Greminger (Switzerland): July 2017 - July 2020",
                     "- Lamberto Zannier (Italy): July 2011 - June 2017")
        assert m.kind == "office-holders"
        assert {(h.person.key, h.post.key) for h in m.of("PostHolding")} == {
            ("thomas-greminger", "secretary-general"), ("lamberto-zannier", "secretary-general")}


def test_holders_of_one_post_at_once_are_not_claimed():
    """One holder at a time: two holders whose periods overlap under one heading (a list read under the wrong
    heading, or a wrong date), or one holder listed twice with two periods, give no holding, and say so."""
    m = _holders("Former Secretaries General",
                 "- Knut Vollebæk (Norway): July 2007 - August 2013",
                 "- Lamberto Zannier (Italy): July 2011 - June 2017",
                 "- Marc Perrin de Brichambaut (France): June 2005 - June 2011")
    assert m.kind == "office-holders"
    assert [h.person.key for h in m.of("PostHolding")] == []  # each overlaps another
    assert {p.ref.key for p in m.of("Person")} >= {"knut-vollebaek", "lamberto-zannier"}
    assert sum(w.code == "overlapping-holders" for w in m.warnings) == 3

    twice = _holders("Former Secretaries General",
                     "- Lamberto Zannier (Italy): July 2011 - June 2017",
                     "- Lamberto Zannier (Italy): July 2017 - December 2020",
                     "- Thomas Greminger (Switzerland): July 2017 - July 2020")
    assert [h.person.key for h in twice.of("PostHolding")] == []  # Greminger overlaps the second period

    apart = _holders("Former Secretaries General",
                     "- Thomas Greminger (Switzerland): July 2017 - July 2020",
                     "- Lamberto Zannier (Italy): July 2011 - June 2017")
    assert len(apart.of("PostHolding")) == 2 and not [w for w in apart.warnings if w.code == "overlapping-holders"]


def test_the_current_holder_in_italian_and_spanish():
    """'Segretario generale in carica', 'Secretario General en funciones': the heading says the holder holds
    the post now, and the post is the heading without those words."""
    for heading, item in (("Segretario generale in carica:", "- Feridun Sinirlioğlu (Turchia): dicembre 2024 -"),
                          ("Secretario General en funciones:", "- Feridun Sinirlioğlu (Turquía): diciembre de 2024 -")):
        m = _holders(heading, item, "Ex Segretari generali:",
                     "- Helga Maria Schmid (Germania): dicembre 2020 - settembre 2024",
                     "- Thomas Greminger (Svizzera): luglio 2017 - luglio 2020")
        holdings = {h.person.key: h for h in m.of("PostHolding")}
        now = holdings["feridun-sinirlioglu"]
        assert now.current and now.post.key == "secretary-general" and now.start == "2024-12"
        assert not holdings["helga-maria-schmid"].current
