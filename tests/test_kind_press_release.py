"""Press releases: dateline in its forms and languages, issuer, people with posts and countries."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from osce_kg.dates import parse_dateline
from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


def test_english_appointments():
    m = map_file(PAGES / "pr_en_mc2024.txt")
    assert m.kind == "press-release" and m.page.language == "en"
    line = m.one("Dateline")
    assert (line.date, line.place) == ("2024-12-06", "Valletta")
    people = {p.ref.key: p for p in m.of("Person")}
    assert people["feridun-sinirlioglu"].nationality == Ref("country", "tr")
    assert people["maria-telalian"].nationality == Ref("country", "gr")
    posts = {h.person.key: h.post.key for h in m.of("PostHolding")}
    assert posts["feridun-sinirlioglu"] == "secretary-general"
    assert posts["maria-telalian"].startswith("director-of-the-office-for-democratic-institutions")


def test_french_appointments():
    m = map_file(PAGES / "pr_fr_mc2024.txt")
    assert m.kind == "press-release" and m.page.language == "fr"
    assert m.one("Dateline").date == "2024-12-06"
    people = {p.ref.key: p.nationality for p in m.of("Person")}
    assert people == {"christophe-kamp": Ref("country", "nl"), "jan-braathu": Ref("country", "no")}


def test_russian_dateline_and_person():
    m = map_file(PAGES / "pr_ru_sg2017.txt")
    assert m.kind == "press-release" and m.page.language == "ru"
    line = m.one("Dateline")
    assert (line.date, line.place) == ("2017-07-18", "Вена")
    assert [p.nationality for p in m.of("Person")] == [Ref("country", "ch")]


def test_dateline_forms():
    assert parse_dateline("VIENNA, 6 December 2024 — The OSCE").date == "2024-12-06"
    assert parse_dateline("SKOPJE 15 April 2011 - text").place == "Skopje"
    assert parse_dateline("ВЕНА, 7 июля 2017 года – текст").date == "2017-07-07"
    assert parse_dateline("BERLIN, 3. März 2015 – Text").date == "2015-03-03"
    assert parse_dateline("The Mission was established in 1993") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Vienna Ölen-x", min_size=1, max_size=41),
       st.sampled_from([" ", ", ", " , ", "  ,\u00a0 ", ","]),
       st.sampled_from(["6 December 2024", "06. März 2015", "7 июля 2017 года", "15 April 11", "6 de mayo de 1999"]),
       st.sampled_from(["", " - text", " — The OSCE", ": x 2024", " 1999"]))
@example("x" * 41, " , ", "26 December 2024", "")  # the date's first digit as late as it can be
def test_the_dateline_pattern_is_tried_on_every_line_it_would_match(place, gap, date, rest):
    """parse_dateline tries the pattern only on lines with a year and an early digit: never one it would match."""
    from osce_kg.dates import _DATELINE, _dateline_match
    from osce_kg.text import normalize_space

    line = normalize_space(place + gap + date + rest)
    found, plain = _dateline_match(line), _DATELINE.match(line)
    assert (found and found.span()) == (plain and plain.span()), line
