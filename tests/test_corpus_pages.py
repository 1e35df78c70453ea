"""Every page of the shared corpus: classified as a reader would, with the facts a reader sees on it."""

from __future__ import annotations

import json

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.records import Ref

from .kinds_helpers import map_file

KINDS = {
    "000_fr_fow_trafficking_seed.txt": "topic",
    "001_en_fow_trafficking_what.txt": "topic",
    "003_es_fow_trafficking.txt": "topic",
    "006_de_fow_national_minorities.txt": "topic",
    "011_en_odihr_about.txt": "institution",
    "014_en_institutions_overview.txt": "institution",
    "017_es_secretariat_sg_list.txt": "office-holders",
    "019_en_chairpersonship_who_we_are.txt": "chairpersonship",
    "022_en_pr_2001_romania_chairmanship.txt": "press-release",
    "024_en_navonly_cio84562.txt": "navigation-only",
    "027_en_partners_for_cooperation_oldsite.txt": "partners",
    "029_en_fieldop_moldova_aboutus.txt": "field-operation",
    "033_en_fieldop_kosovo_oldsite.txt": "field-operation",
    "035_en_closed_assistance_group_chechnya.txt": "field-operation",
    "039_en_event_shdm_2019.txt": "event",
    "041_fr_publication_cthb_ukraine_note.txt": "publication",
}
LANGS = {"000": "fr", "003": "es", "006": "de", "017": "es", "041": "fr"}


def page(corpus_dir, name):
    path = corpus_dir / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    return map_file(path)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_and_language(corpus_dir, name):
    mapped = page(corpus_dir, name)
    assert mapped.kind == KINDS[name]
    assert (mapped.page.language or mapped.page.nav_language) == LANGS.get(name[:3], "en")


def test_every_corpus_file_is_known_here(corpus_dir):
    """A new corpus file needs its facts asserted here too."""
    assert sorted(p.name for p in corpus_dir.glob("*.txt")) == sorted(KINDS)


def test_romania_2001_press_release(corpus_dir):
    m = page(corpus_dir, "022_en_pr_2001_romania_chairmanship.txt")
    line = m.one("Dateline")
    assert (line.date, line.place) == ("2001-01-03", "Vienna")
    chairs = {c.year: c for c in m.of("Chairpersonship")}
    assert chairs[2001].state == Ref("country", "ro") and chairs[2001].chairperson == "Mircea Dan Geoana"
    assert chairs[2000].state == Ref("country", "at") and chairs[2002].state == Ref("country", "pt")
    troika = m.one("Troika")
    assert troika.year == 2001 and set(troika.states) == {Ref("country", k) for k in ("at", "ro", "pt")}
    assert {p.name for p in m.of("Person")} == {"Mircea Dan Geoana"}
    assert {h.post.key for h in m.of("PostHolding")} == {"chairperson-in-office"}
    assert m.page.chrome == ["Newsroom"] and m.page.duplicates >= 2  # old site; repeated paragraphs dropped


def test_moldova_field_operation(corpus_dir):
    m = page(corpus_dir, "029_en_fieldop_moldova_aboutus.txt")
    op = m.one("FieldOperation")
    assert op.ref == Ref("field-operation", "mission-to-moldova") and op.host == Ref("country", "md")
    assert op.established == "1993" and op.established_by == Ref("body", "committee-of-senior-officials")
    prof = m.one("OperationProfile")
    assert prof.offices == ("Chisinau", "Tiraspol", "Bender")
    assert (prof.international_staff, prof.local_staff, prof.total_staff) == (13, 28, 41)
    assert prof.staff_as_of == "2024-12-31"
    assert (prof.budget, prof.currency) == ("2302700", "EUR")
    assert prof.mandate is not None and "political settlement" in prof.mandate.text
    assert prof.head_post is not None


def test_kosovo_old_site(corpus_dir):
    m = page(corpus_dir, "033_en_fieldop_kosovo_oldsite.txt")
    op = m.one("FieldOperation")
    assert op.ref == Ref("field-operation", "mission-in-kosovo")
    assert (op.established, op.established_by, op.decision) == ("1999-07-01", Ref("body", "permanent-council"),
                                                                 "PC.DEC/305")
    assert op.host is not None and op.host.key == "xk"


