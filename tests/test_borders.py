"""States that share a border, as a page says it: 'A shares a border with B', 'A a une frontière commune avec
B', 'A grenzt an B', and 'three States have borders with B - A1, A2 and A3', in four languages."""

from __future__ import annotations

import pytest

from tests.kinds_helpers import map_text


def pairs(lang: str, text: str) -> set[tuple[str, str]]:
    m = map_text(f"# source: https://www.osce.org/{lang}/example/borders\n\nOverview\n\n{text}\n")
    return {(r.state.key, r.neighbour.key) for r in m.records if type(r).__name__ == "SharesBorder"}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Tajikistan shares a long border with Afghanistan.", {("tj", "af")}),
    ("fr", "Le Turkménistan a une frontière commune avec l'Afghanistan.", {("tm", "af")}),
    ("de", "Usbekistan grenzt an Afghanistan.", {("uz", "af")}),
    ("ru", "Таджикистан граничит с Афганистаном.", {("tj", "af")}),
])
def test_one_state_and_its_neighbour(lang, text, expected):
    assert pairs(lang, text) == expected


def test_a_list_after_a_dash_in_english_and_french():
    assert pairs("en", "Three participating States have borders with Afghanistan - Tajikistan, Turkmenistan and "
                       "Uzbekistan - and trade across them is growing.") == {("tj", "af"), ("tm", "af"), ("uz", "af")}
    assert pairs("fr", "Trois États participants ont des frontières avec l'Afghanistan : le Tadjikistan, le "
                       "Turkménistan et l'Ouzbékistan.") == {("tj", "af"), ("tm", "af"), ("uz", "af")}


def test_what_is_not_a_shared_border():
    assert pairs("en", "Border guards from Tajikistan met colleagues from Afghanistan.") == set()
    assert pairs("en", "The Office works on borders with the help of Afghanistan.") == set()
    # a list with an item that is not a State says nothing about borders
    assert pairs("en", "Several countries have borders with Afghanistan - Tajikistan, the mountains and "
                       "others.") == set()
    # 'Tajikistan, where the Office works with Kazakhstan, shares ...': the State right before the verb only
    assert pairs("en", "Kazakhstan and the Office in Tajikistan share a border with nobody.") == set()
