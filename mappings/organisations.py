"""Organisations and units a page names that the registry does not know, in the six languages.

Secretariat units, colleges and training centres, a State's ministries and commands, and other bodies' own
organisations (an EU or UN mission, NATO, the Inter-Parliamentary Union) each get a node keyed by the
normalised name (`org/<name-key>`), with what the page states about it: the OSCE body or State it belongs
to, where it is, a staff figure, whom it works with. A name the registry knows is the registry's entity;
a registry name inside a longer name ('European Union Rule of Law Mission in Kosovo') does not make the
longer name that entity.
"""

from __future__ import annotations

import re
from dataclasses import replace

from osce_kg.context import MappingContext
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import Label, Organisation, Ref
from osce_kg.registry import UNIT_TYPES
from osce_kg.text import match_key

from . import words

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_CAP = rf"[{_UP}][\w'’.-]*"
_LOW_RU = r"[а-яё]+"
_ARTICLE = r"(?:the|The|la|La|le|Le|l['’]|L['’]|el|El|die|Die|der|Der|das|Das|il|Il|lo|Lo)"
_PREP = (r"(?:of|for|on|in|to|at|and|de|du|des|d['’]|pour|la|le|les|l['’]|à|au|aux|et|für|der|des|dem|zur|zum|im|"
         r"und|di|del|della|dello|dell['’]|per|e|para|en|el|los|las|y)")


def _alt(items) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


_HEAD_KIND = {h: kind for kind, heads in words.ORG_HEADS.items() for h in heads}
_HEADS = _alt(_HEAD_KIND)
# Latin-script names: capitalised words around a head word, with capitalised complements ('Ministry of
# Defence of Tajikistan', 'Border Management Staff College', 'Parliamentary Assembly of the Council of Europe')
_LATIN_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_CAP}\s+(?:(?:and|&|et|und|y|e)\s+)?){{0,5}}(?P<head>{_HEADS})(?![\w-])"
    rf"(?:\s+{_PREP}(?:\s+{_PREP})?\s+{_CAP}(?:\s+{_CAP})*)*)")
# Romance names keep lower-case words after the head: 'École des cadres pour la gestion des frontières'
_ROMANCE_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?P<head>École|Unité|Section|Équipe|Département|Bureau|Escuela|Unidad|Sección|"
    rf"Departamento|Scuola|Unità|Sezione|Dipartimento|Ministère|Ministerio|Ministero)"
    rf"(?:\s+(?:{_PREP}|[\w'’-]+)){{1,8}}?)(?=\s*(?:,|\.|;|\)|\s+(?:qui|que|basée?|située?|che|con sede|"
    rf"basad[oa]|et\s+l|y\s+la|e\s+la)\b))")
_RU_NAME = re.compile(
    rf"(?<![\w-])(?P<name>(?:[{_UP}]?{_LOW_RU}(?:ым|ой|ого|ое|ий|ый|ая|ом|ем|ому|ых)\s+)?"
    rf"(?P<head>{_alt(h for h in _HEAD_KIND if re.match('[А-ЯЁ]', h))}|"
    rf"{_alt(h.lower() for h in _HEAD_KIND if re.match('[А-ЯЁ]', h))})"
    rf"(?:\s+[«„\"][^»“\"]{{2,40}}[»“\"]|(?:\s+(?:{_LOW_RU}|[{_UP}][\w-]*|\([{_UP}]{{1,6}}\))){{1,6}}?"
    rf"(?=\s*(?:[,.;:»)]|$|\s+(?:при|и|в|на|с|по|для)\s))))")
_ACRONYM = re.compile(rf"(?<![\w-])(?P<name>{_alt(words.EXTERNAL_ACRONYMS)})(?![\w-])")
_FOREIGN = re.compile(rf"(?<![\w-])(?:{_alt(words.FOREIGN_ORG_WORDS)})(?![\w-])")
_OSCE = re.compile(r"(?<![\w-])(?:OSCE|OSZE|OCSE|ОБСЕ)(?![\w-])")
_LEAD = re.compile(rf"^(?:{_ARTICLE}\s*|(?:OSCE|OSZE|OCSE|ОБСЕ)[\s-]+)+")
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
    for text in texts if texts is not None else [b.text for b in page.blocks]:
        text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()  # quotes as written: «Гиссар»
        for start, end, name, abbreviation, head in _names(text, lang):
            record = _organisation(ctx, page, text, start, end, name, abbreviation, head, lang)
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
                alt_labels=tuple(dict.fromkeys(first.alt_labels + record.alt_labels)))
    for record in records.values():
        ctx.emit(record)
    return list(records)


