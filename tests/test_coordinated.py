"""Field operations named together in one plural phrase (mappings/coordinated.py), in three languages."""

from __future__ import annotations

from osce_kg.records import Mention
from tests.kinds_helpers import map_text


def _named(m) -> set[str]:
    return {r.ref.key for r in m.records if isinstance(r, Mention) and r.ref.type == "field-operation"}


def test_english_centres_in_three_cities():
    m = map_text("# source: https://www.osce.org/secretariat/news\n\nTraining for border guards\n\n"
                 "Experts from the OSCE Centres in Ashgabat, Astana and Bishkek trained border guards from the "
                 "region during a two-week course on risk analysis.\n")
    assert {"centre-in-ashgabat", "centre-in-astana", "centre-in-bishkek"} <= _named(m)


def test_french_centres_de_l_osce():
    m = map_text("# source: https://www.osce.org/fr/secretariat/news\n\nFormation\n\n"
                 "Les Centres de l'OSCE à Achgabat et Bichkek ont formé des gardes-frontière de la région pendant "
                 "deux semaines.\n")
    assert {"centre-in-ashgabat", "centre-in-bishkek"} <= _named(m)


def test_spanish_and_a_city_with_no_such_operation():
    m = map_text("# source: https://www.osce.org/es/secretariat/news\n\nFormación\n\n"
                 "Los Centros de la OSCE en Ashgabat y Madrid organizaron cursos para guardias de fronteras "
                 "durante dos semanas.\n")
    named = _named(m)
    assert "centre-in-ashgabat" in named
    assert not any("madrid" in key for key in named)  # no 'Centro de la OSCE en Madrid' in the registry


def test_a_singular_name_already_linked_is_not_read_again_as_a_plural():
    m = map_text("# source: https://www.osce.org/ru/test/moldova\n\nНовости\n\n"
                 "Сотрудники Миссии ОБСЕ в Молдове и Посол Италии обсудили работу Миссии в этом году.\n")
    spans = [(r.start, r.end) for r in m.records if isinstance(r, Mention) and r.ref.key == "mission-to-moldova"]
    assert len(spans) == 1  # 'Миссии ОБСЕ в Молдове' once; 'Молдове' is no second mention
