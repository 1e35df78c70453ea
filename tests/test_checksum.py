"""SHA-256 with its state kept every STEP bytes (osce_kg/checksum.py): the checksum of any chunking is hashlib's,
and a hash resumed from a kept state gives the same checksum and states as one over the whole stream."""

from __future__ import annotations

import hashlib
import random

import pytest

from osce_kg import checksum

needs_libcrypto = pytest.mark.skipif(not checksum.resumable(), reason="no libcrypto")


@pytest.fixture
def small_step(monkeypatch):
    monkeypatch.setattr(checksum, "STEP", 4096)


def _hashed(data: bytes, start=None, chunk: int = 1000) -> checksum.Sha256:
    digest = checksum.Sha256(start)
    for at in range(start[0] if start else 0, len(data), chunk):
        digest.update(data[at:at + chunk])
    return digest


@needs_libcrypto
def test_any_chunking_gives_hashlibs_checksum_and_a_state_every_step(small_step):
    data = random.Random(1).randbytes(50_000)
    for chunk in (1, 63, 64, 1000, 4096, 5000, 50_000):
        digest = _hashed(data, chunk=chunk)
        assert digest.hexdigest() == hashlib.sha256(data).hexdigest() and digest.size == len(data)
        assert [at for at, _ in digest.states] == list(range(4096, 50_000, 4096))
    assert checksum.Sha256().hexdigest() == hashlib.sha256(b"").hexdigest()
    buffer = bytearray(data)  # read into a buffer: hashed in place, views of it too
    digest = checksum.Sha256()
    digest.update(memoryview(buffer)[:4000])
    digest.update(memoryview(buffer)[4000:4000])
    digest.update(buffer[4000:])
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest() and len(digest.states) == 12
    digest = checksum.Sha256()
    digest.update(memoryview(data))  # a read-only view
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    digest = _hashed(data)
    digest.hexdigest()
    digest.update(b"more")  # a checksum read midway leaves the hash going on
    assert digest.hexdigest() == hashlib.sha256(data + b"more").hexdigest()


@needs_libcrypto
def test_a_hash_resumed_from_a_kept_state_is_the_whole_streams(small_step):
    data = random.Random(2).randbytes(30_000)
    whole = _hashed(data)
    for at, state in whole.states:
        resumed = _hashed(data, (at, state), chunk=777)
        assert resumed.hexdigest() == whole.hexdigest()
        assert resumed.states == [s for s in whole.states if s[0] > at]
    assert checksum.resume_point(whole.states, 12_287) == tuple(whole.states[1])  # 8192: the last within
    assert checksum.resume_point(whole.states, 4095) is None
    assert checksum.resume_point([[4096, "x"], ["y", 1], None], 10_000) == (4096, "x")
    with pytest.raises(ValueError):
        checksum.Sha256((4096, "00"))  # not a state
    with pytest.raises(ValueError):
        checksum.Sha256((100, whole.states[0][1]))  # not at a step


def test_without_libcrypto_it_is_hashlibs_with_no_states(monkeypatch):
    monkeypatch.setattr(checksum, "_LIB", None)
    assert not checksum.resumable()
    digest = checksum.Sha256()
    digest.update(b"x" * (checksum.STEP + 10))
    assert digest.hexdigest() == hashlib.sha256(b"x" * (checksum.STEP + 10)).hexdigest() and digest.states == []
    with pytest.raises(ValueError):
        checksum.Sha256((checksum.STEP, "00" * 112))
