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


def report_text(report: dict) -> str:
    """report.json's text: `json.dumps(report, indent=1, ensure_ascii=False)` and a newline."""
    return dumps(report) + "\n"


def _source_text(source: object) -> str:
    """One source object's text at the sources' depth of report.json."""
    parts: list[str] = []
    try:
        _encode(source, parts, 1, 2)
        return "".join(parts)
    except _Other:  # json.dumps' text of it, at the sources' depth (no JSON string holds a newline)
        return json.dumps(source, indent=1, ensure_ascii=False).replace("\n", "\n  ")


_SEPARATOR = b",\n  "  # between two source objects


def report_parts(report: dict, kept: dict[str, tuple[int, int]] | None = None,
                 ) -> tuple[list[bytes | tuple[int, int]], dict[str, list[int]]] | None:
    """report.json (`report_text`'s text, as UTF-8) as parts: bytes, and for each source whose entry names its file
    alone and that `kept` holds, the (offset, length) of its object in the previous report.json (a page whose
    report is the previous one's): objects that follow each other there make one range, the separators between
    them in it. With it, each source object's [offset, length] in this file, by file: the next build's `kept`.
    None when the sources are not the report's last entry, or name a file twice (then `report_text` writes it)."""
    sources = report.get("sources")
    if not isinstance(sources, list) or not sources or list(report)[-1] != "sources":
        return None
    head = dumps({**report, "sources": []})
    tail = '"sources": []\n}'
    if not head.endswith(tail):
        return None
    parts: list[bytes | tuple[int, int]] = [(head[:-len(tail)] + '"sources": [\n  ').encode()]
    at = len(parts[0])
    index: dict[str, list[int]] = {}
    for n, source in enumerate(sources):
        name = source.get("file") if isinstance(source, dict) else None
        if not isinstance(name, str) or name in index:
            return None
        if n:
            parts.append(_SEPARATOR)
            at += len(_SEPARATOR)
        where = kept.get(name) if kept and len(source) == 1 else None
        if where is None:
            piece = _source_text(source).encode()
            parts.append(piece)
            index[name] = [at, len(piece)]
            at += len(piece)
            continue
        offset, length = where
        before = parts[-2] if n else None
        if isinstance(before, tuple) and before[0] + before[1] + len(_SEPARATOR) == offset:
            parts.pop()  # the separator, in the range with the object before it
            parts[-1] = (before[0], offset + length - before[0])
        else:
            parts.append((offset, length))
        index[name] = [at, length]
        at += length
    parts.append(_END.encode())
    return parts, index


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
