"""Reading source files: bytes -> checked, decoded `SourceFile`. The only module that opens inputs."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from osce_kg.limits import Limits, check_text, html_depth_over

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

# A file whose times are this close to the moment it was looked at may still change within the same tick of the
# file system's clock without its times changing: it is not recorded as seen (`seen_entry`), so it is read again.
SETTLED_NS = 2_000_000_000


def file_identity(info: os.stat_result) -> list[int]:
    """What tells a file apart from any other and from itself before a change: device, inode, size, and the
    modification and change times (a write changes both; the change time cannot be set back)."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def seen_entry(info: os.stat_result, source: SourceFile, now_ns: int) -> list | None:
    """What a build records of a source it read (`info`: the file's stat taken before reading it), for the next
    build to know it unchanged without reading it (`known_source`); None for a file changed too recently to be
    told from a later change by its times."""
    if not stat.S_ISREG(info.st_mode) or max(info.st_mtime_ns, info.st_ctime_ns) > now_ns - SETTLED_NS:
        return None
    return [*file_identity(info), source.sha256, source.format, source.url]


class UnreadSource(SourceFile):
    """A source a previous build read, known unchanged by its file's identity (`known_source`): its checksum,
    format and URL are the ones that build found; its text is read when asked (to map the page again), and
    must have that checksum."""

    def __init__(self, file: str | Path, name: str, sha256: str, fmt: str, url: str | None, limits: Limits):
        # (frozen: set as the dataclass's own __init__ would, without its __setattr__ for each of 5,000 sources)
        self.__dict__.update(path=name, sha256=sha256, format=fmt, url=url, _file=str(file), _limits=limits)

    @property
    def text(self) -> str:
        read = self.__dict__.get("_text")
        if read is None:
            source = read_source(self._file, None, self._limits)
            if source.sha256 != self.sha256:
                raise SourceError(self.path, "changed while the build was reading it; build again")
            read = source.text
            object.__setattr__(self, "_text", read)
        return read


def known_source(path: str | Path, name: str, entry: list, limits: Limits) -> SourceFile | None:
    """The source at `path` as a previous build read it (`entry`, its `seen_entry`, under the same limits), when
    the file is still that file, unchanged: one stat, nothing read. None: read it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or not isinstance(entry, list) or len(entry) != 8 \
            or file_identity(info) != entry[:5]:
        return None
    sha256, fmt, url = entry[5:]
    if not isinstance(sha256, str) or fmt not in ("text", "html") or not (url is None or isinstance(url, str)):
        return None
    return UnreadSource(path, name, sha256, fmt, url, limits)


def display(path: str | Path) -> str:
    """A path as printable text: bytes that are not UTF-8 in a file name become backslash escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_source(path: str | Path, url: str | None = None, limits: Limits | None = None) -> SourceFile:
    """Read and check one file. Raises SourceError for anything but a regular file within the limits,
    and for empty, binary or non-UTF-8 input.

    The file is opened with O_NONBLOCK (a FIFO never blocks the open) and checked with fstat on the open
    descriptor before any byte is read, so FIFOs, devices and sockets are refused; at most max_bytes + 1
    bytes are ever read."""
    limits = limits or Limits()
    path = Path(path)
    name = display(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(name, f"not a regular file ({_file_type(info.st_mode)}); refused")
        if limits.max_bytes and info.st_size > limits.max_bytes:
            raise SourceError(name, f"over the size limit ({info.st_size:,} bytes > max_bytes {limits.max_bytes:,})")
        chunks, size = [], 0
        cap = limits.max_bytes + 1 if limits.max_bytes else None
        while True:
            chunk = os.read(fd, 1 << 20 if cap is None else min(1 << 20, cap - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if cap is not None and size >= cap:
                raise SourceError(name, f"over the size limit (more than max_bytes {limits.max_bytes:,} bytes)")
        data = b"".join(chunks)
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    return decode_source(data, name, url, limits)


def _file_type(mode: int) -> str:
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a plain file"


def decode_source(data: bytes, name: str, url: str | None = None, limits: Limits | None = None) -> SourceFile:
    """Check and decode a page's bytes: size, NUL bytes (anywhere), UTF-8, then the line limits (text dumps)
    or the nesting limit (HTML), all before any parsing."""
    limits = limits or Limits()
    if limits.max_bytes and len(data) > limits.max_bytes:
        raise SourceError(name, f"over the size limit ({len(data):,} bytes > max_bytes {limits.max_bytes:,})")
    if not data.strip():
        raise SourceError(name, "empty file")
    if b"\x00" in data:
        raise SourceError(name, f"binary file (NUL byte at offset {data.index(0):,}), not a page dump or HTML page")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(name, f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text.lstrip()[:512].lower()
    fmt = "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"
    if fmt == "text":
        problem = check_text(text, limits)
        if problem:
            raise SourceError(name, problem)
    else:
        depth = html_depth_over(text, limits.max_html_depth)
        if depth is not None:
            raise SourceError(name, f"over the HTML nesting limit (more than max_html_depth "
                                    f"{limits.max_html_depth:,} nested elements)")
    if url is None and fmt == "text":
        first = text.split("\n", 1)[0]
        match = _SOURCE_LINE.match(first)
        if match:
            url = match.group(1)
            rest = first[match.end():].strip()
            if rest and not (rest.startswith("(") and rest.endswith(")")):
                # 'URL  (note)' is the format; anything else after the URL is most likely a URL with a space
                raise SourceError(name, f"the '# source:' URL is followed by {rest[:40]!r}: a URL with a space? "
                                        "(write spaces as %20; a note goes in parentheses)")
    return SourceFile(name, text, hashlib.sha256(data).hexdigest(), fmt, url)


def iter_source_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and page files (.txt, .html, .htm) found under folders named, in sorted order."""
    for path, _problem in walk_sources(paths):
        yield path


def walk_sources(paths: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    """Every file to read, with a problem found while walking (else None), in sorted order.

    Folders are walked depth-first following symlinked folders; a folder reached twice through links
    (a loop, or two links to one folder) is reported once, never walked again. Entries with a page suffix
    that are not regular files (FIFOs, devices, sockets, broken links) are listed too, so the reader refuses
    them with a message instead of skipping them silently."""
    out: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path, set()))
        else:
            out.append((path, None))
    return out


def _suffix(name: str) -> str:
    """Path(name).suffix, without making a Path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _walk(folder: Path, seen: set[tuple[int, int]]) -> list[tuple[Path, str | None]]:
    try:
        info = folder.stat()
    except OSError as exc:
        return [(folder, f"cannot read folder: {exc.strerror or exc}")]
    if (info.st_dev, info.st_ino) in seen:
        return [(folder, "folder already walked (a symlink loop or a second link to it); skipped")]
    seen.add((info.st_dev, info.st_ino))
    try:
        with os.scandir(folder) as listing:  # its entries know their type: no stat for each of 5,000 files
            entries = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        return [(folder, f"cannot read folder: {exc.strerror or exc}")]
    out: list[tuple[Path, str | None]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # a symlink followed, as Path.is_dir does
        except OSError:
            is_dir = False
        if is_dir:
            out.extend(_walk(folder / entry.name, seen))
        elif _suffix(entry.name).lower() in SUFFIXES:
            out.append((folder / entry.name, None))
    return out
