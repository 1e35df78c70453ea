"""Entity linker: finds registry entities named in page text in the six languages, with character spans.

One index per registry (built once, cached on the registry object): every name of every entity (preferred
names, variants, abbreviations, office holders' names) as a tuple of folded tokens (case and diacritics
ignored), plus two inflection-tolerant indexes where it is cheap: Russian names with their case endings
cut off (always, for Cyrillic words) and German names with their case endings cut off (used on German
text only, so that English "Austrian" does not become "Austria").

Matching runs left to right over the tokens; at each token the longest name wins and the tokens it covers
are not matched again (so "Mission to Moldova" is one mention of the mission, not also one of Moldova).
An exact name beats an inflected one of the same length. A name that fits several entities is resolved
by rules that are not guesses (see `resolve`) or left unlinked, with its candidates, for the caller to
resolve by the page's context or to report.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from osce_kg.iri import key_from_name
from osce_kg.records import Ref
from osce_kg.registry import UNIT_TYPES, Registry

MAX_WORDS = 16
_TOKEN = re.compile(r"[^\W_][\w\u0300-\u036f]*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARTICLES = {"the", "la", "le", "les", "l", "el", "los", "las", "die", "der", "das", "il", "lo", "gli"}
# Names too short or too common to link on their own.
_STOP = {("pa",), ("all",), ("osce", "pa"), ("chair",), ("summit",)}
# Case endings, longest first; a stem keeps at least 3 letters.
_RU_ENDINGS_RAW = ("ами ями ого его ому ему ыми ими ией иях иям ой ей ий ый ая яя ое ее ые ие ых их ом ем ам ям "
                   "ах ях ию ия ии ью им ым а я о е и ы у ю ь й")
_DE_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


def fold(token: str) -> str:
    """Case- and diacritics-insensitive form of one token (ё -> е, й -> и, ß -> ss, é -> e)."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# in folded form (й -> и), as tokens are compared folded
_RU_ENDINGS = sorted({fold(e) for e in _RU_ENDINGS_RAW.split()}, key=len, reverse=True)


def ru_stem(token: str) -> str:
    if len(token) < 4 or not _CYRILLIC.match(token):
        return token
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


def de_stem(token: str) -> str:
    if len(token) < 5 or _CYRILLIC.match(token):
        return token
    for ending in _DE_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for each word of `text`."""
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def name_key(name: str) -> tuple[str, ...]:
    """The folded token tuple a name is indexed under (a leading article dropped)."""
    words = tuple(t for _, _, t in tokens(name))
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return words


@dataclass(frozen=True)
class Link:
    ref: Ref | None  # None: the name fits several entities (`candidates`) and no rule chose one
    start: int
    end: int
    text: str
    candidates: tuple[Ref, ...] = ()
    inflected: bool = False  # matched through a case-ending-tolerant index
    label_langs: tuple[tuple[Ref, tuple[str, ...]], ...] = field(default=(), repr=False, compare=False)


class _Index:
    """key tuple -> {ref: languages of the names with that key}, plus the set of key prefixes."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], dict[Ref, set[str]]] = {}
        self.prefixes: set[tuple[str, ...]] = set()

    def add(self, key: tuple[str, ...], ref: Ref, lang: str) -> None:
        if not key or key in _STOP:
            return
        self.keys.setdefault(key, {}).setdefault(ref, set()).add(lang)
        for n in range(1, len(key) + 1):
            self.prefixes.add(key[:n])


_CACHE: weakref.WeakKeyDictionary[Registry, Linker] = weakref.WeakKeyDictionary()


