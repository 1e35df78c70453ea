"""Linker precision: acronyms as written, whole names only, no registry name inside a longer name it does not
know, field-of-work words that are common words. Matches that must happen and matches that must not."""

from __future__ import annotations

import pytest

from osce_kg.context import MappingContext
from osce_kg.registry import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def refs(registry, text: str, lang: str | None = None) -> list[str]:
    ctx = MappingContext(registry)
    return [f"{m.ref.type}:{m.ref.key}" for m in ctx.mentions([text], lang)]


@pytest.mark.parametrize("text, lang", [
    ("About us", "en"),
    ("Contact us for more information about the programme.", "en"),
    ("The project cost US$ 20,000 and was paid in full.", "en"),
    ("ABOUT US", "en"),
    ("Nous contacter : about us", "fr"),
])
def test_a_common_word_or_amount_is_not_the_united_states(registry, text, lang):
    assert "country:us" not in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("The US and Canada joined the Helsinki Final Act in 1975.", "en"),
    ("Les US ont signé l'Acte final.", "fr"),
    ("Посольство США в Таджикистане поддержало курс.", "ru"),
])
def test_an_acronym_as_written_is_linked(registry, text, lang):
    assert "country:us" in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("The decision PC.DEC/476 was adopted on 23 May 2002.", "en"),
    ("Die Beschlüsse PC.DEC/28 und PC.DEC/397 wurden angenommen.", "de"),
    ("Registration is online at https://meetings.odihr.pl today.", "en"),
])
def test_an_acronym_inside_a_symbol_or_address_is_not_a_name(registry, text, lang):
    found = refs(registry, text, lang)
    assert "body:permanent-council" not in found and "body:odihr" not in found


def test_an_acronym_in_its_own_sentence_is_linked(registry):
    assert refs(registry, "The PC met on Thursday; ODIHR and the CiO attended.", "en") == [
        "body:permanent-council", "body:odihr", "post:chairperson-in-office"]


@pytest.mark.parametrize("text, lang, wrong", [
    ("Delegates of the Inter-Parliamentary Assembly of the CIS met in St Petersburg.", "en",
     "body:parliamentary-assembly"),
    ("The UN Secretariat and the OSCE Secretariat exchanged letters.", "en", None),
    ("Its International Secretariat is based in Copenhagen.", "en", "body:secretariat"),
    ("The Parliamentary Assembly of the Council of Europe observed the vote.", "en", "body:parliamentary-assembly"),
    ("The European Union Rule of Law Mission works with the police.", "en", "topic:rule-of-law"),
    ("The United Nations Interim Administration Mission in Kosovo (UNMIK) was set up in 1999.", "en",
     "field-operation:mission-in-kosovo"),
    ("Le Secrétariat de l'ONU a salué la décision.", "fr", "body:secretariat"),
    ("Das Sekretariat der Vereinten Nationen begrüßte den Beschluss.", "de", "body:secretariat"),
])
def test_a_registry_name_inside_another_organisation_s_name_is_not_linked(registry, text, lang, wrong):
    found = refs(registry, text, lang)
    if wrong:
        assert wrong not in found
    else:  # the UN's Secretariat is not the OSCE's; the OSCE Secretariat after it still is
        assert found.count("body:secretariat") == 1


@pytest.mark.parametrize("text, lang, wrong", [
    ("The Border Management Staff College in Dushanbe trains officers.", "en", "topic:border-management"),
    ("Data are shared through the Policing OnLine Information System.", "en", "topic:policing"),
    ("La Suisse finance l'Unité de lutte contre le terrorisme à Vienne.", "fr", "topic:countering-terrorism"),
    ("Il corso si è tenuto presso la Scuola per la gestione delle frontiere.", "it", "topic:border-management"),
    ("Курс прошёл в Колледже по вопросам пограничного управления.", "ru", None),
])
def test_a_field_of_work_inside_the_name_of_a_college_or_unit_is_not_linked(registry, text, lang, wrong):
    if wrong:
        assert wrong not in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang, topic", [
    ("The Mission supports border management and policing reform.", "en", "topic:border-management"),
    ("La Mission soutient la gestion des frontières au Tadjikistan.", "fr", "topic:border-management"),
    ("La Misión apoya la lucha contra el terrorismo en la región.", "es", "topic:countering-terrorism"),
    ("Die Mission fördert die Rechtsstaatlichkeit im Land.", "de", None),
])
def test_a_field_of_work_in_running_text_is_still_linked(registry, text, lang, topic):
    if topic:
        assert topic in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("The Kosovo police comply with human rights standards.", "en"),
    ("The media environment has changed.", "en"),
    ("La formation de la police a commencé.", "fr"),
])
def test_a_common_word_that_is_part_of_a_field_s_name_is_not_the_field(registry, text, lang):
    found = refs(registry, text, lang)
    assert "topic:policing" not in found and "topic:environmental-activities" not in found


def test_the_field_s_name_written_as_a_name_is_the_field(registry):
    assert "topic:policing" in refs(registry, "Policing", "en")
    assert "topic:policing" in refs(registry, "What we do: Policing, Elections", "en")


def test_a_field_s_one_word_name_in_another_language_is_not_the_field(registry):
    # Italian 'Roma' is the city; 'Roma' names the field only in English and German
    assert "topic:roma-and-sinti" not in refs(registry, "Il seminario si è svolto a Roma nel 2019.", "it")
    assert "topic:roma-and-sinti" in refs(registry, "The Roma community took part in 2019.", "en")


@pytest.mark.parametrize("text, lang, wanted", [
    ("The Austrian Chairmanship began.", "en", "body:chairpersonship"),
    ("OSCE Chairperson-in-Office Sebastian Kurz welcomed the decision.", "en", "post:chairperson-in-office"),
    ("The OSCE Mission to Skopje Police Development Unit trained officers.", "en",
     "field-operation:mission-to-skopje"),
    ("L'Afghanistan et l'OSCE", "fr", "body:osce"),
    ("OSCE/ODIHR observers arrived.", "en", "body:odihr"),
])
def test_names_that_must_still_be_linked(registry, text, lang, wanted):
    assert wanted in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("The Personal Representative of the Chairperson-in-Office visited Baku.", "en"),
    ("Le Représentant spécial du Président en exercice s'est rendu à Bakou.", "fr"),
    ("Der Sonderbeauftragte des Amtierenden Vorsitzenden besuchte Baku.", "de"),
    ("The Deputy Chairperson-in-Office opened the meeting.", "en"),
])
def test_a_post_inside_another_post_s_name_is_not_that_post(registry, text, lang):
    assert "post:chairperson-in-office" not in refs(registry, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("The Chairperson-in-Office visited Baku.", "en"),
    ("Le Président en exercice de l'OSCE s'est rendu à Bakou.", "fr"),
    ("OSCE Chairperson-in-Office Sebastian Kurz welcomed the decision.", "en"),
])
def test_the_post_itself_is_linked(registry, text, lang):
    assert "post:chairperson-in-office" in refs(registry, text, lang)
