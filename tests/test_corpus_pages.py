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


# -- what must NOT be in the graph ---------------------------------------------------------------------------
ID = "https://w3id.org/osce-kg/id/"
SCHEMA = "https://schema.org/"


def graph_of(build_result, name: str) -> str:
    source = next((s for s in build_result.sources if s.file.endswith(name)), None)
    if source is None or not source.graph:
        pytest.skip(f"{name} not in the corpus")
    return source.graph


def ask(build_result, name: str, pattern: str) -> bool:
    return build_result.graph.ask(f"ASK {{ GRAPH <{graph_of(build_result, name)}> {{ {pattern} }} }}")


def test_every_negative_gold_fact_holds(corpus_dir, corpus_build):
    """The shared gold's negative facts ('nolink', 'nolit'), checked with its own search on the shared build."""
    import importlib.util

    score_py = corpus_dir.parent / "eval" / "score.py"
    if not score_py.exists():
        pytest.skip("shared eval not available")
    spec = importlib.util.spec_from_file_location("osce_kg_eval_score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.load_gold(score.GOLD)
    kg = score.KG(corpus_build.out_dir)
    urls = {name: score.page_url(corpus_dir / name) for name in gold if (corpus_dir / name).exists()}
    kg.set_scored_urls(list(urls.values()))
    failed = [(name, fact) for name, url in sorted(urls.items()) for fact in gold[name]
              if fact[0] in ("nolink", "nolit") and not score.check(kg, fact, url)]
    assert not failed


def test_the_corpus_build_conforms(corpus_build):
    assert not corpus_build.errors and corpus_build.conforms, corpus_build.validation.text()


@pytest.mark.parametrize("name", ["011_en_odihr_about.txt", "029_en_fieldop_moldova_aboutus.txt"])
def test_about_us_is_not_the_united_states(corpus_build, name):
    assert not ask(corpus_build, name, f"?page <{SCHEMA}mentions> <{ID}country/us>")
    assert not ask(corpus_build, name, f"?m <https://w3id.org/osce-kg/ontology#mentionOf> <{ID}country/us>")


@pytest.mark.parametrize("name, wrong", [
    ("033_en_fieldop_kosovo_oldsite.txt", "Overview"),
    ("039_en_event_shdm_2019.txt", "When"),
    ("108_en_secretariat_unit_cpc_newdesign.txt", "A person in an OSCE jacket"),
    ("111_en_closed_centre_tashkent_survey.txt", "Establishment:"),
    ("117_ru_pr_2014_dushanbe_eod_course.txt", "Дата:"),
])
def test_abstract_is_body_prose(corpus_build, name, wrong):
    rows = corpus_build.graph.select(
        f"SELECT ?a WHERE {{ GRAPH <{graph_of(corpus_build, name)}> {{ ?p <{SCHEMA}abstract> ?a }} }}")
    assert rows and not any(r["a"].startswith(wrong) for r in rows)


def test_a_section_header_is_not_a_title(corpus_build):
    name = "106_en_resource_ministerial_council_what_is.txt"
    title = next(s.title for s in corpus_build.sources if s.file.endswith(name))
    assert title == "What is the OSCE Ministerial Council?"


def test_no_registry_name_inside_another_organisation_s_name(corpus_build):
    # 'Its International Secretariat is based in Copenhagen' is the Parliamentary Assembly's, not the OSCE's
    assert not ask(corpus_build, "014_en_institutions_overview.txt",
                   f"?page <{SCHEMA}mentions> <{ID}org/secretariat>")
    # 'Confidence- and Security-Building Measures (CSBMs), as enshrined in ...' is no person and no post
    assert not ask(corpus_build, "109_en_secretariat_unit_cpc_history_oldsite.txt",
                   "?x a <https://w3id.org/osce-kg/ontology#Person>")


def test_a_press_release_is_not_an_event(corpus_build):
    name = "117_ru_pr_2014_dushanbe_eod_course.txt"
    assert next(s.kind for s in corpus_build.sources if s.file.endswith(name)) == "press-release"
    assert not ask(corpus_build, name, "?x a <https://w3id.org/osce-kg/ontology#Meeting>")


@pytest.mark.parametrize("name", ["100_en_listing_2015_press_releases_p251.txt",
                                  "101_en_listing_2007_press_releases_federal_p413.txt",
                                  "102_en_listing_2002_secretariat_press_releases.txt"])
def test_a_listing_is_not_a_single_subject_page(corpus_build, name):
    assert next(s.kind for s in corpus_build.sources if s.file.endswith(name)) not in (
        "field-operation", "institution", "event", "press-release")
