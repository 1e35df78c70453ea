"""Labels of label/value pages (events, publications, field-operation figures): 'When' / 'Lieu :' /
'Организатор' lines and the values that follow them."""

from __future__ import annotations

from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.text import normalize_space

# Labels of label/value pages (events, publications, field-operation figures), in the six languages.
LABELS = {
    "when": ("when", "date", "dates", "quand", "wann", "datum", "quando", "когда", "дата", "cuándo", "cuando",
             "fecha", "fechas", "data"),
    "where": ("where", "venue", "location", "place", "où", "ou", "lieu", "wo", "ort", "veranstaltungsort", "dove",
              "luogo", "где", "место", "dónde", "donde", "lugar", "sede"),
    "organizer": ("organized by", "organised by", "organizer", "organiser", "organisé par", "organisateur",
                  "organisiert von", "veranstalter", "organizzato da", "organizzatore", "организатор",
                  "организаторы", "organizado por", "organizador"),
    "participants": ("participants", "teilnehmer", "teilnehmende", "partecipanti", "участники", "participantes"),
    "type": ("document type", "type", "type de document", "dokumenttyp", "tipo di documento", "тип документа",
             "tipo de documento", "publication type"),
    "published": ("published", "publication date", "date of publication", "publié le", "date de publication",
                  "veröffentlicht", "veröffentlichungsdatum", "pubblicato", "data di pubblicazione", "опубликовано",
                  "дата публикации", "publicado", "fecha de publicación"),
    "publisher": ("publisher", "published by", "éditeur", "publié par", "herausgeber", "herausgegeben von",
                  "editore", "pubblicato da", "издатель", "опубликовано", "editor", "publicado por"),
    "offices": ("offices", "bureaux", "büros", "uffici", "офисы", "oficinas"),
    "staff": ("staff", "personnel", "personal", "mitarbeiter", "personale", "персонал", "сотрудники"),
    "budget": ("budget", "haushalt", "bilancio", "бюджет", "presupuesto"),
    "leadership": ("leadership", "direction", "leitung", "dirigenza", "руководство", "liderazgo", "head of mission"),
    "mandate": ("history and mandate", "mandate", "mandat", "mandato", "мандат", "tasks", "tâches", "aufgaben",
                "compiti", "задачи", "tareas"),
}
_SHORT_FIELDS = {"when", "where", "organizer", "type", "published", "publisher"}
_LABEL_OF = {key: name for name, keys in LABELS.items() for key in keys}


def label_name(text: str) -> str | None:
    """Which field label a line is ('When', 'Lieu :', 'Организатор'...), or None."""
    key = normalize_space(text).rstrip(" :").casefold()
    return _LABEL_OF.get(key)


def labelled_values(page: Page, ctx: MappingContext | None = None, wanted: set[str] | None = None) -> dict[str, str]:
    """Label -> value for 'Label' lines followed by their value (or 'Label: value' on one line).

    A label followed by another label or by nothing is a label without value: a warning, not an error."""
    blocks = [b.text for b in page.blocks]
    values: dict[str, str] = {}
    for i, text in enumerate(blocks):
        head, sep, tail = text.partition(":")
        name = label_name(text)
        if name is None and sep and len(head) <= 30:
            name = label_name(head)
            if name and tail.strip():
                values.setdefault(name, tail.strip())
                continue
        if name is None or (wanted and name not in wanted):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else ""
        # a short field (date, place, organiser) followed by a long paragraph has no value: the page's text
        # starts there ("When / Where / Organized by / The meeting will ...")
        too_long = name in _SHORT_FIELDS and (len(following) > 150 or following.endswith("."))
        if not following or too_long or label_name(following) or label_name(following.partition(":")[0]):
            if ctx is not None:
                ctx.warn("label-without-value", f"field {text!r} has no value on the page")
            continue
        values.setdefault(name, following)
    return values
