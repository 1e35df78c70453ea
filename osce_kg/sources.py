"""Reading source files: bytes -> checked, decoded `SourceFile`. The only module that opens inputs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt", ".html", ".htm"}


class SourceError(Exception):
    """A source file that cannot be mapped; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    sha256: str
    format: str  # "text" | "html"
    url: str | None  # from the '# source:' line, an HTML canonical link, or the caller


_SOURCE_LINE = re.compile(r"^#\s*source:\s*(\S+)", re.IGNORECASE)


def read_source(path: str | Path, url: str | None = None) -> SourceFile:
    """Read and check one file. Raises SourceError for empty, binary or non-UTF-8 input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from exc
    return decode_source(data, str(path), url)


def decode_source(data: bytes, name: str, url: str | None = None) -> SourceFile:
    if not data.strip():
        raise SourceError(name, "empty file")
    if b"\x00" in data[:8192]:
        raise SourceError(name, "binary file (NUL bytes), not a page dump or HTML page")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(name, f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text.lstrip()[:512].lower()
    fmt = "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"
    if url is None and fmt == "text":
        first = text.split("\n", 1)[0]
        match = _SOURCE_LINE.match(first)
        if match:
            url = match.group(1)
    return SourceFile(name, text, hashlib.sha256(data).hexdigest(), fmt, url)


def iter_source_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and page files (.txt, .html, .htm) found under folders named, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path
