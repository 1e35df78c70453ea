"""Field operation pages (current and closed, all three site generations): name, host, establishment
(date, deciding body, decision), offices, staff and budget with their 'as of' date, head, mandate, closure."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.dates import find_dates, parse_date
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import EntitySeen, FieldOperation, Label, OperationProfile, Ref
from osce_kg.registry import HOST_TYPES
from osce_kg.text import normalize_space

from .field_labels import label_name, labelled_values
from .page_document import document
from .page_parts import body, title_names_a_state_only, truncated_tail
from .people import hold, person, person_name

KIND = "field-operation"
_UNIT = lexicon.alternation("field-operation-unit")
_UNIT_IN = (rf"(?P<unit>{_UNIT})\s+(?P<prep>to|in|at|en|au|à|in der|im|nella|in|в|a|de)\s+"
            r"(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+(?:and\s+)?[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)*)")
_NAMED = re.compile(rf"(?:{lexicon.alternation('article')}\s+)?(?:OSCE\s+|OSZE\s+|ОБСЕ\s+)?{_UNIT_IN}")
# _NAMED's first match without its optional article and 'OSCE': the same unit, preposition and place (no unit
# name starts inside an article or 'OSCE'), found without trying the article words at every position
_UNIT_NAMED = re.compile(_UNIT_IN)
_ESTABLISHED = Caseless(rf"{lexicon.alternation('established')}\b(?P<rest>.{{0,160}})")
_ESTABLISHMENT_LABEL = Caseless(rf"^{lexicon.alternation('establishment-label')}\s*:\s*(?P<rest>.+)$")
_BY = re.compile(r"\b(?:by|par|durch|vom|von|da|dal|dalla|por|el)\s+"
                 r"(?:the\s+|le\s+|la\s+|den\s+|il\s+|del\s+)?"
                 r"(?:OSCE\s+|CSCE\s+)?(?P<body>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[\w'’-]+){0,6})")
_OF_BODY = re.compile(rf"{lexicon.alternation('meeting-of')}\s+of\s+the\s+"
                      r"(?P<body>[A-Z][\w ]+?)\s*,", re.I)
_DECISION = re.compile(r"\b(?P<code>(?:PC|MC|CSO|FSC)\.DEC/\d+(?:/Corr\.\d+)?)")
_DECISION_NO = Caseless(r"Permanent Council,?\s+in\s+its\s+Decision\s+No\.?\s*(?P<n>\d+)")
_CLOSED = Caseless(rf"{lexicon.alternation('closure')}\b[^.]{{0,80}}")
_OFFICES = Caseless(rf"{lexicon.alternation('offices')}\b[^.]*?\bin\s+(?:the\s+)?"
                      r"(?:capital\s+)?(?P<places>[A-ZÀ-ÖØ-ÞА-ЯЁ][^.;:]*)")
# "13 international and 28 local", "13 internationaux et 28 locaux", "13 internationale und 28 lokale" ...
_STAFF = Caseless(r"(?P<intl>\d+)\s+(?:members of staff\s+|membres du personnel\s+)?"
                    rf"{lexicon.alternation('staff-international')}\s+(?:and|et|und|e|y|и)\s+"
                    rf"(?P<local>\d+)\s+{lexicon.alternation('staff-local')}")
_PLACE = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)?")
_AS_OF = Caseless(rf"\({lexicon.alternation('as-of')}\s+(?P<date>[^)]+)\)")
_AMOUNT = r"\d{1,3}(?:[,.\s]\d{3})+|\d+"
_MONEY = re.compile(rf"(?:€|EUR\s?)\s?(?P<a>{_AMOUNT})|(?P<b>{_AMOUNT})\s?(?:€|EUR|euros?)")
_BUDGET_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)\s+(?:Unified\s+)?[Bb]udget|"
                          r"budget\s+(?:for|of|pour|für|per|para)\s+(?P<y2>(?:19|20)\d\d)")
_HEAD = re.compile(r"(?:last|current|new)?\s*Head of (?:the )?[^.]*?\s+(?:was|is)\s+(?P<name>.+?)(?:[.,;]|$)")


def operation(page: Page, ctx: MappingContext) -> tuple[Ref | None, str | None]:
    """The operation the page is about: a registry field operation named in the title or first blocks, else
    one named by its shape ('OSCE Mission to Y'), keyed by slug."""
    texts = [page.title or ""] + [b.text for b in page.blocks[:8]]
    for text in texts:
        for link in ctx.linker.find(text):
            if link.ref is not None and link.ref.type == "field-operation":
                return link.ref, link.text
    for text in texts:
        m = _UNIT_NAMED.search(text)
        if m and m["unit"] not in ("Office",):
            name = f"OSCE {m['unit']} {m['prep']} {m['place']}"
            return Ref("field-operation", key_from_name(re.sub(r"^OSCE\s+", "", name))), name
    return None, None


def recognise(page: Page, ctx: MappingContext) -> float:
    ref, _ = operation(page, ctx)
    if ref is None or title_names_a_state_only(page, ctx, {"field-operation"}):
        return 0.0
    text = page.text
    score = 0.5
    labels = labelled_values(page, None, {"offices", "staff", "budget", "mandate", "leadership"})
    score += 0.1 * min(len(labels), 3)
    if _ESTABLISHED.search(text) or _ESTABLISHMENT_LABEL.search(text):
        score += 0.15
    if _DECISION.search(text) or _CLOSED.search(text):
        score += 0.05
    return min(score, 0.9)


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def map_page(page: Page, ctx: MappingContext) -> None:
    ref, name = operation(page, ctx)
    lang = page.language or "en"
    if ref is None:
        ctx.warn("no-operation", "field operation page names no operation")
        ctx.emit(document(page, ctx, KIND))
        return
    if ctx.registry.get(ref) is None and name:
        ctx.emit(EntitySeen(ref, Label(name, lang), "field-operation"))
    # Only what the page states: the registry's host, status and dates stay in the registry's graph.
    texts = own_blocks(page, ctx, ref)
    text = "\n".join(texts)
    established, by, decision = _establishment(ctx, texts)
    closed = None
    for t in texts:
        m = _CLOSED.search(t)
        if m:
            closed = parse_date(m.group(0))
            if closed:
                break
    known = ctx.registry.get(ref)
    host = host_named(ctx, name or "", known) or _only_state(ctx, texts, known)
    said_closed = closed or any(_CLOSED_MARK.search(t) for t in [page.title or "", name or ""])
    ctx.emit(FieldOperation(ref, host=host, status="closed" if said_closed else None, established=established,
                            closed=closed, established_by=by, decision=decision))
    ctx.emit(_profile(page, ctx, ref, texts, text, lang))
    _head(page, ctx, texts, lang, ref)
    ctx.emit(document(page, ctx, KIND, about=(ref,)))




_CLOSED_MARK = Caseless(rf"\({lexicon.alternation('closed-mark')}\)")


def host_named(ctx: MappingContext, name: str, known=None) -> Ref | None:
    """The State or territory an operation's name as written names ('Mission to Moldova' -> Moldova,
    'Бюро ОБСЕ в Таджикистане' -> Tajikistan); None when the name names none ('Centre in Tashkent').

    `known` is the registry's entity for the operation: when it names another host, the name is not
    taken as saying where the operation worked ('Missions of Long Duration in Kosovo, Sandjak and
    Vojvodina' names one of three regions; the registry's host is the State they were in)."""
    hosts = {link.ref for link in ctx.linker.find(name, types=HOST_TYPES) if link.ref is not None}
    if len(hosts) != 1:
        return None
    return _agreeing(hosts.pop(), known)


def _only_state(ctx: MappingContext, texts: list[str], known=None) -> Ref | None:
    """On an operation's own page whose name names no State ('Assistance Group to Chechnya', 'Centre in
    Tashkent'), the one State or territory its text names, if it names exactly one, is where it works.

    That is a guess from what the page mentions, not something it states: when the registry knows the
    operation's host and the guess is another place, the guess is dropped (a page about the Assistance
    Group to Chechnya that happens to name Afghanistan does not say it worked there)."""
    found = {link.ref for t in texts for link in ctx.linker.find(t, types=HOST_TYPES) if link.ref is not None}
    if len(found) != 1:
        return None
    return _agreeing(found.pop(), known)


def _agreeing(host: Ref, known) -> Ref | None:
    """`host`, unless the registry's entity for the operation names another host."""
    registry_host = getattr(known, "host", None)
    return None if registry_host is not None and registry_host != host else host


