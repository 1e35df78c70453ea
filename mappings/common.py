"""Helpers the page-kind mappers share: the document record and what every page mentions."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.figures import counts
from osce_kg.page import Page
from osce_kg.records import OSCE, Chairpersonship, Count, DocumentContent, Label, Person, Ref, Troika
from osce_kg.text import normalize_space

from .belonging import bodies_supported, osce_units
from .borders import borders
from .coordinated import coordinated_operations
from .history import extract as history
from .organisations import organisations_in_text
from .people import NAME, country, hold, people_in_text, person, person_key, person_name, post  # noqa: F401

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")


def years(texts: list[str]) -> tuple[int, ...]:
    return tuple(sorted({int(y) for text in texts for y in _YEAR.findall(text)}))


def document(page: Page, ctx: MappingContext, kind: str, about: tuple[Ref, ...] = ()) -> DocumentContent:
    """The page as a document, plus a Mention record for each registry entity its text names. `about` is the
    entity the page kind is about (an operation's page, a topic page); the title's entities are added."""
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    people_in_text(page, ctx)  # open-world people and organisations, before the candidates are reported
    organisations_in_text(page, ctx)
    mentions = ctx.mentions(texts, lang=page.language, truncated=page.truncated)  # detected once, by the page
    mentions += coordinated_operations(texts, ctx, mentions)
    named = {r.ref for r in ctx.result.records if isinstance(r, Person)}  # named by the mapper already
    for mention in mentions:
        ctx.emit(mention)
        if mention.ref.type == "person" and mention.ref not in named:
            # a person the page names is a person with that name, in this page's graph
            named.add(mention.ref)
            ctx.emit(Person(mention.ref, normalize_space(mention.text)))
    lang = page.language or page.nav_language
    content = DocumentContent(
        title=Label(page.title, lang) if page.title and lang else None,
        kind=kind,
        language=lang,
        paragraphs=tuple(page.paragraphs),
        years=years(texts),
        # about: what the page is about (its kind's subject, the entities its title names); every other
        # entity it names is a mention only (schema:mentions, osce:Mention)
        about=tuple(sorted(set(about) | {m.ref for m in mentions if page.title and m.block == 0})),
        truncated=page.truncated,
    )
    if page.duplicates:
        ctx.warn("duplicate-paragraphs", f"{page.duplicates} repeated paragraph(s) dropped")
    participating_states(texts, ctx, lang or "en")
    memberships_since(texts, ctx, lang or "en")
    history(page, ctx, kind)  # documents, decisions and operations' history, on every page kind
    osce_units(texts, mentions, ctx)
    bodies_supported([b.text for b in page.blocks], ctx, lang)
    borders([b.text for b in page.blocks], ctx, lang)
    return content


def memberships_since(texts: list[str], ctx: MappingContext, lang: str) -> None:
    from .dated_facts import members_of_bodies, partnerships
    from .dated_facts import memberships_since as since  # imported here, as history is: no import cycle
    since(texts, ctx, lang)
    members_of_bodies(texts, ctx, lang)
    partnerships(texts, ctx, lang)


def participating_states(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """'the 57 participating States', '56 OSZE-Teilnehmerstaaten', 'Forty participating States': the number of
    participating States the page gives the OSCE (the first such figure; the CSCE had 35, the OSCE has 57)."""
    for text in texts:
        for count in counts(text, lang):
            if count.kind == "participating-states" and 35 <= count.value <= 57:
                ctx.emit(Count(OSCE, "participating-states", count.value))
                return


# -- shared extraction helpers for the page-kind mappers -----------------------------------------------
# They read the structure of a page kind (labels, datelines, list items, sentence shapes) in the six
# languages; registry lookups name what they find, and what the registry does not know is keyed by slug.

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


def body(ctx: MappingContext, name: str) -> Ref | None:
    name = re.sub(r"^(?:the|la|le|les|l'|el|los|die|der|das|il|lo)\s+", "", normalize_space(name), flags=re.I)
    for candidate in (name, re.sub(r"^(?:OSCE|OSZE|ОБСЕ)\s+", "", name)):
        entity = ctx.lookup(candidate, ["body"])
        if entity:
            return entity.ref
    return None


# People: mappings/people.py; these names stay importable from here for the page-kind mappers.
_HOLD_POSITION = re.compile(rf"(?P<name>{NAME})\s+will\s+(?:hold|take up|assume)\s+the\s+"
                            rf"(?:position|post|office)\s+of\s+"
                            rf"(?P<post>[\w-]+(?:\s+[\w-]+){{0,6}})")


# -- Chairpersonship statements, shared by press releases and the chairpersonship page ---------------
_STATE = r"(?P<state>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+(?:of\s+|and\s+)?[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+){0,3})"
_CHAIR_WORD = r"(?:Chair(?:manship|personship)?|Présidence|Vorsitz|Presidenza|Presidencia|председательств\w*)"
CHAIR_PATTERNS = [
    # Romania begins OSCE Chairmanship for 2001 / Finland takes over the OSCE Chairpersonship in 2025
    re.compile(rf"{_STATE}\s+(?:begins|assumes|takes over|took over|holds|will hold)\s+(?:the\s+)?(?:OSCE\s+)?"
               rf"{_CHAIR_WORD}\s+(?:for|in|of)\s+(?P<year>(?:19|20)\d\d)"),
    # The OSCE Chair will be held by Switzerland in 2026
    re.compile(rf"(?:OSCE\s+)?{_CHAIR_WORD}\s+(?:will be|was|is|has been)\s+held\s+by\s+{_STATE}\s+in\s+"
               rf"(?P<year>(?:19|20)\d\d)"),
    # In 2002, it will pass to Portugal
    re.compile(rf"In\s+(?P<year>(?:19|20)\d\d),\s+it\s+will\s+pass\s+to\s+{_STATE}"),
    # 2025 OSCE Chairperson-in-Office, Minister for Foreign Affairs of Finland, Elina Valtonen
    re.compile(rf"(?P<year>(?:19|20)\d\d)\s+(?:OSCE\s+)?Chair\w*-in-Office,\s+(?:[^,]*?\s+of\s+)?{_STATE},\s+"
               rf"(?P<person>{NAME})"),
    # Présidence suisse de l'OSCE en 2026 / Vorsitz 2026: Schweiz
    re.compile(rf"{_CHAIR_WORD}\s+(?:de l'OSCE|der OSZE|dell'OSCE|de la OSCE|ОБСЕ)?\s*(?:en|im Jahr|nel|в|in)\s+"
               rf"(?P<year>(?:19|20)\d\d)\s*(?::|-|,)?\s+(?:(?:assurée|exercée|übernimmt|ejercida)\s+par\s+)?{_STATE}"),
]
_TROIKA = re.compile(r"(?:During|In)\s+(?P<year>(?:19|20)\d\d),\s+the\s+Troika\s+(?:is|was)\s+"
                     r"(?:made up of|composed of)"
                     r"\s+(?P<states>[^.]+)")
_PAST_CHAIR = re.compile(rf"(?:past|previous)\s+12\s+months,\s+the\s+OSCE\s+{_CHAIR_WORD}\s+has\s+been\s+held\s+by\s+"
                         rf"{_STATE}")


def chairpersonships(page: Page, ctx: MappingContext, year_now: int | None = None) -> dict[int, Ref]:
    """Chairpersonships a page states (year -> state); emits Chairpersonship, Troika and the chairs' posts."""
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    chairs: dict[int, Ref] = {}
    names: dict[int, str] = {}
    for text in texts:
        for pattern in CHAIR_PATTERNS:
            for m in pattern.finditer(text):
                state = country(ctx, m["state"])
                if state is None:
                    continue
                year = int(m["year"])
                chairs.setdefault(year, state)
                if m.groupdict().get("person") and person_name(m["person"]):
                    names[year] = person_name(m["person"]) or ""
        if not any(p.search(text) for p in CHAIR_PATTERNS):
            _chair_sentences(ctx, text, chairs)
        past = _PAST_CHAIR.search(text)
        if past and year_now and country(ctx, past["state"]):
            chairs.setdefault(year_now - 1, country(ctx, past["state"]))  # type: ignore[arg-type]
        hold_match = _HOLD_POSITION.search(text)
        if hold_match and re.search(r"chair", hold_match["post"], re.I) and year_now:
            name = person_name(re.sub(r"^.*\bMinister\s+", "", hold_match["name"]))
            if name:
                names.setdefault(year_now, name)
    known = {chair.year: chair.state.key for chair in ctx.registry.chairpersonships}
    for year, state in sorted(dict(chairs).items()):
        if known.get(year) not in (None, state.key):
            # both statements stay, each in its graph; validation warns that the sources disagree
            ctx.warn("conflicts-with-registry", f"page names {state.key} as {year} chair; registry says {known[year]}")
        ctx.emit(Chairpersonship(year, state, names.get(year)))
    for year, name in sorted(names.items()):
        ref = person(ctx, name, chairs.get(year))
        hold(ctx, ref, "Chairperson-in-Office", "en", f"{year:04d}", f"{year:04d}")
    for text in texts:
        for m in _TROIKA.finditer(text):
            states = tuple(s for s in (country(ctx, part) for part in re.split(r",\s*|\s+and\s+", m["states"])) if s)
            if states:
                year = int(m["year"])
                if year not in chairs:
                    continue  # a Troika needs its Chairpersonship to hang on
                ctx.emit(Troika(year, states))
    return chairs


_CHAIR_ANY = re.compile(r"chair(?:person|man)?ship|présidence|vorsitz|presidenza|presidencia|председательств", re.I)
_YEAR_ONLY = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?!\d|[.,/]\d)")


