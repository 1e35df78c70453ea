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


@pytest.mark.parametrize("name, old, new", [
    ("hist_en_secretariat.txt", "Prague", "Vienna"),   # 'was moved from Prague to Vienna on 1 January 1994'
    ("hist_fr_secretariat.txt", "Prague", "Vienne"),   # 'a été transféré de Prague à Vienne le 1er janvier 1994'
    ("hist_de_secretariat.txt", "Prag", "Wien"),       # 'wurde am 1. Januar 1994 von Prag nach Wien verlegt'
])
def test_a_unit_part_of_another_and_a_move_with_its_date(name, old, new):
    _, hist, _ = stated(name)
    cpc, secretariat = Ref("body", "conflict-prevention-centre"), Ref("body", "secretariat")
    assert history(hist, cpc, "unit_of") == {secretariat}          # 'part of', 'partie du', 'Teil des'
    assert history(hist, secretariat, "unit_of") == set()
    assert history(hist, secretariat, "moved_from") == {old}
    assert history(hist, secretariat, "offices") == {(new,)}
    assert history(hist, secretariat, "moved_on") == {"1994-01-01"}
    assert history(hist, cpc, "moved_from") == set()


def test_a_renaming_with_a_date_dates_the_organisation_under_its_new_name():
    _, hist, _ = stated("hist_en_secretariat.txt")
    osce = Ref("body", "osce")
    assert history(hist, osce, "renamed_on") == {"1995-01-01"}   # "The CSCE was renamed from ..."
    assert history(hist, osce, "founded") == set()                # the registry dates the Organization from 1975


@pytest.mark.parametrize("text", [
    "In 2003, the OSCE set up the Office and the post of the Special Representative and Co-ordinator for "
    "Combating Trafficking in Human Beings to help participating States.",
    "En 2003, l'OSCE a créé le Bureau et le poste du Représentant spécial et Coordonnateur pour la lutte contre "
    "la traite des êtres humains afin d'aider les États participants.",
    "En 2003, la OSCE estableció la Oficina y el cargo del Representante Especial y Coordinador para la Lucha "
    "contra la Trata de Personas a fin de ayudar a los Estados participantes.",
])
def test_the_office_of_a_post_set_up_in_a_year(text):
    mapped = map_text(f"# source: https://www.osce.org/test/cthb\nCombating trafficking\n{text}\n")
    founded = {(h.ref.key, h.founded) for h in mapped.of("HistoryStated") if h.founded}
    # the Office, not the Organization that set it up
    assert founded == {("office-of-the-special-representative-for-combating-trafficking", "2003")}


@pytest.mark.parametrize("title, text", [
    ("OSCE Presence in Albania", "In 2003, the mandate of the Presence was updated."),
    ("Présence de l'OSCE en Albanie", "En 2003, le mandat de la Présence a été actualisé."),
    ("OSZE-Präsenz in Albanien", "Im Jahr 2003 wurde das Mandat der Präsenz geändert."),
])
def test_a_mandate_change_with_its_year(title, text):
    mapped = map_text(f"# source: https://www.osce.org/test/albania\n{title}\n{text}\n"
                      "The Permanent Council decides on extensions of the mandate, most recently in 2006.\n")
    changed = {(h.ref.key, h.mandate_changed) for h in mapped.of("HistoryStated") if h.mandate_changed}
    assert changed == {("presence-in-albania", "2003")}   # an extension is no change of mandate


@pytest.mark.parametrize("text, city", [
    ("The OSCE Centre in Tashkent worked with the Government of Uzbekistan.", "Tashkent"),
    ("Le Centre de l'OSCE à Tachkent a coopéré avec le Gouvernement ouzbek.", "Tachkent"),
    ("Das OSZE-Zentrum in Taschkent arbeitete mit der Regierung Usbekistans zusammen.", "Taschkent"),
    ("The OSCE Assistance Group to Chechnya worked with the authorities.", None),       # a region, not a city
    ("The OSCE Presence in Albania works with the Government.", None),                 # a State
])
def test_an_operation_named_after_its_city_has_its_office_there(text, city):
    mapped = map_text(f"# source: https://www.osce.org/test/names\nField operations\n{text}\n")
    offices = {o for h in mapped.of("HistoryStated") for o in h.offices}
    assert offices == ({city} if city else set())


