"""Field operations named together in one plural phrase: 'the OSCE Centres in Ashgabat, Astana and Bishkek',
"les Centres de l'OSCE à Achgabat, Astana et Bichkek", 'die OSZE-Büros in Eriwan und Baku'.

The linker matches whole names only, so such a phrase names no operation by itself. Each city in it is read
back into the singular name ('Centre de l'OSCE à Achgabat') and looked up in the registry; only a field
operation the registry knows by that exact name is linked, with the city's span as the mention.
"""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.records import Mention

# plural unit word -> its singular, per language (data: extend here)
SINGULAR = {
    "Centres": "Centre", "Centers": "Center", "Offices": "Office", "Missions": "Mission", "Presences": "Presence",
    "Programme Offices": "Programme Office", "Project Co-ordinators": "Project Co-ordinator",
    "Bureaux": "Bureau", "Bureaux de programme": "Bureau de programme", "Zentren": "Zentrum", "Büros": "Büro",
    "Programmbüros": "Programmbüro", "Centri": "Centro", "Uffici": "Ufficio", "Missioni": "Missione",
    "Centros": "Centro", "Oficinas": "Oficina", "Misiones": "Misión", "Центры": "Центр",
}  # not 'Миссии': it is also the genitive singular ('Сотрудники Миссии ОБСЕ в Молдове')
_PLURAL = "|".join(sorted(map(re.escape, SINGULAR), key=len, reverse=True))
_OSCE = lexicon.alternation("osce-name")
_CITY = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+"
_AND = r"(?:and|et|und|e|y|и)"
# 'OSCE Centres in', 'Centres de l'OSCE à', 'OSZE-Zentren in', 'Centri OSCE di', 'Centros de la OSCE en'
_PHRASE = re.compile(
    rf"(?P<head>(?:{_OSCE}[ -])?(?P<plural>{_PLURAL})(?P<mid>(?: de l['’]OSCE| de la OSCE| {_OSCE})?"
    rf" (?:in|à|en|di|a|ad|в)) )(?P<cities>{_CITY}(?:, {_CITY})*,? {_AND} {_CITY})")


def coordinated_operations(blocks: list[str], ctx: MappingContext, known: list[Mention]) -> list[Mention]:
    """Mentions of the field operations a plural phrase names, one per city the registry knows."""
    taken = [(m.block, m.start, m.end) for m in known]
    found = []
    for index, text in enumerate(blocks):
        for m in _PHRASE.finditer(text):
            prefix = m["head"][: m.start("plural") - m.start()]
            singular = prefix + SINGULAR[m["plural"]] + m["mid"] + " "
            for city in re.finditer(_CITY, m["cities"]):
                if city.group() in ("and", "et", "und", "e", "y", "и"):
                    continue
                entity = ctx.lookup(singular + city.group(), ["field-operation"])
                start = m.start("cities") + city.start()
                inside = any(b == index and s <= start < e for b, s, e in taken)  # already part of a linked name
                if entity is not None and not inside:
                    found.append(Mention(entity.ref, index, start, start + len(city.group()), city.group()))
    return found