def test_chechnya_closed_operation(corpus_dir):
    m = page(corpus_dir, "035_en_closed_assistance_group_chechnya.txt")
    op = m.one("FieldOperation")
    assert op.ref.type == "field-operation" and "chechnya" in op.ref.key
    assert (op.established, op.decision, op.closed, op.status) == ("1995-04-11", "PC.DEC/35", "2003-03-21", "closed")
    assert op.established_by == Ref("body", "permanent-council")
    # the last head's name is cut off by the end of the dump: a warning, not a wrong person
    assert "truncated-value" in m.codes() and not m.of("Person")


def test_spanish_secretaries_general(corpus_dir):
    m = page(corpus_dir, "017_es_secretariat_sg_list.txt")
    holdings = {h.person.key: h for h in m.of("PostHolding")}
    assert {h.post for h in holdings.values()} == {Ref("post", "secretary-general")}
    assert (holdings["thomas-greminger"].start, holdings["thomas-greminger"].end) == ("2017-07", "2020-07")
    assert (holdings["jan-kubis"].start, holdings["jan-kubis"].end) == ("1999-06", "2005-06")
    assert (holdings["wilhelm-hoynck"].start, holdings["wilhelm-hoynck"].end) == ("1993-06", "1996-06")
    assert holdings["helga-maria-schmid"].current and holdings["helga-maria-schmid"].end is None
    assert len(holdings) == 7
    people = {p.ref.key: p for p in m.of("Person")}
    assert people["jan-kubis"].name == "Ján Kubiš" and people["jan-kubis"].nationality == Ref("country", "sk")
    assert people["lamberto-zannier"].nationality == Ref("country", "it")
    assert any(p.founded == "1990" for p in m.of("InstitutionProfile"))


def test_partners_page(corpus_dir):
    m = page(corpus_dir, "027_en_partners_for_cooperation_oldsite.txt")
    partners = {ms.member.key: ms for ms in m.of("Membership") if ms.role == "partner"}
    med = {k for k, ms in partners.items() if ms.group and "mediterranean" in ms.group.key}
    asia = {k: ms.start for k, ms in partners.items() if ms.group and "asia" in ms.group.key}
    assert med == {"dz", "eg", "il", "jo", "ma", "tn"}
    assert asia == {"jp": "1992", "kr": "1994", "th": "2000", "af": "2003", "au": "2009"}
    assert m.page.title == "Partners for Co-operation" and m.page.chrome == ["Who we are"]


def test_chairpersonship_page(corpus_dir):
    m = page(corpus_dir, "019_en_chairpersonship_who_we_are.txt")
    chairs = {c.year: c for c in m.of("Chairpersonship")}
    assert chairs[2025].state == Ref("country", "fi") and chairs[2025].chairperson == "Elina Valtonen"
    assert chairs[2026].state == Ref("country", "ch")
    assert [p.name for p in m.of("Person")] == ["Elina Valtonen"]


def test_shdm_event(corpus_dir):
    m = page(corpus_dir, "039_en_event_shdm_2019.txt")
    event = m.one("Event")
    assert event.title.text.startswith("Supplementary Human Dimension Meeting (SHDM) II")
    assert event.organizer == Ref("body", "odihr")  # from the URL: the labels have no value
    assert event.series is not None and event.decision == "PC.DEC/476"
    assert event.participants is not None and "participating States" in event.participants.text
    assert "label-without-value" in m.codes()


def test_french_publication(corpus_dir):
    m = page(corpus_dir, "041_fr_publication_cthb_ukraine_note.txt")
    pub = m.one("Publication")
    assert pub.title.lang == "fr" and pub.language == "fr" and pub.doc_type == "note"
    assert pub.title.text.startswith("Identification de la traite")
    assert pub.publisher is not None and pub.publisher.type == "body"


def test_odihr_institution(corpus_dir):
    m = page(corpus_dir, "011_en_odihr_about.txt")
    prof = {p.ref.key: p for p in m.of("InstitutionProfile")}["odihr"]
    assert (prof.seat, prof.seat_country, prof.founded, prof.staff) == ("Warsaw", Ref("country", "pl"), "1991", 150)
    assert m.page.chrome == ["Skip Links"]


def test_institutions_overview(corpus_dir):
    m = page(corpus_dir, "014_en_institutions_overview.txt")
    prof = {p.ref.key: p for p in m.of("InstitutionProfile")}
    assert prof["parliamentary-assembly"].seat == "Copenhagen"
    assert "hcnm" in prof