@pytest.mark.parametrize("text", [
    "The OSCE Mission in Kosovo was established by PC Decision No. 305 of 1 July 1999.",
    "La Mission de l'OSCE au Kosovo a été établie par la Décision no 305 du Conseil permanent du 1er juillet 1999.",
    "La Misión de la OSCE en Kosovo fue establecida por la Decisión Nº 305 del Consejo Permanente, de 1 de julio "
    "de 1999.",
    "La Missione OSCE in Kosovo è stata istituita con la Decisione n. 305 del Consiglio permanente del 1° luglio 1999.",
    "Die OSZE-Mission im Kosovo wurde mit Beschluss Nr. 305 des Ständigen Rates vom 1. Juli 1999 eingerichtet.",
])
def test_a_numbered_decision_in_five_languages(text):
    mapped = map_text(f"# source: https://www.osce.org/test/kosovo\nKosovo\n{text}\n")
    (record,) = mapped.of("DocumentStated")
    assert (record.ref, record.symbol, record.issued, record.adopted_by) == (dec("pc-dec-305"), "PC.DEC/305",
                                                                            "1999-07-01", PC)
    assert record.acts == (("establishes", Ref("field-operation", "mission-in-kosovo")),)


@pytest.mark.parametrize("text, key, symbol, body", [
    ("The Ministerial Council adopted Decision No. 3/11 on elements of the conflict cycle.", "mc-dec-3-11",
     "MC.DEC/3/11", "ministerial-council"),
    ("The Forum for Security Co-operation adopted FSC.DEC/1/10 on 24 March 2010.", "fsc-dec-1-10", "FSC.DEC/1/10",
     "forum-for-security-co-operation"),
    ("The Ministerial Council adopted Decision No. 3 on a conflict cycle.", None, None, None),  # no year: no symbol
])
def test_ministerial_council_and_fsc_symbols_carry_their_year(text, key, symbol, body):
    mapped = map_text(f"# source: https://www.osce.org/test/mc\nDecisions\n{text}\n")
    found = [(r.ref, r.symbol, r.adopted_by) for r in mapped.of("DocumentStated")]
    assert found == ([(dec(key), symbol, Ref("body", body))] if key else [])


@pytest.mark.parametrize("text", [
    "In 2014, the OSCE deployed the Special Monitoring Mission to Ukraine.",
    "En 2014, l'OSCE a déployé la Mission spéciale d'observation en Ukraine.",
    "Im Jahr 2014 entsandte die OSZE die Sonderbeobachtermission in der Ukraine.",
    "En 2014, la OSCE desplegó la Misión Especial de Observación en Ucrania.",
])
def test_an_operation_deployed_in_the_active_voice(text):
    mapped = map_text(f"# source: https://www.osce.org/test/smm\nUkraine\n{text}\n")
    started = {(h.ref.key, h.started) for h in mapped.of("HistoryStated") if h.started}
    assert started == {("special-monitoring-mission-to-ukraine", "2014")}   # the Mission, not the OSCE


def test_a_report_in_a_year_is_no_start():
    mapped = map_text("# source: https://www.osce.org/test/smm\nUkraine\n"
                      "The Special Monitoring Mission to Ukraine reported from Kyiv in 2014.\n")
    assert [h for h in mapped.of("HistoryStated") if h.started or h.founded] == []


