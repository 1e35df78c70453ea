"""People a page names with a role, in the six languages: the person (name as written, a normalised key),
the post held with its unit, the State when the post is a State's own (Foreign Minister of Slovenia), the
nationality when the page states it, and dates, or the page's date as an 'as of' date when none are given.

A person is only made next to a post or a title ('Ambassador X, the Head of Presence', 'the Secretary
General, X,', 'X (Iceland) as Director', 'Austrian Foreign Minister X'): a name alone, a page title or a
post name never makes a person. Registry people (office holders, Chairpersons-in-Office) keep their
registry key, whatever script or spelling the page uses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import parse_date, parse_dateline
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import EntitySeen, ExtractedPost, Label, Person, PostHolding, Ref
from osce_kg.registry import UNIT_TYPES, PostEntity, Registry
from osce_kg.text import match_key, normalize_space, slugify, to_ascii

from . import words

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_WORD = rf"(?:[{_UP}]\.|[{_UP}][\w'’-]+)"  # a capitalised word or an initial ('J.')
NAME = (rf"{_WORD}(?:\s+(?:(?:de|da|di|del|van|von|der|la|le|du|dos|das|af|zu|bin|ibn)\s+)*"
        rf"{_WORD}){{1,6}}")
_HON_ALT = "|".join(re.escape(h) for h in sorted(lexicon.forms("honorific"), key=len, reverse=True))
_HONORIFIC = re.compile(rf"^(?:(?:{_HON_ALT})(?=\s|$)\s*)+")
# "Romanian Foreign Minister Mircea Dan Geoana": everything up to the last title word is not the name
_TITLE_PREFIX = re.compile(r"^(?:.*\b(?:Minister|Ambassador|President|Secretary|Director|Head|Chairperson|Chairman|"
                           r"Representative|Commissioner|Ministre|Ministerin|Ministro|Министр|Посол|Präsident|"
                           r"Président|Presidente))\s+(?=\S+\s+\S)")
def _title_pattern(title: str, lang: str = "") -> str:
    """A title as a pattern; Russian words take any case ending ('Генерального секретаря'), German
    adjectives their declension ('als Hohen Kommissar', 'des Persönlichen Beauftragten'); the bare '-e'
    form stays as listed ('Der Hohe Kommissar hat seinen Sitz in Den Haag' names no holder)."""
    if lang == "de":
        return r"\s+".join(f"(?:{re.escape(w)}|{re.escape(re.sub(r'(?:er|e|en)$', '', w))}(?:er|en|em|es))"
                           if w[:1].isupper() and re.search(r"(?:er|e|en)$", w) and len(w) > 4 else re.escape(w)
                           for w in title.split())
    if not re.search("[А-Яа-яЁё]", title):
        return re.escape(title)
    return r"\s+".join(re.escape(w[: max(3, len(w) - 2)]) + "[а-яё]*" for w in title.split())


# longest title first, by its words (a German pattern is longer than its title): 'Minister for Foreign
# Affairs' before 'Minister'
_TITLES = lexicon.by_lang("post-title")
_TITLE_ALT = "|".join(dict.fromkeys(
    pattern for _, pattern in sorted(((t, _title_pattern(t, lang)) for lang, ts in _TITLES.items() for t in ts),
                                     key=lambda tp: (-len(tp[0]), tp[1]))))
_TITLE = re.compile(rf"(?<![\w-])(?:{_TITLE_ALT})(?![\w-])", re.IGNORECASE)
# words that never occur in a person's name: title and unit words (a post name is not a person)
_NOT_NAMES = {w.casefold() for ts in _TITLES.values() for t in ts for w in t.split()
              if len(w) > 3 and w.casefold() not in ("della", "degli", "delle")} | {
    n.casefold() for n in lexicon.forms("osce-name")} | set(lexicon.forms("not-a-name"))
_NAME_WITH_HONORIFIC = re.compile(rf"(?P<hon>(?:(?:{_HON_ALT})\s+)*)(?P<name>{NAME})")
_SENTENCE_END = re.compile(r"(?:[.!?;:]|[\"“”«»])\s+(?=[\"“”«»]?[{_UP}])".replace("{_UP}", _UP))
_ARTICLES = r"(?:the|his|her|its|their|le|la|l'|l’|les|sa|son|der|die|das|dem|den|des|il|lo|la|el|su|sus)"


def person_name(text: str) -> str | None:
    """A person's name from text such as 'Ambassador Jorma Inki' (honorifics dropped), or None."""
    text = _HONORIFIC.sub("", normalize_space(text).strip(" ,;:"))
    text = _TITLE_PREFIX.sub("", text).rstrip(" .") if not re.search(r"\b\w\.$", text) else _TITLE_PREFIX.sub("", text)
    if not re.fullmatch(NAME, text):
        return None
    parts = text.split()
    if len([p for p in parts if p[0].isupper()]) > 5:
        return None
    if len(parts) < 2 or any(w.casefold().strip(".") in _NOT_NAMES for w in parts):
        return None
    if all(len(w.strip(".")) <= 1 for w in parts):
        return None
    return text


