"""What pages state about the OSCE's structure ('the OSCE Mission to ...', '... der OSZE') and which body works
on a field of work (the body a field-of-work page opens with): mappings/belonging.py, in three languages."""

from __future__ import annotations

from osce_kg.records import Ref, UnitOf, WorksOn
from tests.kinds_helpers import map_text

OSCE = Ref("body", "osce")


def _units(mapped) -> set[str]:
    return {r.unit.key for r in mapped.records if isinstance(r, UnitOf) and r.organization == OSCE}


def _works(mapped) -> set[tuple[str, str]]:
    return {(r.body.key, r.topic.key) for r in mapped.records if isinstance(r, WorksOn)}


def test_english_topic_page_names_the_body_that_carries_the_work():
    m = map_text("# source: https://www.osce.org/elections\n\nElections\n\n"
                 "The OSCE Office for Democratic Institutions and Human Rights observes elections across the OSCE "
                 "region and helps participating States to follow their election commitments.\n")
    assert m.kind == "topic"
    assert _works(m) == {("odihr", "elections")}
    assert "odihr" in _units(m)  # 'the OSCE Office for ...'


def test_german_genitive_and_weak_adjective_ending():
    m = map_text("# source: https://www.osce.org/de/national-minority-issues\n\nFragen nationaler Minderheiten\n\n"
                 "Der Hohe Kommissar der OSZE für nationale Minderheiten arbeitet daran, Spannungen zwischen "
                 "Volksgruppen früh zu erkennen und zu entschärfen, bevor daraus ein Konflikt wird.\n")
    assert _works(m) == {("hcnm", "national-minority-issues")}
    assert _units(m) == {"hcnm"}


def test_french_body_named_after_the_osce():
    m = map_text("# source: https://www.osce.org/fr/media-freedom-and-development\n\n"
                 "Liberté et développement des médias\n\n"
                 "Le Représentant de l'OSCE pour la liberté des médias observe l'évolution des médias dans les "
                 "États participants et intervient lorsque des journalistes sont menacés.\n")
    assert ("rfom", "media-freedom-and-development") in _works(m)
    assert "rfom" in _units(m)


def test_a_body_named_without_the_osce_is_not_stated_as_its_unit():
    m = map_text("# source: https://www.osce.org/elections\n\nElections\n\n"
                 "ODIHR observes elections and publishes its findings in reports that are open to everyone who "
                 "wants to read them.\n")
    assert _works(m) == {("odihr", "elections")}
    assert _units(m) == set()  # the page never says ODIHR is the OSCE's


def test_the_osce_itself_is_neither_its_own_unit_nor_a_body_working_on_the_topic():
    m = map_text("# source: https://www.osce.org/elections\n\nElections\n\n"
                 "The OSCE helps its participating States to hold elections that meet the commitments they have "
                 "all agreed to.\n")
    assert _works(m) == set() and _units(m) == set()


def test_a_secretariat_unit_is_not_restated_as_a_unit_of_the_osce_itself():
    m = map_text("# source: https://www.osce.org/secretariat\n\nThe Secretariat\n\n"
                 "The OSCE Conflict Prevention Centre supports the Chairpersonship and the field operations in "
                 "early warning, crisis management and the work that follows a conflict.\n")
    assert "conflict-prevention-centre" not in _units(m)
