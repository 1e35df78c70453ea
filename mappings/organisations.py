"""Organisations and units a page names that the registry does not know, in the six languages.

Secretariat units, colleges and training centres, a State's ministries and commands, and other bodies' own
organisations (an EU or UN mission, NATO, the Inter-Parliamentary Union) each get a node keyed by the
normalised name (`org/<name-key>`), with what the page states about it: the OSCE body or State it belongs
to, where it is, a staff figure, whom it works with. A name the registry knows is the registry's entity;
a registry name inside a longer name ('European Union Rule of Law Mission in Kosovo') does not make the
longer name that entity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import OSCE, Label, Organisation, Ref
from osce_kg.registry import UNIT_TYPES
from osce_kg.text import collapse_space, match_key

from . import words

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_CAP = rf"[{_UP}][\w'’-]*"
_LOW_RU = r"[а-яё]+"
_ARTICLE = r"(?:the|The|la|La|le|Le|l['’]|L['’]|el|El|die|Die|der|Der|das|Das|il|Il|lo|Lo)"
_PREP = (r"(?:of|for|on|in|to|at|de|du|des|d['’]|pour|la|le|les|l['’]|à|au|aux|für|der|des|dem|zur|zum|im|"
         r"di|del|della|dello|dell['’]|per|para|en|el|los|las)")
_AND = r"(?:and|et|und|e|y|&)"
# a capitalised article before a space ('Les', not the elided 'L'')
_CAPITAL_ARTICLE = "(?:" + "|".join(a.capitalize() for a in lexicon.forms("article") if a[-1] not in "'’") + ")"
_NOT_OSCE = rf"(?!{_OSCE_NAME}(?![\w-]))"  # a complement stops where an OSCE name begins


def _alt(items) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


# a head listed under two kinds takes the later one
_HEAD_KINDS = ("ministry", "unit", "centre", "command", "mission", "group", "external")
_HEAD_KIND = {h: kind for kind in _HEAD_KINDS for h in lexicon.forms(f"org-head.{kind}")}
_HEADS = _alt(_HEAD_KIND)
# Latin-script names: capitalised words around a head word, with capitalised complements ('Ministry of
# Defence of Tajikistan', 'Border Management Staff College', 'Parliamentary Assembly of the Council of Europe')
_LATIN_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?!{_CAPITAL_ARTICLE}\s)"
    rf"(?:{_CAP}\s+(?:(?:and|&|et|und|y|e|of|for)\s+)?){{0,6}}(?P<head>{_HEADS})(?![\w-])"
    rf"(?:\s+(?:{_PREP}(?:\s+(?:{_PREP}|the))?|{_AND}(?:\s+(?:la|le|el|los|las))?)(?:\s+|\s+[ldLD]['’])"
    rf"{_NOT_OSCE}{_CAP}"
    rf"(?:\s+{_NOT_OSCE}{_CAP})*)*)")
# Romance names keep lower-case words after the head: 'École des cadres pour la gestion des frontières'
_ROMANCE_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?P<head>École|Unité|Section|Équipe|Département|Bureau|Escuela|Unidad|Sección|"
    rf"Departamento|Scuola|Unità|Sezione|Dipartimento|Ministère|Ministerio|Ministero|Commission|Comité|Comisión|"
    rf"Commissione|Comitato)"
    rf"(?:\s+(?:{_PREP}|[\w'’-]+)){{1,8}}?)(?=\s*(?:,|\.|;|\)|\s+(?:qui|que|basée?|située?|che|con sede|"
    rf"basad[oa]|et\s+l|y\s+la|e\s+la|se|si)\b|\s+(?:de\s+l['’]|du|de\s+la|della|dell['’]|del)\s*[{_UP}]))")
_RU_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?:[{_UP}]?{_LOW_RU}(?:ым|ой|ого|ое|ий|ый|ая|ом|ем|ому|ых)\s+)?"
    rf"(?P<head>{_alt(h for h in _HEAD_KIND if re.match('[А-ЯЁ]', h))}|"
    rf"{_alt(h.lower() for h in _HEAD_KIND if re.match('[А-ЯЁ]', h))})"
    rf"(?:\s+[«„\"][^»“\"]{{2,40}}[»“\"]|(?:\s+(?:{_LOW_RU}|[{_UP}][\w-]*|\([{_UP}]{{1,6}}\))){{1,6}}?"
    rf"(?=\s*(?:[,.;:»)]|$|\s+(?:при|и|в|во|на|с|со)\s|"
    rf"\s+[а-яё]{{2,}}(?:ает|яет|ует|еет|ают|яют|уют|ется|ются|ится|ятся|ало|ило|ыло|ела|ила|ала|или|али)"
    rf"(?![\w-])))))")
_CANONICAL = {}
for _abbr, _english in words.EXTERNAL_ACRONYMS.items():
    _CANONICAL.setdefault(_english, _abbr)  # the first abbreviation listed is the name's own (NATO, not OTAN)
_ACRONYM = re.compile(rf"(?<![\w-])(?P<name>{_alt(words.EXTERNAL_ACRONYMS)})(?![\w-])")
_EXTERNAL_NAME = re.compile(rf"(?<![\w-])(?P<name>{_alt(words.EXTERNAL_NAMES)})(?![\w-])")
_FOREIGN = re.compile(rf"(?<![\w-])(?:{_alt(lexicon.forms('foreign-org'))})(?![\w-])")
_OSCE = re.compile(rf"(?<![\w-]){_OSCE_NAME}(?![\w-])")
_LEAD = re.compile(rf"^(?:{_ARTICLE}\s*|{_OSCE_NAME}(?:['’]s)?[\s-]+)+")
_TITLE_WORDS = {"head", "director", "chief", "chair", "chairperson", "chairman", "secretary", "representative",
                "coordinator", "co-ordinator", "commissioner", "president", "minister", "chef", "directeur", "leiter",
                "direktor", "capo", "direttore", "jefe", "глава", "директор", "руководитель"}
_TRAIL = re.compile(r"\s+(?:and|et|und|e|y|и|of|for|on|in|to|at|de|des|du|la|le|the|di|del|della|para|en)$")

_PLACE = re.compile(rf"^\s*,?\s*(?:(?:which|that|qui|che|que|der|die|das)\s+(?:has\s+|a\s+|è\s+|ha\s+)?"
                    rf"(?:opened|was opened|is based|ouvert|est basée?|est située?|aperto|abierto)\s+"
                    rf"(?:\w+\s+){{0,3}}?|based|located|headquartered|basée?|située?|mit Sitz|con sede|"
                    rf"basad[oa]|расположенн\w+|находящ\w+)\s*(?:in|à|a|en|в|во)\s+(?P<place>{_CAP})")
_STAFF = re.compile(r"(?:has|have|had|employs|employed|deployed|has deployed|numbers|comprises|counts)\s+"
                    r"(?:\w+\s+){0,1}?(?:almost|some|about|around|over|more than|nearly|approximately|up to)?\s*"
                    r"(?P<n>\d{1,3}(?:[,  ]\d{3})+|\d+)\s+(?:of its own\s+|of their own\s+)?(?:\w+\s+)?"
                    r"(?:staff|officers|employees|personnel|police officers|members|observers|experts|monitors)\b")
_WITH = re.compile(r"(?:in co-?operation with|in collaboration with|together with|jointly with|en coopération avec|"
                   r"en collaboration avec|in Zusammenarbeit mit|gemeinsam mit|in collaborazione con|"
                   r"in cooperazione con|en cooperación con|en colaboración con|в сотрудничестве с|совместно с)\s*$",
                   re.IGNORECASE)


def organisations_in_text(page: Page, ctx: MappingContext, texts: list[str] | None = None) -> list[Ref]:
    """Organisations the registry does not know, named in the page's blocks (or `texts`); returns refs."""
    lang = page.language or page.nav_language or "en"
    records: dict[Ref, Organisation] = {}
    squeezed = [collapse_space(b.text) for b in page.blocks]  # once a page: `_before` reads them for every name
    for text in texts if texts is not None else [b.text for b in page.blocks]:
        text = " ".join(text.split())  # white space (no-break space too) as one space; quotes as written: «Гиссар»
        known = [(link.start, link.end) for link in ctx.linker.find(text, lang) if link.ref is not None]
        for start, end, name, abbreviation, head in _names(text, lang):
            if any(s <= start + 5 and e >= end for s, e in known):
                continue  # part of a name the registry knows ('OSCE Observer Mission at the Russian ...')
            record = _organisation(ctx, page, squeezed, text, start, end, name, abbreviation, head, lang)
            if record is None:
                continue
            ctx.placed.add(match_key(name))
            first = records.get(record.ref)
            if first is None:
                records[record.ref] = record
                continue
            # a later mention adds what the first did not say (a figure, a place, a partner)
            records[record.ref] = replace(
                first, parent=first.parent or record.parent, state=first.state or record.state,
                place=first.place or record.place, staff=first.staff if first.staff is not None else record.staff,
                partners=tuple(dict.fromkeys(first.partners + record.partners)),
                alt_labels=tuple(dict.fromkeys(first.alt_labels + record.alt_labels)),
                co_chairs=first.co_chairs or record.co_chairs)
    _units_included(ctx, squeezed, records, lang)
    for record in records.values():
        ctx.emit(record)
    return list(records)


