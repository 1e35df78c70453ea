"""'The Conflict Prevention Centre supports ... the Forum for Security Co-operation': a sentence whose subject
is an OSCE body (or a pronoun for the previous sentence's subject) and whose verb says it supports, in
English, French and German; osce:supports then links the two bodies."""

from __future__ import annotations

from osce_kg.records import Ref
from tests.kinds_helpers import map_file

CPC, FSC = Ref("body", "conflict-prevention-centre"), Ref("body", "forum-for-security-co-operation")


def supports(tmp_path, text: str, lang: str = "en") -> set[tuple[Ref, Ref]]:
    page = tmp_path / f"supports_{lang}.txt"
    page.write_text(f"# source: https://www.osce.org/{lang}/example/supports\nOverview\n{text}\n", encoding="utf-8")
    return {(r.body, r.supported) for r in map_file(page).of("Supports")}


def test_supports_in_three_languages(tmp_path):
    assert supports(tmp_path, "The Conflict Prevention Centre supports the work of the Forum for Security "
                              "Co-operation on confidence-building.") == {(CPC, FSC)}
    assert supports(tmp_path, "Le Centre de prévention des conflits soutient les travaux du Forum pour la "
                              "coopération en matière de sécurité.", "fr") == {(CPC, FSC)}
    assert supports(tmp_path, "Das Konfliktverhütungszentrum unterstützt das Forum für Sicherheitskooperation "
                              "bei seiner Arbeit.", "de") == {(CPC, FSC)}


def test_a_pronoun_stands_for_the_previous_sentence_s_subject(tmp_path):
    text = ("The Conflict Prevention Centre is part of the Secretariat in Vienna. It supports early warning "
            "as well as the Forum for Security Co-operation.")
    assert supports(tmp_path, text) == {(CPC, FSC)}


def test_no_support_when_the_subject_is_not_the_body_or_the_verb_is_passive(tmp_path):
    assert supports(tmp_path, "The Forum for Security Co-operation is supported by the Conflict Prevention "
                              "Centre.") == set()
    assert supports(tmp_path, "The Secretariat, where the Conflict Prevention Centre works, supports the Forum "
                              "for Security Co-operation.") == set()  # which of the two supports?
    assert supports(tmp_path, "Early warning supports the Forum for Security Co-operation.") == set()