def own_blocks(page: Page, ctx: MappingContext, ref: Ref) -> list[str]:
    """The blocks that speak about the operation `ref`: on a page that presents several operations (an
    overview), a block that opens by naming another operation, or is its name alone, starts that
    operation's part, which runs until one opens by naming `ref` again."""
    owner: Ref | None = None
    own: list[str] = []
    for block in page.blocks:
        opener = _opening_operation(ctx, block.text)
        if opener is not None:
            owner = opener
        if owner in (None, ref):
            own.append(block.text)
    return own


_OPENING_ARTICLE = re.compile(r"^(?:(?:the|la|le|l['’]|die|der|das|il|lo|el)\s*)?$", re.I)


def _opening_operation(ctx: MappingContext, text: str) -> Ref | None:
    for link in ctx.linker.find(text[:200], types=["field-operation"]):
        if link.ref is not None and _OPENING_ARTICLE.match(text[:link.start].strip()):
            return link.ref
        break
    m = _NAMED.match(text)
    if m and m["unit"] != "Office":
        return Ref("field-operation", key_from_name(f"{m['unit']} {m['prep']} {m['place']}"))
    return None


def _establishment(ctx: MappingContext, texts: list[str]) -> tuple[str | None, Ref | None, str | None]:
    established = by = decision = None
    for t in texts:
        label = _ESTABLISHMENT_LABEL.match(t)
        m = label or _ESTABLISHED.search(t)
        if not m:
            continue
        # the whole statement: German puts the verb last ('wurde 1993 vom ... eingerichtet')
        rest = m["rest"] if label else t
        found = find_dates(rest, years=True)
        if not found:
            continue
        established = established or found[0].iso
        for pattern in (_OF_BODY, _BY):
            for b in pattern.finditer(rest):
                words = b["body"].split()
                # 'Comité des hauts fonctionnaires': the longest run of words that names a body
                for n in range(len(words), 0, -1):
                    by = by or body(ctx, " ".join(words[:n]))
        code = _DECISION.search(rest)
        if code and decision is None:
            decision = code["code"]
        if by is not None:
            break
    if decision is None:
        for t in texts:
            m = _DECISION_NO.search(t)
            if m:
                decision = f"PC.DEC/{m['n']}"
                break
    return established, by, decision


