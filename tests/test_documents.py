"""Documents, agreements and decisions as nodes, and operations' and bodies' history as pages state it
(mappings/documents.py, mappings/history.py), on fixtures written for these rules in five languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.records import DocumentStated, HistoryStated, OperationProfile, Ref

from .kinds_helpers import map_file, map_text

DOCS = Path(__file__).parent / "fixtures" / "documents"
PC = Ref("body", "permanent-council")


def stated(name: str) -> tuple[dict[Ref, DocumentStated], list[HistoryStated], list[OperationProfile]]:
    mapped = map_file(DOCS / name)
    docs: dict[Ref, DocumentStated] = {}
    for r in mapped.of("DocumentStated"):
        old = docs.get(r.ref)
        docs[r.ref] = r if old is None else DocumentStated(
            r.ref, old.label, old.issued or r.issued, old.symbol or r.symbol, old.adopted_by or r.adopted_by,
            old.acts + r.acts, old.until or r.until)
    return docs, mapped.of("HistoryStated"), mapped.of("OperationProfile")


def doc(key: str) -> Ref:
    return Ref("document", key)


def dec(key: str) -> Ref:
    return Ref("decision", key)


def history(items: list[HistoryStated], ref: Ref, field: str):
    return {getattr(h, field) for h in items if h.ref == ref and getattr(h, field) is not None}


@pytest.mark.parametrize("name, key, label, issued", [
    ("doc_en_history.txt", "helsinki-final-act", "Helsinki Final Act", "1975"),          # 'Helsinki Final Act 1975'
    ("doc_en_history.txt", "charter-of-paris", "Charter of Paris for a New Europe", "1990"),  # '(1990)'
    ("doc_en_history.txt", "helsinki-document-1992", "Helsinki Document 1992", "1992"),  # the year in the name
    ("doc_en_history.txt", "vienna-document-2011", "Vienna Document 2011", "2011"),
    ("doc_en_history.txt", "prague-document",            # 'At the ... Council in January 1992, ... agreed on the ...'
     "Prague Document on Further Development of CSCE Institutions and Structures", "1992-01"),
    ("doc_fr_history.txt", "helsinki-final-act", "Acte final d'Helsinki", "1975"),       # 'a été signé en 1975'
    ("doc_fr_history.txt", "charter-of-paris", "Charte de Paris pour une nouvelle Europe", "1990"),
    ("doc_fr_history.txt", "trafficking-action-plan",
     "Plan d'action de l'OSCE pour lutter contre la traite des êtres humains", None),   # no date on the page
    # '1990 mit der Verabschiedung des Wiener Dokuments'
    ("doc_de_vienna.txt", "vienna-document", "Wiener Dokument", "1990"),
    ("doc_de_vienna.txt", "vienna-document-2011", "Wiener Dokument von 2011", "2011"),
    ("doc_de_vienna.txt", "cfe-treaty", "KSE-Vertrag", None),
    ("doc_de_vienna.txt", "helsinki-final-act", "Schlussakte von Helsinki", "1975"),
    # 'la adopción del Documento de Viena en 1990'
    ("doc_es_vienna.txt", "vienna-document", "Documento de Viena", "1990"),
    ("doc_es_vienna.txt", "cfe-treaty", "Tratado FACE", None),
    ("hist_ru_kosovo.txt", "helsinki-final-act", "Хельсинкский заключительный акт", "1975"),
])
def test_registry_documents_in_six_languages_with_the_date_the_page_gives(name, key, label, issued):
    docs, _, _ = stated(name)
    record = docs[doc(key)]
    assert record.label.text == label
    assert record.issued == issued


def test_a_year_elsewhere_in_the_sentence_is_not_the_documents():
    docs, _, _ = stated("doc_de_vienna.txt")
    assert docs[doc("cfe-treaty")].issued is None            # same sentence as 'von 2011', not its year
    docs, _, _ = stated("doc_es_vienna.txt")
    assert docs[doc("cfe-treaty")].issued is None


@pytest.mark.parametrize("name, unit", [
    # 'the 1990 Charter of Paris, which established'
    ("doc_en_history.txt", Ref("body", "conflict-prevention-centre")),
    ("doc_fr_history.txt", Ref("body", "secretariat")),                  # 'établi par la Charte de Paris ... en 1990'
    ("doc_es_vienna.txt", Ref("body", "secretariat")),                   # 'establecida por la Carta de París ...'
])
def test_the_document_that_established_a_body(name, unit):
    docs, hist, _ = stated(name)
    assert ("establishes", unit) in docs[doc("charter-of-paris")].acts
    assert history(hist, unit, "founded") == {"1990"}


def test_an_unknown_document_gets_an_extracted_node_keyed_by_its_name():
    mapped = map_text("# source: https://www.osce.org/test/mou\nA new agreement\n"
                      "The Mission signed the Memorandum of Understanding on Security with the Ministry of Justice.\n"
                      "The North Atlantic Treaty Organization was not involved; the document lists tasks.\n")
    refs = {r.ref for r in mapped.of("DocumentStated")}
    assert refs == {doc("memorandum-of-understanding-on-security")}   # no 'North Atlantic Treaty', no 'document'


@pytest.mark.parametrize("name, key, symbol, issued, acts, until", [
    ("doc_en_history.txt", "pc-dec-305", "PC.DEC/305", "1999-07-01",
     (("establishes", Ref("field-operation", "mission-in-kosovo")),), None),
    ("doc_en_history.txt", "pc-dec-476", "PC.DEC/476", "2002-05-23", (), None),           # '(PC.DEC/476, 23 May 2002)'
    # listed under 'Establishment:'
    ("hist_en_chechnya.txt", "pc-dec-35", "PC.DEC/35", "1995-04-11",
     (("establishes", Ref("field-operation", "assistance-group-to-chechnya")),), None),
    ("hist_en_chechnya.txt", "pc-dec-454", "PC.DEC/454", "2001-12-21",                     # 'Decision No. 454 of ...'
     (("extendsMandateOf", Ref("field-operation", "assistance-group-to-chechnya")),), "2002-12-31"),
    # 'Nos. 28 of ... and 118 of ...'
    ("hist_en_tashkent.txt", "pc-dec-118", "PC.DEC/118", "1996-05-09", (), None),
    # '243, 244 and 245, all of ...'
    ("hist_en_tashkent.txt", "pc-dec-244", "PC.DEC/244", "1998-07-23", (), None),
    ("hist_ru_kosovo.txt", "pc-dec-305", "PC.DEC/305", "1999-07-01",                       # 'решением ... № 305 от ...'
     (("establishes", Ref("field-operation", "mission-in-kosovo")),), None),
])
def test_decisions_by_symbol_or_number_with_date_body_and_act(name, key, symbol, issued, acts, until):
    docs, _, _ = stated(name)
    record = docs[dec(key)]
    assert (record.symbol, record.issued, record.adopted_by) == (symbol, issued, PC)
    assert tuple(dict.fromkeys(record.acts)) == acts
    assert record.until == until


def test_decisions_named_by_body_and_date_take_the_page_year_and_say_what_they_do():
    docs, hist, _ = stated("hist_en_observers.txt")
    mission = Ref("field-operation", "observer-mission-at-the-russian-checkpoints-gukovo-and-donetsk")
    launched = docs[dec("permanent-council-decision-2014-07-24")]        # '... Council on 24 July' (page: 2014)
    assert launched.adopted_by == PC and launched.acts == (("establishes", mission),)
    renewed = docs[dec("permanent-council-decision-2014-10-22")]
    assert renewed.acts == (("extendsMandateOf", mission),) and renewed.until is None
    today = docs[dec("osce-decision-2014-12-18")]                         # 'today took a decision ... until ...'
    assert today.acts == (("extendsMandateOf", mission),) and today.until == "2015-03-23"
    assert history(hist, mission, "started") == {"2014-07-29"}
    assert history(hist, mission, "monitors") == {22}
    assert not history(hist, mission, "founded")                          # 'launched' is not the decision date


def test_a_decision_without_a_symbol_is_the_pages_symbol_of_the_same_body_and_date():
    mapped = map_text("# source: https://www.osce.org/test/ag\nOSCE Assistance Group to Chechnya\n"
                      "Establishment: Permanent Council, 11 April 1995, PC.DEC/35\n"
                      "As laid down in the Decision of the Permanent Council of 11 April 1995, the Group works "
                      "with the authorities.\n")
    assert {r.ref for r in mapped.of("DocumentStated")} == {dec("pc-dec-35")}


def test_history_of_an_operation_named_by_a_press_release():
    docs, hist, profiles = stated("hist_en_albania.txt")
    presence = Ref("field-operation", "presence-in-albania")
    assert history(hist, presence, "founded") == {"1997-03-27"}           # 'It was created by ... on 27 March 1997'
    assert history(hist, presence, "established_by") == {PC}
    assert docs[dec("permanent-council-decision-1997-03-27")].acts == (("establishes", presence),)
    (profile,) = [p for p in profiles if p.ref == presence]
    assert (profile.total_staff, profile.budget, profile.currency) == (100, "3700000", "EUR")  # '3.7 million Euro'
    # the anniversary, Albania's date
    assert not history(hist, presence, "founded") & {"2007", "2007-03-27", "1991-06-19"}


def test_start_closing_place_and_figures_in_words():
    _, hist, profiles = stated("hist_en_chechnya.txt")
    group = Ref("field-operation", "assistance-group-to-chechnya")
    assert history(hist, group, "started") == {"1995-04-26"}
    assert history(hist, group, "offices") == {("Grozny",)}
    assert history(hist, group, "closed") == {"2003-03-21"}
    assert {p.international_staff for p in profiles if p.ref == group} - {None} == {6}   # 'six international staff'


def test_renaming_makes_the_new_name_replace_the_old():
    _, hist, _ = stated("hist_en_tashkent.txt")
    assert history(hist, Ref("field-operation", "centre-in-tashkent"), "predecessor") == {
        Ref("field-operation", "liaison-office-in-central-asia")}


def test_a_closed_registration_or_a_passing_number_is_no_history():
    mapped = map_text("# source: https://www.osce.org/test/meeting\nA meeting in Vienna\n"
                      "Registration will be closed on 10 July 2019.\n"
                      "Some 57 participating States and 120 participants from 30 countries attended.\n")
    assert mapped.of("HistoryStated") == [] and mapped.of("DocumentStated") == []
    assert [p for p in mapped.of("OperationProfile") if p.total_staff or p.budget] == []
