"""The post-complement patterns of mappings/people.py match what their first, simpler forms matched, without
their catastrophic backtracking: `(?:\\s*[\\w'’.-]+\\s*){0,10}$` tries every way of cutting a long word into
pieces before it fails, so a complement ending in a comma after fifty letters took 14 s (found by the mapper
fuzz test), and a hundred letters would not finish in a day. That they now answer at once on long text is
tests/test_regex_backtracking.py's check, over every pattern of the project."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from osce_kg.mappings import people
from osce_kg.mappings.people import _UP

# the first forms, kept here as the reference for which strings must match
FIRST_COMPLEMENT = re.compile(
    rf"^(?:\s*(?:[{_UP}][\w'’.-]*|of|for|on|in|to|at|the|and|de|du|des|la|le|l['’]|d['’]|"
    rf"pour|auprès|en|à|au|aux|der|die|das|des|dem|den|für|im|zur|zum|di|del|della|dello|"
    rf"dell['’]|per|nel|nella|para|el|los|las|[а-яё-]+|в|по|при|OSCE|OSZE|ОБСЕ|-|/)\s*)*$")
FIRST_COMPLEMENT_ANY = re.compile(r"^(?:\s*[\w'’.-]+\s*){0,10}$")

PIECES = ["of", "for", "the", "and", "de", "del", "della", "dell’", "dell'", "dello", "nel", "nella", "la", "las",
          "l’", "d'", "des", "der", "auprès", "à", "au", "aux", "für", "zum", "el", "los", "para", "lo", "s", "x",
          "OSCE", "OSZE", "ОБСЕ", "Office", "A", "AB", "Mission", "É", "в", "по", "при", "о", "миссии", "-", "/",
          ".", "'", "’", ",", ";", "!", "1", "1996", "_", "\u00a0", "ß"]
SEPARATORS = ["", "", " ", "  ", "\t", "\n"]
# at most 18 characters: the first forms take time doubling with each letter of a string they refuse
complements = (st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(PIECES)), max_size=8).map(
    lambda parts: "".join(sep + piece for sep, piece in parts)) | st.text(alphabet="aAоО -,’.'/1 ", max_size=14)
               ).map(lambda text: text[:18])


@given(text=complements, tail=st.sampled_from(["", " ", "  ", ",", "\n"]))
@example(text="", tail="")
@example(text="   ", tail="")
@example(text="", tail="\n")
@example(text=" of the OSCE Mission to Moldova", tail="")
@example(text=" de l’OSCE pour les minorités nationales", tail="")
@example(text=" della Presidenza dell’OSCE", tail="")
@example(text=" ОБСЕ по вопросам национальных меньшинств", tail="")
def test_the_patterns_match_what_their_first_forms_matched(text, tail):
    value = text + tail
    assert bool(people._COMPLEMENT.match(value)) == bool(FIRST_COMPLEMENT.match(value))
    assert bool(people._COMPLEMENT_ANY.match(value)) == bool(FIRST_COMPLEMENT_ANY.match(value))

