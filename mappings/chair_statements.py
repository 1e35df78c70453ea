"""Chairpersonship statements, shared by press releases and the chairpersonship page: which State holds the
Chairpersonship in which year, the Chairperson-in-Office's name, the Troika."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.records import Chairpersonship, Ref, Troika

from .people import NAME, country, hold, person, person_name

_HOLD_POSITION = re.compile(rf"(?P<name>{NAME})\s+will\s+(?:hold|take up|assume)\s+the\s+"
                            rf"(?:position|post|office)\s+of\s+"
                            rf"(?P<post>[\w-]+(?:\s+[\w-]+){{0,6}})")


_STATE = r"(?P<state>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+(?:of\s+|and\s+)?[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+){0,3})"
_CHAIR_WORD = rf"(?:{lexicon.alternation('chairpersonship')}|Chair)"  # 'the OSCE Chair' too
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


_CHAIR_ANY = re.compile(lexicon.alternation("chairpersonship"), re.I)
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
