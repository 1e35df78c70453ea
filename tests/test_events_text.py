"""Events, meetings and places stated in running text, in five languages (mappings/events_text.py), from
fixture pages written for these tests."""

from osce_kg.places import known, place_key, place_name
from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file, map_text

PAGES = FIXTURES / "pages"


def events(m):
    return {e.key: e for e in m.of("Event")}


def places(m):
    return {p.ref.key: p for p in m.of("PlaceStated")}


def test_forum_parts_fr():
    m = map_file(PAGES / "event_fr_eef19_prep2.txt")
    ev = events(m)
    main = next(e for e in ev.values() if e.main)
    forum = ev["19-forum-economique-et-environnemental-de-l-osce-2011"]
    assert (main.start, main.end, main.location) == ("2011-04-04", "2011-04-05", Ref("place", "druskininkai"))
    assert main.part_of == Ref("event", forum.key) and main.series == Ref("meeting-series",
                                                                          "economic-and-environmental-forum")
    first = ev["1-reunion-preparatoire-du-19-forum-economique-et-environnemental-de-l-osce-2011"]
    assert (first.start, first.end, first.location, first.part_of) == (
        "2011-02-07", "2011-02-08", Ref("place", "vienna"), Ref("event", forum.key))
    assert first.title.text.startswith("première réunion préparatoire du dix-neuvième Forum")
    closing = ev["reunion-de-cloture-du-19-forum-economique-et-environnemental-de-l-osce-2011"]
    assert (closing.start, closing.end, closing.location) == ("2011-09-14", "2011-09-16", Ref("place", "prague"))
    # each meeting keeps its own dates: the page's meeting gets none of the others'
    assert {main.start, main.end} & {"2011-02-07", "2011-09-14"} == set()
    drus = places(m)["druskininkai"]
    assert drus.country == Ref("country", "lt") and places(m)["vienna"].name == "Vienne"
    assert all(e.shared for e in ev.values())


def test_forum_parts_theme_and_news_en():
    m = map_file(PAGES / "event_en_eef15_part2.txt")
    ev = events(m)
    main = next(e for e in ev.values() if e.main)
    assert (main.start, main.end) == ("2007-05-21", "2007-05-23")
    forum = ev["15-economic-and-environmental-forum-2007"]
    assert forum.theme.text.startswith("Key challenges to ensure environmental security")
    part1 = ev["1-part-of-the-15-economic-and-environmental-forum-2007"]
    assert (part1.start, part1.end, part1.location, part1.part_of) == (
        "2007-01-22", "2007-01-23", Ref("place", "vienna"), Ref("event", forum.key))
    item = m.one("ListedItem")
    assert (item.title.text, item.date) == ("Economic and Environmental Forum closes", "2007-05-23")
    # a 'Latest news' headline is another page's: no meeting is made of it
    assert not any(e.start == "2007-05-23" or e.end == "2007-05-23" for e in ev.values() if not e.main)


def test_course_venue_organiser_and_participants_ru():
    m = map_file(PAGES / "pr_ru_dushanbe_course.txt")
    assert m.kind == "press-release" and m.one("Dateline").date == "2016-09-06"
    course = next(e for e in m.of("Event") if e.main)
    assert (course.start, course.end, course.participant_count) == ("2016-08-10", "2016-09-06", 20)
    assert course.organizer == Ref("field-operation", "office-in-tajikistan")
    venue = places(m)[course.location.key]
    assert venue.name == "Учебном центре «Гиссар»"
    count = m.one("Count")
    assert (count.subject, count.kind, count.value) == (Ref("body", "osce"), "participating-states", 57)


def test_follow_up_meeting_and_an_end_date_de():
    m = map_file(PAGES / "article_de_vienna_follow_up.txt")
    ev = events(m)
    follow = ev["3-ksze-folgetreffen-1986"]
    assert (follow.title.text, follow.start, follow.end, follow.location) == (
        "dritte KSZE-Folgetreffen", "1986", "1989", Ref("place", "vienna"))
    summit = ev["gipfeltreffen-1990"]
    # 'endete am 21. November 1990': the summit's last day, not its first
    assert (summit.start, summit.end, summit.location) == (None, "1990-11-21", Ref("place", "paris"))
    assert places(m)["vienna"].name == "Wien"


def test_summits_with_country_es():
    m = map_file(PAGES / "article_es_istanbul_summit.txt")
    ev = events(m)
    istanbul = ev["cumbre-de-estambul-de-la-1999"]
    assert (istanbul.start, istanbul.end, istanbul.location) == ("1999-11-18", "1999-11-19", Ref("place", "istanbul"))
    assert places(m)["istanbul"].country == Ref("country", "tr")
    assert ev["cumbre-de-helsinki-1992"].start == "1992-07-09"
    # 'En mayo ... en Viena': a month is neither a date without its year nor a place
    assert not any(k.startswith("mayo") for k in places(m))


