"""The page cache: what one source file mapped to, kept between builds so a rebuild maps only what changed.

An entry is keyed by everything that decides a page's outcome (`PageCache.key`):
- the page: its bytes (sha256), its path and display name (both are in the report and the graph), and the
  URL the caller gave for it, if any;
- the mapper version: a digest of every file of the installed osce_kg package and its mappers and
  ontology (code, word lists, the registry CSVs), the pyoxigraph and Python versions, and this cache's format;
- the registry version: the digest of the registry files and the enrichment cache the build id is made from,
  and whether the registry graphs are in;
- the limits, and the IRI base (OSCE_KG_BASE) every IRI is minted under.

What is kept: the page's `SourceReport` (as JSON) and its quads as N-Quads, exactly the quads mapping it again
gives (a page graph names nothing of the build: osce_kg.rdf.describe_source). Pages that failed are not kept
(a time-out is not a property of the page), so their one-line errors are reported by every build.

An entry starts with a JSON header holding its key and the sha256 of the rest; an entry that cannot be read,
does not parse or does not match is ignored with a warning (and written again), never trusted. Entries sit in
one folder per cache context (mapper, registry, limits, base); older context folders are deleted, the newest
few kept. Within a context folder, the entries a build writes are appended to one pack file of its own
(`<time>-<random>.pack`), and when the build has mapped every page the pack's index (`.idx`, JSON: key ->
[offset, length]) is written beside it atomically: only then does a later build see them (a killed build's
pack is never read, and is deleted later). One file per entry cost 0.6-0.8 ms of kernel time each on this
machine's file system (create and rename: 3.1 s for 5,020 pages, against 0.08 s appended to one file). When
a folder holds more than MAX_PACKS indexed packs, every pack but the largest is merged into one.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from osce_kg.limits import Limits
from osce_kg.mapping import SourceOutcome, SourceReport
from osce_kg.settings import setting
from osce_kg.sources import SourceFile

FORMAT = 1  # bump when the entry layout changes
CODE_PACKAGES = ("osce_kg", "osce_kg.mappings", "osce_kg.ontology")
KEEP_CONTEXTS = 3  # context folders kept (the current one and the most recently used others)
MAX_PACKS = 16  # indexed packs in a context folder before the small ones are merged
STALE_PACK_SECONDS = 3600  # a pack with no index this old was left by a killed build


@functools.lru_cache(maxsize=1)
def mapper_version() -> str:
    """Digest of the installed osce_kg package (every file but bytecode), pyoxigraph and Python: a change
    to any mapper, word list or the code around them gives another version."""
    trees = "\0".join(f"{folder.name}:{_tree_digest(folder)}" for folder in code_folders())
    return hashlib.sha256(f"{FORMAT}\0{ox.__version__}\0{sys.version}\0{trees}".encode()).hexdigest()


def code_folders() -> list[Path]:
    """The folders of the packages a mapping reads: osce_kg, its mappers (with their word lists and the
    registry CSVs) and the ontology. In a checkout these are separate folders (pyproject's package-dir)."""
    folders: list[Path] = []
    for name in CODE_PACKAGES:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            folder = Path(location).resolve()
            if not any(folder == f or f in folder.parents for f in folders):
                folders.append(folder)
    return folders


def _tree_digest(root: Path) -> str:
    """Digest of the names and bytes of every file under `root`, bytecode left out."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in (".pyc", ".pyo"))
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    written: int = 0
    warnings: list[str] = field(default_factory=list)  # corrupt or unwritable entries: ignored, never trusted
    graphs: dict[str, str] = field(default_factory=dict)  # page graph -> digest, of the pages the build took in
    previous: Path | None = None  # the output folder's current set, whose store a rebuild starts from
    store_reused: bool = False  # the store was made from the previous one (osce_kg/incremental.py)
    validation: str = ""  # how the report was made: "incremental: ..." or "full: <why>" (incremental_validation.py)
    kept: dict[str, dict] = field(default_factory=dict)  # format -> index of its file, for the next build
    spliced: list[str] = field(default_factory=list)  # formats made from the previous build's files (output_reuse.py)
    keep_validation: bool = False  # write the report's state for the next build (with the store manifest)
    root: Path | None = None  # the cache folder (the shapes' profile is kept there: incremental_validation.py)
    pages: dict[str, list] = field(default_factory=dict)  # page graph -> rebuild.PAGE_ENTRY (osce_kg/rebuild.py)
    # file -> (offset, length) of its report in the previous report.json, kept as it is (rebuild.py)
    report_blocks: dict[str, tuple[int, int]] | None = None
    report_index: dict[str, list[int]] | None = None  # ... and where each report is in this build's (rebuild.py)
    fast: bool = False  # the build started from the previous store, reading no kept page (osce_kg/rebuild.py)
    description_patched: bool = False  # ... whose dataset description the new one replaced by the difference
    description_apart: bool = False  # no other graph says anything about the description's subjects (checked)
    not_fast: str = ""  # ... or, when it was tried, why it was not taken ("most pages changed", ...)
    # the source files read, for the next build to know them unchanged without reading them (rebuild.SOURCES)
    sources: dict = field(default_factory=dict)
    # [the page-cache context, the enrichment cache folder given, the warnings the registry and enrichment graphs
    # gave]: the next build with the same keeps those graphs without making them (rebuild.REGISTRY)
    registry: list | None = None


class PageCache:
    """One build's view of the cache folder `root`, for one context (see the module docstring)."""

    def __init__(self, root: str | Path, registry_version: str, limits: Limits, registry: bool = True):
        self.root = Path(root)
        context = hashlib.sha256("\0".join(
            (mapper_version(), registry_version, repr(limits), repr(registry), setting("OSCE_KG_BASE"))
        ).encode()).hexdigest()
        self.folder = self.root / context[:24]
        self.context = context
        self.stats = CacheStats()
        self._ready = False
        self._digests: dict[str, str] = {}  # display name -> graph digest, of this build's pages
        self._index: dict[str, tuple[Path, int, int]] | None = None  # key -> (pack, offset, length), read once
        self._pack: BinaryIO | None = None  # this build's pack, open for appending
        self._written: dict[str, list[int]] = {}  # key -> [offset, length] in this build's pack

    def key(self, source: SourceFile, display_name: str, url: str | None) -> str:
        parts = (self.context, source.sha256, source.path, display_name, url or "", source.url or "")
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    # -- reading -----------------------------------------------------------------------------------
    def get(self, source: SourceFile, display_name: str, url: str | None) -> SourceOutcome | None:
        """The cached outcome for this page (its quads as `nquads`), or None on a miss."""
        key = self.key(source, display_name, url)
        found = self.where(key)
        if found is None:
            self.stats.misses += 1
            return None
        path, offset, length = found
        try:
            with open(path, "rb") as fh:
                data = os.pread(fh.fileno(), length, offset)
        except OSError as exc:
            return self._bad(path, f"cannot read: {exc.strerror or exc}")
        try:
            outcome, digest = _decode(data, key)
        except (ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
            return self._bad(path, str(exc) or type(exc).__name__)
        self._digests[display_name] = digest  # the quads' checksum _decode checked: no second pass over them
        self.stats.hits += 1
        return outcome

    def where(self, key: str) -> tuple[Path, int, int] | None:
        """The pack, offset and length of the entry under `key` (the latest written), or None."""
        if key in self._written and self._pack is not None:
            self._pack.flush()
            return (Path(self._pack.name), *self._written[key])
        if self._index is None:
            self._index = {}
            for idx in sorted(self.folder.glob("*.idx")):  # oldest first: a later entry for a key wins
                try:
                    entries = json.loads(idx.read_bytes())
                except (OSError, ValueError) as exc:
                    self.stats.warnings.append(f"page cache: {idx}: index ignored ({exc})")
                    continue
                pack = idx.with_suffix(".pack")
                if isinstance(entries, dict):
                    self._index.update((k, (pack, int(v[0]), int(v[1]))) for k, v in entries.items()
                                       if isinstance(v, list) and len(v) == 2)
        return self._index.get(key)

    def _bad(self, path: Path, why: str) -> None:
        self.stats.misses += 1
        self.stats.warnings.append(f"page cache: {path}: entry ignored and mapped again ({why})")
        return None

    # -- writing -----------------------------------------------------------------------------------
    def put(self, source: SourceFile, display_name: str, url: str | None, outcome: SourceOutcome) -> str | None:
        """Keep a freshly mapped outcome; the digest of its graph's N-Quads, or None when it is not cacheable
        (an error) or not written."""
        report = outcome.report
        if report.error or not report.graph:
            return None
        body = outcome.nquads
        key = self.key(source, display_name, url)
        header = {"format": FORMAT, "key": key, "url_key": outcome.url_key, "report": vars(report),
                  "body": hashlib.sha256(body).hexdigest()}
        data = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode() + b"\n" + body
        try:
            self._prepare()
            if self._pack is None:
                name = f"{time.time_ns():020d}-{secrets.token_hex(4)}.pack"
                self._pack = open(self.folder / name, "ab")  # noqa: SIM115 - closed by flush()
            offset = self._pack.tell()
            self._pack.write(data)
            self._written[key] = [offset, len(data)]
        except OSError as exc:
            self.stats.warnings.append(f"page cache: {self.folder}: cannot write an entry "
                                       f"({exc.strerror or exc}); the build goes on without it")
            return None
        self.stats.written += 1
        self._digests[display_name] = header["body"]
        return header["body"]

    def flush(self) -> None:
        """Make this build's entries visible to later builds: close its pack and write the pack's index
        atomically; then merge the small packs when there are too many. A failure is a warning."""
        pack, self._pack = self._pack, None
        if pack is None:
            return
        try:
            pack.close()
            _write_index(Path(pack.name).with_suffix(".idx"), self._written)
            self._merge_small_packs()
        except OSError as exc:
            self.stats.warnings.append(f"page cache: {self.folder}: cannot keep this build's entries "
                                       f"({exc.strerror or exc}); the build goes on without them")
        self._written = {}
        self._index = None

    def _merge_small_packs(self) -> None:
        indexes = sorted(self.folder.glob("*.idx"))
        if len(indexes) <= MAX_PACKS:
            return
        largest = max(indexes, key=lambda idx: idx.with_suffix(".pack").stat().st_size)
        latest: dict[str, tuple[Path, int, int]] = {}  # each key where a reader finds it: its latest entry
        for idx in indexes:
            entries = json.loads(idx.read_bytes())
            latest.update((k, (idx.with_suffix(".pack"), v[0], v[1])) for k, v in entries.items())
        # the entries the largest pack does not hold (as latest) go into one new pack
        merged = {k: at for k, at in latest.items() if at[0] != largest.with_suffix(".pack")}
        name = self.folder / f"{time.time_ns():020d}-{secrets.token_hex(4)}.pack"
        written: dict[str, list[int]] = {}
        with open(name, "wb") as out:
            for key, (pack, offset, length) in merged.items():
                with open(pack, "rb") as fh:
                    data = os.pread(fh.fileno(), length, offset)
                written[key] = [out.tell(), len(data)]
                out.write(data)
        _write_index(name.with_suffix(".idx"), written)
        for idx in indexes:  # the index first: a pack is never indexed and gone
            if idx != largest:
                idx.unlink(missing_ok=True)
                idx.with_suffix(".pack").unlink(missing_ok=True)

    def accept(self, display_name: str, graph: str) -> None:
        """The build took this page in as `graph` (not, say, as a second file for one URL): its digest is
        what the store of the next build compares (osce_kg/incremental.py)."""
        digest = self._digests.get(display_name)
        if digest:
            self.stats.graphs[graph] = digest

    def _prepare(self) -> None:
        """Make the context folder, and delete all but the newest KEEP_CONTEXTS context folders."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        os.utime(self.folder)  # newest: kept by the pruning below
        others = sorted((p for p in self.root.iterdir() if p.is_dir() and p != self.folder),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_CONTEXTS - 1:]:
            shutil.rmtree(old, ignore_errors=True)
        for stale in self.folder.glob(".tmp-*"):  # left by a killed build
            stale.unlink(missing_ok=True)
        now = time.time()
        for pack in self.folder.glob("*.pack"):  # no index, and old: left by a killed build
            try:
                if not pack.with_suffix(".idx").exists() and now - pack.stat().st_mtime > STALE_PACK_SECONDS:
                    pack.unlink()
            except OSError:
                pass
        self._ready = True


def _write_index(path: Path, entries: dict[str, list[int]]) -> None:
    tmp = path.with_name(f".tmp-{secrets.token_hex(6)}")
    tmp.write_bytes(json.dumps(entries, separators=(",", ":")).encode())
    os.replace(tmp, path)


def _decode(data: bytes, key: str) -> tuple[SourceOutcome, str]:
    """An entry's bytes -> its outcome and its quads' SHA-256; ValueError when it is not an intact entry for
    `key`."""
    head, sep, body = data.partition(b"\n")
    if not sep:
        raise ValueError("no header")
    header = json.loads(head)
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
        raise ValueError("not an entry for this page")
    digest = hashlib.sha256(body).hexdigest()
    if digest != header.get("body"):
        raise ValueError("quads do not match their checksum")
    fields = header["report"]
    if not isinstance(fields, dict) or set(fields) != set(SourceReport.__dataclass_fields__):
        raise ValueError("report fields do not match")
    report = SourceReport(**fields)
    if report.error or not isinstance(report.graph, str):
        raise ValueError("not a built page")
    url_key = header.get("url_key")
    return SourceOutcome(report, url_key if isinstance(url_key, str) else None, nquads=body), digest


@dataclass(frozen=True)
class PageJob:
    """One page to map: the read source, its name in reports, the caller's URL for it (or None)."""

    source: SourceFile
    display_name: str
    url: str | None = None


def cached_map(cache: PageCache | None, tasks: Sequence[PageJob], map_misses: Callable[[list], Iterable]) -> Iterator:
    """Each task's outcome, in order: from the cache when it has the page, else from `map_misses`, which is
    given the list of the other tasks (so a process pool maps only those) and yields their outcomes in order;
    those are kept in the cache as they come. Tasks need `source`, `display_name` and `url`; outcomes
    `report`, `url_key` and `nquads`."""
    if cache is None:
        yield from map_misses(list(tasks))
        return
    hits = [cache.get(t.source, t.display_name, t.url) for t in tasks]
    mapped = iter(map_misses([t for t, hit in zip(tasks, hits, strict=True) if hit is None]))
    for task, hit in zip(tasks, hits, strict=True):
        if hit is None:
            hit = next(mapped)
            cache.put(task.source, task.display_name, task.url, hit)
        yield hit
    cache.flush()  # every page mapped: this build's entries are kept


def default_folder(out_dir: str | Path) -> Path:
    """Beside the output folder, like its lock and versions: `build` -> `.build.cache`."""
    out = Path(os.path.abspath(out_dir))
    return out.parent / f".{out.name}.cache"


def for_build(enabled: bool, folder: str | None, out_dir: str | None, registry_version: str, limits: Limits,
              registry: bool) -> PageCache | None:
    """The build's cache: in `folder`, else beside `out_dir`; None when disabled or there is nowhere to keep it."""
    if not enabled or not (folder or out_dir):
        return None
    return PageCache(folder or default_folder(out_dir), registry_version, limits, registry)