def _names(text: str, lang: str) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, name, abbreviation, head word) of organisation names in text, longest first."""
    spans: list[tuple[int, int, str, str | None, str]] = []
    for m in _ACRONYM.finditer(text):
        spans.append((m.start(), m.end(), m["name"], m["name"], "acronym"))
    patterns = [_RU_NAME] if lang == "ru" else [_LATIN_NAME] + ([_ROMANCE_NAME] if lang in ("fr", "es", "it") else [])
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = _TRAIL.sub("", m["name"]).strip()
            spans.append((m.start("name"), m.start("name") + len(name), name, None, m["head"]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str, str | None, str]] = []
    for span in spans:
        if any(s < span[1] and span[0] < e for s, e, *_ in out):
            continue
        out.append(span)
    return out


def _organisation(ctx: MappingContext, page: Page, text: str, start: int, end: int, name: str,
                  abbreviation: str | None, head: str, lang: str) -> Organisation | None:
    bare = _LEAD.sub("", name).strip()
    if head == "acronym":
        english = words.EXTERNAL_ACRONYMS[name]
        if ctx.lookup(english) or ctx.lookup(name):
            return None
        label, key_name, kind = Label(english, "en"), english, "external"
    else:
        if len(bare.split()) < 2 or bare.casefold() == head.casefold():
            return None
        if _known(ctx, bare, lang) or _known(ctx, name, lang):
            return None
        bare = _as_written(page, bare)
        label, key_name = Label(bare, lang), bare
        kind = _kind(ctx, name, head, lang)
        if kind is None:
            return None
    ref = Ref("organization", key_from_name(key_name))
    if ctx.registry.get(Ref("body", ref.key)) is not None:
        return None
    state = _state(ctx, name, lang) if kind in ("government", "external", "other") else None
    if kind == "government" and state is None and head in words.ORG_HEADS["command"]:
        state = None
    parent = _parent(ctx, text, name, end, lang) if kind in ("osce-unit", "other") else None
    if parent == Ref("body", "secretariat"):
        kind = "secretariat-unit"
    alts = (Label(_as_written(page, name), lang),) if name != label.text and head != "acronym" else ()
    quoted = re.search(r"[«„\"]([^»“\"]{2,40})[»“\"]", label.text)
    if quoted:  # 'Учебный центр «Гиссар»' is called 'Гиссар'
        alts += (Label(quoted.group(1), lang),)
    place = _PLACE.match(text[end:])
    staff = _staff(ctx, text, end)
    return Organisation(ref, label, kind, parent, state, place["place"].rstrip(".") if place else None, abbreviation,
                        staff,
                        _partners(ctx, text, start, lang), alts)


def _as_written(page: Page, name: str) -> str:
    """The page text unifies quotes ('"Гиссар"'); the source may have «Гиссар»: keep what it has."""
    if '"' not in name:
        return name
    guillemets = re.sub(r'"([^"]*)"', r"«\1»", name)
    return guillemets if guillemets in page.source.text else name


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
    if _FOREIGN.search(name) or kind == "external":
        return "external"
    if _OSCE.search(name):
        return "osce-unit"
    if kind == "unit":
        # a unit word with no owner named: an OSCE unit only when it reads as one ('Strategic Police Matters
        # Unit'); 'Office' and 'Bureau' alone name too many things
        return "osce-unit" if head.casefold() not in ("office", "bureau", "büro", "ufficio", "oficina", "service",
                                                      "programme") else None
    return "other"


def _state(ctx: MappingContext, name: str, lang: str) -> Ref | None:
    states = {link.ref for link in ctx.linker.find(name, lang, ["country"]) if link.ref is not None}
    if not states:
        for adj, key in ((a, k) for k, adjs in words.DEMONYMS.items() for a in adjs.split("|")):
            if re.search(rf"(?<![\w-]){re.escape(adj)}(?![\w-])", name):
                states.add(Ref("country", key))
        if re.search(r"(?<![\w-])США(?![\w-])", name):
            states.add(Ref("country", "us"))
    return states.pop() if len(states) == 1 else None


def _parent(ctx: MappingContext, text: str, name: str, end: int, lang: str) -> Ref | None:
    """The OSCE body a unit belongs to: named in its name ('Unit of the OSCE Secretariat') or right after
    it ('X of the OSCE Secretariat', 'X du Secrétariat')."""
    after = re.match(rf"^\s+(?:of|in|at|de|du|de la|de l['’]|des|der|des|dell['’]|della|del|при)\s+"
                     rf"(?:the\s+)?(?P<owner>(?:OSCE\s+|OSZE-)?{_CAP}(?:\s+{_CAP})*)", text[end:])
    for candidate in ([after["owner"]] if after else []) + [name]:
        for link in ctx.linker.find(candidate, lang, UNIT_TYPES):
            if link.ref is not None and link.ref.key != "osce":
                return link.ref
    return Ref("body", "osce") if _OSCE.search(name) else None


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


def _partners(ctx: MappingContext, text: str, start: int, lang: str) -> tuple[Ref, ...]:
    """'organised by X in co-operation with <this>': X, when the sentence names exactly one OSCE body or field
    operation before the phrase."""
    before = text[:start]
    if not _WITH.search(before):
        return ()
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    units = {link.ref for link in ctx.linker.find(sentence, lang, UNIT_TYPES) if link.ref is not None}
    units.discard(Ref("body", "osce"))
    return (units.pop(),) if len(units) == 1 else ()