def test_same_meeting_on_two_pages_is_one_iri():
    text = ("# source: https://www.osce.org/fixture-{n}\nOSCE news\nThe Economic and Environmental Dimension "
            "Implementation Meeting opened at the Hofburg in Vienna on 17 October 2011, with some 150 participants.\n")
    a = next(e for e in map_text(text.format(n=1)).of("Event"))
    b = next(e for e in map_text(text.format(n=2)).of("Event"))
    assert a.key == b.key == "economic-and-environmental-dimension-implementation-meeting-2011"
    m = map_text(text.format(n=3))
    hofburg = places(m)["hofburg"]
    assert hofburg.within == Ref("place", "vienna") and a.location == Ref("place", "hofburg")
    assert a.participant_count == 150


def test_what_is_not_an_event_or_a_place():
    m = map_text("# source: https://www.osce.org/fixture-negatives\nAbout the meetings\n"
                 "At subsequent OSCE Summits in Helsinki, Budapest and Istanbul, further tasks were assigned. "
                 "The Human Dimension Implementation Meetings review commitments. "
                 "Ambassador Janez Lenarčič addressed the Permanent Council in July.\n")
    assert m.of("Event") == []  # a plural is a series; a series named in passing is not one meeting
    assert m.of("PlaceStated") == []  # not 'July', not a person, not the Permanent Council
    assert any(x.ref == Ref("meeting-series", "human-rights-meetings") for x in m.of("Mention"))


def test_a_subjects_date_is_not_the_meetings():
    m = map_text("# source: https://www.osce.org/fixture-cpc\nConflict Prevention Centre\n"
                 "The Conflict Prevention Centre was created on 21 November 1990 at the Paris Summit of Heads of "
                 "State or Government.\n")
    assert not any(e.start == "1990-11-21" for e in m.of("Event"))


def test_place_spellings_resolve_to_one_key():
    assert {place_key(n) for n in ("Vienna", "Wien", "Vienne", "Вена", "Вене", "VIENNA", "Viena")} == {"vienna"}
    assert place_key("Душанбе") == place_key("Douchanbé") == "dushanbe"
    assert place_name("Вене", "ru") == "Вена" and place_name("Druskininkai", "en") == "Druskininkai"
    assert known("July") is None and place_key("Druskininkai") == "druskininkai"


def test_place_phrases_venue_city_country():
    from mappings.events_text import place_in
    from osce_kg.context import MappingContext

    from .kinds_helpers import registry
    ctx = MappingContext(registry())
    ref, records = place_in(ctx, "in Hofburg, Vienna", "en")
    assert ref == Ref("place", "hofburg") and records[-1].within == Ref("place", "vienna")
    ref, records = place_in(ctx, "à Vienne, Autriche", "fr")
    assert ref == Ref("place", "vienna") and records[0].country == Ref("country", "at") and records[0].name == "Vienne"
    ref, records = place_in(ctx, "в Вене", "ru")
    assert ref == Ref("place", "vienna") and records[0].name == "Вена"  # the nominative, not the case form
    for text in ("in July", "in Lamberto Zannier's office", "in Europa", "at the Permanent Council"):
        assert place_in(ctx, text, "en") == (None, [])


def test_participants_of_another_meeting_are_not_this_meetings():
    # a page about a Council meeting that mentions twenty experts at a seminar: no count on the Council meeting
    from tests.kinds_helpers import map_text

    m = map_text("# source: https://www.osce.org/ru/secretariat/2\nНовости\nВЕНА, 5 октября 2021 года – Генеральный "
                 "секретарь ОБСЕ обсудила подготовку к заседанию Совета министров ОБСЕ, которое состоится "
                 "2-3 декабря 2021 года в Стокгольме.\nВ работе семинара приняли участие двадцать экспертов.\n")
    events = [e for e in m.of("Event") if e.start == "2021-12-02"]
    assert events and all(e.participant_count is None for e in events)


def test_whether_a_text_holds_a_meeting_word_is_what_the_languages_heads_pattern_says():
    """The test before the meeting-name search drops the forms' optional starts ('\\w*', '(?:[A-ZÄÖÜ]\\w*-)?'):
    the same texts pass it."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from osce_kg.mappings.events_text import HEADS, _head_anywhere

    pieces = ["Treffen", "Ministerratstreffen", "OSZE-Gipfeltreffen", "gipfel", "Kurse", "Kursleiter", "Kurs.",
              "Forum", "forum", "Sitzung", "Réunion", "séminaire", "Совещание", "курсов", "Meeting", "Round Table",
              "Tagung", "Lehrgänge", "Schulungen", "der", " ", "-", ".", "1994", "Vienna"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=6), st.sampled_from(sorted(HEADS)))
    def same(parts, lang):
        text = " ".join(parts)
        assert (_head_anywhere(lang).search(text) is None) == (re.compile(HEADS[lang]).search(text) is None), text

    same()
    assert _head_anywhere("de").search("Das Ministerratstreffen begann") is not None
    assert _head_anywhere("de").search("Der Kursleiter sprach") is None  # 'Kurs' only as a whole word
