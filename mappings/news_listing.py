"""Listing pages (news, press releases, reports, other resources): a sequence of teasers, each an item node.

A teaser is a title followed by its fields ('Publishing date:', 'Content type:', 'Where we are:', 'What we do:'
in the six languages, see listing_labels) and often a short summary; older listings give a headline and a
date line, or 'date - headline' lines. Every fact of a teaser stays on its own item: places, dates and
entities are read from that teaser's lines only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import find_dates, parse_dateline, parse_span, starts_with_date
from osce_kg.page import Block, Page
from osce_kg.records import OSCE, EntitySeen, ExtractedPost, Label, ListedItem, Person, PostHolding, Ref
from osce_kg.text import normalize_space

from .listing_labels import CLOSED, MORE, STRUCTURE_WORDS, content_type_line, field_line, label_prefix
from .page_document import document
from .people import people_in_text, person_name

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

KIND = "news-listing"
T = TypeVar("T")

# what a 'Where we are' value may name in the registry
_WHERE_TYPES = ("field-operation", "body", "country", "territory")
# words of an OSCE structure's name: such a value is not a city even when the registry does not know it
_BODY_WORDS = re.compile(r"\b(?:" + "|".join(STRUCTURE_WORDS) + r")\b", re.IGNORECASE)
# 'of the OSCE' inside a structure's name ('Missione dell'OSCE in Montenegro' = 'Missione in Montenegro')
_ORG_OF = re.compile(r"\s+(?:of the OSCE|de l['’]OSCE|de la OSCE|dell['’]OSCE|der OSZE|ОБСЕ)(?=\s|$)")
# a source credit between a dateline's date and its dash: 'MITROVO POLJE, 19 October 2001 (OSCE)- ...'
_CREDIT = re.compile(r"^(.{3,60}?\d{4}(?:\s*(?:года|г\.))?)\s*\((?:OSCE|OSZE|ОБСЕ|OSCE/[^)]*)\)\s*(?=[-–—:])")
_NUMERIC = re.compile(r"(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)")
# characters of text a listing may show before its first teaser (a one- or two-sentence description)
_INTRO = 400
_MD_LINK = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>https?://[^)\s]+|/[^)\s]*)\)$")


@dataclass
class Teaser:
    title: str
    url: str | None = None
    date: str | None = None
    content_type: str | None = None
    where: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    fields: int = 0  # labelled lines seen
    blocks: int = 1  # blocks of the page this teaser takes
    start: int = 0  # index of its first block


def _numeric(text: str) -> str | None:
    """'26.04.2015' or '26/04/2015' (day first, as the site writes numeric dates in every language)."""
    m = _NUMERIC.fullmatch(text.strip(" ."))
    if not m:
        return None
    day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    found = find_dates(f"{year:04d}-{month:02d}-{day:02d}") if 1 <= month <= 12 else []
    return found[0].iso if found else None


def _full_date(text: str) -> str | None:
    numeric = _numeric(text)
    if numeric:
        return numeric
    start, _ = parse_span(text)
    if start and len(start) == 10:
        return start
    found = [d for d in find_dates(text) if len(d.iso) == 10]
    return found[0].iso if found else None


def _date_only(text: str) -> str | None:
    """The date when the line is nothing but a full date ('26 April 2015', '26.04.2015')."""
    numeric = _numeric(text)
    if numeric:
        return numeric
    if not starts_with_date(text):  # most lines: skip scanning the whole line for dates
        return None
    dates = find_dates(text)
    if dates and dates[0].start == 0 and dates[0].end >= len(text.rstrip(" .")) - 1 and len(dates[0].iso) == 10:
        return dates[0].iso
    return None


def _split(value: str) -> list[str]:
    return [v.strip(" .") for v in re.split(r"\s*[,;]\s*", value) if v.strip(" .")]


def _dated(blocks: list[Block]) -> bool:
    """A date field with its date ('Publishing date: 12 March 2019', or the label and the date in two
    blocks) or a line that is only a date."""
    texts = [b.text for b in blocks]
    for j, text in enumerate(texts):
        line = field_line(text)
        if line is not None and line[0] == "date":
            value = line[1] or (texts[j + 1] if j + 1 < len(texts) else "")
            if _full_date(value):
                return True
        elif _date_only(text):
            return True
    return False


def _headline(text: str) -> bool:
    """Could be a teaser's title: short, not a sentence with its full stop, not a dateline's lead."""
    stripped = text.rstrip()
    if len(stripped) > 300 or (stripped.endswith((".", "…")) and not stripped.endswith("...")):
        return False
    return _dateline(stripped) is None


def _fields_of(text: str) -> list[tuple[str, str]] | None:
    """The (field, value) pairs of a teaser line: 'Label: value', a bare label, or a content type alone or
    beside a date ('Press release | 26 April 2015'); None for any other line."""
    line = field_line(text)
    if line is not None:
        return [line]
    typed = content_type_line(text)
    if typed is None:
        return None
    kind, rest = typed
    if rest and not _full_date(rest):
        return None
    return [("type", kind)] + ([("date", rest)] if rest else [])


def teasers(page: Page) -> list[Teaser]:
    """The teasers of a listing page, in page order. A dump with no heading of its own has the first teaser's
    title as the page title: it is the first teaser when its fields lead straight into the next teaser."""
    found = _teasers(page, page.blocks)
    if page.title and page.blocks and (_fields_of(page.blocks[0].text) or _date_only(page.blocks[0].text)):
        with_title = _teasers(page, [Block("heading", page.title)] + page.blocks)
        if len(with_title) >= 2 and with_title[0].start == 0 and with_title[1].start == with_title[0].blocks:
            for teaser in with_title:
                teaser.start -= 1  # positions in page.blocks
            return with_title
    return found


def _teasers(page: Page, blocks: list[Block]) -> list[Teaser]:
    texts = [b.text for b in blocks]
    n = len(texts)

    def opens_fields(j: int) -> bool:
        """Block j is a teaser's field or date line (or, at the end of a cut-off dump, a cut-off label)."""
        if j >= n:
            return False
        if _fields_of(texts[j]) or _date_only(texts[j]):
            return True
        return j == n - 1 and page.truncated and page.source.format == "text" and label_prefix(texts[j])

    found: list[Teaser] = []
    current: Teaser | None = None
    pending: tuple[str, int] | None = None
    i = 0
    while i < n:
        text = texts[i]
        lines = _fields_of(text)
        if lines is not None:
            taken = 1
            if len(lines) == 1 and not lines[0][1] and i + 1 < n and not _fields_of(texts[i + 1]):
                lines, taken = [(lines[0][0], texts[i + 1])], 2  # HTML: the label and its value in two elements
            if current is not None and any(value for _, value in lines):
                current.fields += 1
                current.blocks += taken
                cut = i + taken >= n and page.truncated and page.source.format == "text"
                for kind, value in lines:
                    _set(current, kind, value, cut)
            i += taken
            continue
        if normalize_space(text).strip(" .…›»>").casefold() in MORE:
            if current is not None:
                current.blocks += 1
            i += 1
            continue
        date = _date_only(text)
        if date is not None:
            if current is not None and current.date is None and current.summary is None:
                current.date = date
                current.fields += 1
                current.blocks += 1
            else:
                pending = (date, i)  # a date printed above its headline
            i += 1
            continue
        if (pending is not None and pending[1] == i - 1 and not opens_fields(i + 1) and _headline(text)
                and blocks[i].kind != "item"):
            current = _new(text, blocks[i].href)
            current.date, current.fields, current.start, current.blocks = pending[0], 1, i - 1, 2
            found.append(current)
        elif opens_fields(i + 1) and _headline(text) and blocks[i].kind != "item":  # list items: filters, menus
            current = _new(text, blocks[i].href)
            current.start = i
            found.append(current)
        elif (len(text) <= 200 and not text.rstrip().endswith((".", "…")) and starts_with_date(text)
              and (dates := find_dates(text)) and dates[0].start == 0 and len(text) - dates[0].end > 10
              and len(dates[0].iso) == 10):
            # the cheap tests first: every page's blocks pass here while the pages are classified, and a
            # block's dates are sought only when one could start it
            # '21 November 2012 - Mongolia becomes ...'
            current = _new(text[dates[0].end:].strip(" -–—|:"), None)
            current.date, current.fields, current.start = dates[0].iso, 1, i
            found.append(current)
        elif current is not None and current.fields and current.summary is None:
            current.summary = text
            current.blocks += 1
        else:
            current = None if current is not None and current.summary is not None else current
        i += 1
    for teaser in found:
        line = _dateline(teaser.summary) if teaser.summary and teaser.date is None else None
        if line is not None:
            teaser.date = line.date  # no date field: the date of its own summary's dateline
    return [t for t in found if t.title]