class Linker:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.exact, self.ru, self.de = _Index(), _Index(), _Index()
        self.units: dict[Ref, Ref] = {}  # post -> the body / field operation it belongs to
        for entity in registry.entities.values():
            names = [(label.lang, label.text) for label in entity.labels()]
            if entity.row.get("abbreviation"):
                names.append(("xx", entity.row["abbreviation"]))
            for lang, name in names:
                self._add(name, entity.ref, lang)
            if entity.ref.type == "post" and entity.row.get("unit"):
                unit = entity.row["unit"]
                self.units[entity.ref] = registry.ref(unit, UNIT_TYPES) or Ref("body", unit)
        # people: office holders (keyed in the registry) and Chairpersons-in-Office (keyed by name)
        for row in registry.facts.get("office_holders.csv", []):
            if row.get("person") and len(row.get("name", "").split()) > 1:
                self._add(row["name"], Ref("person", row["person"]), "xx")
        for row in registry.facts.get("chairpersonships.csv", []):
            if len(row.get("chairperson", "").split()) > 1:
                self._add(row["chairperson"], Ref("person", key_from_name(row["chairperson"])), "xx")
        self.max_words = min(MAX_WORDS, max((len(k) for k in self.exact.keys), default=1))

    def _add(self, name: str, ref: Ref, lang: str) -> None:
        key = name_key(name)
        self.exact.add(key, ref, lang)
        if lang in ("ru", "xx"):
            self.ru.add(tuple(ru_stem(t) for t in key), ref, lang)
        if lang in ("de", "xx"):
            self.de.add(tuple(de_stem(t) for t in key), ref, lang)

    @classmethod
    def for_registry(cls, registry: Registry) -> Linker:
        """The linker of a registry, built once: building the index costs far more than using it."""
        linker = _CACHE.get(registry)
        if linker is None:
            linker = _CACHE[registry] = cls(registry)
        return linker

    # -- matching ----------------------------------------------------------------------------------
    def find(self, text: str, lang: str | None = None, types: Iterable[str] | None = None) -> list[Link]:
        """Registry names in `text`, longest first, left to right. `lang` is the text's language (German
        endings are only cut on German text); `types` restricts the entity types wanted."""
        words = tokens(text)
        forms = [w[2] for w in words]
        ru_forms = [ru_stem(t) for t in forms]
        de_forms = [de_stem(t) for t in forms] if lang == "de" else None
        wanted = set(types) if types else None
        links: list[Link] = []
        i = 0
        while i < len(words):
            best = self._longest(i, forms, ru_forms, de_forms, wanted)
            if best is None:
                i += 1
                continue
            n, refs, inflected = best
            start, end = words[i][0], words[i + n - 1][1]
            links.append(self._link(text, start, end, refs, inflected, lang))
            i += n
        return links

    def _longest(self, i: int, forms: list[str], ru_forms: list[str], de_forms: list[str] | None,
                 wanted: set[str] | None) -> tuple[int, dict[Ref, set[str]], bool] | None:
        best = None
        for index, seq, inflected in ((self.exact, forms, False), (self.ru, ru_forms, True),
                                      (self.de, de_forms, True)):
            if seq is None:
                continue
            limit = min(self.max_words, len(seq) - i)
            n = 0
            while n < limit and tuple(seq[i:i + n + 1]) in index.prefixes:
                n += 1
                refs = index.keys.get(tuple(seq[i:i + n]))
                if refs and wanted is not None:
                    refs = {r: langs for r, langs in refs.items() if r.type in wanted}
                if refs and (best is None or n > best[0]):
                    best = (n, refs, inflected)
        return best

    def _link(self, text: str, start: int, end: int, refs: dict[Ref, set[str]], inflected: bool,
              lang: str | None) -> Link:
        langs = tuple(sorted((r, tuple(sorted(v))) for r, v in refs.items()))
        ref = self.resolve(sorted(refs), refs, lang)
        return Link(ref, start, end, text[start:end], () if ref else tuple(sorted(refs)), inflected, langs)

    def resolve(self, candidates: Sequence[Ref], langs: dict[Ref, set[str]], lang: str | None) -> Ref | None:
        """The one entity a name fits, by rules that are not guesses, else None:
        - a single candidate;
        - an institution or field operation and the post that heads it ("High Commissioner on National
          Minorities", "Project Co-ordinator in Uzbekistan"): the unit, which the name stands for;
        - only one candidate has this name in the text's language (or language-neutral)."""
        if len(candidates) == 1:
            return candidates[0]
        units = {c for c in candidates if c.type != "post"}
        posts = [c for c in candidates if c.type == "post"]
        if len(units) == 1 and posts and all(self.units.get(p) in units for p in posts):
            return next(iter(units))
        if lang:
            fitting = [c for c in candidates if langs.get(c, set()) & {lang, "xx"}]
            if len(fitting) == 1:
                return fitting[0]
        return None

    # -- unknown names -------------------------------------------------------------------------------
    def candidates(self, text: str, links: Sequence[Link]) -> list[tuple[int, int, str, str]]:
        """Names in `text` that look like OSCE bodies or people but are not in the registry:
        (start, end, text, 'body' | 'person'), outside the spans already linked."""
        linked = [(link.start, link.end) for link in links]
        found: list[tuple[int, int, str, str]] = []
        for kind, pattern in (("body", _BODY_NAME), ("person", _PERSON_NAME)):
            for m in pattern.finditer(text):
                start, end = m.span(kind)
                head = m.start("head")
                # a known name covers it, or its head word ("OSCE Office in X" with only "OSCE" known is new)
                if any(s < end and start < e and (s < start or e > end or (s, e) == (start, end) or s <= head < e)
                       for s, e in linked):
                    continue
                if any(s < end and start < e for s, e, _, _ in found):
                    continue
                found.append((start, end, text[start:end], kind))
        return sorted(found)


