"""A source page split into its parts: header, navigation block, title and text blocks.

`parse_text_dump` reads the plain-text dump format (see docs/formats.md); HTML pages are turned into the
same `Page` by `osce_kg.html`. Mappers only ever see a `Page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osce_kg import language
from osce_kg.sources import SourceFile
from osce_kg.text import normalize_space


@dataclass
class NavGroup:
    heading: str
    items: list[str] = field(default_factory=list)
    parent: str | None = None


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" | "item" | "caption" | "heading"
    text: str
    href: str | None = None  # HTML: the link a block is made of (a listing teaser's title)


@dataclass
class Page:
    source: SourceFile
    url: str
    nav: list[NavGroup]
    title: str | None
    blocks: list[Block]
    language: str | None
    nav_language: str | None = None
    duplicates: int = 0  # paragraphs dropped because they repeat earlier ones
    truncated: bool = False  # the text stops mid-sentence (normal for the dumps)
    chrome: list[str] = field(default_factory=list)  # site furniture seen before the title

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]

    @property
    def items(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "item"]


# Lines that are site furniture, not the page's title (lower-cased, spaces collapsed).
CHROME = {"skip links", "newsroom", "menu", "search", "home", "homenews", "share", "print",
          # the section label above a press release's title, in the six languages
          "press release", "communiqué de presse",
          "salle de presse", "pressemitteilung", "presseraum", "comunicato stampa",
          "sala stampa", "comunicado de prensa", "sala de prensa",
          "пресс-релиз", "пресс-центр"}
_ITEM = re.compile(r"^\s*(?:[-•*·▪]|\d+[.)])\s+(.*\S)\s*$")
_IMAGE = re.compile(r"^<image>.*</image>$|^!\[[^\]]*\]\([^)]*\)$")
_CREDIT = re.compile(r"\((?:OSCE|ОБСЕ|OSZE)/[^)]*\)\s*$|photo details\s*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;…»”\"')\]]\s*$")


def parse_text_dump(source: SourceFile, url: str) -> Page:
    lines = source.text.split("\n")
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()) and i < 5:
        i += 1  # the '# source:' and '# note:' header
    nav, i = _parse_nav(lines, i)
    blocks: list[Block] = []
    seen: set[str] = set()
    duplicates = 0
    after_image = False
    for raw in lines[i:]:
        line = normalize_space(raw)
        if not line:
            continue
        if _IMAGE.match(line):
            after_image = True
            continue
        item = _ITEM.match(raw)
        if item and _DATE_START.match(raw):
            item = None  # '1. Januar 2025 - ...' is a German date, not list item 1
        if item:
            block = Block("item", normalize_space(item.group(1)))
        elif after_image or _CREDIT.search(line):
            block = Block("caption", line)
        else:
            block = Block("paragraph", line)
        after_image = False
        dedup_key = block.text.casefold()
        if dedup_key in seen and len(block.text) > 30 and not repeatable(block.text, blocks[-1].text if blocks else ""):
            duplicates += 1  # a repeated paragraph or caption adds nothing
            continue
        seen.add(dedup_key)
        blocks.append(block)
    return build_page(source, url, nav, blocks, duplicates)


# Old-site section names printed above the title ("Who we are" / "Partners for Co-operation"), in the six
# languages.
SECTIONS = {"who we are", "what we do", "where we are", "resources", "newsroom",
            "qui sommes-nous", "ce que nous faisons", "où nous sommes", "ressources",
            "wer wir sind", "was wir tun", "wo wir sind", "ressourcen",
            "chi siamo", "cosa facciamo", "dove siamo", "risorse",
            "кто мы", "что мы делаем", "где мы работаем", "ресурсы",
            "quiénes somos", "qué hacemos", "dónde estamos", "recursos"}
# A sentence end: a line ending so is body text, not a title ("What is ...?" may still be a title).
_SENTENCE_END = re.compile(r"[.!:;…]\s*$")
# Photo alt text describes a scene: one sentence opening with an indefinite article, in the six languages.
_SCENE = re.compile(r"^(?:A|An|Un|Une|Ein|Eine|Einer|Uno|Una|Unos|Unas|Несколько)\s+[^.!?]*[.!?]?$")
_WORDS = re.compile(r"[^\W\d_][\w’'-]*")


def is_prose(text: str) -> bool:
    """Body prose: a sentence of eight words or more, with words in lower case (a reference line such as
    'Permanent Council, 16 March 1995, Journal No. 12' has none), not a field label ('When', 'Дата:'), a
    menu word, a sub-heading, a dateline, a short list lead-in ending in ':' or a photo's alt text ('A person
    in ...')."""
    text = normalize_space(text)
    words = _WORDS.findall(text)
    if len(words) < 8 or (text.endswith(":") and len(words) < 15):
        return False
    if sum(1 for w in words if len(w) >= 3 and w.islower()) < 3:
        return False
    return not _SCENE.match(text)