def _set(teaser: Teaser, kind: str, value: str, cut: bool) -> None:
    """Record one field of a teaser; `cut`: the dump stops inside this line, so its last value may be cut."""
    if not value:
        return
    if kind == "date" and teaser.date is None:
        teaser.date = _full_date(value)
    elif kind == "type" and teaser.content_type is None:
        teaser.content_type = value
    elif kind in ("where", "topics"):
        values = _split(value)
        (teaser.where if kind == "where" else teaser.topics).extend(values[:-1] if cut else values)


def _new(title: str, href: str | None) -> Teaser:
    link = _MD_LINK.match(title)
    if link:
        return Teaser(link["text"].strip(), url=link["url"])
    return Teaser(title.strip(), url=href)


def _newest_first(dates: list[str]) -> bool:
    return sum(1 for a, b in zip(dates, dates[1:], strict=False) if a >= b) >= (len(dates) - 1) / 2


def recognise(page: Page, ctx: MappingContext) -> float:
    """Repeated title + labelled-fields teasers make a listing; so do three or more headline + date pairs
    that run newest first. One article with a metadata block is a single teaser at most; teasers must make
    up at least half of the page's blocks, and what comes before the first one is a short introduction, not
    an article's text with 'related news' after it. Both scores are above a press release's best (0.95)."""
    found = teasers(page)
    covered = sum(t.blocks for t in found)
    if not found or covered * 2 < len(page.blocks):
        return 0.0
    before = page.blocks[:max(found[0].start, 0)]
    if _dated(before):
        return 0.0  # the page's own date: an article, with teasers of related news after it
    # prose, not lists: a listing's filters ('Where we are' and its values) may stand before the teasers
    prose = [b.text for b in before if b.kind == "paragraph"]
    if sum(len(text) for text in prose) > _INTRO or sum(len(text) > 100 for text in prose) > 1:
        return 0.0
    labelled = [t for t in found if t.fields and (t.content_type or t.where or t.topics or t.date)]
    dated = [t.date for t in found if t.date]
    # above a press release's best (dateline, newsroom chrome and URL: 0.95): these are several articles' teasers
    if len(labelled) >= 2 and len(dated) >= 2 and any(t.content_type or t.where or t.topics for t in found):
        return 0.97
    # three or more dated headlines, newest first, with no article before them: several articles, not one
    # press release with a date line (a list that runs forward in time is a timeline)
    return 0.96 if len(dated) >= 3 and _newest_first(dated) else 0.0


