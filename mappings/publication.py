"""Publication and document pages: title, date, language, publisher, document type."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.caseless import Caseless
from osce_kg.context import MappingContext
from osce_kg.dates import parse_date
from osce_kg.page import Page
from osce_kg.records import Label, Publication, Ref

from .field_labels import labelled_values
from .page_document import document
from .page_parts import body

KIND = "publication"
# The disclaimers and notes publication pages carry, in the six languages.
_DISCLAIMER = Caseless(lexicon.alternation("publication-disclaimer"))
# type -> the words of its title, in the lexicon's order (the first type that matches wins)
_TYPES = {c.removeprefix("publication-type."): lexicon.alternation(c) for c in lexicon.names("publication-type.")}
_AUTHOR = re.compile(r"(?:^|\s)(?P<who>(?:the\s+|le\s+|la\s+|l'|das\s+|der\s+|il\s+|el\s+)?"
                     r"(?:Office|Bureau|Büro|Ufficio|Бюро|Oficina|High Commissioner|Haut-Commissaire|"
                     r"Hohe Kommissar|Alto Commissario|Alto Comisionado|"
                     r"Representative|Représentant|Beauftragte|Rappresentante|Representante|Secretariat|Secrétariat|"
                     r"Sekretariat|Segretariato|Секретариат|Secretaría|ODIHR|BIDDH|HCNM)[^,.;:]{0,160}?)\s+"
                     r"(?:has\s+|a\s+|hat\s+|ha\s+)?"
                     r"(?:developed|produced|published|prepared|élaboré|produit|publié|préparé|erarbeitet|entwickelt|"
                     r"veröffentlicht|elaborato|pubblicato|preparato|подготовил\w*|разработал\w*|опубликовал\w*|"
                     r"elaborado|elaboró|publicado|publicó|preparado)", re.I)


def doc_type(title: str) -> str | None:
    for name, pattern in _TYPES.items():
        if re.search(pattern, title, re.I):
            return name
    return None


def recognise(page: Page, ctx: MappingContext) -> float:
    text = page.text
    score = 0.0
    if _DISCLAIMER.search(text):
        score += 0.6
    if labelled_values(page, None, {"type", "published", "publisher"}):
        score += 0.3
    if page.title and doc_type(page.title) and score:
        score += 0.1
    return min(score, 0.85)


def publisher(page: Page, ctx: MappingContext, value: str | None) -> Ref | None:
    candidates = [value] if value else []
    for block in page.blocks:
        m = _AUTHOR.search(block.text)
        if m:
            candidates.append(m["who"])
    for candidate in candidates:
        ref = body(ctx, candidate)
        if ref is None:
            links = [lk.ref for lk in ctx.linker.find(candidate) if lk.ref is not None and lk.ref.type == "body"]
            ref = links[0] if links else None
        if ref is not None:
            return ref
    return None


def map_page(page: Page, ctx: MappingContext) -> None:
    values = labelled_values(page, ctx, {"type", "published", "publisher"})
    lang = page.language
    title = page.title
    if not title or not lang:
        ctx.warn("no-title", "publication page has no title or no language")
        ctx.emit(document(page, ctx, KIND))
        return
    date = parse_date(values["published"]) if values.get("published") else None
    kind = doc_type(values.get("type", "")) or (values.get("type") or "").strip().lower() or doc_type(title)
    ctx.emit(Publication(Label(title, lang), date, lang, publisher(page, ctx, values.get("publisher")), kind or None))
    ctx.emit(document(page, ctx, KIND))
