"""A post named inside another post's name is not that post: 'Representative of the Chairperson-in-Office' is
not the Chairperson-in-Office; 'former Secretary General' still is the Secretary General."""

from __future__ import annotations

import pytest

from osce_kg.context import MappingContext
from osce_kg.mappings.common import post
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