def _where(ctx: MappingContext, value: str) -> tuple[Ref | None, str | None]:
    """A 'Where we are' value: the registry entity it names, else a city's name, else nothing (reported)."""
    name = CLOSED.sub("", value).strip()
    bare = _ORG_OF.sub("", re.sub(rf"^{_OSCE_NAME}[\s-]+", "", name))
    for candidate in (value, name, bare):
        entity = ctx.lookup(candidate, _WHERE_TYPES)
        if entity is not None:
            return entity.ref, None
    if _BODY_WORDS.search(name) or not name[:1].isupper() or len(name.split()) > 4:
        ctx.warn("candidate-entity", f"{name!r} (a listing's 'Where we are') is not in the registry")
        return None, None
    return None, name


def _topic(ctx: MappingContext, value: str) -> Ref | None:
    entity = ctx.lookup(value, ["topic"])
    return entity.ref if entity is not None else None




def _linked(ctx: MappingContext, text: str, lang: str) -> list[Ref]:
    """Registry entities the text names. The OSCE itself is left out (every teaser names it), and so is a
    person named by one word ('CiO Dačić'); a person named in full gets a Person record with that name."""
    refs = []
    for link in ctx.linker.find(text, lang):
        if link.ref is None or link.ref == OSCE:
            continue
        if link.ref.type == "person":
            if len(link.text.split()) < 2:
                continue
            ctx.emit(Person(link.ref, link.text))
        refs.append(link.ref)
    return refs


def _names_entity(ctx: MappingContext, name: str) -> bool:
    """True when the whole of `name` is a registry name of something other than a person."""
    return any(link.start == 0 and link.end >= len(name) and any(r.type != "person" for r in
                                                                   ([link.ref] if link.ref else link.candidates))
               for link in ctx.linker.find(name))


