"""Press releases and news items: a dateline ('VIENNA, 3 January 2001 -', 'ВЕНА, 7 июля 2017 года -'),
the issuing body, people with their posts, and the Chairpersonships the text states."""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import Dateline as FoundDateline
from osce_kg.dates import date_line, parse_dateline
from osce_kg.page import Page
from osce_kg.records import Dateline

from .chair_statements import chairpersonships
from .events_text import text_events
from .page_document import document
from .page_parts import body, url_path

KIND = "press-release"
_NEWS_CHROME = re.compile(rf"^{lexicon.alternation('news-section')}$", re.I)
_NEWS_URL = re.compile(r"(^|/)(news|press|pr|newsroom|stories)(/|$)")


def dateline(page: Page):
    """The release's own date and place: a dateline ('VIENNA, 3 January 2001 -') in the page's head (the
    blocks up to and including the first prose paragraph), else a stand-alone date line there ('6 июня 2014
    года' on a line of its own). Dates in the body are events', never the page's."""
    line = None
    for block in page.blocks[:10]:
        found = parse_dateline(block.text)
        if found:
            return found
        single = date_line(block.text)
        if line is None and single is not None and single.end is None:
            line = FoundDateline(None, single.start, "")
        if len(block.text) > 150 and block.text.rstrip().endswith((".", "!", "?")):
            break  # the first prose paragraph ends the page's head
    return line


def recognise(page: Page, ctx: MappingContext) -> float:
    score = 0.0
    # one dateline (or date line) in the page's head; teasers each with their own date make a listing
    # (a release may print its dateline twice: distinct dates are what count). The blocks are read only on a
    # page with a dateline: most pages have none
    if (dateline(page) and len({d.date for d in (parse_dateline(b.text) for b in page.blocks) if d}) < 2
            and len({d.start for d in (date_line(b.text) for b in page.blocks) if d}) < 2):
        score = 0.8
    if any(_NEWS_CHROME.match(c) for c in page.chrome):
        score += 0.1
    if _NEWS_URL.search(url_path(page)):
        score += 0.05
    return score if score >= 0.8 else 0.0


# URL segments that abbreviate a body's name
_URL_NAMES = {"cio": "Chairpersonship", "sg": "Secretariat", "pa": "Parliamentary Assembly", "fom": "RFoM"}


def issuer(page: Page, ctx: MappingContext):
    """The issuing body: named in the URL's first path segment (/odihr/..., /hcnm/...) or the page host."""
    url = page.url or ""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1]
    candidates = [host.split(".")[0]] if host.count(".") >= 2 else []
    segments = url_path(page).split("/")[:2]
    candidates += [p for p in segments if len(p) > 2 and p not in ("en", "fr", "de", "it", "ru", "es")]
    for candidate in candidates:
        ref = body(ctx, _URL_NAMES.get(candidate, candidate))
        if ref is not None:
            return ref
    return None


def map_page(page: Page, ctx: MappingContext) -> None:
    found = dateline(page)
    if found is None:
        ctx.warn("no-dateline", "press release without a dateline (place and date)")
        date, place = None, None
    else:
        date, place = found.date, found.place
    ctx.emit(Dateline(date, place, issuer(page, ctx)))
    chairpersonships(page, ctx, int(date[:4]) if date else None)
    text_events([b.text for b in page.blocks], ctx, page.language or "en", int(date[:4]) if date else None,
                1 if page.title else 0, today=date)
    ctx.emit(document(page, ctx, KIND))
