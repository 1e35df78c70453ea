"""Date spans, stand-alone date lines and a release's own date, in the six languages (osce_kg.dates)."""

import pytest

from osce_kg.dates import date_line, find_spans

from .kinds_helpers import map_text


def spans(text, year=None, years=False):
    return [(s.start, s.end) for s in find_spans(text, year=year, years=years)]


@pytest.mark.parametrize("text, expected", [
    # day spans within a month, six languages
    ("The Ministerial Council met on 5 and 6 December 2024.", ("2024-12-05", "2024-12-06")),
    ("Le Conseil ministériel s'est réuni du 30 novembre au 1er décembre 2023.", ("2023-11-30", "2023-12-01")),
    ("Der Ministerrat tagte vom 1. bis 2. Dezember 2022 in Łódź.", ("2022-12-01", "2022-12-02")),
    ("Il vertice si è svolto dal 18 al 19 novembre 1999 a Istanbul.", ("1999-11-18", "1999-11-19")),
    ("Саммит прошел с 5 по 6 декабря 1994 года в Будапеште.", ("1994-12-05", "1994-12-06")),
    ("La Cumbre se celebró del 9 al 10 de julio de 1992.", ("1992-07-09", "1992-07-10")),
    # odd shapes: a spaced dash, '(All day)', a span across months, genitive months with 'года'
    ("Helsinki Summit, 9 -10 July 1992", ("1992-07-09", "1992-07-10")),
    ("21 May 2007 (All day) - 23 May 2007 (All day)", ("2007-05-21", "2007-05-23")),
    ("(10 августа – 6 сентября 2016 года)", ("2016-08-10", "2016-09-06")),
    ("30 novembre - 1 décembre 2023", ("2023-11-30", "2023-12-01")),
    ("from 12 to 14 October 2019", ("2019-10-12", "2019-10-14")),
])
def test_spans_in_six_languages(text, expected):
    assert spans(text)[0] == expected


def test_a_span_without_its_year_borrows_the_pages():
    assert spans("The preparatory meeting took place on 7-8 March.", year=2011) == [("2011-03-07", "2011-03-08")]
    # no year to borrow: left out, never guessed
    assert spans("The preparatory meeting took place on 7-8 March.") == []
    # across the turn of a year, the first date is in the year before
    assert spans("30 December - 2 January 2012") == [("2011-12-30", "2012-01-02")]


def test_single_dates_keep_their_precision():
    assert spans("The Helsinki Final Act was signed on 1 August 1975 (All day).") == [("1975-08-01", None)]
    assert spans("the course began on 2 April 2014") == [("2014-04-02", None)]
    assert spans("Ведомство открылось в июле 2017 года.") == [("2017-07", None)]
    assert spans("von 1986 bis 1989 in Wien", years=True) == [("1986", "1989")]
    assert spans("en 1975 en Helsinki", years=True) == [("1975", None)]


def test_what_is_not_a_date():
    assert spans("Participants may register; 17 and 18 participants came.", year=2020) == []
    assert spans("the 2 may attend", year=2020) == []  # the English verb, not the month
    assert spans("31 February 2020") == []


@pytest.mark.parametrize("line, iso", [
    ("6 июня 2014 года", ("2014-06-06", None)),
    ("Monday, 6 June 2016", ("2016-06-06", None)),
    ("Mittwoch, 3. Juli 2024", ("2024-07-03", None)),
    ("21 May 2007 (All day) - 23 May 2007 (All day)", ("2007-05-21", "2007-05-23")),
    ("21.11.2012", ("2012-11-21", None)),
    ("06/06/2014", ("2014-06-06", None)),
])
def test_stand_alone_date_lines(line, iso):
    found = date_line(line)
    assert (found.start, found.end) == iso


def test_a_line_with_words_is_not_a_date_line():
    assert date_line("The meeting opened on 6 June 2016") is None
    assert date_line("June 2016") is None  # a month is not a day
    assert date_line("31.11.2012") is None and date_line("Version 1.2.2012 notes") is None


def test_release_date_from_a_line_of_its_own_ru():
    m = map_text("# source: https://www.osce.org/ru/fixture-date-line\nСовет министров ОБСЕ собрался в Валлетте\n"
                 "6 декабря 2024 года\nВ Валлетте 5 и 6 декабря 2024 года прошло заседание Совета министров ОБСЕ, "
                 "в котором приняли участие делегации государств-участников.\n")
    assert m.kind == "press-release" and m.one("Dateline").date == "2024-12-06"


def test_release_date_is_never_taken_from_the_body_en():
    m = map_text("# source: https://www.osce.org/fixture-no-date\nThe Charter of Paris for a New Europe\n"
                 "The Charter of Paris for a New Europe was signed in Paris at the summit of the Conference on "
                 "Security and Co-operation in Europe, which ended on 21 November 1990, by the Heads of State or "
                 "Government.\n"
                 "21 November 1990\n")
    assert not any(d.date for d in m.of("Dateline"))


def test_a_dateline_wins_over_a_later_date_line_fr():
    m = map_text("# source: https://www.osce.org/fr/fixture-dateline\nLe Conseil ministériel se réunit à Skopje\n"
                 "SKOPJE, 30 novembre 2023 – Le Conseil ministériel de l'OSCE s'est ouvert aujourd'hui à Skopje, "
                 "en présence des ministres des affaires étrangères des États participants.\n1 décembre 2023\n")
    line = m.one("Dateline")
    assert (line.date, line.place) == ("2023-11-30", "Skopje")
