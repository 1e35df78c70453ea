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

# Content types the site prints on teasers, in the six languages (lower-case). A teaser may show one on a line
# of its own ('Press release') or beside its date ('Press release | 26 April 2015').
CONTENT_TYPES = frozenset((
    "press release", "news and features", "news", "news item", "feature", "feature story", "spot report",
    "daily report", "report", "statement", "speech", "interview", "op-ed", "publication", "event",
    "photo gallery", "video", "announcement", "media advisory", "document", "decision",
    "communiqué de presse", "actualités", "actualité", "reportage", "rapport", "déclaration", "discours",
    "entretien", "publication", "événement", "galerie de photos", "vidéo", "avis aux médias",
    "pressemitteilung", "nachrichten", "nachricht", "bericht", "erklärung", "rede", "veröffentlichung",
    "veranstaltung", "fotogalerie", "medienhinweis",
    "comunicato stampa", "notizie", "notizia", "servizio", "rapporto", "dichiarazione", "discorso", "intervista",
    "pubblicazione", "evento", "galleria fotografica",
    "пресс-релиз", "новости", "новость", "репортаж", "доклад", "отчет", "отчёт", "заявление", "выступление",
    "речь", "интервью", "публикация", "мероприятие", "фотогалерея", "видео", "ежедневный отчет",
    "comunicado de prensa", "noticias", "noticia", "reportaje", "informe", "declaración", "discurso",
    "entrevista", "publicación", "evento", "galería de fotos",
))
_TYPE_DATE = re.compile(r"^(?P<a>[^|•·–—]{3,40}?)\s*[|•·–—]\s*(?P<b>[^|•·–—]{6,40})$")

_LABEL_OF = {label: field for field, labels in FIELD_LABELS.items() for label in labels}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in _LABEL_OF), key=len, reverse=True)) +
    r")\s*:\s*(?P<value>.*)$", re.IGNORECASE)

# Words of OSCE structures' names (regular expressions, six languages): a 'Where we are' value with one of them
# that the registry does not know is reported as a candidate, never made a city.
STRUCTURE_WORDS = (
    "mission", "office", "centre", "center", "presence", "co-?ordinator", "project", "secretariat", "council",
    "assembly", "forum", "representative", "commissioner", r"chair\w*", "group", "institution", "unit",
    "department", "programme",
    "bureau", "bureaux", "présence", "coordinateur", "conseil", "assemblée", "représentant", "présidence",
    "büro", "zentrum", "präsenz", "koordinator", "rat", "versammlung", r"beauftragte\w*", "vorsitz",
    "missione", "ufficio", "centro", "presenza", "coordinatore", "consiglio", "assemblea", "rappresentante",
    "presidenza",
    "миссия", "бюро", "центр", "присутствие", "координатор", "совет", "ассамблея", r"представитель\w*",
    r"председательств\w*",
    "misión", "oficina", "presencia", "coordinador", "consejo", "asamblea", "representante", "presidencia",
    "osce", "osze", "обсе",
)

# Links printed under a teaser ('Read more'): part of the teaser, never its summary or the next title
MORE = frozenset(("read more", "more", "en savoir plus", "lire la suite", "plus", "mehr", "weiterlesen",
                  "mehr lesen", "leggi di più", "continua a leggere", "подробнее", "читать далее", "далее",
                  "leer más", "más", "seguir leyendo"))

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


def content_type_line(text: str) -> tuple[str, str] | None:
    """(content type, rest) for 'Press release' alone (rest '') or beside a date ('Press release | 26 April
    2015', '26 April 2015 | Press release': rest is the date text); None otherwise."""
    text = normalize_space(text)
    if text.casefold() in CONTENT_TYPES:
        return text, ""
    m = _TYPE_DATE.match(text)
    if m:
        for kind, rest in ((m["a"], m["b"]), (m["b"], m["a"])):
            if kind.strip().casefold() in CONTENT_TYPES:
                return kind.strip(), rest.strip()
    return None


def label_prefix(text: str) -> bool:
    """True for a label cut off by the end of a truncated dump ('Publishing d')."""
    key = normalize_space(text).casefold()
    return len(key) >= 3 and any(label.startswith(key) and label != key for label in _LABEL_OF)
