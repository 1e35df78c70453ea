"""HTML pages (saved from osce.org or a crawl) -> the same `Page` the text dumps give, so one set of mappers
serves both. Navigation, scripts and site furniture are stripped; the canonical link (or og:url) is the URL.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from osce_kg import lexicon
from osce_kg.page import Block, NavGroup, Page, build_page, repeatable
from osce_kg.sources import SourceError, SourceFile
from osce_kg.text import normalize_space

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

# Elements that never hold the article: removed with everything inside them.
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "header", "footer", "aside",
         "button", "select", "input")
# Site furniture recognised by class or id (menus, breadcrumbs, share bars, cookie banners, skip links).
_FURNITURE = re.compile(r"(^|[-_\s])(skip|breadcrumbs?|menu|navbar|nav|footer|header|share|sharing|social|cookie|"
                        r"banner|sidebar|related|pager|pagination|visually-hidden|sr-only|tabs)([-_\s]|$)", re.I)
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "dt", "dd", "blockquote", "td", "th",
           "time", "address"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"}
_SITE_SUFFIX = re.compile(rf"\s*[|\-–]\s*{_OSCE_NAME}\s*$")


def parse_html(source: SourceFile, url: str) -> Page:
    """Parse an HTML page into a Page; the canonical link or og:url replaces `url` when present."""
    try:
        tree = HTMLParser(source.text)
    except Exception as exc:  # selectolax raises on documents it cannot build at all
        raise SourceError(source.path, f"HTML could not be parsed: {exc}") from exc
    url = canonical_url(tree) or url
    heading = _title(tree)
    nav = navigation(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    for node in list(tree.css("[class], [id]")):
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _FURNITURE.search(marks) and node.tag not in ("body", "html", "main", "article"):
            node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.css_first("[role=main]") or tree.body
    blocks = _blocks(root) if root is not None else []
    if heading and not any(b.text.casefold() == heading.casefold() for b in blocks[:3]):
        blocks.insert(0, Block("heading", heading))
    # the h1 first, so build_page takes it as the title; other furniture before it is chrome
    h1 = next((i for i, b in enumerate(blocks) if b.text == heading), None)
    if h1:
        blocks.insert(0, blocks.pop(h1))
    deduped: list[Block] = []
    seen: set[str] = set()
    duplicates = 0
    for block in blocks:
        key = block.text.casefold()
        if key in seen and len(block.text) > 30 and not repeatable(block.text, deduped[-1].text if deduped else ""):
            duplicates += 1
            continue
        seen.add(key)
        deduped.append(block)
    source = SourceFile(source.path, source.text, source.sha256, source.format, url)
    return build_page(source, url, nav, deduped, duplicates)


def navigation(tree: HTMLParser) -> list[NavGroup]:
    """The site menu as the text dumps give it: one group per menu entry that opens a sub-list, headed by
    the entry's own label, listing the labels of the sub-list's entries (nested groups keep their parent)."""
    groups: list[NavGroup] = []
    for menu in tree.css("nav, [role=navigation]"):
        if _FURNITURE.search(menu.attributes.get("class") or "") and "menu" not in (menu.attributes.get("class") or ""):
            continue  # breadcrumbs, pagers
        for entry in menu.css("li"):
            sub = next((c for c in _children(entry) if c.tag in ("ul", "ol")), None)
            if sub is None:
                continue
            heading = _own_label(entry)
            items = [_own_label(li) for li in _children(sub) if li.tag == "li"]
            items = [i for i in items if i]
            if heading and items:
                parent = _enclosing_entry(entry, menu)
                groups.append(NavGroup(heading, items, _own_label(parent) if parent is not None else None))
    return groups


def _children(node: Node) -> list[Node]:
    child = node.child
    out = []
    while child is not None:
        if child.tag != "-text":
            out.append(child)
        child = child.next
    return out


def _own_label(entry: Node) -> str:
    """An entry's label: its text without the text of the sub-list it opens."""
    parts = []
    for child in _children(entry):
        if child.tag not in ("ul", "ol"):
            parts.append(child.text(separator=" "))
    if not parts:
        parts.append(entry.text(deep=False))
    return normalize_space(" ".join(parts))


def _enclosing_entry(entry: Node, menu: Node) -> Node | None:
    parent = entry.parent
    while parent is not None and parent.mem_id != menu.mem_id:
        if parent.tag == "li":
            return parent
        parent = parent.parent
    return None


def canonical_url(tree: HTMLParser) -> str | None:
    for selector, attr in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        value = (node.attributes.get(attr) or "").strip() if node is not None else ""
        if value.startswith(("http://", "https://")):
            return value
    return None


def _title(tree: HTMLParser) -> str | None:
    for selector in ("main h1", "article h1", "h1"):
        node = tree.css_first(selector)
        if node is not None and normalize_space(node.text(separator=" ")):
            return normalize_space(node.text(separator=" "))
    for selector, attr in (('meta[property="og:title"]', "content"),):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attr):
            return _SITE_SUFFIX.sub("", normalize_space(node.attributes[attr] or ""))
    node = tree.css_first("title")
    if node is not None and normalize_space(node.text()):
        return _SITE_SUFFIX.sub("", normalize_space(node.text()))
    return None


def _blocks(root: Node) -> list[Block]:
    """Text blocks in document order; a block inside another block (a <p> in an <li>) is not repeated."""
    out: list[Block] = []
    for node in root.traverse(include_text=False):
        if node.tag not in _BLOCKS or _inside_block(node, root):
            continue
        text = normalize_space(node.text(separator=" "))
        if not text:
            continue
        if node.tag == "li":
            kind = "item"
        elif node.tag == "figcaption":
            kind = "caption"
        elif node.tag in _HEADINGS:
            kind = "heading"
        else:
            kind = "paragraph"
        out.append(Block(kind, text, _own_link(node, text)))
    return out


def _own_link(node: Node, text: str) -> str | None:
    """The href of a block that is one link and nothing else (a listing teaser's title)."""
    links = node.css("a[href]")
    if len(links) != 1 or normalize_space(links[0].text(separator=" ")) != text:
        return None
    href = (links[0].attributes.get("href") or "").strip()
    return href if href.startswith(("http://", "https://", "/")) else None


def _inside_block(node: Node, root: Node) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id and parent.tag != "html":
        if parent.tag in _BLOCKS:
            return True
        parent = parent.parent
    return False
