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

import functools
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from osce_kg import lexicon
from osce_kg import name_context as nc
from osce_kg.records import Ref
from osce_kg.registry import UNLINKED, PostEntity, Registry

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

MAX_WORDS = 16
_TOKEN = re.compile(r"[^\W_][\w\u0300-\u036f]*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARTICLES = {a.rstrip("'’") for a in lexicon.forms("article")}  # tokens: l' is l
# Names too short or too common to link on their own.
_STOP = {("pa",), ("all",), ("osce", "pa"), ("chair",), ("summit",)}
# Case endings, longest first; a stem keeps at least 3 letters.
_RU_ENDINGS_RAW = ("ами ями ого его ому ему ыми ими ией иях иям ой ей ий ый ая яя ое ее ые ие ых их ом ем ам ям "
                   "ах ях ию ия ии ью им ым а я о е и ы у ю ь й")
_DE_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


@functools.lru_cache(maxsize=1 << 16)  # a page's words are mostly words seen before: folding dominated linking
def fold(token: str) -> str:
    """Case- and diacritics-insensitive form of one token (ё -> е, й -> и, ß -> ss, é -> e)."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# in folded form (й -> и), as tokens are compared folded
_RU_ENDINGS = sorted({fold(e) for e in _RU_ENDINGS_RAW.split()}, key=len, reverse=True)


@functools.lru_cache(maxsize=1 << 16)
def ru_stem(token: str) -> str:
    if len(token) < 4 or not _CYRILLIC.match(token):
        return token
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


@functools.lru_cache(maxsize=1 << 16)
def de_stem(token: str) -> str:
    # 'Hohe'/'Hoher'/'Hohen' Kommissar: a weak adjective ending on a four-letter word is cut too
    if len(token) < 4 or _CYRILLIC.match(token):
        return token
    for ending in _DE_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for each word of `text`."""
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def is_acronym(name: str) -> bool:
    """'US', 'ODIHR', 'CiO', 'БиГ': one word with two capitals or more. Such names match only as written."""
    word = name.strip()
    return bool(_TOKEN.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


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


@dataclass
class _Text:
    """One text as the linker reads it (Linker._tokenised), with what it found there so far."""

    words: list[tuple[int, int, str]]
    forms: list[str]
    ru_forms: list[str]
    de_forms: list[str] | None
    starts: list[bool]
    begins: list[int]  # the indexes of the words that start a name in some index (`starts`), in order
    spans: dict[int, list] = field(default_factory=dict)  # word index -> Linker._spans
    inside: dict[tuple, bool] = field(default_factory=dict)  # (i, n, types) -> inside_longer_name
    title_case: bool | None = None  # _title_case of the text, once asked


class _Index:
    """key tuple -> {ref: languages of the names with that key}, plus the set of key prefixes."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], dict[Ref, set[str]]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.first: set[str] = set()  # the one-word prefixes, as words: most words of a text start no name

    def add(self, key: tuple[str, ...], ref: Ref, lang: str) -> None:
        if not key or key in _STOP:
            return
        self.keys.setdefault(key, {}).setdefault(ref, set()).add(lang)
        self.first.add(key[0])
        for n in range(1, len(key) + 1):
            self.prefixes.add(key[:n])


_CACHE: weakref.WeakKeyDictionary[Registry, Linker] = weakref.WeakKeyDictionary()


class Linker:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.exact, self.ru, self.de = _Index(), _Index(), _Index()
        # one-word keys that only acronyms have -> their spellings ('us' -> {'US'}): matched case-sensitively
        self.acronyms: dict[tuple[str, ...], set[str]] = {}
        self._words: set[tuple[str, ...]] = set()  # one-word keys some ordinary (non-acronym) name has
        # one-word aliases that are only part of a field of work's name ('police' for 'Policing'): a common
        # word, which names the field only when written as a name (capitalised)
        self.partial: set[tuple[tuple[str, ...], Ref]] = set()
        self.units: dict[Ref, Ref] = {}  # post -> the body / field operation it belongs to
        for entity in registry.entities.values():
            if entity.ref.type in UNLINKED:  # a registry city: pages' place names are read by osce_kg/places.py
                continue
            names = [(label.lang, label.text) for label in entity.labels()]
            if entity.abbreviation:
                names.append(("xx", entity.abbreviation))
            for lang, name in names:
                self._add(name, entity.ref, lang)
            if isinstance(entity, PostEntity) and entity.unit is not None:
                self.units[entity.ref] = entity.unit
        # people: office holders (keyed in the registry) and Chairpersons-in-Office (keyed by name)
        for person, name in registry.people:
            if len(name.split()) > 1:
                self._add(name, person, "xx")
        for key in self._words:
            self.acronyms.pop(key, None)
        for entity in registry.of_type("topic"):
            preferred = {name_key(text) for text in entity.names.values()}
            for label in entity.labels():
                key = name_key(label.text)
                if len(key) == 1 and key not in preferred:
                    self.partial.add((key, entity.ref))
        self.max_words = min(MAX_WORDS, max((len(k) for k in self.exact.keys), default=1))
        # the same text is searched again and again (menus, boilerplate, several mappers on one sentence)
        self._found = functools.lru_cache(maxsize=1 << 13)(self._find)
        self._worded = functools.lru_cache(maxsize=1 << 11)(self._tokenised)
        self._typed: dict[tuple[int, frozenset[str]], dict[Ref, set[str]]] = {}  # `_of_types`

    def _add(self, name: str, ref: Ref, lang: str) -> None:
        key = name_key(name)
        if len(key) == 1:
            if is_acronym(name):
                self.acronyms.setdefault(key, set()).add(name.strip())
            else:
                self._words.add(key)
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
        wanted = frozenset(types) if types else None
        return list(self._found(text, lang, wanted))

    def _tokenised(self, text: str, german: bool) -> _Text:
        """A text's words, their folded and stemmed forms, and which of them start a name in some index: the
        same for every set of entity types looked for (the mappers search one text for 3-4 sets), as are the
        names each word starts and whether a match sits inside a longer name (kept in the _Text as found)."""
        words = tokens(text)
        forms = [w[2] for w in words]
        ru_forms = [ru_stem(t) for t in forms]
        de_forms = [de_stem(t) for t in forms] if german else None
        # most words start no name in any index: skip them here (what `_spans` checks first), cheaply
        starts = [f in self.exact.first or r in self.ru.first for f, r in zip(forms, ru_forms, strict=True)]
        if de_forms is not None:
            starts = [s or d in self.de.first for s, d in zip(starts, de_forms, strict=True)]
        return _Text(words, forms, ru_forms, de_forms, starts, [i for i, start in enumerate(starts) if start])

    def _find(self, text: str, lang: str | None, wanted: frozenset[str] | None) -> tuple[Link, ...]:
        worded = self._worded(text, lang == "de")
        words = worded.words
        links: list[Link] = []
        after = 0  # the first word after the last name matched
        for i in worded.begins:  # only the words that start some name: most start none
            if i < after:
                continue  # a name inside a longer name it does not know is not matched again in pieces
            best = self._longest(worded, i, wanted)
            if best is None:
                continue
            n, refs, inflected = best
            start, end = words[i][0], words[i + n - 1][1]
            refs = self._fitting(text, worded, i, n, refs, lang)
            if refs:
                links.append(self._link(text, start, end, refs, inflected, lang))
            after = i + n
        return tuple(links)

    # -- precision: whole names only, as written ------------------------------------------------------
    def _fitting(self, text: str, worded: _Text, i: int, n: int, refs: dict[Ref, set[str]],
                 lang: str | None) -> dict[Ref, set[str]]:
        """The candidates a match keeps once its spelling and surroundings are read:
        - an acronym ('US', 'PC', 'CiO') only as written and as a whole word: not 'us', not 'US$', not the
          'PC' of 'PC.DEC/476', not a word of a shouted line ('ABOUT US') or of a web address;
        - a field of work's one-word name only in its own language ('Roma' in Italian is the city);
        - a one-word alias that is part of a field of work's name ('police', 'environment') only when
          written as a name (capitalised);
        - no name inside a longer proper name the registry does not know (see `inside_longer_name`)."""
        words = worded.words
        if n == 1:  # the spelling rules are for one-word names
            start, end, form = words[i]
            key, written = (form,), text[start:end]
            if key in self.acronyms:
                if written not in self.acronyms[key] or _glued(text, start, end) or _shouted(text, words, i):
                    return {}
            elif lang:  # a field of work's one-word name is a common word of its own language
                refs = {r: langs for r, langs in refs.items() if r.type != "topic" or langs & {lang, "xx"}}
            if not written[:1].isupper():
                refs = {r: langs for r, langs in refs.items() if (key, r) not in self.partial}
        if refs:
            types = frozenset(r.type for r in refs)  # all that inside_longer_name reads of the candidates
            inside = worded.inside.get((i, n, types))
            if inside is None:
                if worded.title_case is None:
                    worded.title_case = _title_case(text, words)
                inside = worded.inside[i, n, types] = inside_longer_name(text, words, i, n, refs, worded.title_case)
            if inside:
                return {}
        return refs

    def _spans(self, worded: _Text, i: int) -> list[tuple[int, dict[Ref, set[str]], bool]]:
        """Every name the words from words[i] on spell, whatever its type: (words, candidates, inflected),
        in the order `_longest` weighs them (each index in turn, shorter names first)."""
        spans = []
        for index, seq, inflected in ((self.exact, worded.forms, False), (self.ru, worded.ru_forms, True),
                                      (self.de, worded.de_forms, True)):
            if seq is None or seq[i] not in index.first:
                continue
            limit = min(self.max_words, len(seq) - i)
            n = 0
            while n < limit and tuple(seq[i:i + n + 1]) in index.prefixes:
                n += 1
                refs = index.keys.get(tuple(seq[i:i + n]))
                if refs:
                    spans.append((n, refs, inflected))
        return spans

    def _longest(self, worded: _Text, i: int,
                 wanted: frozenset[str] | None) -> tuple[int, dict[Ref, set[str]], bool] | None:
        spans = worded.spans.get(i)
        if spans is None:
            spans = worded.spans[i] = self._spans(worded, i)
        best = None
        for n, refs, inflected in spans:
            if wanted is not None:
                refs = self._of_types(refs, wanted)
            if refs and (best is None or n > best[0]):
                best = (n, refs, inflected)
        return best

    def _of_types(self, refs: dict[Ref, set[str]], wanted: frozenset[str]) -> dict[Ref, set[str]]:
        """The candidates of an index key that are of the `wanted` types, worked out once per key and set of types
        (the same few sets are asked of the same keys in text after text). Read, never changed, by the callers."""
        key = (id(refs), wanted)  # refs: a value of an index's `keys`, which lives as long as the linker
        typed = self._typed.get(key)
        if typed is None:
            typed = self._typed[key] = {r: langs for r, langs in refs.items() if r.type in wanted}
        return typed

    def _link(self, text: str, start: int, end: int, refs: dict[Ref, set[str]], inflected: bool,
              lang: str | None) -> Link:
        ref = self.resolve(sorted(refs), refs, lang)
        return Link(ref, start, end, text[start:end], () if ref else tuple(sorted(refs)), inflected)

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


_OSCE_WORDS = {"osce", "osze", "ocse", "обсе", "csce", "ksze", "сбсе"}
_CURRENCY = "$€£¥₽"
_ACRONYM_ORGS = {"UN", "EU", "UE", "ONU", "NATO", "OTAN", "CIS", "ООН", "ЕС", "НАТО", "СНГ"}
_OTHER_ORGS = [name_key(name) for name in nc.OTHER_ORGANISATIONS]
_ORG_WORDS = {fold(w) for w in nc.OTHER_ORGANISATION_WORDS}
_HEADS_LAST = {fold(w) for w in nc.HEADS_LAST}
_HEADS_FIRST = {fold(w) for w in nc.HEADS_FIRST}
_PREPOSITIONS = {fold(w) for w in nc.PREPOSITIONS}
_POST_CHANGERS = {fold(w) for w in nc.POST_CHANGERS}
_OF_POST = {fold(w) for w in nc.POST_OF}
_OF = [name_key(w) if name_key(w) else () for w in nc.OF_WORDS]
_OF_FIRST = {of[0] for of in _OF if of}


def _glued(text: str, start: int, end: int) -> bool:
    """The acronym is part of a symbol, an amount or an address: 'PC.DEC/476', 'US$', 'meetings.odihr.pl'."""
    before, after = text[max(0, start - 2):start].rjust(2), text[end:end + 2].ljust(2)
    if after[0] in _CURRENCY or before[1] in _CURRENCY:
        return True
    if after[0] in ".@" and after[1].isalnum():
        return True
    return before[1] in ".@" and before[0].isalnum()


def _shouted(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """'ABOUT US': a neighbouring word in capitals that is no acronym of the registry's makes the line shouted."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words):
            word = text[words[j][0]:words[j][1]]
            if len(word) >= 3 and word.isupper() and not _between(text, words, min(i, j), max(i, j)).strip(" -"):
                if word.casefold() not in _OSCE_WORDS:
                    return True
    return False


def _between(text: str, words: list[tuple[int, int, str]], a: int, b: int) -> str:
    return text[words[a][1]:words[b][0]]


def _capitalised(text: str, word: tuple[int, int, str]) -> bool:
    return text[word[0]:word[0] + 1].isupper()


def _title_case(text: str, words: list[tuple[int, int, str]]) -> bool:
    long = [w for w in words if len(w[2]) >= 4]
    return len(long) >= 4 and sum(not _capitalised(text, w) for w in long) <= 1


def inside_longer_name(text: str, words: list[tuple[int, int, str]], i: int, n: int,
                       refs: dict[Ref, set[str]], title_case: bool | None = None) -> bool:
    """True when the match at words[i:i+n] is a piece of a longer proper name the registry does not know:
    - glued by a hyphen to a capitalised word before it ('Inter-Parliamentary Assembly');
    - right after a word that names another organisation ('UN Secretariat', 'International Secretariat',
      'Interim Administration Mission in Kosovo');
    - followed by 'of the' + another organisation ('Parliamentary Assembly of the Council of Europe');
    - a field of work, State or territory followed by capitalised words ending in a head noun ('Border
      Management Staff College', 'Rule of Law Mission'), or, written in lower case, ending a head-first
      name ('Unité de lutte contre le terrorisme').
    People and posts are exempt: titles before names and names after posts are how they are written.
    `title_case`: `_title_case(text, words)`, when the caller knows it (it is the same for every match)."""
    types = {r.type for r in refs}
    if types == {"post"}:
        return _inside_post_name(text, words, i)
    if types <= {"person", "post"}:
        return False
    start = words[i][0]
    first = words[i][2]
    if i > 0 and first not in _OSCE_WORDS:
        prev = words[i - 1]
        gap = text[prev[1]:start]
        prev_text = text[prev[0]:prev[1]]
        if gap == "-" and _capitalised(text, prev) and prev[2] not in _OSCE_WORDS:
            return True
        if gap in (" ", "-") and _capitalised(text, prev) and (
                prev_text in _ACRONYM_ORGS
                or (prev[2] in _ORG_WORDS and not prev_text.isupper() and len(prev_text) > 2)):
            return True
    if i + n < len(words) and words[i + n][2] in _OF_FIRST:  # (most matches: no 'of' after them)
        rest = [w[2] for w in words[i + n:i + n + 8]]
        for of in _OF:
            if of and tuple(rest[:len(of)]) == of:
                after = tuple(rest[len(of):])
                if any(org and after[:len(org)] == org for org in _OTHER_ORGS):
                    return True
    if types & {"topic", "country", "territory"} and not (
            _title_case(text, words) if title_case is None else title_case):
        if _head_after(text, words, i + n):
            return True
        if not text[start:start + 1].isupper() and _head_before(text, words, i):
            return True
    return False


def _inside_post_name(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """A post's name inside another post's name: 'Deputy Head of Mission', 'Personal Representative of the
    Chairperson-in-Office', 'Représentant spécial du Président en exercice'."""
    if i == 0:
        return False
    prev = words[i - 1]
    if prev[2] in _POST_CHANGERS and text[prev[1]:words[i][0]] in (" ", "-"):
        return True
    k = i - 1
    while k >= 0 and words[k][2] in _OF_POST and i - k <= 3:
        k -= 1
    # 'X of the <post>': X a capitalised title word (maybe with an adjective after it, 'Représentant spécial
    # du'), not the OSCE; 'and the <post>' is no such phrase
    if any(w[2] not in _ARTICLES for w in words[k + 1:i]) and k >= 0:
        if not _capitalised(text, words[k]) and k > 0 and text[words[k - 1][1]:words[k][0]] == " ":
            k -= 1
        return _capitalised(text, words[k]) and words[k][2] not in _OSCE_WORDS
    return False


def _head_after(text: str, words: list[tuple[int, int, str]], j: int) -> bool:
    """Capitalised words right after the match (no punctuation between) ending in a head noun."""
    for k in range(j, min(j + 4, len(words))):
        if not _capitalised(text, words[k]) or text[words[k - 1][1]:words[k][0]] not in (" ", "-"):
            return False
        if words[k][2] in _HEADS_LAST:
            return True
    return False


def _head_before(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """'Head prep [article] [word prep [article]] match': the match ends a head-first name."""
    k = i - 1
    seen_prep = content = 0
    while k >= 0 and i - k <= 6:
        word = words[k]
        if text[word[1]:words[k + 1][0]].strip(" ’'"):
            return False  # punctuation between: another phrase
        if word[2] in _HEADS_FIRST and _capitalised(text, word):
            return seen_prep > 0
        if word[2] in _PREPOSITIONS:
            seen_prep += 1
        elif content or not seen_prep:
            return False  # a verb or a second content word: not a name
        else:
            content += 1
        k -= 1
    return False


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
    rf"(?P<body>(?!{_ARTICLE})(?:{_OSCE_NAME}[ -])?(?:{_CAP}\s+){{0,2}}(?P<head>{_HEADS})"
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
