"""Speeches and statements: a page whose title opens with 'Statement by', 'Discours de', 'Rede von',
'Выступление'... (the lexicon's speech-title concepts) and that carries no press-release dateline. The
page publishes the text as an osce:Publication with its document type (statement or speech), its date (a
'Published' label or a stand-alone date line in the page's head) and its language; the speaker and their post
are read from the title and text by the people extractor, as on every page."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import date_line, parse_date, parse_dateline
from osce_kg.page import Page
from osce_kg.records import Label, Publication

from .field_labels import labelled_values
from .page_document import document

KIND = "speech"
# document type -> a title opening with its words
_TITLES = [(c.removeprefix("speech-title."), re.compile(rf"^\s*{lexicon.alternation(c)}(?![\w-])", re.I))
           for c in lexicon.names("speech-title.")]
_HEAD = 6  # blocks that make the page's head: a dateline further down is a quoted release's


def speech_type(title: str) -> str | None:
    """'statement' or 'speech' for a title that opens a statement or a speech, else None."""
    return next((kind for kind, pattern in _TITLES if pattern.match(title)), None)


def recognise(page: Page, ctx: MappingContext) -> float:
    if not page.title or speech_type(page.title) is None:
        return 0.0
    # a press release ('VIENNA, 3 May 2019 - The OSCE Chair issued a statement...') keeps its kind
    if any(parse_dateline(b.text) for b in page.blocks[:_HEAD]):
        return 0.0
    # above a press release's stand-alone date line (0.8) with its evidence; a newsroom page's chrome and URL
    # still make it a press release
    return 1.0


def _date(page: Page, ctx: MappingContext) -> str | None:
    values = labelled_values(page, ctx, {"published"})
    if values.get("published"):
        return parse_date(values["published"])
    for block in page.blocks[:_HEAD]:
        span = date_line(block.text)
        if span is not None and span.end is None:
            return span.start
    return None


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language
    kind = speech_type(page.title or "")
    if page.title and lang and kind:
        ctx.emit(Publication(Label(page.title, lang), _date(page, ctx), lang, None, kind))
    ctx.emit(document(page, ctx, KIND))