@pytest.mark.parametrize("text, again, name", [
    ("The Conflict Prevention Centre was created on 21 November 1990 at the Paris Summit of Heads of State or "
     "Government of the CSCE.", "The Centre was established at the Paris Summit to reduce the risk of conflict.",
     "Paris Summit of Heads of State or Government of the CSCE"),
    ("Le Centre de prévention des conflits a été créé le 21 novembre 1990 au Sommet de Paris.",
     "Le Centre a été établi au Sommet de Paris pour réduire le risque de conflit.", "Sommet de Paris"),
    ("El Centro para la Prevención de Conflictos fue creado el 21 de noviembre de 1990 en la Cumbre de París.",
     "El Centro fue establecido en la Cumbre de París para reducir el riesgo de conflicto.", "Cumbre de París"),
])
def test_a_body_created_at_a_summit(text, again, name):
    mapped = map_text(f"# source: https://www.osce.org/test/cpc\nConflict Prevention Centre\n{text}\n{again}\n")
    (event,) = mapped.of("Event")                      # named twice, one meeting
    assert event.title.text == name and event.shared and not event.main and event.key.endswith("-1990")
    cpc = Ref("body", "conflict-prevention-centre")
    assert history(mapped.of("HistoryStated"), cpc, "established_at") == {Ref("event", event.key)}
    assert history(mapped.of("HistoryStated"), cpc, "founded") == {"1990-11-21"}


@pytest.mark.parametrize("text", [
    "The OSCE Mission to Skopje supports the implementation of the Ohrid Framework Agreement.",
    "La Mission de l'OSCE à Skopje soutient la mise en œuvre de l'Accord-cadre d'Ohrid.",
    "La Misión de la OSCE en Skopje apoya la aplicación del Acuerdo Marco de Ohrid.",
])
def test_an_operation_supports_the_implementation_of_an_agreement(text):
    mapped = map_text(f"# source: https://www.osce.org/test/skopje\nSkopje\n{text}\n")
    implemented = {(h.ref.key, d.key) for h in mapped.of("HistoryStated") for d in h.implements}
    assert implemented == {("mission-to-skopje", "ohrid-framework-agreement")}


def test_the_short_name_of_an_agreement_on_the_same_page_is_that_agreement():
    mapped = map_text("# source: https://www.osce.org/test/skopje\nOSCE Mission to Skopje\n"
                      "The Ohrid Framework Agreement ended the conflict.\n"
                      "One of the Mission's key priorities is to support implementation of the Framework Agreement.\n")
    implemented = {(h.ref.key, d.key) for h in mapped.of("HistoryStated") for d in h.implements}
    assert implemented == {("mission-to-skopje", "ohrid-framework-agreement")}
    assert {r.ref.key for r in mapped.of("DocumentStated")} == {"ohrid-framework-agreement"}


OBSERVERS = Ref("field-operation", "observer-mission-at-the-russian-checkpoints-gukovo-and-donetsk")


@pytest.mark.parametrize("text", [
    "VIENNA, 18 December 2014 - The OSCE Permanent Council today decided to extend the mandate of the OSCE Observer "
    "Mission at the Russian Checkpoints Gukovo and Donetsk until 23 March 2015.",
    "VIENNE, 18 décembre 2014 - Le Conseil permanent de l'OSCE a décidé aujourd'hui de prolonger le mandat de la "
    "Mission d'observation de l'OSCE aux postes de contrôle russes de Goukovo et de Donetsk jusqu'au 23 mars 2015.",
    "WIEN, 18. Dezember 2014 - Der Ständige Rat der OSZE hat heute beschlossen, das Mandat der OSZE-Beobachtermission "
    "an den russischen Kontrollposten Gukowo und Donezk bis zum 23. März 2015 zu verlängern.",
])
def test_a_body_decided_today(text):
    mapped = map_text(f"# source: https://www.osce.org/test/om\nMandate extended\n{text}\n")
    (record,) = mapped.of("DocumentStated")
    assert (record.ref, record.issued, record.adopted_by) == (dec("permanent-council-decision-2014-12-18"),
                                                             "2014-12-18", PC)
    assert record.acts == (("extendsMandateOf", OBSERVERS),) and record.until == "2015-03-23"


def test_participating_states_deciding_make_no_decision_node():
    mapped = map_text("# source: https://www.osce.org/test/ps\nParticipating States\n"
                      "VIENNA, 18 December 2014 - The participating States decided today to continue the dialogue.\n")
    assert mapped.of("DocumentStated") == []