# What an unknown body or person name looks like, in the six languages: a capitalised head word ("Office",
# "Mission", "Büro", "Миссия"...) followed by a preposition and a capitalised name, or an honorific
# followed by two to four capitalised words.
_UP = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ]"
_CAP = _UP + r"[\w’'-]*"
_HEADS = ("Office|Mission|Centre|Center|Presence|Programme Office|Project Co-ordinator|Group|Unit|Department|"
          "Committee|Council|Forum|Assembly|Bureau|Comité|Conseil|Groupe|Büro|Zentrum|Ausschuss|Gruppe|"
          "Ufficio|Missione|Centro|Comitato|Gruppo|Presenza|Oficina|Misión|Presencia|Grupo|"
          "Бюро|Миссия|Миссии|Центр|Центра|Комитет|Группа|Офис|Представительство")
_PREPS = (r"(?:of|in|to|for|on|at|de|du|des|d’|d'|à|au|en|auprès|para|del|di|dell’|dell'|nel|in|a|"
          r"für|der|des|zur|im|в|во|по|при)")
_ARTICLE = r"(?:The|A|An|La|Le|Les|L’|L'|El|Los|Las|Il|Lo|Gli|Der|Die|Das|Dem|Den|Des|Ein|Eine)\b"
_BODY_NAME = re.compile(
    rf"(?P<body>(?!{_ARTICLE})(?:(?:OSCE|OSZE|ОБСЕ)[ -])?(?:{_CAP}\s+){{0,2}}(?P<head>{_HEADS})"
    rf"(?:\s+(?:OSCE|OSZE|ОБСЕ|de l’OSCE|de l'OSCE|der OSZE|dell’OSCE|dell'OSCE|de la OSCE))?"
    rf"\s+{_PREPS}\s+(?:the\s+|la\s+|le\s+|l’|l'|el\s+|der\s+|dem\s+)?"
    rf"{_CAP}(?:\s+(?:and|et|und|y|e|и)\s+{_CAP}|\s+{_CAP}){{0,3}})"
)
_HONORIFIC = (r"(?:Ambassador|Amb\.|Dr\.|Mr\.|Ms\.|Mrs\.|Prof\.|Professor|Botschafter(?:in)?|Ambassadeur|"
              r"Ambassadrice|Ambasciatore|Ambasciatrice|Embajador(?:a)?|Посол|Mme|Madame|Monsieur|Frau|Herr|"
              r"Señor(?:a)?|Sr\.|Sra\.|Signor(?:a)?|Minister|Ministerin|Ministre|Ministro|Министр)")
_PERSON_NAME = re.compile(
    rf"(?P<head>{_HONORIFIC})\s+(?P<person>{_CAP}(?:\s+(?:van|von|de|der|da|di|af|del|la|le)){{0,2}}"
    rf"(?:\s+{_CAP}){{1,3}})"
)