_INCLUDES = Caseless(rf"(?<![\w-])(?:{_alt(lexicon.forms('includes'))})(?![\w-])")


def _units_included(ctx: MappingContext, squeezed: list[str], records: dict[Ref, Organisation], lang: str) -> None:
    """A body's parts, read sentence by sentence: 'The X Department is divided into three units: ...', 'It
    includes the Monitoring Unit and ...', 'the Mission's activities are conducted under two departments: A
    and B'. A part is an organisation the page names, found after the verb or in the list by its name
    without its head word ('Human Dimension' is the Human Dimension Department). The owner is the body the
    sentence names before the verb, else the one a possessive names ('the Mission's': the last operation
    named earlier with that word), else the first one the block names (a pronoun)."""
    stems = {ref: _stem(r.label.text) for ref, r in records.items()}
    for text in squeezed:
        earlier = _before(squeezed, text)
        for s_start, sentence in _sentences(text):
            verb = _INCLUDES.search(sentence) or (_PARTS_LIST.search(sentence) if ":" in sentence else None)
            if not verb:
                continue
            owner = (_last_named(ctx, sentence[: verb.start()], records, lang)
                     or _possessive_owner(ctx, earlier + " " + text[:s_start], sentence[: verb.start()], lang)
                     or _first_named(text[:s_start], records, lang))
            if owner is None:
                continue
            rest = sentence[verb.end():]
            for ref, record in list(records.items()):
                if ref == owner or (record.parent not in (None, OSCE)):
                    continue
                stem = stems[ref]
                if _contains(rest, record.label.text) or (stem and _contains(rest, stem)):
                    records[ref] = replace(record, parent=owner)