def abstract_of(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """The first paragraph of body prose, or None: what a page's abstract or a topic's description is."""
    return next((p for p in paragraphs if is_prose(p)), None)


# 'Label: value' (a listing teaser's 'Content type: Press release', 'What we do: Policing')
_FIELD = re.compile(r"^[^\W\d][^:.!?]{1,40}?\s?:\s*\S")


def repeatable(text: str, previous: str) -> bool:
    """A field line, or the value after a label element ('Publishing date:' then '3 June 2002'), is
    structure that repeats from teaser to teaser, not a repeated paragraph: it is kept."""
    if len(text) > 300:
        return False
    return bool(_FIELD.match(text)) or (previous.endswith(":") and len(previous) <= 40)


# Chrome words glued to each other or to the title by scraping: "HomeNews", "HomeNewsRomania begins..."
_FUSED = re.compile(r"^(?:Skip ?Links|Home|Newsroom|News|Menu)+(?=[A-ZА-ЯЁ]|$)")
_DATE_START = re.compile(r"^\s*\d{1,2}\.\s+[^\W\d]{3,}\.?\s+\d{4}\b")


def _unfuse(block: Block, chrome: list[str]) -> Block | None:
    """Strip chrome words fused onto the front of a line; None when the line is nothing but chrome."""
    match = _FUSED.match(block.text)
    if not match or not match.group(0).strip():
        return block
    glued = match.group(0).strip()
    if glued == block.text and glued.casefold() not in CHROME:
        return block  # a whole line that is one ordinary word ("News"): a title, not fused chrome
    if " " not in glued and glued[1:].islower() and glued.casefold() not in CHROME and glued != block.text[:len(glued)]:
        return block
    chrome.append(glued)
    rest = block.text[match.end():].strip()
    return Block(block.kind, rest) if rest else None


def build_page(source: SourceFile, url: str, nav: list[NavGroup], blocks: list[Block], duplicates: int = 0) -> Page:
    """Pick the title (first block that is not site furniture) and detect languages."""
    chrome: list[str] = []
    title = None
    rest = list(blocks)
    while rest:
        first = rest[0]
        if first.text.casefold() in CHROME:
            chrome.append(rest.pop(0).text)
            continue
        if first.kind == "paragraph":
            unfused = _unfuse(first, chrome)
            if unfused is None:
                rest.pop(0)
                continue
            rest[0] = first = unfused
        if (first.text.casefold() in SECTIONS and len(rest) > 1 and rest[1].kind == "paragraph"
                and len(rest[1].text) <= 120 and not _SENTENCE_END.search(rest[1].text)
                and rest[1].text.casefold() != first.text.casefold()):
            chrome.append(rest.pop(0).text)  # old site: section name above the real title
            continue
        if first.kind in ("paragraph", "heading") and len(first.text) <= 250:
            title = rest.pop(0).text
            while rest and rest[0].text.casefold() == title.casefold():
                rest.pop(0)  # the title repeated as the first heading
                duplicates += 1
        break
    body_text = "\n".join([title or ""] + [b.text for b in rest if b.kind != "caption"])
    lang = language.detect(body_text)
    nav_text = "\n".join(g.heading + "\n" + "\n".join(g.items) for g in nav)
    last = rest[-1].text if rest else (title or "")
    return Page(
        source=source,
        url=url,
        nav=nav,
        title=title,
        blocks=rest,
        language=lang,
        nav_language=language.detect(nav_text) if nav else None,
        duplicates=duplicates,
        truncated=bool(last) and not _TERMINAL.search(last),
        chrome=chrome,
    )


def _parse_nav(lines: list[str], i: int) -> tuple[list[NavGroup], int]:
    """The navigation block: '-' alone, a heading, then '- item' lines; repeated. Ends at the title."""
    groups: list[NavGroup] = []
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or lines[j].strip() != "-":
        return groups, i
    expect_heading = False
    current: NavGroup | None = None
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        if line == "-":
            expect_heading = True
        elif expect_heading:
            parent = current.heading if current is not None and not current.items else None
            current = NavGroup(normalize_space(line), parent=parent)
            groups.append(current)
            expect_heading = False
        elif line.startswith("- ") and current is not None:
            current.items.append(normalize_space(line[2:]))
        else:
            break
        j += 1
    return groups, j