def _chair_sentences(ctx: MappingContext, text: str, chairs: dict[int, Ref]) -> None:
    """Any language: a sentence with a Chairpersonship word, one year and one State states that State's
    Chairpersonship that year ('En 2025, la présidence de l'OSCE est exercée par la Finlande')."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _CHAIR_ANY.search(sentence):
            continue
        years = set(_YEAR_ONLY.findall(sentence))
        states = {link.ref for link in ctx.linker.find(sentence) if link.ref is not None and link.ref.type == "country"}
        if len(years) == 1 and len(states) == 1:
            chairs.setdefault(int(years.pop()), states.pop())


def truncated_tail(page: Page, value: str) -> bool:
    """True when `value` ends the text of a truncated page: it may be cut off ('Jorma Ink')."""
    return page.truncated and bool(page.blocks) and page.blocks[-1].text.rstrip().endswith(value.rstrip())


def title_names_a_state_only(page: Page, ctx: MappingContext, kind_types: set[str]) -> bool:
    """The title names a State, territory or partner group and no entity of the types a kind is about
    ("L'Afghanistan et l'OSCE"): the page is about that State, not about an operation or institution it
    names further down. The OSCE itself does not count."""
    named = {link.ref for link in ctx.linker.find(page.title or "", page.language) if link.ref is not None}
    types = {ref.type for ref in named if ref != OSCE}
    return bool(types & {"country", "territory", "partner-group"}) and not types & kind_types


def url_path(page: Page) -> str:
    url = page.url or ""
    return url.split("://", 1)[-1].split("/", 1)[-1].lower() if "://" in url else url.lower()