_PARTS_LIST = Caseless(rf"(?<![\w-])\w+\s+(?:\w+\s+)?(?:{_alt(lexicon.forms('unit-plural'))})\s*:")
_HEAD_WORDS = {w.casefold() for h in _HEAD_KIND for w in h.split()}


def _sentences(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])", text):
        at = text.find(part, at)
        out.append((at, part))
        at += len(part)
    return out


def _stem(label: str) -> str:
    """A unit's name without its head word ('Human Dimension Department' -> 'Human Dimension'); empty when
    nothing but generic words is left."""
    kept = [w for w in label.split() if w.casefold() not in _HEAD_WORDS]
    return " ".join(kept) if kept and len(kept) < len(label.split()) else ""


def _contains(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE) is not None


def _named(text: str, records: dict[Ref, Organisation], lang: str) -> list[tuple[int, Ref]]:
    keys = {match_key(r.label.text): ref for ref, r in records.items()}
    found = []
    for start, _, name, _, _ in _names(text, lang):
        key = match_key(_LEAD.sub("", name).strip())
        ref = keys.get(key) or next((r for k, r in keys.items() if key.startswith(k + " ")), None)
        if ref is not None:
            found.append((start, ref))
    return found


def _last_named(ctx: MappingContext, text: str, records: dict[Ref, Organisation], lang: str) -> Ref | None:
    found = _named(text, records, lang)
    found += [(link.start, link.ref) for link in ctx.linker.find(text, lang, UNIT_TYPES)
              if link.ref is not None and link.ref.key != "osce"]
    return max(found, key=lambda f: f[0])[1] if found else None