def test_corpus_build_conforms_and_reports(corpus_dir, tmp_path):
    result = build(BuildOptions(paths=[str(corpus_dir)], out_dir=str(tmp_path), formats=("nquads",)))
    assert not result.errors and result.conforms, result.validation.text()
    report = json.loads((tmp_path / "report.json").read_text())
    kinds = {s["file"].rsplit("/", 1)[-1]: s["kind"] for s in report["sources"]}
    assert {k: v for k, v in kinds.items() if k in KINDS} == {k: v for k, v in KINDS.items() if k in kinds}
    by_name = {s["file"].rsplit("/", 1)[-1]: s for s in report["sources"]}
    moldova = by_name["029_en_fieldop_moldova_aboutus.txt"]["facts"]["OperationProfile"]
    assert moldova[0]["budget"] == "2302700" and moldova[0]["offices"] == ["Chisinau", "Tiraspol", "Bender"]


# -- events, places, dates and figures on the corpus pages (the session's shared build) ----------------
EV = "https://w3id.org/osce-kg/id/event/"
PLACE = "https://w3id.org/osce-kg/id/place/"
PREFIXES = ("PREFIX schema: <https://schema.org/> PREFIX osce: <https://w3id.org/osce-kg/ontology#> "
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ")


def in_page(corpus_build, url: str, where: str) -> list[dict[str, str]]:
    """Rows of a SPARQL pattern inside one page's named graph."""
    from osce_kg import iri
    return corpus_build.graph.select(PREFIXES + f"SELECT * WHERE {{ GRAPH <{iri.page_graph(url)}> {{ {where} }} }}")


def values(corpus_build, url: str, subject: str, prop: str) -> set[str]:
    return {r["v"] for r in in_page(corpus_build, url, f"<{subject}> {prop} ?v")}


def test_forum_meetings_with_their_own_dates_and_places(corpus_build):
    url = "https://osce.org/event/19th_eef_2"
    prep2 = EV + "2-preparatory-meeting-of-the-19-economic-and-environmental-forum-2011"
    prep1 = EV + "1-preparatory-meeting-of-the-19-economic-and-environmental-forum-2011"
    closing = EV + "concluding-meeting-of-the-19-economic-and-environmental-forum-2011"
    forum = EV + "19-economic-and-environmental-forum-2011"
    assert values(corpus_build, url, prep2, "schema:startDate") == {"2011-04-04"}
    assert values(corpus_build, url, prep2, "schema:endDate") == {"2011-04-05"}
    assert values(corpus_build, url, prep2, "schema:location") == {PLACE + "druskininkai"}
    assert values(corpus_build, url, PLACE + "druskininkai", "schema:containedInPlace") == {
        "https://w3id.org/osce-kg/id/country/lt"}
    for part in (prep1, prep2, closing):
        assert values(corpus_build, url, part, "osce:partOfMeeting") == {forum}
    assert values(corpus_build, url, prep1, "schema:startDate") == {"2011-02-07"}
    assert values(corpus_build, url, prep1, "schema:location") == {PLACE + "vienna"}
    assert values(corpus_build, url, closing, "schema:location") == {PLACE + "prague"}
    assert values(corpus_build, url, prep2, "osce:extracted") == {"true"}
    # not: the other meetings' dates on the page's own meeting
    assert values(corpus_build, url, prep2, "schema:startDate|schema:endDate") & {"2011-02-07", "2011-09-14"} == set()


def test_forum_part_two_part_one_and_theme(corpus_build):
    url = "https://osce.org/eea/60007"
    part2 = EV + "15-economic-and-environmental-forum-part-2-2007"
    part1 = EV + "part-1-of-the-15-economic-and-environmental-forum-2007"
    forum = EV + "15-economic-and-environmental-forum-2007"
    assert values(corpus_build, url, part2, "schema:startDate") == {"2007-05-21"}
    assert values(corpus_build, url, part2, "schema:endDate") == {"2007-05-23"}
    assert values(corpus_build, url, part1, "schema:startDate") == {"2007-01-22"}
    assert values(corpus_build, url, part1, "schema:location") == {PLACE + "vienna"}
    assert any(v.startswith("Key challenges") for v in values(corpus_build, url, forum, "osce:theme"))
    # not: the photo's date as a meeting date
    assert not in_page(corpus_build, url, '?e schema:startDate|schema:endDate "2006-04-14"^^xsd:date')


def test_news_item_meeting_venue_figure_and_a_later_council(corpus_build):
    url = "https://www.osce.org/secretariat/84019"
    eedim = EV + "economic-and-environmental-dimension-implementation-meeting-2011"
    assert values(corpus_build, url, eedim, "schema:startDate") == {"2011-10-17"}
    assert values(corpus_build, url, eedim, "schema:location") == {PLACE + "hofburg"}
    assert values(corpus_build, url, PLACE + "hofburg", "schema:containedInPlace") == {PLACE + "vienna"}
    assert values(corpus_build, url, eedim, "osce:participantCount") == {"150"}
    assert values(corpus_build, url, EV + "vilnius-ministerial-council-2011", "schema:startDate") == {"2011"}


def test_russian_courses_dates_venue_organiser_and_figures(corpus_build):
    url = "https://osce.org/ru/tajikistan/262591"
    page = "https://w3id.org/osce-kg/id/page/osce.org/ru/tajikistan/262591"
    course = EV + "kurs-po-rukovodstvu-i-patrulirovaniyu-pogranichnym-dozorom-2016"
    assert values(corpus_build, url, page, "schema:datePublished") == {"2016-09-06"}
    assert values(corpus_build, url, course, "schema:startDate") == {"2016-08-10"}
    assert values(corpus_build, url, course, "osce:participantCount") == {"20"}
    assert values(corpus_build, url, course, "schema:organizer") == {
        "https://w3id.org/osce-kg/id/field-operation/office-in-tajikistan"}
    venue = values(corpus_build, url, course, "schema:location").pop()
    assert values(corpus_build, url, venue, "schema:name") == {"Учебном центре «Гиссар»"}
    url = "https://dushanbe.osce.org/ru/node/119578"
    page = "https://w3id.org/osce-kg/id/page/dushanbe.osce.org/ru/node/119578"
    assert values(corpus_build, url, page, "schema:datePublished") == {"2014-06-06"}  # a dateline under labels
    counts = in_page(corpus_build, url, "?e osce:participantCount ?v")
    assert [r["v"] for r in counts] == ["18"]


def test_seminar_place_and_country(corpus_build):
    url = "https://osce.org/ec/53048"
    seminar = EV + "mediterranean-seminar-2000"
    assert values(corpus_build, url, seminar, "schema:location") == {PLACE + "portoroz"}
    assert values(corpus_build, url, PLACE + "portoroz", "schema:containedInPlace") == {
        "https://w3id.org/osce-kg/id/country/si"}
    # 'this week': the page does not say which days, so the seminar has no dates
    assert values(corpus_build, url, seminar, "schema:startDate") == set()


def test_vienna_follow_up_meeting_in_german_and_spanish(corpus_build):
    for url, key in (("https://osce.org/de/mc/87615", "3-folgetreffen-1986"),
                     ("https://osce.org/es/mc/87617", "3-reunion-de-continuidad-1986")):
        assert values(corpus_build, url, EV + key, "schema:startDate") == {"1986"}
        assert values(corpus_build, url, EV + key, "schema:endDate") == {"1989"}
        assert values(corpus_build, url, EV + key, "schema:location") == {PLACE + "vienna"}
        helsinki = in_page(corpus_build, url, f"?e schema:location <{PLACE}helsinki> ; schema:startDate ?v")
        assert [r["v"] for r in helsinki] == ["1975"]


def test_hdim_page_and_figures_elsewhere(corpus_build):
    url = "http://osce.org/odihr/63531"
    hdim = EV + "human-dimension-implementation-meeting-2009"
    assert values(corpus_build, url, hdim, "schema:superEvent") == {
        "https://w3id.org/osce-kg/id/meeting-series/human-rights-meetings"}
    assert values(corpus_build, url, hdim, "schema:location") == set()  # not Berlin ('the Berlin Wall')
    assert values(corpus_build, url, hdim, "schema:startDate") == set()  # not 1989
    osce = "https://w3id.org/osce-kg/id/org/osce"
    # 'the 57 states of the OSCE' (011), in that page's graph
    assert values(corpus_build, "https://odihr.osce.org/fr/node/660237", osce, "osce:participatingStateCount") == {
        "57"}
    states = corpus_build.graph.select(PREFIXES + f"SELECT ?v WHERE {{ GRAPH ?g {{ <{osce}> "
                                       "osce:participatingStateCount ?v } }")
    assert {r["v"] for r in states} <= {"56", "57"} and states


def test_no_place_is_a_month_a_person_or_an_organisation(corpus_build):
    rows = corpus_build.graph.select(PREFIXES + "SELECT DISTINCT ?p ?n WHERE { ?x schema:location|"
                                     "schema:containedInPlace|schema:locationCreated ?p . ?p schema:name ?n }")
    from osce_kg.dates import MONTHS
    for row in rows:
        assert row["n"].casefold() not in MONTHS
        assert "/person/" not in row["p"] and "/org/" not in row["p"]
