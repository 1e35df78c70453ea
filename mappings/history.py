"""What a page states about field operations' and bodies' history, on any page kind: founding ('It was
created by an OSCE Permanent Council decision on 27 March 1997'), start of work on the ground ('began
working in Grozny on 26 April 1995', 'launched on 29 July 2014'), closing ('the administrative closure ...
was completed on 21 March 2003'), renaming ('change the name of X to Y'), the document that established a
body ('the 1990 Charter of Paris, which established the Conflict Prevention Centre'), and figures (staff,
international and national staff, observers, budget). Only what the page says, in its own graph.

Who a sentence is about: the operation or body it names before its verb; a sentence that opens with a
pronoun or 'The Mission' / 'La Misión' is about the one the previous sentence was about, else about the
page's own subject (named in its title or first lines).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from decimal import Decimal

from osce_kg import places
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.dates import find_dates
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import DocumentStated, Event, HistoryStated, Label, OperationProfile, Ref

from . import documents
from .events_text import event_key
from .history_words import alternation, number_pattern, number_value, pattern, sentences, words

_UNIT_TYPES = ["field-operation", "body"]
_SKIP = {"osce", "summit"}
# An operation the registry does not know, by its shape: 'OSCE Observer Mission at Russian Checkpoints Gukovo
# and Donetsk', 'OSCE Spillover Monitor Mission to Skopje'
_CAP = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]*"
_OPERATION = re.compile(rf"(?:OSCE\s+)?(?P<name>(?:(?:Special|Observer|Monitoring|Verification|Spillover|Border)\s+)"
                        rf"{{0,3}}(?:Mission|Centre|Presence|Programme Office|Project Co-ordinator|Assistance Group)\s+"
                        rf"(?:to|in|at)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*)")
_AUX = re.compile(r"(?:\b(?:was|were|is|are|has been|had been|have been|been|été|est|sont|fut|wurde|wurden|worden|ist|"
                  r"sind|è stat[oa]|sono stat[ie]|fu|fue|fueron|ha sido|han sido|был[аио]?)\s+(?:\w+\s+){0,2})$",
                  re.IGNORECASE)
_ARTICLES = r"(?:the|a|an|its|le|la|les|l['’]|el|los|las|die|der|den|das|ein|eine|einen|il|lo|un|una|une)"
# German puts the subject after the verb ('entsandte die OSZE die Mission'): the Organization may stand between
_OBJECT_GAP = re.compile(rf"\s+(?:{_ARTICLES}\s*)?(?:(?:OSCE|OSZE|CSCE|KSZE|ОБСЕ)\s+{_ARTICLES}\s*)?(?:\w+\s+){{0,1}}")
# 'created ... at the Paris Summit of Heads of State or Government of the ...', 'au Sommet de Paris',
# 'beim Gipfeltreffen von Paris', 'al Vertice di Parigi', 'en la Cumbre de París'
_MEETING_HEAD = (r"(?:Summit|Ministerial Council|Ministerial Council meeting|Sommet|Conseil ministériel|Gipfeltreffen|"
                 r"Gipfel|Ministerrat|Vertice|Consiglio dei ministri|Cumbre|Consejo Ministerial)")
_AT_MEETING = re.compile(
    rf"\b(?:at|au|à|auf dem|beim|am|al|alla|en la|en el|durante la)\s+(?:the\s+)?(?P<name>(?:{_CAP}\s+){{0,3}}"
    rf"{_MEETING_HEAD}(?:\s+(?:of|in|de|di|d['’]|von|in|del|des)\s+(?:the\s+|la\s+)?{_CAP}"
    rf"(?:\s+(?:(?:of|or|and|on|in|the|for|et|ou|de|la|y|o)\s+)*{_CAP})*)?)")
_OFFICE_OF = re.compile(r"\b(?:Office|Bureau|Büro|Ufficio|Oficina|Бюро)\b")
_PLACE_AFTER = re.compile(r"\b(?:in|à|en|a|в|nach)\s+(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)")


def main_subject(page: Page, ctx: MappingContext) -> tuple[Ref | None, Label | None]:
    """The operation or body the page is about: a registry one named in its title or first lines, else an
    operation named by its shape in the title (keyed by its name, marked as extracted)."""
    lang = page.language or page.nav_language or "en"
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks[:8]]
    for text in texts:
        for link in ctx.linker.find(text[:300], lang, _UNIT_TYPES):
            if _unit(ctx, link.ref):
                return link.ref, None
    if page.title:
        m = _OPERATION.search(page.title)
        if m:
            return _shape_ref(m["name"]), Label(f"OSCE {m['name']}", lang)
    return None, None


def _shape_ref(name: str) -> Ref:
    words = [w for w in name.split() if w.casefold() not in ("the", "osce")]
    return Ref("field-operation", key_from_name(" ".join(words)))


def _unit(ctx: MappingContext, ref: Ref | None) -> bool:
    """A field operation or a body other than the Organization, a summit or a decision-making body."""
    if ref is None or ref.key in _SKIP:
        return False
    entity = ctx.registry.get(ref)
    return entity is not None and entity.kind != "decision-making-body"


def extract(page: Page, ctx: MappingContext, kind: str) -> None:
    lang = page.language or page.nav_language or "en"
    main, main_label = main_subject(page, ctx)
    found = documents.extract(page, ctx, main)
    # 'the Framework Agreement' after 'the Ohrid Framework Agreement' is that agreement
    alias = {}
    for f in found:
        longer = {g.ref for g in found if g.ref != f.ref and ctx.registry.get(f.ref) is None
                  and g.label.text.casefold().endswith(" " + f.label.text.casefold())}
        if len(longer) == 1:
            alias[f.ref] = longer.pop()
    facts: dict[Ref, dict] = {}
    figures: dict[Ref, dict] = {}
    meetings: dict[str, str] = {}  # meeting name -> event key, so a page names one meeting once

    def state(ref: Ref, field: str, value) -> None:
        if value is not None and field in ("offices", "implements"):  # places and documents accumulate
            known = facts.setdefault(ref, {}).setdefault(field, ())
            facts[ref][field] = known + tuple(v for v in value if v not in known)
        elif value is not None:
            facts.setdefault(ref, {}).setdefault(field, value)

    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    for text in texts:
        last: Ref | None = None
        for sentence in sentences(text):
            units = _units(sentence, ctx, lang, main)
            for ref, city in _cities_in_names(sentence, ctx, lang):
                state(ref, "offices", (city,))
            subject = _subject(sentence, units, last, main)
            _establishment(sentence, ctx, lang, units, subject, state, kind == "field-operation" and subject == main,
                           meetings)
            _start_and_close(sentence, units, subject, state, kind == "field-operation" and subject == main)
            _rename(sentence, ctx, lang, units, state)
            _structure(sentence, units, subject, state)
            _move(sentence, units, subject, state)
            _mandate_change(sentence, units, subject or _subject(sentence, units, last, main, anywhere=True), state)
            _implements(sentence, ctx, lang, subject or _subject(sentence, units, last, main, anywhere=True), alias,
                        state)
            counted = subject or _subject(sentence, units, last, main, anywhere=True)
            if counted is not None and counted.type == "field-operation":
                _figures(sentence, counted, figures)
            explicit = [u for s, e, u in units if s < 60]
            last = explicit[0] if explicit else subject
    for ref in sorted(facts):
        f = facts[ref]
        label = main_label if ref == main else None
        ctx.emit(HistoryStated(ref, label, f.get("founded"), f.get("started"), f.get("closed"), f.get("predecessor"),
                               f.get("by"), tuple(f.get("offices", ())), f.get("monitors"), f.get("unit_of"),
                               f.get("moved_from"), f.get("moved_on"), f.get("renamed_on"),
                               f.get("mandate_changed"), f.get("at"), tuple(f.get("implements", ()))))
    stated = [r for r in ctx.result.records if isinstance(r, OperationProfile)]  # the page kind's own figures
    for ref in sorted(figures):
        g = figures[ref]
        for profile in (p for p in stated if p.ref == ref):
            for field, value in (("international", profile.international_staff), ("national", profile.local_staff),
                                 ("total", profile.total_staff), ("budget", profile.budget)):
                if value is not None:
                    g.pop(field, None)
                    if field == "budget":
                        g.pop("currency", None)
                        g.pop("budget_year", None)
        if not g:
            continue
        if ref not in facts and ref == main and main_label is not None:
            ctx.emit(HistoryStated(ref, main_label))
        if set(g) - {"monitors"}:
            _profile(ctx, OperationProfile(ref, international_staff=g.get("international"),
                                           local_staff=g.get("national"), total_staff=g.get("total"),
                                           budget=g.get("budget"), currency=g.get("currency"),
                                           budget_year=g.get("budget_year")))
        if g.get("monitors") is not None:
            ctx.emit(HistoryStated(ref, None, monitors=g["monitors"]))




def _profile(ctx: MappingContext, found: OperationProfile) -> None:
    """One profile per operation and page: figures read from sentences fill in what the page kind's own
    profile (an operation's page) left empty, instead of a second profile beside it."""
    records = ctx.result.records
    for n, record in enumerate(records):
        if isinstance(record, OperationProfile) and record.ref == found.ref:
            filled = {f.name: getattr(found, f.name) for f in dataclasses.fields(found)
                      if getattr(record, f.name) in (None, ()) and getattr(found, f.name) not in (None, ())}
            if filled:
                records[n] = dataclasses.replace(record, **filled)
            return
    ctx.emit(found)


def _units(sentence: str, ctx: MappingContext, lang: str, main: Ref | None) -> list[tuple[int, int, Ref]]:
    """(start, end, ref) of the operations and bodies a sentence names, in order."""
    out = [(link.start, link.end, link.ref) for link in ctx.linker.find(sentence, lang, _UNIT_TYPES)
           if _unit(ctx, link.ref)]
    if main is not None and ctx.registry.get(main) is None:  # the page's own unregistered operation
        taken = [(s, e) for s, e, _ in out]
        for m in _OPERATION.finditer(sentence):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append((m.start(), m.end(), main))
    return sorted(out)


_NAME_PLACE = re.compile(r"(?:\b(?:in|to|at|à|a|en|di|im|в|во)|[Cc]heckpoints?|[Kk]ontrollposten)\s+"
                         r"(?P<places>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+(?:\s+(?:and|et|und|e|y|и)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)?)$")


def _cities_in_names(sentence: str, ctx: MappingContext, lang: str) -> list[tuple[Ref, str]]:
    """A field operation named after the city it works in ('OSCE Centre in Tashkent', 'Mission to Skopje',
    'Observer Mission at the Russian Checkpoints Gukovo and Donetsk'): the page names that city as its place.
    Only cities the place table knows count, so a region or a State in a name ('to Chechnya') is no office."""
    out = []
    for link in ctx.linker.find(sentence, lang, ["field-operation"]):
        m = _NAME_PLACE.search(link.text) if link.ref is not None else None
        if not m:
            continue
        for name in re.split(r"\s+(?:and|et|und|e|y|и)\s+", m["places"]):
            if places.known(name) is not None:
                out.append((link.ref, places.place_name(name, lang)))
    return out


def _subject(sentence: str, units: list[tuple[int, int, Ref]], last: Ref | None, main: Ref | None,
             anywhere: bool = False) -> Ref | None:
    """Who the sentence is about (see the module docstring); `anywhere`: 'the Mission' / 'the Group' need
    not open the sentence ('The authorized strength of the Group was six ...')."""
    verb = _first_verb(sentence)
    before = [u for s, e, u in units if verb is None or e <= verb]
    if before:
        return before[0]
    if anywhere and not units and main is not None:  # a page about one operation: its figures
        return last or main
    if anywhere:  # a noun phrase ('the Group'), not a pronoun, anywhere in the sentence
        found = _pronoun_phrases().search(sentence)
    else:
        found = _pronoun_opening().match(sentence)
    if found:
        return last or main
    return None


@functools.cache
def _pronoun_phrases() -> Caseless:
    """The pronoun group's phrases of more than one word ('the Group'), whole-word, any case."""
    phrases = "|".join(re.escape(w) for w in words("pronoun") if " " in w)
    return Caseless(rf"(?<![\w-])(?:{phrases})(?![\w-])")


@functools.cache
def _pronoun_opening() -> Caseless:
    """A pronoun group word opening the sentence."""
    return Caseless(rf"(?:{alternation('pronoun')})(?![\w-])")


@functools.lru_cache(maxsize=1 << 12)  # each sentence asks up to four times (`_subject`)
def _first_verb(sentence: str) -> int | None:
    hits = [m.start() for group in ("establish", "start", "close") for m in [pattern(group).search(sentence)] if m]
    return min(hits) if hits else None


def _dates_from(sentence: str, pos: int) -> list[str]:
    return [d.iso for d in find_dates(sentence[pos:], years=True)]


def _establishment(sentence: str, ctx: MappingContext, lang: str, units: list[tuple[int, int, Ref]],
                   subject: Ref | None, state, skip_dates: bool, meetings: dict[str, str]) -> None:
    m = pattern("establish").search(sentence)
    if not m:
        return
    # active voice: the unit named right after the verb ('which established the Conflict Prevention Centre',
    # 'set up the Office of ...'); passive: the sentence's subject ('It was created by ...')
    objects = [u for s, e, u in units if s >= m.end() and _OBJECT_GAP.fullmatch(sentence[m.end():s])]
    if not objects:  # 'a créé le Bureau et le poste du Représentant spécial ...': the office of that post
        window = sentence[m.end():m.end() + 200]
        for link in ctx.linker.find(window, lang, ["post"]):
            gap = window[:link.start]
            unit = ctx.linker.units.get(link.ref) if link.ref else None
            if unit is not None and _unit(ctx, unit) and _OFFICE_OF.search(gap) and len(gap.split()) <= 9:
                objects = [unit]
            break
    passive = bool(_AUX.search(sentence[:m.start()]))
    if passive:
        target = subject
    elif objects:
        target = objects[0]
    else:
        return
    if target is None:
        return
    # who or what established it: a document ('by the Charter of Paris', 'the Charter ..., which established')
    docs = documents._documents(sentence, ctx, lang)
    by_doc = None
    for doc in docs:
        if passive and doc.start >= m.end() and re.match(rf"\s*(?:{alternation('by')})\s+(?:\w+\s+){{0,2}}$",
                                                          sentence[m.end():doc.start] + " "):
            by_doc = doc
        if not passive and doc.end <= m.start() and m.start() - doc.end < 30:
            by_doc = doc
    if by_doc is not None and by_doc.ref.type == "document":
        ctx.emit(DocumentStated(by_doc.ref, by_doc.label, by_doc.issued, acts=(("establishes", target),)))
    by_body = None
    if passive:
        window = sentence[m.end():m.end() + 80]
        for link in ctx.linker.find(window, lang, ["body"]):
            if link.ref is not None and link.ref.key in documents.DECISION_BODIES.values() and re.search(
                    rf"(?<!\w){alternation('by')}\s+(?:(?:the|an?|le|la|l'|el|der|den|dem|des|il|lo)\s+)?"
                    rf"(?:(?:OSCE|OSZE|ОБСЕ|CSCE)\s+)?$", window[:link.start]):
                by_body = link.ref
                break
    state(target, "by", by_body)
    meeting = _AT_MEETING.search(sentence, m.end())
    if meeting and meeting.start() - m.end() < 60:
        name = meeting["name"].strip()
        # one meeting per page: 'the Paris Summit' after 'the Paris Summit of Heads of State ...' is that one
        known = [k for n, k in meetings.items() if n.casefold().startswith(name.casefold())]
        if known:
            key = known[0]
        else:
            years = [d.iso[:4] for d in find_dates(sentence, years=True)]
            key = event_key(name, years[0] if len(set(years)) == 1 else None)
            meetings[name] = key
            ctx.emit(Event(key, Label(name, lang), main=False, shared=True))
        state(target, "at", Ref("event", key))
    if skip_dates:
        return
    dates = _dates_from(sentence, m.end()) if passive else [d.iso for d in find_dates(sentence, years=True)]
    if passive and not dates:
        dates = [d.iso for d in find_dates(sentence[:m.start()], years=True)]
        dates = dates if len(dates) == 1 else []
    if dates and (passive or len(dates) == 1):
        state(target, "founded", dates[0])


def _start_and_close(sentence: str, units: list[tuple[int, int, Ref]], subject: Ref | None, state,
                     skip_dates: bool) -> None:
    for group, field in (("start", "started"), ("close", "closed")):
        m = pattern(group).search(sentence)
        if not m:
            continue
        target = subject
        if target is None and group == "close":
            named = [u for s, e, u in units if s >= m.end()]
            target = named[0] if named else None
        if target is None and group == "start":
            # active voice: 'In 1992, the CSCE deployed the first Missions to Kosovo, ...'
            objects = [u for s, e, u in units if s >= m.end() and _OBJECT_GAP.fullmatch(sentence[m.end():s])]
            if objects:
                dates = [d.iso for d in find_dates(sentence, years=True)]
                if len(dates) == 1:
                    state(objects[0], field, dates[0])
            continue
        if target is None or (skip_dates and field == "closed"):
            continue
        dates = _dates_from(sentence, m.end())
        if not dates and re.match(r"^(?:From|Du|De|Von|Dal|Desde|С)\b", sentence):
            dates = [d.iso for d in find_dates(sentence[:m.start()], years=True)][:1]
        if dates:
            state(target, field, dates[0])
            if group == "start":
                window = sentence[m.end():m.end() + 80]
                place = _PLACE_AFTER.search(window)
                if place and not find_dates(place["place"] + " 2000") and place["place"] not in ("the", "The"):
                    state(target, "offices", (place["place"],))


def _rename(sentence: str, ctx: MappingContext, lang: str, units: list[tuple[int, int, Ref]], state) -> None:
    m = pattern("rename").search(sentence)
    if not m:
        return
    after = [u for s, e, u in units if s >= m.end()]
    before = [u for s, e, u in units if e <= m.start()]
    renamed, field = None, "founded"  # a renamed operation is a new unit that replaces the old one
    if len(after) >= 2 and after[0] != after[1]:  # 'change the name of X to Y'
        state(after[1], "predecessor", after[0])
        renamed = after[1]
    elif before and after and before[-1] != after[0]:  # 'X was renamed Y'
        state(after[0], "predecessor", before[-1])
        renamed = after[0]
    elif not after:
        # 'the OSCE, as the CSCE was renamed from 1 January 1995': one organisation under its new name
        named = {link.ref for link in ctx.linker.find(sentence[:m.start()], lang, ["body"])
                 if link.ref is not None and sentence[:m.start()].rstrip().endswith(link.text)}
        renamed, field = (named.pop() if len(named) == 1 else None), "renamed_on"
    dates = [d.iso for d in find_dates(sentence[m.end():m.end() + 60], years=True)]
    if renamed is not None and dates and re.match(r"\s*(?:\w+\s+){0,6}?(?:from|on|as of|with effect from|in|"
                                                  r"à partir du|le|en|ab|am|zum|dal|il|nel|с|desde el|el|en)\s+\S*\d",
                                                  sentence[m.end():]):
        state(renamed, field, dates[0])


def _structure(sentence: str, units: list[tuple[int, int, Ref]], subject: Ref | None, state) -> None:
    """'X, part of the Y', 'X is one of the main departments of the Y', 'X was integrated into its structure'."""
    m = pattern("part_of").search(sentence)
    if m:
        before = [u for s, e, u in units if e <= m.start() and m.start() - e < 6]
        part = before[-1] if before else (subject if re.match(r"^\W*(?:is|est|ist|è|es|является)?\W*$",
                                                              sentence[:m.start()][-12:]) else None)
        after = [u for s, e, u in units if s >= m.end() and s - m.end() < 25]
        if part is not None and after and after[0] != part:
            state(part, "unit_of", after[0])
    m = pattern("integrated").search(sentence)
    if m:
        before = [(s, u) for s, e, u in units if e <= m.start()]
        part = before[-1][1] if before else subject  # the unit right before 'was integrated'
        if part is None:
            return
        if re.search(r"(?:its|sa|seine|ihre|sua|su)\s+(?:structure|Struktur|struttura|estructura)|структуру$",
                     m.group(0)):
            whole = [u for _, u in before if u != part]
        else:
            whole = [u for s, e, u in units if s >= m.end() and s - m.end() < 25]
        if len(set(whole)) == 1:
            state(part, "unit_of", whole[0])


def _implements(sentence: str, ctx: MappingContext, lang: str, subject: Ref | None, alias: dict[Ref, Ref],
                state) -> None:
    """'One of the Mission's key priorities is to ... support implementation of the Framework Agreement': the
    document whose implementation an operation or body supports."""
    m = pattern("implement").search(sentence)
    if not m or subject is None:
        return
    for doc in documents._documents(sentence, ctx, lang):
        if doc.start >= m.end() and re.fullmatch(r"\s*(?:the|la|le|l['’]|el|die|der|des|il|lo)?\s*(?:\w+\s+){0,1}",
                                                 sentence[m.end():doc.start]):
            state(subject, "implements", (alias.get(doc.ref, doc.ref),))
            return


def _mandate_change(sentence: str, units: list[tuple[int, int, Ref]], subject: Ref | None, state) -> None:
    """'In 2003, the mandate of the Presence was updated': when its mandate changed (an extension is a
    decision's act, not a change)."""
    mandate, changed = pattern("mandate").search(sentence), pattern("changed").search(sentence)
    if not (mandate and changed) or pattern("extend").search(sentence) or changed.start() < mandate.start():
        return
    if subject is None or subject.type != "field-operation" and not units:
        return
    dates = [d.iso for d in find_dates(sentence, years=True)]
    if len(dates) == 1:
        state(subject, "mandate_changed", dates[0])


_FROM_TO = re.compile(r"\s+(?:from|de|von|da|из|desde)\s+(?P<old>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)\s+(?:to|à|a|nach|в|in)\s+"
                      r"(?P<new>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)")


def _move(sentence: str, units: list[tuple[int, int, Ref]], subject: Ref | None, state) -> None:
    """'When the CSCE Secretariat was moved from Prague to Vienna on 1 January 1994'."""
    m = pattern("moved").search(sentence)
    if not m:
        return
    places = _FROM_TO.match(sentence, m.end())
    # German puts the verb last: 'Das Sekretariat wurde am 1. Januar 1994 von Prag nach Wien verlegt'
    late = None if places else _FROM_TO.search(sentence[:m.start()] + " ")
    if not (places or late):
        return
    verb_at = m.start() if places else late.start()
    before = [u for s, e, u in units if e <= verb_at]
    mover = before[-1] if before else subject
    if mover is None:
        return
    found = places or late
    state(mover, "moved_from", found["old"])
    state(mover, "offices", (found["new"],))
    dates = [d.iso for d in find_dates(sentence[found.end():found.end() + 40])] if places else \
        [d.iso for d in find_dates(sentence)]
    if len(dates) >= 1 and (places or len(dates) == 1):
        state(mover, "moved_on", dates[0])


_NUM = number_pattern()


def _figures(sentence: str, ref: Ref, figures: dict[Ref, dict]) -> None:
    g = figures.setdefault(ref, {})
    both = (r"(?:(?:national and international|international and national|local and international|"
            r"international and local|civilian)\s+)?")
    checks = (
        ("total", rf"(?P<n>{_NUM})\s+{both}{alternation('staff')}(?!\w)"),
        ("international", rf"(?P<n>{_NUM})\s+{alternation('international')}(?!\w)"),
        ("national", rf"(?P<n>{_NUM})\s+{alternation('national')}(?!\w)"),
        ("monitors", rf"(?P<n>{_NUM})\s+{alternation('observers')}(?!\w)"),
    )
    for field, regex in checks:
        m = re.search(regex, sentence, re.IGNORECASE)
        value = number_value(m["n"]) if m else None
        if value is not None and field not in g:
            g[field] = value
    if "budget" in g or not pattern("budget").search(sentence):
        return
    million = alternation("million")
    amount = r"(?P<a>\d{1,3}(?:[,.  ]\d{3})+|\d+(?:[.,]\d+)?)"
    m = re.search(rf"(?:€|EUR)\s?{amount}(?:\s+(?P<m>{million}))?|{amount.replace('?P<a>', '?P<b>')}\s*"
                  rf"(?P<m2>{million})?\s*(?:€|EUR\b|euros?\b|Euro\b)", sentence, re.IGNORECASE)
    if not m:
        return
    raw = m["a"] or m["b"]
    scaled = bool(m["m"] or m["m2"])
    if scaled:
        value = Decimal(raw.replace(",", ".")) * 1_000_000
    else:
        value = Decimal(re.sub(r"\D", "", raw))
    g["budget"] = str(value.quantize(Decimal(1)))
    g["currency"] = "EUR"
    year = re.search(r"(?P<y>(?:19|20)\d\d)\s+(?:Unified\s+)?[Bb]udget|budget\s+(?:for|of|pour|für|per|para)\s+"
                     r"(?P<y2>(?:19|20)\d\d)", sentence)
    if year:
        g["budget_year"] = year["y"] or year["y2"]
