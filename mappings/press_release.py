"""Press releases and news items: a dateline ('VIENNA, 3 January 2001 -', 'ВЕНА, 7 июля 2017 года -'),
the issuing body, people with their posts, and the Chairpersonships the text states."""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import parse_dateline
from osce_kg.page import Page
from osce_kg.records import Dateline

from .common import body, chairpersonships, document, people_in_text, url_path

KIND = "press-release"
_NEWS_CHROME = re.compile(r"^(newsroom|news|press releases?|communiqués?|pressemitteilung\w*|comunicat\w*|"
                          r"пресс-релиз\w*|comunicados?|actualités|nachrichten|notizie|новости|noticias)$", re.I)
_NEWS_URL = re.compile(r"(^|/)(news|press|pr|newsroom|stories)(/|$)")


def dateline(page: Page):
    # new-design pages print 'Date: / Place: / Source: / Fields of work:' labels before the text
    for block in page.blocks[:10]:
        found = parse_dateline(block.text)
        if found:
            return found
    return None


def recognise(page: Page, ctx: MappingContext) -> float:
    score = 0.0
    if dateline(page):
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
    people_in_text(page, ctx)
    chairpersonships(page, ctx, int(date[:4]) if date else None)
    ctx.emit(document(page, ctx, KIND))
