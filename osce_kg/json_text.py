"""`json.dumps(value, indent=N, ensure_ascii=False)`, the same text, faster.

With an indent, the standard library encodes in pure Python, a generator per nesting level: report.json of a
5,000-page build took seconds that way. This writes the same text from one list of pieces, with the C string
encoder; anything but dicts with string keys, lists, tuples, strings, integers, booleans and None goes to
json.dumps itself.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring


def dumps(value: object, indent: int = 1) -> str:
    """What `json.dumps(value, indent=indent, ensure_ascii=False)` gives."""
    parts: list[str] = []
    try:
        _encode(value, parts, indent, 0)
    except _Other:
        return json.dumps(value, indent=indent, ensure_ascii=False)
    return "".join(parts)


_INF = float("inf")


class _Other(Exception):
    """A value this encoder leaves to json.dumps."""


def _encode(value: object, parts: list[str], indent: int, level: int) -> None:
    add = parts.append
    if isinstance(value, str):
        add(encode_basestring(value))
    elif value is None:
        add("null")
    elif value is True:
        add("true")
    elif value is False:
        add("false")
    elif type(value) is int:
        add(int.__repr__(value))
    elif type(value) is float:
        add(float.__repr__(value) if value == value and value not in (_INF, -_INF) else json.dumps(value))
    elif isinstance(value, dict):
        if not value:
            add("{}")
            return
        inner = "\n" + " " * (indent * (level + 1))
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Other
            add(("{" if first else ",") + inner + encode_basestring(key) + ": ")
            first = False
            _encode(item, parts, indent, level + 1)
        add("\n" + " " * (indent * level) + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            add("[]")
            return
        inner = "\n" + " " * (indent * (level + 1))
        first = True
        for item in value:
            add(("[" if first else ",") + inner)
            first = False
            _encode(item, parts, indent, level + 1)
        add("\n" + " " * (indent * level) + "]")
    else:
        raise _Other


# -- report.json ------------------------------------------------------------------------------------------
# Its last entry is "sources", one object per source file at the second level: written with indent=1, each
# object starts "{" and the next one ",\n  {" (a JSON string holds no raw newline, so nothing else does).

_SOURCES = '\n "sources": [\n  '
_END = "\n ]\n}\n"
_FILE = '{\n   "file": '


def report_text(report: dict, blocks: dict[str, str] | None = None) -> str:
    """report.json's text (`json.dumps(report, indent=1, ensure_ascii=False)` and a newline), each source whose
    file is in `blocks` written as that text: the previous report.json's (`source_blocks`), for a page whose
    report is the previous one's (its entry in `report` may then hold its "file" alone)."""
    sources = report.get("sources")
    if not blocks or not isinstance(sources, list) or list(report)[-1] != "sources":
        return dumps(report) + "\n"
    head = dumps({**report, "sources": []})
    tail = '"sources": []\n}'
    pieces = []
    for source in sources:
        text = blocks.get(source.get("file")) if isinstance(source, dict) else None
        if text is None:
            parts: list[str] = []
            try:
                _encode(source, parts, 1, 2)
                text = "".join(parts)
            except _Other:  # json.dumps' text of it, at the sources' depth (no JSON string holds a newline)
                text = json.dumps(source, indent=1, ensure_ascii=False).replace("\n", "\n  ")
        pieces.append(text)
    if not pieces or not head.endswith(tail):
        return dumps(report) + "\n"
    return head[:-len(tail)] + '"sources": [\n  ' + ",\n  ".join(pieces) + _END


def source_blocks(text: str) -> dict[str, str] | None:
    """The text of each source object of a report.json `text`, by its "file", read from the text alone (no object
    is parsed); None when the text is not laid out as `report_text` writes it, or names a file twice."""
    start = text.find(_SOURCES)
    if start < 0 or not text.endswith(_END):
        return None
    blocks = {}
    for n, piece in enumerate(text[start + len(_SOURCES):-len(_END)].split(",\n  {")):
        piece = piece if n == 0 else "{" + piece
        if not piece.startswith(_FILE):
            return None
        # the name's JSON string ends its line (a JSON string holds no raw newline)
        token = piece[len(_FILE):piece.find("\n", len(_FILE))]
        if len(token) > 2 and token[0] == '"' and token[-2:] == '",' and "\\" not in token \
                and '"' not in token[1:-2]:
            name = token[1:-2]  # no escape in it: the string's characters as they are (5,000 names: 10 ms less)
        else:
            try:
                name = json.loads(token[:-1]) if token.endswith(",") else None
            except ValueError:
                return None
        if not isinstance(name, str) or name in blocks:
            return None
        blocks[name] = piece
    return blocks


def report_head(text: str) -> dict | None:
    """A report.json `text` without its sources (its build and summary), parsed; None when it is not laid out as
    `report_text` writes it."""
    start = text.find(_SOURCES)
    if start < 0:
        return None
    try:
        head = json.loads(text[:start] + '\n "sources": []\n}')
    except ValueError:
        return None
    return head if isinstance(head, dict) else None
