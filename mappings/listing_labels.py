"""Field labels of listing teasers in the six languages (data, not a mapper: no KIND, no map_page).

A teaser on an osce.org listing is a title followed by 'Label: value' lines ('Publishing date: 26 April 2015',
'Content type: Press release', 'Where we are: OSCE Mission to Skopje', 'What we do: Policing'), on the old site
and the new one alike; HTML puts a label and its value in two elements. Keys are lower-case, without the colon.
"""

from __future__ import annotations

import re

from osce_kg.text import normalize_space

FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "date": (
        "publishing date", "publication date", "date published", "published", "published on", "date",
        "date de publication", "publié le", "date",
        "veröffentlichungsdatum", "veröffentlicht am", "veröffentlicht", "datum",
        "data di pubblicazione", "pubblicato il", "data",
        "дата публикации", "опубликовано", "дата",
        "fecha de publicación", "publicado el", "fecha",
    ),
    "type": (
        "content type", "type", "type de contenu", "inhaltstyp", "art des inhalts", "typ",
        "tipo di contenuto", "tipo", "тип материала", "тип контента", "тип содержания", "тип",
        "tipo de contenido",
    ),
    "where": (
        "where we are", "où nous sommes", "où nous travaillons", "wo wir sind", "wo wir arbeiten",
        "dove siamo", "dove lavoriamo", "где мы работаем", "где мы находимся", "dónde estamos",
        "dónde trabajamos", "location", "lieu", "ort", "luogo", "место", "lugar",
    ),
    "topics": (
        "what we do", "fields of work", "field of work", "ce que nous faisons", "domaines d'activité",
        "domaines de travail", "was wir tun", "arbeitsbereiche", "tätigkeitsbereiche", "cosa facciamo",
        "settori di attività", "ambiti di lavoro", "che cosa facciamo", "что мы делаем", "направления деятельности",
        "направления работы", "qué hacemos", "ámbitos de trabajo", "áreas de trabajo", "esferas de actividad",
    ),
    # shown on some teasers, mapped to nothing: recognised so that it is not read as a title or summary
    "source": ("source", "quelle", "fonte", "источник", "fuente", "author", "auteur", "autor", "autore", "автор"),
}

_LABEL_OF = {label: field for field, labels in FIELD_LABELS.items() for label in labels}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in _LABEL_OF), key=len, reverse=True)) +
    r")\s*:\s*(?P<value>.*)$", re.IGNORECASE)

# '(closed)' after a field operation's name in 'Where we are', in the six languages
CLOSED = re.compile(r"\s*\((?:closed|fermée?|geschlossen|beendet|chius[ao]|закрыт[аоы]?|cerrad[ao])\)\s*$",
                    re.IGNORECASE)


def field_line(text: str) -> tuple[str, str] | None:
    """('date', '26 April 2015') for 'Publishing date: 26 April 2015'; ('date', '') for a bare label
    ('Date de publication' alone, its value in the next block); None for any other text."""
    text = normalize_space(text)
    bare = _LABEL_OF.get(text.rstrip(" :").casefold())
    if bare:
        return bare, ""
    m = _LABEL_RE.match(text)
    if m:
        return _LABEL_OF[m["label"].casefold()], m["value"].strip()
    return None


def label_prefix(text: str) -> bool:
    """True for a label cut off by the end of a truncated dump ('Publishing d')."""
    key = normalize_space(text).casefold()
    return len(key) >= 3 and any(label.startswith(key) and label != key for label in _LABEL_OF)
