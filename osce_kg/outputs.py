"""A build's output files, replaced as one set: readers see the whole old set or the whole new one, never a mix.

Layout, for an output folder `build`:

    build -> .build.versions/<build-id>-<random>     (a symlink, replaced with one rename)
    .build.versions/                                 (the current set, the previous one, a staging folder)
    .build.lock                                      (flock: one writer at a time)

How other outputs join the set (the API):

    staging = OutputSet.open(Path("build"))   # lock + checks, before any work; raises OutputError
    try:
        write_atomic(staging.folder / "osce.ttl", text)   # any file or folder under staging.folder
        staging.commit("3f2a...")             # fsync, then one rename of the symlink: the swap
    finally:
        staging.close()                       # drops an uncommitted staging folder, releases the lock

Everything written under `staging.folder` before `commit` is swapped in together; nothing written there
is visible before. A crash, `kill -9` or full disk before the rename leaves the previous set untouched (the
stale staging folder is removed by the next build). The set the swap replaces is kept, so a reader that resolved
the old link can finish reading it; older sets are deleted after the swap, in a thread the build does not wait for
(at 1M quads, unlinking 340 MB of files and their cached pages took 0.1-0.4 s of a rebuild's CPU when it ran
beside the files' splices). A build that forks map workers first waits for a deletion still running
(`wait_for_deletions`: osce_kg/executor.py forks only a process with no other thread), and so does the
interpreter's exit; a set left half-deleted (a killed process) is deleted by the next build's commit, which also
deletes a set another deletion still works on (deleting twice is harmless).

An existing real folder (a build from before this layout) is adopted only when it is empty or holds a
report.json (an osce-kg build); any other folder is refused, so `-o .` cannot swallow a working directory.
"""

from __future__ import annotations

import atexit
import errno
import fcntl
import os
import secrets
import shutil
import threading
from pathlib import Path


class OutputError(Exception):
    """The output folder cannot be used; `usage` is True when the caller named a wrong kind of thing."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# The lock files' descriptors this process holds open. A process forked while one is held (a build's map workers)
# closes its copy at once: a flock belongs to the open file, so a worker still running when its build was killed
# would otherwise keep the next build out of the folder.
_HELD_LOCKS: set[int] = set()


def _drop_locks_in_child() -> None:
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)  # the parent's lock stays: its descriptor shares the open file
        except OSError:
            pass
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_locks_in_child)


class OutputSet:
    """A staging folder whose files are all swapped into `target` together by `commit`."""

    def __init__(self, target: Path, versions: Path, folder: Path, lock_fd: int):
        self.target, self.versions, self.folder = target, versions, folder
        self._lock_fd: int | None = lock_fd
        self.committed: Path | None = None

    @classmethod
    def open(cls, target: Path) -> OutputSet:
        """Check that `target` can hold a build, take the lock and make an empty staging folder."""
        target = Path(os.path.abspath(target))
        name = target.name
        if not name or name in (".", ".."):
            raise OutputError(f"{target}: not a usable output folder name", usage=True)
        if target.is_symlink():
            if not target.is_dir():
                raise OutputError(f"{target}: a symlink that does not lead to a folder", usage=True)
        elif target.exists():
            if not target.is_dir():
                raise OutputError(f"{target}: not a folder (the output folder, -o)", usage=True)
            if any(target.iterdir()) and not (target / "report.json").is_file():
                raise OutputError(f"{target}: a folder that holds other files than an osce-kg build; "
                                  "choose a new or empty output folder", usage=True)
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            usage = exc.errno in (errno.ENOTDIR, errno.EEXIST)
            raise OutputError(f"{parent}: cannot create the output folder: {_why(exc)}", usage=usage) from exc
        if not parent.is_dir():
            raise OutputError(f"{parent}: not a folder", usage=True)
        lock_path = parent / f".{name}.lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{parent}: output folder not writable: {_why(exc)}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"{target}: another osce-kg build is writing this output folder "
                              f"(lock {lock_path}); try again when it has finished") from exc
        versions = parent / f".{name}.versions"
        try:
            versions.mkdir(exist_ok=True)
            for stale in versions.glob("tmp-*"):  # left by a build that was killed
                shutil.rmtree(stale, ignore_errors=True)
            folder = versions / f"tmp-{secrets.token_hex(6)}"
            folder.mkdir()
            probe = folder / ".probe"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"{versions}: output folder not writable: {_why(exc)}") from exc
        _HELD_LOCKS.add(fd)
        return cls(target, versions, folder, fd)

    def commit(self, build_id: str) -> Path:
        """Swap the staged files in as the output set, with one rename; returns the new version folder."""
        if self._lock_fd is None:
            raise RuntimeError("output set already closed")
        for path in sorted(self.folder.rglob("*")):
            if path.is_file():
                _fsync(path)
        final = self.versions / f"{build_id}-{secrets.token_hex(4)}"
        os.rename(self.folder, final)
        _fsync(self.versions)
        previous = _current(self.target)
        if self.target.exists() and not self.target.is_symlink():
            # a real folder from an older build: kept as the previous version (one-time, not atomic)
            adopted = self.versions / f"adopted-{secrets.token_hex(4)}"
            os.rename(self.target, adopted)
            previous = adopted
        link = self.target.parent / f".{self.target.name}.link-{secrets.token_hex(4)}"
        os.symlink(os.path.join(self.versions.name, final.name), link)
        os.replace(link, self.target)  # the swap: readers now see the new set
        _fsync(self.target.parent)
        self.committed = final
        keep = {final.name, previous.name if previous is not None else ""}
        old = [p for p in self.versions.iterdir() if p.name not in keep and not p.name.startswith("tmp-")]
        if old:  # deleted in a thread (see the module docstring)
            deleting = threading.Thread(target=_delete_all, args=(old,), name="prune", daemon=True)
            with _DELETING_LOCK:
                _DELETING.append(deleting)
            deleting.start()
        return final

    def close(self) -> None:
        """Release the lock; an uncommitted staging folder is deleted (the previous set stays)."""
        if self.committed is None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock_fd is not None:
            _HELD_LOCKS.discard(self._lock_fd)
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _delete_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


_DELETING: list[threading.Thread] = []  # the threads deleting older output sets (OutputSet.commit)
_DELETING_LOCK = threading.Lock()


def wait_for_deletions() -> None:
    """Wait until this process deletes no older output set any more (see the module docstring)."""
    with _DELETING_LOCK:
        running = list(_DELETING)
    for thread in running:
        thread.join()
    with _DELETING_LOCK:
        _DELETING[:] = [t for t in _DELETING if t.is_alive()]


atexit.register(wait_for_deletions)  # before the interpreter stops its daemon threads: no set left half-deleted


def _current(target: Path) -> Path | None:
    if not target.is_symlink():
        return None
    return (target.parent / os.readlink(target)).resolve()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
