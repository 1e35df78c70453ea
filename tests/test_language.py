"""Language from the text itself, in the six OSCE languages (elisions shared by French and Italian)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osce_kg.build import BuildOptions, build
from osce_kg.language import detect
from tests.conftest import FIXTURES


@pytest.mark.parametrize(("text", "lang"), [
    ("The OSCE has 57 participating States in Europe, Central Asia and North America.", "en"),
    ("L’OSCE compte 57 États participants en Europe, en Asie centrale et en Amérique du Nord.", "fr"),
    ("Die OSZE hat 57 Teilnehmerstaaten in Europa, Zentralasien und Nordamerika.", "de"),
    ("L’OSCE conta 57 Stati partecipanti in Europa, nell’Asia centrale e nell’America del Nord.", "it"),
    ("Il Segretario generale dell’OSCE ha visitato oggi l’Ufficio di programma a Bishkek.", "it"),
    ("В ОБСЕ 57 государств-участников в Европе, Центральной Азии и Северной Америке.", "ru"),
    ("La OSCE tiene 57 Estados participantes en Europa, Asia Central y América del Norte.", "es"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_press_release_label_is_not_the_title():
    result = build(BuildOptions(paths=[str(FIXTURES / "people" / "pr_it_sg.txt")], out_dir=None))
    source = result.sources[0]
    assert (source.kind, source.language) == ("press-release", "it")
    assert source.title.startswith("Il Segretario generale")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["della", "degli", "nazione", "dell'", "nell’", "all", "l'", "d’", "qu'", "ça",
                                 "über", "ß", "niño", "¿", "acción", "é", "the", "l", "d", " ", "-", "'", "ü"]),
                max_size=8))
def test_a_text_without_what_a_marker_holds_has_none_of_its_matches(parts):
    """detect() searches a language's marker only in a text holding one of its letters or words: never one
    where the marker would match."""
    from osce_kg.language import _MARKERS

    text = "".join(parts)
    for marker, held in _MARKERS.values():
        if marker.search(text):
            assert any(part in text for part in held), (marker.pattern, text)
