"""A State's OSCE participation since a date, stated in running text (mappings/dated_facts.py)."""

import pytest

from osce_kg.records import Membership, Ref

from .kinds_helpers import map_text

ALBANIA = Membership(Ref("country", "al"), Ref("body", "osce"), "participating-state", "1991-06-19")


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Albania has been a participating State of the OSCE since 19 June 1991."),
    ("fr", "L'Albanie est membre de l'OSCE depuis le 19 juin 1991."),
    ("de", "Albanien ist seit dem 19. Juni 1991 Teilnehmerstaat der OSZE."),
    ("it", "L'Albania è membro dell'OSCE dal 19 giugno 1991."),
    ("ru", "Албания является государством-участником ОБСЕ с 19 июня 1991 года."),
    ("es", "Albania es Estado participante de la OSCE desde el 19 de junio de 1991."),
])
def test_participation_since_a_date(lang, sentence):
    m = map_text(f"# source: https://www.osce.org/{lang}/fixture-member\nAlbania\n{sentence}\n")
    assert [x for x in m.of("Membership") if x.role == "participating-state"] == [ALBANIA]


def test_a_sentence_with_two_dates_or_a_partnership_states_no_membership():
    m = map_text("# source: https://www.osce.org/fixture-mongolia\nMongolia\nMongolia was an Asian Partner for "
                 "Co-operation from 2004 until it became a participating State of the OSCE on 21 November 2012.\n")
    assert [x for x in m.of("Membership") if x.role == "participating-state"] == []
    m = map_text("# source: https://www.osce.org/fixture-two-states\nMembers\nAlbania and Lithuania have been "
                 "participating States of the OSCE since 1991.\n")
    assert [x for x in m.of("Membership") if x.role == "participating-state"] == []  # two States, one date


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The OSCE Parliamentary Assembly is comprised of 323 parliamentarians."),
    ("fr", "L'Assemblée parlementaire de l'OSCE se compose de 323 parlementaires."),
    ("de", "Die Parlamentarische Versammlung der OSZE besteht aus 323 Parlamentariern."),
    ("es", "La Asamblea Parlamentaria de la OSCE está compuesta por 323 parlamentarios."),
])
def test_members_of_a_body(lang, sentence):
    m = map_text(f"# source: https://www.osce.org/{lang}/fixture-pa\nPA\n{sentence}\n")
    count = next(c for c in m.of("Count") if c.kind == "members")
    assert (count.subject, count.value) == (Ref("body", "parliamentary-assembly"), 323)


def test_what_a_body_is_not_composed_of():
    m = map_text("# source: https://www.osce.org/fixture-pa-no\nPA\nThe OSCE Parliamentary Assembly brings together "
                 "parliamentarians from 57 participating States.\n")
    assert not any(c.kind == "members" for c in m.of("Count"))  # 57 counts States, not its members
