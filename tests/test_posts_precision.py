"""A post named inside another post's name is not that post: 'Representative of the Chairperson-in-Office' is
not the Chairperson-in-Office; 'former Secretary General' still is the Secretary General."""

from __future__ import annotations

import pytest

from osce_kg.context import MappingContext
from osce_kg.mappings.people import post
from osce_kg.records import Ref
from osce_kg.registry import load_registry

CIO, SG = Ref("post", "chairperson-in-office"), Ref("post", "secretary-general")


@pytest.fixture
def ctx() -> MappingContext:
    return MappingContext(load_registry())


@pytest.mark.parametrize("text, lang", [
    ("Representative of the Chairperson-in-Office", "en"),
    ("Personal Representative of the OSCE Chairperson-in-Office", "en"),
    ("Représentant du Président en exercice", "fr"),
    ("Vertreter des Amtierenden Vorsitzenden", "de"),
])
def test_a_post_of_the_chair_is_not_the_chair(ctx, text, lang):
    assert post(ctx, text, lang)[0] != CIO


@pytest.mark.parametrize("text, lang", [
    ("former Secretary General", "en"),
    ("the OSCE Secretary General", "en"),
    ("ancien Secrétaire général", "fr"),
    ("ehemaliger Generalsekretär", "de"),
])
def test_a_modified_post_name_is_still_the_post(ctx, text, lang):
    assert post(ctx, text, lang)[0] == SG


@pytest.mark.parametrize("text", ["Assistance Group", "Transdniestrian Settlement Process",
                                  "Security-Building Measures", "Groupe Consultatif", "Minsker Gruppe",
                                  "Gruppo Minsk", "Группа Минск"])
def test_a_unit_or_process_is_not_a_person(text):
    from osce_kg.mappings.people import person_name

    assert person_name(text) is None


@pytest.mark.parametrize("sentence, name", [
    ("Romanian Foreign Minister Mircea Dan Geoana will hold the position of Chairman-in-Office.", "Mircea Dan Geoana"),
    ("Le ministre roumain des Affaires étrangères Mircea Dan Geoana a pris ses fonctions.", None),
])
def test_a_long_run_of_capitalised_words_keeps_the_whole_name(ctx, sentence, name):
    from osce_kg.mappings.people import people_in_text
    from osce_kg.page import Block, build_page
    from osce_kg.sources import SourceFile

    source = SourceFile(path="t.txt", text=sentence, sha256="0" * 64, url=None, format="text")
    page = build_page(source, "https://www.osce.org/test/t", [], [Block("paragraph", "Title"),
                                                                 Block("paragraph", sentence)])
    people_in_text(page, ctx)
    names = {r.name for r in ctx.result.records if type(r).__name__ == "Person"}
    assert "Mircea Dan" not in names
    assert name is None or name in names


@pytest.mark.parametrize("phrase, title", [
    ("Minister for Foreign Affairs of Finland", "Minister for Foreign Affairs"),  # the longest title, not 'Minister'
    ("als Hohen Kommissar für nationale Minderheiten", None),
    ("Hohen Kommissar für nationale Minderheiten", "Hohen Kommissar"),  # German declension
    ("Persönlichen Beauftragten des Amtierenden Vorsitzenden", "Persönlichen Beauftragten"),
    ("Hohe Kommissar hat seinen Sitz in", None),  # the bare weak form opens no post phrase
])
def test_the_title_a_post_phrase_opens_with(phrase, title):
    from osce_kg.mappings.people import _title_of

    assert _title_of(phrase) == title
