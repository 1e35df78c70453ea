"""SHA-256 of output files, with states kept along the way so that a later file with the same first bytes resumes
the checksum there instead of reading those bytes again.

A rebuild's N-Quads and JSON-LD files are the previous build's up to the first page graph that changed (the
graphs that change with every build come last: osce_kg/export/base.py `graph_order`); hashing the whole 220 MB
N-Quads file at 1M quads took 0.15 s of a rebuild's critical path. `Sha256` keeps the hash's state every
`STEP` bytes (`states`: [offset, state]); the next build, given the previous file's states, starts from the
last one within the bytes the two files share (osce_kg/output_reuse.py `write_parts`).

hashlib cannot give its state away, so the hash runs through OpenSSL's libcrypto (the library hashlib itself
uses, with the same CPU instructions), called through ctypes, which leaves the GIL during each call. Where
libcrypto is not found, `Sha256` is hashlib's, with no states: every file is hashed whole, as before.
"""

from __future__ import annotations

import ctypes
import hashlib
import os

try:  # a file range hashed without the GIL (osce_kg/_native.c), optional
    from osce_kg import _native
except ImportError:  # pragma: no cover (no C compiler at install)
    _native = None

STEP = 8 << 20  # bytes between two kept states (a multiple of SHA-256's 64-byte block)
_CTX_SIZE = 112  # sizeof(SHA256_CTX): h[8], Nl, Nh, data[16], num, md_len (openssl/sha.h, unchanged since 0.9.8)


# By name, not ctypes.util.find_library: that runs ldconfig in a forked child, which a big build pays for (its
# page tables copied; the child's peak RSS counted as the whole build's). The first is the one hashlib loaded.
_NAMES = ("libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so", "libcrypto.dylib")


def _libcrypto():
    lib = None
    for name in _NAMES:
        try:
            lib = ctypes.CDLL(name)
            init, update, final = lib.SHA256_Init, lib.SHA256_Update, lib.SHA256_Final
            break
        except (OSError, AttributeError):
            lib = None
    if lib is None:
        return None
    init.argtypes, init.restype = [ctypes.c_void_p], ctypes.c_int
    update.argtypes, update.restype = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t], ctypes.c_int
    final.argtypes, final.restype = [ctypes.c_char_p, ctypes.c_void_p], ctypes.c_int
    # the library works as expected, state kept and resumed included, or it is not used
    probe, data = ctypes.create_string_buffer(_CTX_SIZE), b"osce-kg" * 64
    if init(probe) != 1 or update(probe, data, 64) != 1:
        return None
    resumed = ctypes.create_string_buffer(probe.raw, _CTX_SIZE)
    out = ctypes.create_string_buffer(32)
    if update(resumed, data[64:], len(data) - 64) != 1 or final(out, resumed) != 1 \
            or out.raw != hashlib.sha256(data).digest():
        return None
    return init, update, final


_LIB = _libcrypto()
_UPDATE_ADDRESS = ctypes.cast(_LIB[1], ctypes.c_void_p).value if _LIB is not None else None


def resumable() -> bool:
    """Whether states are kept (libcrypto found)."""
    return _LIB is not None


class Sha256:
    """SHA-256 of a byte stream, its state kept every STEP bytes from the start of the stream (`states`)."""

    def __init__(self, start: tuple[int, str] | None = None):
        """`start`: (offset, state) of another stream with the same first `offset` bytes: the hash goes on from
        there (its `states` up to there are the caller's to carry over)."""
        self.size = 0
        self.states: list[list] = []  # [offset, state as hex], from `start` on
        if _LIB is None:
            if start is not None:
                raise ValueError("no resumable SHA-256 here (libcrypto not found)")
            self._hash = hashlib.sha256()
            return
        self._hash = None
        self._ctx = ctypes.create_string_buffer(_CTX_SIZE)
        if start is None:
            _LIB[0](self._ctx)
        else:
            offset, state = start
            raw = bytes.fromhex(state)
            if len(raw) != _CTX_SIZE or offset % STEP:
                raise ValueError("not a kept SHA-256 state")
            ctypes.memmove(self._ctx, raw, _CTX_SIZE)
            self.size = offset

    def update(self, data: bytes | bytearray | memoryview) -> None:
        if self._hash is not None:
            self._hash.update(data)
            self.size += len(data)
            return
        if isinstance(data, bytes):
            address = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value  # the bytes in place, not copied
        else:  # a buffer read into (a bytearray, or a view of one): in place too
            view = memoryview(data).cast("B")
            if view.readonly:
                data = view.tobytes()
                address = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value
            else:
                data = view
                address = ctypes.addressof(ctypes.c_char.from_buffer(view)) if len(view) else 0
        done = 0
        while done < len(data):
            # up to the next multiple of STEP, where the state is kept
            take = min(len(data) - done, STEP - self.size % STEP)
            _LIB[1](self._ctx, address + done, take)
            done += take
            self.size += take
            if self.size % STEP == 0:
                self.states.append([self.size, self._ctx.raw.hex()])

    def update_file(self, fd: int, offset: int, length: int, buffer: bytearray) -> None:
        """Hash `length` bytes of the open file `fd` from `offset`, read into `buffer` a piece at a time (no new
        bytes object per piece: each a fresh allocation the kernel zero-fills page by page; 220 MB of them cost a
        rebuild 0.1-0.4 s of system time); OSError when the file is shorter. With the C core, the whole range
        without the GIL: a rebuild hashes in threads beside Python work, and a thread taking the GIL back
        after each piece waited up to 5 ms each time (220 MB beside a busy thread: 0.64 s instead of 0.18 s)."""
        if self._hash is None and _native is not None and length > 0:
            kept = _native.hash_range(_UPDATE_ADDRESS, ctypes.addressof(self._ctx), _CTX_SIZE, fd, offset, length,
                                      self.size, STEP, buffer)
            for n in range(len(kept) // _CTX_SIZE):
                self.states.append([(self.size // STEP + n + 1) * STEP, kept[n * _CTX_SIZE:(n + 1) * _CTX_SIZE].hex()])
            self.size += length
            return
        view = memoryview(buffer)
        while length > 0:
            got = os.preadv(fd, [view[:min(length, len(buffer))]], offset)
            if not got:
                raise OSError("the file is shorter than the range to hash")
            self.update(view[:got])
            offset, length = offset + got, length - got

    def hexdigest(self) -> str:
        if self._hash is not None:
            return self._hash.hexdigest()
        ctx = ctypes.create_string_buffer(self._ctx.raw, _CTX_SIZE)  # this one may go on
        out = ctypes.create_string_buffer(32)
        _LIB[2](out, ctx)
        return out.raw.hex()


def resume_point(states: list | None, shared: int) -> tuple[int, str] | None:
    """The last of a file's kept `states` within its first `shared` bytes (which another file has too), or None."""
    best = None
    for entry in states or []:
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int) and isinstance(entry[1], str) \
                and 0 < entry[0] <= shared and (best is None or entry[0] > best[0]):
            best = (entry[0], entry[1])
    return best