def _people(page: Page, ctx: MappingContext, text: str, date: str | None) -> list[Ref]:
    """People with their posts in a teaser's summary ('the Secretary General, Jan Kubis,'), through the shared
    sentence patterns, as of the teaser's date; misreadings dropped."""
    refs, wrong = _checked(ctx, lambda sub: people_in_text(page, sub, [text], as_of=date))
    return [r for r in refs if r not in wrong]


def _checked(ctx: MappingContext, run: Callable[[MappingContext], T]) -> tuple[T, set[Ref]]:
    """Run a shared extractor on a scratch context and pass on what it emits, less the people it misread:
    a 'person' whose name is a registry entity's, or who 'holds' a post that is itself a person's name
    ('... Settlement Process, Ambassador Y Z': the name before the comma is not a person)."""
    sub = MappingContext(ctx.registry, ctx.linker)
    sub.placed = ctx.placed
    sub.result.records = list(ctx.result.records)  # what is already stated, for the extractor to see
    known = len(sub.result.records)
    value = run(sub)
    new = sub.result.records[known:]
    named_posts = {r.ref for r in new if isinstance(r, (EntitySeen, ExtractedPost))
                   and r.label is not None and r.ref.type == "post" and person_name(r.label.text)}
    wrong = {r.ref for r in new if isinstance(r, Person) and _names_entity(ctx, r.name)}
    wrong |= {r.person for r in new if isinstance(r, PostHolding) and r.post in named_posts}
    wrong_posts = {r.post for r in new if isinstance(r, PostHolding) and r.person in wrong}
    kept_posts = {r.post for r in new if isinstance(r, PostHolding) and r.person not in wrong}
    for record in new:
        if isinstance(record, Person) and record.ref in wrong:
            continue
        if isinstance(record, PostHolding) and record.person in wrong:
            continue
        if isinstance(record, (EntitySeen, ExtractedPost)) and record.ref in wrong_posts - kept_posts:
            continue
        ctx.emit(record)
    for warning in sub.result.warnings:
        ctx.warn(warning.code, warning.message)
    return value, wrong


def _dateline(summary: str):
    # '1er janvier' is the French first of the month; '(OSCE)' a credit between the date and the dash
    return parse_dateline(_CREDIT.sub(r"\1", re.sub(r"^([^,\d]{2,40},?\s+)1er\b", r"\g<1>1", summary)))


def item_record(page: Page, ctx: MappingContext, position: int, teaser: Teaser, lang: str) -> ListedItem:
    """One teaser's facts, read from its own lines only."""
    about: list[Ref] = []
    places: list[str] = []
    for value in teaser.where:
        ref, place = _where(ctx, value)
        if ref is not None:
            about.append(ref)
        elif place:
            places.append(place)
    for value in teaser.topics:
        ref = _topic(ctx, value)
        if ref is not None:
            about.append(ref)
        else:
            ctx.warn("unknown-topic", f"{value!r} (a listing's field of work) is not in the registry")
    about.extend(_linked(ctx, teaser.title, lang))
    mentions: list[Ref] = []
    place = None
    date = teaser.date
    if teaser.summary:
        line = _dateline(teaser.summary)
        if line is not None:
            place = line.place
        mentions.extend(_linked(ctx, teaser.summary, lang))
        mentions.extend(_people(page, ctx, teaser.summary, date))
    about_set = set(about)
    return ListedItem(
        position, Label(teaser.title, lang), date,
        url=_absolute(page, teaser.url),
        content_type=Label(teaser.content_type, lang) if teaser.content_type else None,
        summary=Label(teaser.summary, lang) if teaser.summary else None,
        place=place,
        places=tuple(dict.fromkeys(places)),
        about=tuple(sorted(about_set)),
        mentions=tuple(sorted(set(mentions) - about_set)),
    )


def _absolute(page: Page, url: str | None) -> str | None:
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    m = re.match(r"^(https?://[^/]+)", page.url or "")
    return m.group(1) + url if m and url.startswith("/") else None


def map_page(page: Page, ctx: MappingContext) -> None:
    lang = page.language or page.nav_language or "en"
    found = teasers(page)
    for n, teaser in enumerate(found, 1):
        ctx.emit(item_record(page, ctx, n, teaser, lang))
    if found and found[0].start < 0:
        page = replace(page, title=None)  # the 'title' was the first teaser's: the listing shows no heading
    content, _ = _checked(ctx, lambda sub: document(page, sub, KIND))
    ctx.emit(content)
