"""Biography (leadership) pages: the person and the posts held, with dates ('took up office on 4 December
2020', 'From 2017 to 2020 she served as ...', 'a été nommée ... le 3 décembre 2020')."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import find_dates
from osce_kg.page import Page

from .page_document import document
from .people import hold, person, person_name

KIND = "biography"
_BIO = re.compile(r"\b(born|née?|geboren|nat[oa]|родил\w*|naci[óo]|took up (?:her|his) (?:duties|post|office)|"
                  r"was appointed|has been|a été nommée?|wurde\b.*\bernannt|è stat[oa] nominat[oa]|"
                  r"назначен\w*|fue nombrad[oa]|assumed office|prior to|previously|auparavant|zuvor|in precedenza|"
                  r"ранее|anteriormente)\b", re.I)
_POST = (r"(?P<post>(?:(?:First\s+)?(?:Deputy\s+)?(?:Secretary General|High Commissioner|Director|Head|Representative|"
         r"Special Representative|Co-ordinator|Chairperson-in-Office|Secrétaire générale?|Haut-Commissaire|Directeur|"
         r"Directrice|Cheffe?|Représentante?|Generalsekretär(?:in)?|Hohe[rn]? Kommissar(?:in)?|Direktor(?:in)?|"
         r"Leiter(?:in)?|Segretari[oa] Generale|Alto Commissario|Direttore|Direttrice|Генеральн\w+ секретар\w+|"
         r"Верховн\w+ комиссар\w*|Директор\w*|Глав\w+|Secretari[oa] General|Alt[oa] Comisionad[oa]|Director[a]?|"
         r"Jef[ea])\b[^,.;()]{0,90}?))")
_POST_TO_END = _POST.replace("{0,90}?", "{0,90}")  # German: the post ends the sentence ('seit 2024 Direktorin ...')
_SENTENCES = [
    re.compile(rf"(?:took up (?:her|his|the) (?:duties|post|office) as|was appointed|assumed office as|became)\s+"
               rf"(?:the\s+)?{_POST}\s+(?:on|in)\s+(?P<start>[^,.;]+)", re.I),
    re.compile(rf"(?:From|Between)\s+(?P<start>[^,]+?)\s+(?:to|and|until)\s+(?P<end>[^,]+?),\s+(?:she|he)\s+"
               rf"(?:served|was|worked)\s+as\s+(?:the\s+)?{_POST}", re.I),
    re.compile(rf"a été nommée?\s+{_POST}\s+(?:le|en)\s+(?P<start>[^,.;]+)", re.I),
    re.compile(rf"(?:ist seit|seit)\s+(?:dem\s+)?(?P<start>[^,.;]+?)\s+{_POST_TO_END}", re.I),
    re.compile(rf"(?:è|e)\s+(?:stat[oa]\s+)?nominat[oa]\s+{_POST}\s+(?:il|nel)\s+(?P<start>[^,.;]+)", re.I),
    re.compile(rf"(?:fue nombrad[oa]|asumió el cargo de)\s+{_POST}\s+(?:el|en)\s+(?P<start>[^,.;]+)", re.I),
    re.compile(rf"назначен\w*\s+(?:на должность\s+)?{_POST}\s+(?P<start>[^,.;]+)", re.I),
]


def subject(page: Page) -> str | None:
    """The person a biography is about: its title, when the title is a name."""
    return person_name(page.title or "")


def recognise(page: Page, ctx: MappingContext) -> float:
    if subject(page) is None:
        return 0.0
    hits = sum(1 for b in page.blocks if _BIO.search(b.text))
    return 0.75 if hits else 0.0


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or "en"
    name = subject(page)
    if name is None:
        ctx.warn("no-person", "biography page whose title is not a person's name")
        ctx.emit(document(page, ctx, KIND))
        return
    ref = person(ctx, name)
    held = 0
    for block in page.blocks:
        for pattern in _SENTENCES:
            for m in pattern.finditer(block.text):
                starts = find_dates(m["start"], years=True)
                ends = find_dates(m.groupdict().get("end") or "", years=True)
                hold(ctx, ref, m["post"].strip(), lang, starts[0].iso if starts else None,
                     ends[0].iso if ends else None)
                held += 1
    if not held:
        ctx.warn("no-posts", f"no dated post found for {name!r}")
    ctx.emit(document(page, ctx, KIND))