def _without_operation_names(ctx: MappingContext, text: str) -> str:
    """The text with operations' names blanked out: 'OSCE Office in Tajikistan' or 'Programme Office in
    Dushanbe' is a name, not a statement that the operation has an office there."""
    spans = [(link.start, link.end) for link in ctx.linker.find(text, types=["field-operation"])]
    spans += [m.span() for m in _NAMED.finditer(text)]
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _profile(page: Page, ctx: MappingContext, ref: Ref, texts: list[str], text: str, lang: str) -> OperationProfile:
    offices: list[str] = []
    for t in texts:
        m = _OFFICES.search(_without_operation_names(ctx, t))
        if m:
            for place in re.split(r",?\s+with offices in\s+|,\s*|\s+(?:and|et|und|e|y|и)\s+", m["places"]):
                place = normalize_space(place).strip(" .")
                if _PLACE.fullmatch(place) and place not in offices:
                    offices.append(place)
            if offices:
                break
    intl = local = total = None
    as_of = None
    for t in texts:
        m = _STAFF.search(t)
        if m:
            intl, local = _number(m["intl"]), _number(m["local"])
            total = intl + local
            a = _AS_OF.search(t)
            as_of = parse_date(a["date"]) if a else None
            break
    budget = currency = budget_year = None
    values = labelled_values(page, ctx, {"budget", "staff", "offices", "leadership", "mandate"})
    budget_texts = [t for t in texts if re.search(lexicon.alternation("label.budget"), t, re.I)]
    for t in [values.get("budget", "")] + budget_texts:
        m = _MONEY.search(t)
        if m:
            budget = str(_number(m["a"] or m["b"]))
            currency = "EUR"
            stated = [b for b in budget_texts if m.group(0).strip() in b] or [t]
            y = _BUDGET_YEAR.search(stated[0])
            budget_year = (y["year"] or y["y2"]) if y else None
            break
    mandate = None
    heading = next((i for i, t in enumerate(texts) if label_name(t) == "mandate"), None)
    if heading is not None:  # the first paragraph under 'History and mandate' / 'Tasks'
        mandate = next((Label(t, lang) for t in texts[heading + 1:] if len(t) > 80), None)
    for t in texts if mandate is None else []:
        if re.search(lexicon.alternation("mandate-word"), t, re.I) and len(t) > 80:
            mandate = Label(t, lang)
            break
    head_post = None
    if values.get("leadership") and re.search(r"\bHead\b|Chef|Leiter|Capo|Глава|Jefe", values["leadership"]):
        from .people import post

        head_post, _ = post(ctx, values["leadership"], lang)
    if truncated_tail(page, texts[-1] if texts else "") and mandate is not None and mandate.text == texts[-1]:
        ctx.warn("truncated-value", "the mandate text stops where the page is cut off")
    return OperationProfile(ref, tuple(offices), intl, local, total, as_of, budget, currency, budget_year, mandate,
                            head_post)


def _head(page: Page, ctx: MappingContext, texts: list[str], lang: str, ref: Ref) -> None:
    for t in texts:
        m = _HEAD.search(t)
        if not m:
            continue
        name = person_name(m["name"])
        if name is None:
            continue
        if page.truncated and t is texts[-1] and t.rstrip().endswith(m["name"].rstrip()):
            ctx.warn("truncated-value", f"head of operation {m['name']!r} is cut off by the end of the page; dropped")
            continue
        person_ref = person(ctx, name)
        hold(ctx, person_ref, re.sub(r"\s+(?:was|is)\s+.*$", "", m.group(0)).strip(), lang,
             current="current" in m.group(0).lower())