def _first_named(text: str, records: dict[Ref, Organisation], lang: str) -> Ref | None:
    found = _named(text, records, lang)
    return min(found, key=lambda f: f[0])[1] if found else None


_POSSESSIVE = re.compile(rf"(?<![\w-])(?:the|The)\s+(?P<head>[{_UP}][\w-]+)['’]s(?![\w-])")


def _possessive_owner(ctx: MappingContext, earlier: str, before: str, lang: str) -> Ref | None:
    m = _POSSESSIVE.search(before)
    if not m:
        return None
    units = [link.ref for link in ctx.linker.find(earlier, lang, UNIT_TYPES) if link.ref is not None
             and link.ref.key != "osce" and m["head"].casefold() in link.text.casefold()]
    return units[-1] if units else None


def _names(text: str, lang: str) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, name, abbreviation, head word) of organisation names in text, longest first."""
    spans: list[tuple[int, int, str, str | None, str]] = []
    for m in _ACRONYM.finditer(text):
        spans.append((m.start(), m.end(), m["name"], m["name"], "acronym"))
    for m in _EXTERNAL_NAME.finditer(text):
        spans.append((m.start(), m.end(), m["name"], None, "external-name"))
    patterns = [_RU_NAME] if lang == "ru" else [_LATIN_NAME] + ([_ROMANCE_NAME] if lang in ("fr", "es", "it") else [])
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = _TRAIL.sub("", _before_title(m["name"], m["head"])).strip()
            at = m.start("name") + max(0, m["name"].find(name))  # a title cut from its front moves its start
            spans.append((at, at + len(name), name, None, m["head"]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str, str | None, str]] = []
    for span in spans:
        if any(s < span[1] and span[0] < e for s, e, *_ in out):
            continue
        out.append(span)
    return out


def _before_title(name: str, head: str) -> str:
    """A name ends before a post title that follows it ('Liaison Office in Central Asia to Head of ...') and
    starts after one that precedes it ('Secretary General of the Parliamentary Assembly')."""
    at = name.find(head)
    lead = name[:at].split(" ")
    for i in range(len(lead) - 1, -1, -1):
        if lead[i].casefold() in _TITLE_WORDS or (lead[i].casefold() == "general" and i > 0
                                                   and lead[i - 1].casefold() in _TITLE_WORDS):
            name = re.sub(rf"^(?:(?:{_PREP}|the)\s+)*", "", " ".join(lead[i + 1:]) + name[at:])
            break
    at = name.find(head) + len(head)
    tail = name[at:].split(" ")
    for i, token in enumerate(tail):
        if token.casefold() in _TITLE_WORDS:
            return _TRAIL.sub("", name[:at] + " ".join(tail[:i]))
    return name


def _organisation(ctx: MappingContext, page: Page, squeezed: list[str], text: str, start: int, end: int, name: str,
                  abbreviation: str | None, head: str, lang: str) -> Organisation | None:
    bare = _LEAD.sub("", name).strip()
    owner = re.match(r"^(?P<state>[\w ]+?)['’]s\s+(?P<rest>.+)$", bare)  # "Serbia's Women Parliamentary Network"
    owner_state = _state(ctx, owner["state"], lang) if owner else None
    if owner_state is not None:
        bare = owner["rest"]
    extra: tuple[Label, ...] = ()
    if head == "acronym":
        english = words.EXTERNAL_ACRONYMS[name]
        if ctx.lookup(english) or ctx.lookup(name):
            return None
        label, key_name, kind = Label(english, "en"), english, "external"
        if _CANONICAL.get(english) != name:  # 'OTAN', 'ООН': the page's abbreviation, a label in its language
            abbreviation, extra = None, (Label(name, lang),)
    elif head == "external-name":  # 'Union européenne': the EU, named in the page's language
        english = words.EXTERNAL_NAMES[name]
        if ctx.lookup(english) or ctx.lookup(name):
            return None
        label, key_name, kind = Label(name, lang), english, "external"
    else:
        if len(bare.split()) < 2 or bare.casefold() == head.casefold():
            return None
        if _HEAD_KIND.get(head) == "unit" and bare.startswith(head) and _owner_only(ctx, bare[len(head):], lang):
            return None  # 'the Department of the Mission to Moldova': a department, not its name
        if _known(ctx, bare, lang) or _known(ctx, name, lang):
            return None
        bare = _as_written(page, bare)
        label, key_name = Label(bare, lang), bare
        kind = _kind(ctx, name, head, lang)
        if kind is None or (_HEAD_KIND.get(head) == "group" and len(bare.split()) < 3):
            return None  # 'the Contact Group': which one, the page does not say here
        after = re.match(r"^\s*\((?P<abbr>[A-Z][A-Za-z]{1,9})\)", text[end:])
        if after:
            if after["abbr"] in words.EXTERNAL_ACRONYMS:  # 'Organisation du Traité ... (OTAN)' is NATO
                key_name = words.EXTERNAL_ACRONYMS[after["abbr"]]  # one node with the abbreviation's mentions
            if _CANONICAL.get(key_name) == after["abbr"]:
                abbreviation = after["abbr"]
            else:  # an abbreviation the page coins: a label, as pages may differ ('at most one' holds)
                extra = (Label(after["abbr"], lang),)
    ref = Ref("organization", key_from_name(key_name))
    if ctx.registry.get(Ref("body", ref.key)) is not None:
        return None
    state = owner_state or (_state(ctx, name, lang) if kind in ("government", "external", "other") else None)
    if kind == "government" and state is None and head in lexicon.forms("org-head.command"):
        state = None
    parent = _parent(ctx, text, name, end, lang) if kind in ("osce-unit", "other") else None
    if parent == Ref("body", "secretariat"):
        kind = "secretariat-unit"
    written = re.sub(rf"^{_ARTICLE}\s*", "", name)
    alts = (Label(_as_written(page, written), lang),) if written != label.text and head != "acronym" else ()
    alts += extra
    quoted = re.search(r"[«„\"]([^»“\"]{2,40})[»“\"]", label.text)
    if quoted:  # 'Учебный центр «Гиссар»' is called 'Гиссар'
        alts += (Label(quoted.group(1), lang),)
    rest = text[end:]
    owner = re.match(rf"^\s+(?:of|de|du|der|des|dell['’]|della|del)\s+(?:the\s+|la\s+|l['’])?"
                     rf"(?:OSCE\s+|OSZE-)?{_CAP}(?:\s+{_CAP})*", rest)
    place = _PLACE.match(rest[owner.end():] if owner else rest)  # 'X of the OSCE Secretariat, based in Vienna'
    staff = _staff(ctx, text, end)
    partners = _partners(ctx, text, start, lang, end, _before(squeezed, text))
    return Organisation(ref, label, kind, parent, state, place["place"].rstrip(".") if place else None, abbreviation,
                        staff, partners, alts, _co_chairs(ctx, text[end:], lang))


_CO_CHAIRED = re.compile(rf"^\s*[,(]?\s*(?:{_alt(lexicon.forms('co-chaired-by'))})\s+(?P<states>[^().;]+)",
                         re.IGNORECASE)


def _co_chairs(ctx: MappingContext, after: str, lang: str) -> tuple[Ref, ...]:
    """'Gruppo di Minsk (co-presieduto da Francia, Federazione Russa e Stati Uniti)': the States, when every
    part of the list is one."""
    m = _CO_CHAIRED.match(after)
    if not m:
        return ()
    parts = [p.strip() for p in re.split(r",|\s+(?:and|et|und|e|y|и)\s+", m["states"]) if p.strip()]
    states = []
    for part in parts:  # the list ends where the sentence goes on (', cherchait une solution ...')
        entity = ctx.lookup(re.sub(rf"^(?:(?:les|Les|los|Los|las|gli)\s+|{_ARTICLE}\s*)", "", part), ["country"])
        if entity is None:
            break
        states.append(entity.ref)
    return tuple(states) if len(states) >= 2 else ()


def _as_written(page: Page, name: str) -> str:
    """The page text unifies quotes ('"Гиссар"'); the source may have «Гиссар»: keep what it has."""
    if '"' not in name:
        return name
    guillemets = re.sub(r'"([^"]*)"', r"«\1»", name)
    return guillemets if guillemets in page.source.text else name


def _owner_only(ctx: MappingContext, complement: str, lang: str) -> bool:
    """The words after a unit word only name its owner ('of the Mission to Moldova')."""
    text = re.sub(rf"^\s*(?:{_PREP})\s+(?:the\s+)?", "", complement).strip()
    return bool(text) and _known(ctx, text, lang)


def _known(ctx: MappingContext, name: str, lang: str) -> bool:
    """The registry knows this name: as a whole (a lookup) or as one linked span covering it."""
    if ctx.lookup(name):
        return True
    links = ctx.linker.find(name, lang)
    return any(link.ref is not None and link.start <= 1 and link.end >= len(name) - 1 for link in links)


def _kind(ctx: MappingContext, name: str, head: str, lang: str) -> str | None:
    kind = _HEAD_KIND.get(head) or _HEAD_KIND.get(head.capitalize())
    if kind is None:
        kind = next((k for h, k in _HEAD_KIND.items() if h.casefold() == head.casefold()), None)
    if kind in ("ministry", "command"):
        return "government"
    if kind == "group":  # 'Minsk Group', 'Gruppo di Minsk', 'Women Parliamentary Network'
        return "external" if _FOREIGN.search(name) else "osce-unit" if _OSCE.search(name) else "other"
    if kind == "mission":  # a mission is some organisation's: the EU's, the UN's, the OSCE's
        return "external" if _FOREIGN.search(name) else "osce-unit" if _OSCE.search(name) else None
    if _FOREIGN.search(name) or kind == "external":
        return "external"
    if _OSCE.search(name):
        return "osce-unit"
    if kind == "unit" and _state(ctx, name, lang) is not None:
        return "government"  # 'the Police Department of Sarajevo Canton', 'Border Service of Tajikistan'
    if kind == "unit":
        # a unit word with no owner named: an OSCE unit only when it reads as one ('Strategic Police Matters
        # Unit'); 'Office' and 'Bureau' alone name too many things
        return "osce-unit" if head.casefold() not in ("office", "bureau", "büro", "ufficio", "oficina", "service",
                                                      "programme") else None
    return "other"


@functools.cache
def _demonym_patterns() -> list[tuple[re.Pattern, str]]:
    """Each nationality adjective as a whole word, with its country key: compiled once, as there are more of
    them than re's own cache keeps beside the other patterns of a page's mapping."""
    return [(re.compile(rf"(?<![\w-]){re.escape(adj)}(?![\w-])"), key)
            for key, adjs in words.DEMONYMS.items() for adj in adjs.split("|")]


def _state(ctx: MappingContext, name: str, lang: str) -> Ref | None:
    states = {link.ref for link in ctx.linker.find(name, lang, ["country"]) if link.ref is not None}
    if not states:
        for adjective, key in _demonym_patterns():
            if adjective.search(name):
                states.add(Ref("country", key))
        if re.search(r"(?<![\w-])США(?![\w-])", name):
            states.add(Ref("country", "us"))
    return states.pop() if len(states) == 1 else None


def _parent(ctx: MappingContext, text: str, name: str, end: int, lang: str) -> Ref | None:
    """The OSCE body a unit belongs to: named in its name ('Unit of the OSCE Secretariat') or right after
    it ('X of the OSCE Secretariat', 'X du Secrétariat')."""
    after = re.match(rf"^\s+(?:(?:of|in|at|de|du|de la|des|der|della|del|при)\s+|de l['’]\s*|dell['’]\s*)"
                     rf"(?:the\s+)?(?P<owner>[{_UP}][^,.;:()]{{0,60}})", text[end:])
    if after:  # the owner opens what follows ('de l'Assemblée parlementaire de l'OSCE se réunit')
        for link in ctx.linker.find(after["owner"], lang, UNIT_TYPES):
            if link.ref is not None and link.ref.key != "osce" and link.start == 0:
                return link.ref
    for link in ctx.linker.find(name, lang, UNIT_TYPES):
        if link.ref is not None and link.ref.key != "osce":
            return link.ref
    return OSCE if _OSCE.search(name) else None


def _staff(ctx: MappingContext, text: str, end: int) -> int | None:
    """A staff figure the sentence gives the organisation it opens with ('EULEX ... has deployed almost
    1,400 of its own officers'), only when no other organisation is named between them."""
    sentence = re.split(r"(?<=[.!?])\s+", text[end:], maxsplit=1)[0]
    m = _STAFF.search(sentence)
    if not m:
        return None
    between = sentence[: m.start()]
    if _ACRONYM.search(between) or _LATIN_NAME.search(between) or any(
            link.ref is not None and link.ref.type in UNIT_TYPES for link in ctx.linker.find(between)):
        return None
    return int(re.sub(r"\D", "", m["n"]))


_SUPPORTED = re.compile(rf"^[^.;]{{0,40}}?(?:{_alt(lexicon.forms('supported-by'))})\s+(?P<rest>[^.;]+)", re.IGNORECASE)


_TIES = re.compile(rf"(?<![\w-])(?:{_alt(lexicon.forms('works-with'))})(?![\w-])", re.IGNORECASE)


def _before(squeezed: list[str], text: str) -> str:
    """The page's text before the block that holds `text`: the last three blocks before the first one equal to it
    (`squeezed`: the page's blocks with white space squeezed), or the page's last three when none is."""
    at = squeezed.index(text) if text in squeezed else len(squeezed)
    return " ".join(squeezed[max(0, at - 3):at])


_PRONOUNS = _alt(lexicon.forms("pronoun"))


def _subject_unit(ctx: MappingContext, earlier: str, sentence: str, lang: str) -> list[Ref]:
    """The body a sentence opening with 'The Assembly' or a pronoun is about: the last OSCE body or field
    operation named before it whose name holds that word (any, for a pronoun)."""
    m = re.match(rf"^(?:(?:{_ARTICLE})\s*(?P<head>[{_UP}][\w-]+)|(?P<pronoun>{_PRONOUNS}))(?![\w-])",
                 sentence.strip())
    if not m:
        return []
    units = [link for link in ctx.linker.find(earlier, lang, UNIT_TYPES) if link.ref is not None
             and link.ref.key != "osce" and (m["pronoun"] or m["head"].casefold() in link.text.casefold())]
    return [units[-1].ref] if units else []


def _partners(ctx: MappingContext, text: str, start: int, lang: str, end: int | None = None,
              earlier: str = "") -> tuple[Ref, ...]:
    """'organised by X in co-operation with <this>': X, when the sentence names exactly one OSCE body or field
    operation before the phrase; '<this>, whose work is supported by X': X, the first body named after it."""
    after = _SUPPORTED.match(text[end:]) if end is not None else None
    if after:
        for link in ctx.linker.find(after["rest"], lang, UNIT_TYPES):
            if link.ref is not None and link.ref.key != "osce" and link.start <= 20:
                return (link.ref,)
    before = text[:start]
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    ties = _TIES.search(sentence)
    # '... maintains close ties with A, B and <this>'
    if ties and re.fullmatch(r"[\w\s,'’()-]*", sentence[ties.end():]):
        units = [link.ref for link in ctx.linker.find(sentence[: ties.start()], lang, UNIT_TYPES)
                 if link.ref is not None and link.ref.key != "osce"]
        if not units:  # 'The Assembly maintains ...', 'It maintains ...': the body the text was about
            units = _subject_unit(ctx, earlier + " " + before[: len(before) - len(sentence)], sentence, lang)
        if len(set(units)) == 1:
            return (units[0],)
    if not _WITH.search(before):
        return ()
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    units = {link.ref for link in ctx.linker.find(sentence, lang, UNIT_TYPES) if link.ref is not None}
    units.discard(OSCE)
    return (units.pop(),) if len(units) == 1 else ()
