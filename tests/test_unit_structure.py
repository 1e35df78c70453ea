"""A body's internal structure: 'the Mission's programmes are run by two departments: A and B', 'The X
Department includes the Y Unit', 'comprend deux unités : ...', 'cuenta con dos unidades: ...'. Each part the
page names is an extracted organisation whose parent is the body the sentence is about."""

from __future__ import annotations

from osce_kg.records import Ref
from tests.conftest import FIXTURES
from tests.kinds_helpers import map_file

STRUCTURE = FIXTURES / "structure"
TNT = Ref("body", "transnational-threats-department")


def parents(name: str) -> dict:
    return {o.ref.key: o.parent for o in map_file(STRUCTURE / name).of("Organisation")}


def test_departments_listed_by_name_without_head_word_belong_to_the_operation_a_possessive_names():
    found = parents("units_en.txt")
    skopje = Ref("field-operation", "mission-to-skopje")
    assert found["human-dimension-department"] == skopje
    assert found["public-safety-and-community-outreach-department"] == skopje
    assert found["strategic-police-matters-unit"] == TNT
    assert found["border-security-and-management-unit"] == TNT
    assert found["monitoring-unit"] is None  # named in a sentence that gives no structure


def test_units_listed_after_a_count_in_french_and_spanish():
    fr, es = parents("units_fr.txt"), parents("units_es.txt")
    assert fr["unite-d-action-contre-le-terrorisme"] == TNT
    assert fr["unite-des-questions-strategiques-de-police"] == TNT
    assert es["unidad-de-asuntos-estrategicos-de-policia"] == TNT
    assert es["unidad-de-seguridad-fronteriza"] == TNT


def test_a_list_with_no_body_before_it_gives_no_parent(tmp_path):
    page = tmp_path / "nobody.txt"
    page.write_text("# source: https://www.osce.org/example/nobody\nOverview\n"
                    "Training covers two areas: the Border Security Unit and the Customs Training Unit.\n",
                    encoding="utf-8")
    assert all(o.parent is None for o in map_file(page).of("Organisation"))
