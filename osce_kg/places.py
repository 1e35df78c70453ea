"""Places as pages name them: cities and venues, in any of the six languages' spellings, keyed per
docs/identifiers.md (place/<slug>).

A small table (osce_kg/data/places.csv) lists cities with their names in the six languages and common
variants (Russian case forms, transliterations), so 'Wien', 'Vienne', 'Вене' and 'Vienna' are one place:
place/vienna. A name the table does not know keys as its own slug ('Druskininkai' -> place/druskininkai).
The table only says which spellings are one city; where a city lies is stated by the page or not at all.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from osce_kg.iri import key_from_name
from osce_kg.text import match_key, normalize_space

DATA = Path(__file__).parent / "data" / "places.csv"
LANGS = ("en", "fr", "de", "it", "ru", "es")


@dataclass(frozen=True)
class KnownPlace:
    key: str
    names: dict[str, str]  # language -> name


@cache
def _table() -> tuple[dict[str, KnownPlace], dict[str, str]]:
    places: dict[str, KnownPlace] = {}
    index: dict[str, str] = {}
    with open(DATA, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            place = KnownPlace(row["key"], {lang: row[lang] for lang in LANGS if row.get(lang)})
            places[place.key] = place
            for name in list(place.names.values()) + [v for v in (row.get("variants") or "").split("|") if v]:
                index.setdefault(match_key(name), place.key)
    return places, index


def known(name: str) -> KnownPlace | None:
    """The table's city for a name in any spelling ('Wien', 'Вене', 'VIENNA'), else None."""
    places, index = _table()
    key = index.get(match_key(name))
    return places[key] if key else None


def place_key(name: str) -> str:
    """The IRI key of a place: the table's key for a known city in any spelling, else the slug of the name."""
    found = known(name)
    return found.key if found else key_from_name(name)


def place_name(name: str, lang: str | None) -> str:
    """The name to label a place with: the table's name in the page language (nominative, 'Вене' -> 'Вена'),
    else the name as the page writes it."""
    found = known(name)
    if found and lang in found.names:
        return found.names[lang]
    return normalize_space(name)


# Words that name a venue inside a city ('at the Hofburg', 'в Учебном центре «Гиссар»'), six languages.
VENUE_WORDS = (r"(?:Hofburg|Palais|Palace|Hotel|Centre|Center|Congress|Hall|College|Academy|Centre de|Palazzo|"
               r"Centro|Zentrum|Akademie|Kolleg|Hôtel|Académie|Collège|Palacio|Academia|Colegio|"
               r"[Уу]чебн\w+ центр\w*|[Цц]ентр\w*|[Гг]остиниц\w+|[Аа]кадеми\w+|[Кк]олледж\w*|[Дд]в[оа]р\w*)")
_NOT_PLACES = re.compile(r"^(?:the|this|that|these|osce|обсе|osze|ocse|january|february|march|april|may|june|july|"
                         r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday|europe|europa|европе|европа|asia|asien|asie|region|area|field|country|"
                         r"countries)$", re.IGNORECASE)


def venue_pattern() -> str:
    """A venue as written: a venue word and a quoted name ('Учебном центре "Гиссар"') or the Hofburg."""
    return rf"(?:{VENUE_WORDS})(?:\s+[^\W\d][\w-]*){{0,3}}?\s*[\"«“„][^\"«»“”„]{{1,40}}[\"»”“]|Hofburg"


def plausible(name: str) -> bool:
    """A place name is a short capitalised name (or a quoted venue name), never a month or a common word."""
    name = normalize_space(name).strip(" ,.;:")
    if not name or len(name) > 60 or len(name.split()) > 6:
        return False
    if known(name):
        return True
    first = name.lstrip("«“„\"'")[:1]
    if not first.isupper():
        return False
    from osce_kg.dates import MONTHS
    return not any(_NOT_PLACES.match(w) or w.casefold() in MONTHS for w in name.split())