# -- keys: one IRI per person, across pages, languages and spellings ----------------------------------
def skeleton(name: str) -> str:
    """A spelling-tolerant form of a name for comparing scripts and transliterations (never used as a key):
    'Дачич', 'Dačić' and 'Dacic' share one; so do 'Кубиш' and 'Kubiš'."""
    text = to_ascii(name).lower()
    for src, dst in (("th", "t"), ("shch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("kh", "h"),
                     ("ts", "c"), ("tz", "c"), ("cz", "c"), ("yu", "iu"), ("ya", "ia"), ("ye", "ie"), ("y", "i"),
                     ("j", "i"), ("w", "v"), ("ck", "k"), ("ph", "f"), ("oe", "o"), ("ue", "u"), ("ae", "a")):
        text = text.replace(src, dst)
    text = re.sub(r"[^a-z ]+", "", text)
    return " ".join(re.sub(r"(.)\1+", r"\1", w) for w in text.split())


@lru_cache(maxsize=8)
def _known_people(registry: Registry) -> tuple[tuple[str, str, str], ...]:
    """(match key, skeleton, person key) of every person the registry names."""
    return tuple((match_key(name), skeleton(name), ref.key) for ref, name in registry.people)


def person_key(ctx: MappingContext, name: str) -> str:
    """The registry's key for a person of that name (in any script or transliteration, or with initials
    where only one registry person fits), else the slug of the name as written."""
    known = _known_people(ctx.registry)
    wanted = match_key(name)
    for key_form, _, key in known:
        if key_form == wanted:
            return key
    skel = skeleton(name)
    fits = {key for _, s, key in known if s == skel}
    if len(fits) == 1:
        return fits.pop()
    parts = skel.split()
    if parts and len(parts[0]) == 1:  # 'J. Kubis': initial and surname, when one registry person fits
        fits = {key for _, s, key in known if s.split() and s.split()[-1] == parts[-1] and s.startswith(parts[0])
                and len(s.split()) >= len(parts)}
        if len(fits) == 1:
            return fits.pop()
    return key_from_name(name)


def person(ctx: MappingContext, name: str, nationality: Ref | None = None) -> Ref:
    """Emit a Person (registry key, else slug of the name) and return its ref."""
    ref = Ref("person", person_key(ctx, name))
    if nationality is None and any(isinstance(r, Person) and r.ref == ref and r.name == name
                                   for r in ctx.result.records):
        return ref  # named already (with a nationality): no second record that says less
    _emit_once(ctx, Person(ref, name, nationality))
    return ref


def _emit_once(ctx: MappingContext, record) -> None:
    if record not in ctx.result.records:
        ctx.emit(record)


def country(ctx: MappingContext, name: str) -> Ref | None:
    name = re.sub(rf"^{lexicon.alternation('article')}\s+", "", normalize_space(name).strip(" ,.;:()"), flags=re.I)
    if not name:
        return None
    entity = ctx.lookup(name, ["country", "territory"])
    return entity.ref if entity else None


_DEMONYM = {adj.casefold(): key for key, adjs in words.DEMONYMS.items() for adj in adjs.split("|")}


# -- posts ------------------------------------------------------------------------------------------
_ORG_WORDS = {"osce", "osze", "ocse", "обсе"}


def _without_org(tokens: list[str]) -> list[str]:
    """'Direktor des OSZE-Büros ...' names the same post as 'Direktor des Büros ...'."""
    return [w for w in tokens if w not in _ORG_WORDS]


def post(ctx: MappingContext, text: str, lang: str | None, anywhere: bool = True) -> tuple[Ref, Ref | None]:
    """(post ref, unit ref) for a post named in text, in any language; registry posts first, else a slug.

    Word-prefix match lets plural headings ('Secretarios Generales anteriores') find 'Secretario General'.
    With `anywhere` false the registry name must open the text: 'Representative of the Chairperson-in-Office'
    is not the Chairperson-in-Office."""
    text = normalize_space(text).strip(" :.,")
    found = registry_post(ctx, text, anywhere)
    if found is not None:
        return found
    ref = Ref("post", key_from_name(text if not slugify(re.sub(r"\b(?:OSCE|the)\b", " ", text))
                                    else re.sub(r"\b(?:OSCE|the)\b", " ", text)))
    if lang:
        ctx.emit(EntitySeen(ref, Label(text, lang), "post"))
    unit = None
    for link in ctx.linker.find(text):
        if link.ref is not None and link.ref.type in ("body", "field-operation"):
            unit = link.ref
    return ref, unit


_OF_ORG = {"de", "l", "la", "of", "the", "dell", "della", "del", "der"}


def _without_org_of(tokens: list[str]) -> list[str]:
    """Also drop the 'de l'' / 'of the' that attaches 'OSCE' ('Haut-Commissaire de l'OSCE pour ...')."""
    out: list[str] = []
    for token in tokens:
        if token in _ORG_WORDS:
            while out and out[-1] in _OF_ORG:
                out.pop()
            continue
        out.append(token)
    return out


@lru_cache(maxsize=8)
def _post_names(registry: Registry) -> tuple[tuple[object, tuple[str, ...], tuple[str, ...]], ...]:
    """(entity, label words without 'OSCE', label words) of every registry post's every label."""
    return tuple((entity, tuple(_without_org(match_key(label.text).split())), tuple(match_key(label.text).split()))
                 for entity in registry.of_type("post") for label in entity.labels())


def registry_post(ctx: MappingContext, text: str, anywhere: bool = True) -> tuple[Ref, Ref | None] | None:
    variants = [_without_org(match_key(text).split()), _without_org_of(match_key(text).split())]
    best = None
    names = _post_names(ctx.registry)
    # a name can start only at a word that begins with its first word's stem: names whose stem begins no word
    # are passed over without trying every position (the same answers; most of a page's mapping time went here)
    starts = _word_starts(variants)
    for entity, name_t, _ in names:
        if not name_t or _stem(name_t[0]) not in starts:
            continue
        name = list(name_t)
        if any(_prefix_run(words_, name, i) and _free_before(words_[:i]) for words_ in variants
               for i in (range(len(words_)) if anywhere else range(1))):
            if best is None or len(name) > best[0]:
                best = (len(name), entity)
    if best is None and anywhere:  # 'Anciens Hauts-Commissaires': the first two words of one post's name
        words_ = variants[0]
        starts = _word_starts([words_])
        heads = {e.ref: e for e, _, full in names
                 if len(full) >= 2 and _stem(full[0]) in starts
                 and any(_prefix_run(words_, list(full[:2]), i) and _free_before(words_[:i])
                         for i in range(len(words_)))}
        if len(heads) == 1:
            best = (0, next(iter(heads.values())))
    if best is None:
        return None
    entity = best[1]
    return entity.ref, entity.unit if isinstance(entity, PostEntity) else None


# Words that may stand before a post's name without changing the post ('former Secretary General', 'Foreign
# Minister and Chairperson-in-Office'); any other word does: 'Representative of the Chairperson-in-Office' is
# not the Chairperson-in-Office.
_MODIFIERS = {match_key(w) for w in lexicon.forms("post-modifier")}
_AND = {"and", "et", "und", "e", "y", "и"}


def _free_before(tokens: list[str]) -> bool:
    return all(w in _MODIFIERS for w in tokens) or (bool(tokens) and tokens[-1] in _AND)


def _stem(part: str) -> str:
    """What of a name's word must begin the page's word (_prefix_run): all of a short word, else all but its
    last two letters (keeping at least four)."""
    return part[: max(4, len(part) - 2)] if len(part) > 4 else part


def _word_starts(variants: list[list[str]]) -> set[str]:
    """Every beginning of every word in `variants`: a name whose first word's stem is not among them cannot
    start at any of those words."""
    return {word[:k] for words_ in variants for word in words_ for k in range(1, len(word) + 1)}


def _prefix_run(tokens: list[str], name: list[str], i: int) -> bool:
    """name's words start the words at i (inflections allowed: 'secretary' ~ 'secretaries', 'generales')."""
    if i + len(name) > len(tokens):
        return False
    for k, part in enumerate(name):
        word, stem = tokens[i + k], _stem(part)
        if not word.startswith(stem) or abs(len(word) - len(part)) > 3:
            return False
    return True


def hold(ctx: MappingContext, person_ref: Ref, post_text: str, lang: str | None, start: str | None = None,
         end: str | None = None, current: bool = False, as_of: str | None = None) -> Ref | None:
    if not slugify(post_text):
        ctx.warn("no-post", f"a post held by {person_ref.key} is not named on the page; holding left out")
        return None
    post_ref, unit = post(ctx, post_text, lang)
    _emit_once(ctx, PostHolding(person_ref, post_ref, unit, start, end, current, as_of))
    return post_ref


# -- the post a phrase names, in context ------------------------------------------------------------
_NATIONAL = {t.casefold() for t in lexicon.forms("national-title")}
_HEAD = set(lexicon.forms("head-title"))
_GENERIC = {g.casefold() for g in lexicon.forms("generic-unit")}


def page_operation(page: Page, ctx: MappingContext) -> Ref | None:
    """The field operation a page is about: the one its title names, else the only one its text names."""
    def operations(texts: list[str]) -> set[Ref]:
        return {link.ref for t in texts for link in ctx.linker.find(t, page.language, ["field-operation"])
                if link.ref is not None}
    in_title = operations([page.title] if page.title else [])
    if len(in_title) == 1:
        return in_title.pop()
    in_text = operations([b.text for b in page.blocks])
    return in_text.pop() if len(in_text) == 1 else None


def resolve_post(ctx: MappingContext, page: Page, phrase: str, lang: str) -> tuple[Ref, Ref | None, Ref | None]:
    """(post, unit, State) for a post phrase read next to a name.

    Registry posts first (the name must open the phrase); a head title with no unit of its own ('Head of
    Presence', "the Mission's Head", 'Chief of the Observer Mission') is the head of the field operation the
    page is about; a State's own office ('Austrian Foreign Minister', 'President of Malta') is keyed by
    the State; anything else is a post of its own, keyed by its words, in the unit its words name."""
    phrase = normalize_space(phrase).strip(" ,.;:")
    state, bare = _state_of(ctx, phrase)
    title = _title_of(bare)
    tkey = title.casefold() if title else ""
    rest = bare[len(title):].strip() if title and _drop_article(bare).casefold().startswith(tkey) else ""
    owner = re.match(r"^(?P<unit>.+?)['’]s\s+(?P<title>.+)$", _drop_article(bare))  # "the Mission's Head"
    if title is None and owner and _TITLE.fullmatch(owner["title"]):
        title, tkey, rest = owner["title"], owner["title"].casefold(), owner["unit"]
    prefixed = re.match(r"^(?P<unit>.+?)\s+(?P<title>\S+(?:\s+\S+)?)$", _drop_article(bare))  # 'ODIHR Director'
    if title is None and prefixed and _TITLE.fullmatch(prefixed["title"]) and _names_unit(ctx, prefixed["unit"], lang):
        bare = f"{prefixed['title']} of {prefixed['unit']}"
        title, tkey, rest = prefixed["title"], prefixed["title"].casefold(), f"of {prefixed['unit']}"
    national = _national_title(tkey)
    if state is not None and national is not None:
        name = ctx.registry.get(state).name if ctx.registry.get(state) else state.key  # type: ignore[union-attr]
        english = f"{_national_english(national)} of {name}"
        ref = Ref("post", key_from_name(english))
        _emit_once(ctx, ExtractedPost(ref, Label(english, "en"), None, state, _alt(phrase, lang, english)))
        return ref, None, state
    found = registry_post(ctx, _drop_article(bare), anywhere=False)
    if found is not None:
        return found[0], found[1], None
    rest_key = re.sub(rf"^(?:of|de|des|du|der|des|di|del|della|dello|de la|de l'|of the)\s+|^{_ARTICLES}\s+", "",
                      rest.casefold()).strip()
    rest_key = re.sub(rf"^{_ARTICLES}\s+", "", rest_key)
    if tkey in _HEAD and (not rest or rest_key in _GENERIC):
        op = page_operation(page, ctx)
        if op is not None:
            return _head_post(ctx, op, phrase, lang), op, None
    unit = None
    for link in ctx.linker.find(bare, lang):
        ref = link.ref
        if ref is not None and ref.type == "post":
            ref = ctx.linker.units.get(ref)
        if ref is not None and ref.type in UNIT_TYPES:
            unit = ref
    if unit is not None and unit.type == "field-operation" and tkey in _HEAD:
        return _head_post(ctx, unit, phrase, lang), unit, None  # 'Глава Офиса ОБСЕ в Таджикистане'
    if unit is not None and title:
        for entity in ctx.registry.of_type("post"):  # 'Director, OSCE Office for ...' is the registry's Director
            titles = {(_title_of(_drop_article(re.sub(r"^(?:OSCE|OSZE-?|ОБСЕ)\s*", "", label.text))) or "").casefold()
                      for label in entity.labels()}  # 'Rappresentante' is the Italian name's title
            if isinstance(entity, PostEntity) and entity.unit == unit and tkey in titles:
                return entity.ref, unit, None
    label = _drop_article(re.sub(rf"^{_OSCE_NAME}\s+", "", phrase))
    # the key leaves out 'OSCE', with what ties it in when it ends the name ('... en exercice de l'OSCE'), and 'the'
    words = re.sub(rf"\s+(?:of\s+the|de\s+l['’]|de\s+la|der|dell['’])\s*{_OSCE_NAME}$", "", label)
    words = re.sub(r"\b(?:OSCE|OSZE|ОБСЕ|the)\b", " ", words)
    ref = Ref("post", key_from_name(words if words.strip() else label))
    _emit_once(ctx, ExtractedPost(ref, Label(label, lang), unit, None, ()))
    return ref, unit, None


def _alt(phrase: str, lang: str, preferred: str) -> tuple[Label, ...]:
    return () if (phrase == preferred and lang == "en") else (Label(phrase, lang),)


def _head_post(ctx: MappingContext, op: Ref, phrase: str, lang: str) -> Ref:
    for entity in ctx.registry.of_type("post"):
        if isinstance(entity, PostEntity) and entity.unit is not None and entity.unit.key == op.key \
                and entity.ref.key.startswith("head-of"):
            return entity.ref
    entity = ctx.registry.get(op)
    name = re.sub(r"^OSCE\s+", "", entity.name) if entity else op.key.replace("-", " ")
    english = f"Head of the {name}"
    ref = Ref("post", key_from_name(english))
    _emit_once(ctx, ExtractedPost(ref, Label(english, "en"), op, None, _alt(phrase, lang, english)))
    return ref


_NATIONAL_EN = {"foreign minister": "Foreign Minister", "minister for foreign affairs": "Foreign Minister",
                "minister of foreign affairs": "Foreign Minister",
                "ministre des affaires étrangères": "Foreign Minister",
                "außenminister": "Foreign Minister", "außenministerin": "Foreign Minister",
                "ministro degli esteri": "Foreign Minister", "ministro degli affari esteri": "Foreign Minister",
                "ministro de asuntos exteriores": "Foreign Minister", "министр иностранных дел": "Foreign Minister",
                "deputy foreign minister": "Deputy Foreign Minister", "prime minister": "Prime Minister",
                "premier ministre": "Prime Minister", "ministerpräsident": "Prime Minister",
                "primo ministro": "Prime Minister", "primer ministro": "Prime Minister",
                "премьер-министр": "Prime Minister", "vice-president": "Vice-President",
                "vice president": "Vice-President"}


_NATIONAL_PATTERNS = [(t, re.compile(_title_pattern(t), re.IGNORECASE))
                      for t in sorted(_NATIONAL, key=len, reverse=True)]


def _national_title(title: str) -> str | None:
    """The national title a (possibly inflected) title is: 'министра иностранных дел' -> 'министр иностранных дел'."""
    if title in _NATIONAL:
        return title
    return next((t for t, pattern in _NATIONAL_PATTERNS if pattern.fullmatch(title)), None)


def _national_english(title: str) -> str:
    english = {k.casefold(): v for k, v in _NATIONAL_EN.items()}  # 'außenminister' folds to 'aussenminister'
    if title in english:
        return english[title]
    if title.startswith(("minist", "минист")):
        return "Minister"
    return "President"


def _title_of(text: str) -> str | None:
    """The title word(s) that open a post phrase ('Head' in 'Head of Presence'), None when none does."""
    text = _drop_article(re.sub(rf"^{_OSCE_NAME}[\s-]+", "", text))
    m = _TITLE.match(text)
    return m.group(0) if m else None


def _drop_article(text: str) -> str:
    return re.sub(rf"^{_ARTICLES}\s+", "", text.strip(), flags=re.I)


@lru_cache(maxsize=8)
def _country_stems(registry: Registry) -> tuple[tuple[str, Ref], ...]:
    """(folded stem of a State's name in any language, State): 'osterreic' for Österreich, 'autric' for Autriche."""
    out = []
    for entity in registry.of_type("country"):
        for label in entity.labels():
            name = to_ascii(label.text).casefold()
            if " " not in name and len(name) >= 5:
                out.append((name[: max(4, len(name) - 2)], entity.ref))
    return tuple(sorted(set(out)))


def adjective_state(ctx: MappingContext, word: str) -> Ref | None:
    """The one State a lower-case adjective of nationality names, by the stem of the State's name in any
    language ('österreichische', 'autrichien', 'austriaco', 'австрийский'), else None."""
    if not word or not word[0].islower() or len(word) < 5:
        return None
    folded = to_ascii(word).casefold()
    states = {ref for stem, ref in _country_stems(ctx.registry) if folded.startswith(stem)}
    return states.pop() if len(states) == 1 else None


def _state_of(ctx: MappingContext, phrase: str) -> tuple[Ref | None, str]:
    """The State a post phrase names by an adjective, a possessive or 'of State' at its end, and the phrase
    without it: 'Austrian Foreign Minister' -> (at, 'Foreign Minister')."""
    text = _drop_article(phrase)
    m = re.match(r"^(?P<state>[\w .-]+?)['’]s?\s+(?P<rest>.+)$", text)
    if m and country(ctx, m["state"]):
        return country(ctx, m["state"]), m["rest"]
    first, _, rest = text.partition(" ")
    for n in (2, 1):  # 'North Macedonian Foreign Minister', 'Austrian Foreign Minister'
        head = " ".join(text.split()[:n])
        if head.casefold() in _DEMONYM and len(text.split()) > n:
            return Ref("country", _DEMONYM[head.casefold()]), " ".join(text.split()[n:])
    m = re.match(r"^(?P<rest>.+?)\s+(?:of|de|du|de la|de l'|des|von|der|des|di|della|del|dell'|de los)\s+"
                 r"(?:the\s+)?(?P<state>[^,]+)$", text)
    if m and country(ctx, m["state"]) and _TITLE.fullmatch(_drop_article(m["rest"])):
        return country(ctx, m["state"]), m["rest"]
    tokens = text.split()
    for i, token in enumerate(tokens):  # 'ministre autrichien des Affaires étrangères', 'österreichische'
        state = adjective_state(ctx, token)
        if state is not None:
            rest = " ".join(tokens[:i] + tokens[i + 1:])
            if _TITLE.match(_drop_article(rest)):
                return state, rest
    m = re.match(r"^(?P<rest>\S.+?)\s+(?P<state>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?)$", text)  # министр ... Таджикистана
    if m and _TITLE.fullmatch(m["rest"]):
        link = [lk.ref for lk in ctx.linker.find(m["state"], "ru", ["country"]) if lk.ref is not None]
        if len(link) == 1:
            return link[0], m["rest"]
    return None, text


# -- sentence shapes ----------------------------------------------------------------------------------
_AS = r"(?:as|en tant que|comme|als|zum|zur|come|como|в качестве)"
_R_COUNTRY = re.compile(r"^\s*\((?P<country>[^)]{2,40})\)")
_R_OF = re.compile(rf"^\s+(?:of|from|aus|de)\s+(?:the\s+)?(?P<country>[{_UP}][\w'’-]+(?:\s+[{_UP}][\w'’-]+){{0,2}})"
                   r"(?=[,.;:)]|\s+(?:and|et|und|e|y|и)\s)")
_R_AS = re.compile(rf"^\s*,?\s+{_AS}\s+(?:{_ARTICLES}\s+)?(?P<post>[^;()]{{3,140}})")
_R_APPOS = re.compile(rf"^\s*,\s+(?:(?:{_ARTICLES})\s+)?(?P<post>(?:{_OSCE_NAME}[\s-]+)?[^,;()]{{2,120}})")
_R_APPOINTED = re.compile(
    rf"^\s*,?\s+(?:has been|have been|was|is|will be|a été|est|wurde|wird|è stato|è stata|è|ha sido|fue|"
    rf"был|была|будет)?\s*(?:appointed|named|nommée?|ernannt|nominat[oa]|nombrad[oa]|designad[oa]|назначен[аы]?)"
    rf"\s+(?:{_AS}\s+)?(?:{_ARTICLES}\s+)?(?:на должность\s+)?(?P<post>[^;()]{{3,140}})")
_R_HOLD = re.compile(r"^\s+will\s+(?:hold|take up|assume)\s+the\s+(?:position|post|office)\s+of\s+"
                     r"(?P<post>[\w-]+(?:\s+[\w-]+){0,6})")
_POST_END = re.compile(r"\s+(?:who|which|whom|where|qui|que|der|die|welche|che|quien|который|которая|said|says|"
                       r"dit|sagte|ha detto|dijo|заявил|заявила|met|meets|opened|will|would|has|had|is|was|"
                       r"ernannt|gewählt|bestätigt|nommée?|élue?|nominat[oa]|elett[oa]|nombrad[oa]|elegid[oa]|назначен[аы]?|and\s+"
                       rf"(?=[{_UP}]\w+\s+[{_UP}]\w+\s*\())\b.*$|\s*[,.;:]\s.*$|\s*[.;:]$")
# words a post phrase may hold between its title and the name it precedes (complements, unit names);
# outside English, lower-case words too ('Haut-Commissaire pour les minorités nationales')
# Written so that each string has one way to match (a run of word characters is one item, whitespace goes
# with the item before it): the obvious `(?:\s*[\w'’.-]+\s*){0,10}` cuts a long run into pieces in every
# possible way before it fails, and a complement ending in a comma after fifty letters took 14 s
# (tests/test_people_regex.py holds the two forms equal)
_COMPLEMENT_ANY = re.compile(r"^(?=$|\s*\S)\s*(?:[\w'’.-]+(?![\w'’.-])\s*){0,10}$")
# A title right after 'of the' / 'du' / 'der' belongs to an earlier title's name ('Special Representative of
# the Chairperson-in-Office'), so the post is the earlier one.
_OWNED = re.compile(r"(?:\bof(?:\s+the)?|\bdu|\bde(?:\s+la|\s+l['’])?|\bdes|\bder|\bdes|\bdel|\bdella|\bdell['’]|\bdi)"
                    r"\s+(?:(?:OSCE|OSZE|ОБСЕ|l['’]OSCE)\s+)?$", re.IGNORECASE)
# Two title-case words in a row ('Хельга Мария', 'Anna Rossi') are somebody's name: a complement holding one is
# a clause about that person ('Генеральный секретарь ОБСЕ Хельга Мария Шмид провела встречу с X'), not the
# rest of a post's name. Acronyms ('Бюро ОБСЕ') do not count. English (organisation names in title case:
# 'Head of the Programme Office in Bishkek') and German (every noun capitalised) are left out.
_TWO_NAMES = re.compile(rf"(?<![\w-])[{_UP}][^\W\d_{_UP}][\w'’-]*\s+[{_UP}][^\W\d_{_UP}][\w'’-]*")
# One way to match each string (see _COMPLEMENT_ANY below): a capitalised word or a run of lower-case Cyrillic
# letters and hyphens is taken whole, and no word is listed that others already spell ('della' is 'del' + 'la';
# OSCE, в, по, при and '-' are capitalised words or Cyrillic runs); the same strings match as when it was
# written `(?:\s*(?:[{_UP}][\w'’.-]*|...|della|...|[а-яё-]+|в|по|при|OSCE|OSZE|ОБСЕ|-|/)\s*)*`
_COMPLEMENT = re.compile(rf"^(?=$|\s*\S)\s*(?:(?:[{_UP}][\w'’.-]*(?![\w'’.-])|[а-яё-]+(?![а-яё-])|of|for|on|in|to|at|"
                         rf"the|and|de|du|des|la|le|l['’]|d['’]|pour|auprès|en|à|au|aux|der|die|das|dem|den|für|"
                         rf"im|zur|zum|di|del|dello|per|nel|para|el|los|las|/)\s*)*$")


_ABBREVIATIONS = {h for h in lexicon.forms("honorific") if h.endswith(".")} | {"E.", "St.", "No.", "Nr."}


def _sentence_left(text: str, start: int) -> tuple[str, int]:
    """The text of the sentence before `start` and its offset in `text`."""
    cut = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        word = text[: m.start() + 1].split()[-1] if text[: m.start() + 1].split() else ""
        if word in _ABBREVIATIONS or re.fullmatch(rf"[{_UP}]\.", word):  # 'H.E. Mr. X', 'J. Kubis'
            continue
        cut = m.end()
    lead = text[cut:start]
    dl = re.match(rf"^[{_UP}][{_UP}\s.'-]+,?\s+\d{{1,2}}\.?\s+\w+\.?\s+\d{{4}}(?:\s*(?:года|г\.))?\s*[-–—]\s*", lead)
    if dl:
        cut += dl.end()
    return text[cut:start], cut


def _left_posts(ctx: MappingContext, left: str, lang: str = "en") -> list[tuple[str, int]]:
    """Post phrases that end right before a name ('the OSCE Chairperson-in-Office, Serbia's Foreign
    Minister X', 'OSCE Chairperson-in-Office and Austrian Foreign Minister X', 'глава Офиса ... X')."""
    out: list[str] = []
    rest = left.rstrip()
    rest = rest.rstrip(",").rstrip()
    while rest:
        titles = [m for m in _TITLE.finditer(rest)]
        phrase_start = None
        for m in reversed(titles):
            complement = rest[m.end():]
            if lang not in ("en", "de") and _TWO_NAMES.search(complement):
                continue  # a clause about somebody named there, not the rest of this post's name
            if (_COMPLEMENT.match(complement) or (lang != "en" and _COMPLEMENT_ANY.match(complement))) \
                    and not re.search(r"[,;:]", complement):
                phrase_start = m.start()
                if _OWNED.search(rest[: m.start()]):
                    continue  # 'Representative of the OSCE Chairperson-in-Office X': an earlier title owns this one
                break
        if phrase_start is None:
            break
        # modifiers before the title: OSCE, a State's adjective or possessive, Deputy/Special/Acting
        before = rest[:phrase_start]
        mod = re.search(rf"((?:{_OSCE_NAME}[\s-]+|(?:[{_UP}][\w-]*(?:\s+[{_UP}][\w-]*){{0,2}}['’]s?\s+)|"
                        rf"(?:(?:{'|'.join(re.escape(d) for d in _DEMONYM_WORDS)})\s+))*)$", before)
        phrase_start -= len(mod.group(1)) if mod else 0
        adjective = re.search(r"(\S+)\s+$", rest[:phrase_start])
        if adjective and adjective_state(ctx, adjective.group(1)):  # 'der österreichische Außenminister X'
            phrase_start = adjective.start(1)
        phrase = rest[phrase_start:].strip()
        if not phrase:
            break
        out.append((phrase, phrase_start))
        rest = rest[:phrase_start].rstrip()
        # chains: 'Post1 and Post2 Name'; 'The Post1, Post2 Name' only at the sentence's start
        joined = re.search(r"(?:\s+(?:and|et|und|e|y|и)|,)$", rest)
        if not joined:
            break
        head = rest[: joined.start()].rstrip()
        if joined.group(0) == "," and re.search(r"[,;]", head):
            break
        rest = head
    return out


_DEMONYM_WORDS = sorted({a for adjs in words.DEMONYMS.values() for a in adjs.split("|")}, key=len, reverse=True)


def _right_post(ctx: MappingContext, text: str, lang: str) -> tuple[str | None, str | None, str]:
    """(post phrase, country, shape) that follow a name."""
    country_text = None
    m = _R_COUNTRY.match(text)
    if m:
        country_text, text = m["country"], text[m.end():]
    else:
        m = _R_OF.match(text)
        if m:
            country_text, text = m["country"], text[m.end():]
    for shape, pattern in (("as", _R_AS), ("appointed", _R_APPOINTED), ("hold", _R_HOLD), ("apposition", _R_APPOS)):
        m = pattern.match(text)
        if m:
            raw = m["post"]
            unit_after = re.match(rf"^([^,]+),\s+({_OSCE_NAME}?[^,]+)", raw)
            if shape in ("as", "appointed") and unit_after and _names_unit(ctx, unit_after.group(2), lang):
                raw = f"{unit_after.group(1)} of {_POST_END.sub('', unit_after.group(2))}"
            phrase = _POST_END.sub("", raw).strip()
            if shape == "apposition" and not (_title_of(phrase) or _unit_title(ctx, phrase, lang)):
                continue
            if shape in ("as", "appointed") and not _title_of(_drop_article(phrase)):
                continue
            return phrase, country_text, shape
    return None, country_text, ""


def _unit_title(ctx: MappingContext, phrase: str, lang: str) -> bool:
    """'ODIHR Director', 'OSCE Secretary General': a unit's name, then a title."""
    m = re.match(r"^(?P<unit>.+?)\s+(?P<title>\S+(?:\s+\S+)?)$", _drop_article(phrase))
    return bool(m and _TITLE.fullmatch(m["title"]) and _names_unit(ctx, m["unit"], lang))


def _names_unit(ctx: MappingContext, text: str, lang: str) -> bool:
    """'OSCE Office for Democratic Institutions and Human Rights; ...' opens with a registry body's name."""
    links = ctx.linker.find(text.strip(), lang, UNIT_TYPES)
    return bool(links) and links[0].start <= 5 and links[0].ref is not None


def page_dates(page: Page) -> list[str | None]:
    """For each block, the date of the dateline or publishing-date label at or before it (listings give
    each teaser its own), None before the first one."""
    out: list[str | None] = []
    current = None
    for block in page.blocks:
        text = block.text
        found = parse_dateline(text)
        if found:
            current = found.date
        else:
            m = re.match(r"^(?:Publishing date|Date|Published|Publié le|Date de publication|Datum|"
                         r"Veröffentlichungsdatum|Data di pubblicazione|Data|Дата публикации|Дата|Fecha de publicación|"
                         r"Fecha)\s*:\s*(?P<date>.+)$", text, re.IGNORECASE)
            if m and parse_date(m["date"]) and len(parse_date(m["date"]) or "") == 10:
                current = parse_date(m["date"])
        out.append(current)
    return out


def people_in_text(page: Page, ctx: MappingContext, texts: list[str] | None = None,
                   as_of: str | None = None) -> list[Ref]:
    """People named with a post (and a country) in the sentence shapes above; returns their refs.

    `texts` limits the search (a listing's teaser); `as_of` is the date their holdings are stated at when
    the text gives none (by default each block's dateline or publishing date)."""
    lang = page.language or page.nav_language or "en"
    if texts is None:
        blocks = [b.text for b in page.blocks]
        dates = page_dates(page)
    else:  # a teaser's own dateline dates it when the caller gives no date
        blocks = list(texts)
        dates = [as_of or (found.date if (found := parse_dateline(t)) else None) for t in blocks]
    found: list[Ref] = []
    for text, date in zip(blocks, dates, strict=True):
        text = normalize_space(text)
        taken: list[tuple[int, int]] = []  # post phrases already given to a name ('X, the Post, Y')
        for m in _NAME_WITH_HONORIFIC.finditer(text):
            # NAME stops after five words: 'Romanian Foreign Minister Mircea Dan | Geoana' is one run of
            # capitalised words, whose name is its tail, never 'Mircea Dan'
            run = m["name"] + (tail.group(0) if (tail := re.match(rf"(?:\s+{_WORD})+", text[m.end("name"):])) else "")
            name = _name_in(ctx, run, lang)
            if name is None:
                continue
            start = m.start("name") + max(0, run.find(name))
            end = start + len(name)
            if not _reads_as_name(ctx, text, start, end, bool(m["hon"])):
                continue
            left, offset = _sentence_left(text, start)
            left = re.sub(rf"(?:(?:{_HON_ALT})\s*)+$", "", left)
            phrases = [(p, "left") for p, at in _left_posts(ctx, left, lang)
                       if not any(s <= offset + at < e for s, e in taken)]
            right, country_text, shape = _right_post(ctx, text[end:], lang)
            if right:
                phrases.append((right, shape))
                at = text.find(right, end)
                taken.append((at, at + len(right)))
            if not phrases:
                continue
            nationality = country(ctx, country_text) if country_text else None
            resolved = []
            for phrase, shape in phrases:
                if shape == "hold" and re.search(r"chair", phrase, re.I):
                    continue  # 'X will hold the position of Chairman-in-Office': chairpersonships() dates it
                post_ref, unit, state = resolve_post(ctx, page, phrase, lang)
                if state is not None and shape == "left":
                    nationality = nationality or state
                resolved.append((post_ref, unit, shape))
            if not resolved:
                continue
            ref = person(ctx, name, nationality)
            ctx.placed.add(match_key(name))
            future = re.match(r"^\W*(?:will|is to|shall)\s+(?:hold|take up|assume|become|be appointed)", text[end:])
            for post_ref, unit, shape in resolved:
                # 'Foreign Minister X will hold the position of ...': he is Foreign Minister now, not yet the other
                as_of = None if shape == "hold" or (future and shape != "left") else date
                if not any(isinstance(r, PostHolding) and (r.person, r.post) == (ref, post_ref)
                           for r in ctx.result.records):  # the page kind's own reading (with dates) stands
                    ctx.emit(PostHolding(ref, post_ref, unit, as_of=as_of))
            found.append(ref)
    return found


_OBJECT_OF = re.compile(r"(?:^|\s)(?:for|of|on|in|to|at|the|against|de|du|des|la|le|pour|contre|für|gegen|der|"
                        r"des|di|del|della|per|contra|para|по|в|на|для|против)\s*$", re.IGNORECASE)
_GOES_ON = re.compile(rf"^\s+(?:in|of|for|on|and|to|de|des|du|für|der|di|del|и|в)\s+(?P<rest>[{_UP}][\w'’-]+"
                      rf"(?:\s+[{_UP}][\w'’-]+)*)")


def _reads_as_name(ctx: MappingContext, text: str, start: int, end: int, honorific: bool) -> bool:
    """Capitalised words read as a person's name, not as the object of a preposition ('Co-ordinator for
    Combating Trafficking') or the start of a longer name ('... Trafficking in Human Beings')."""
    if not honorific and _OBJECT_OF.search(text[:start]):
        return False
    after = _GOES_ON.match(text[end:])
    return not (after and country(ctx, after["rest"]) is None)


def _name_in(ctx: MappingContext, raw: str, lang: str) -> str | None:
    """The person's name in a run of capitalised words: the run itself, or its end when its first words
    are a title, a unit or a place ('Таджикистане Туула Юрьёля', 'ОБСЕ Томас Гремингер')."""
    parts = raw.split()
    for i in range(len(parts) - 1):
        name = person_name(" ".join(parts[i:]))
        if name is not None and not _is_entity(ctx, name, lang) and not (
                i == 0 and len(parts) > 2 and any(link.ref is not None for link in ctx.linker.find(parts[0], lang))):
            return name
    return None


def _is_entity(ctx: MappingContext, name: str, lang: str) -> bool:
    """A name the registry knows as something other than a person (a State, a body) is not a person."""
    links = ctx.linker.find(name, lang)
    return any(link.ref is not None and link.ref.type != "person" and link.end - link.start >= len(name) - 1
               for link in links)
