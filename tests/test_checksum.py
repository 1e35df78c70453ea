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


@pytest.mark.parametrize("native", [True, False])
def test_a_file_range_hashes_as_its_bytes_do(small_step, tmp_path, monkeypatch, native):
    """Sha256.update_file (a range of a file read into a buffer; with the C core, the whole range without the
    GIL) gives the checksum and states of the same bytes passed to update, and a file shorter than the range is
    an OSError."""
    if not native:
        monkeypatch.setattr(checksum, "_native", None)
    elif checksum._native is None:
        pytest.skip("the C core is not built here")
    data = random.Random(2).randbytes(30_000)
    path = tmp_path / "data"
    path.write_bytes(data)
    with open(path, "rb") as fh:
        for offset, length, buffer in ((0, 30_000, 1000), (5, 20_000, 4096), (4096, 9000, 7), (100, 0, 64)):
            digest, expected = checksum.Sha256(), checksum.Sha256()
            digest.update(b"x" * 300)
            expected.update(b"x" * 300)
            digest.update_file(fh.fileno(), offset, length, bytearray(buffer))
            expected.update(data[offset:offset + length])
            assert (digest.hexdigest(), digest.size, digest.states) \
                == (expected.hexdigest(), expected.size, expected.states)
        with pytest.raises(OSError):
            checksum.Sha256().update_file(fh.fileno(), 29_000, 2000, bytearray(512))
