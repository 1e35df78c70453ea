"""A rebuild's osce.nq and osce.jsonld spliced from the previous build's (osce_kg/output_reuse.py) are
byte-identical to a clean build's, also when the build time changes; an index that does not fit writes the
file whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.incremental import MANIFEST
from osce_kg.output_reuse import OUTPUTS
from tests.conftest import LEAN, copy_pages

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_de_moldova.txt")


def _build(pages: Path, out: Path, **kw):
    # no registry graphs: what is spliced is the page graphs
    return build(BuildOptions(paths=[str(pages)], out_dir=str(out), formats=("nquads", "jsonld"), validate=False,
                              **LEAN, **kw))


def _indexes(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text())[OUTPUTS]


def _edit_index(out: Path, fmt: str, **changes) -> None:
    manifest = json.loads((out / MANIFEST).read_text())
    manifest[OUTPUTS][fmt].update(changes)
    (out / MANIFEST).resolve().write_text(json.dumps(manifest))


def _same_as_clean(out: Path, pages: Path, tmp_path: Path) -> bool:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    _build(pages, clean, page_cache=False)
    return all((out / n).read_bytes() == (clean / n).read_bytes() for n in ("osce.nq", "osce.jsonld"))


@pytest.fixture
def pages(tmp_path) -> Path:
    return copy_pages(tmp_path / "pages", PICKED)


# The spliced files against clean builds' (pages changed, removed and added, another build time):
# tests/test_incremental_validation.py, whose rebuilds write them.


@pytest.mark.slow
def test_an_index_that_does_not_fit_writes_the_file_whole(pages, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / "build"
    _build(pages, out)
    assert set(_indexes(out)) == {"nquads", "jsonld"}  # in the store manifest, not files of the release set
    blocks = _indexes(out)["nquads"]["blocks"]
    assert sum(size for _, _, size in blocks) == (out / "osce.nq").stat().st_size
    chair = pages / "chair_en.txt"

    _edit_index(out, "nquads", code="other exporters")
    _edit_index(out, "jsonld", code="other exporters")
    chair.write_text(chair.read_text() + "\nOne.\n")
    assert not _build(pages, out).cache.spliced

    # an index of another build than the one the store manifest names
    _edit_index(out, "nquads", build="https://w3id.org/osce-kg/id/build/0000000000000000")
    chair.write_text(chair.read_text() + "\nTwo.\n")
    assert _build(pages, out).cache.spliced == ["jsonld"]

    # a file that is not the one indexed
    for name in ("osce.nq", "osce.jsonld"):
        written = (out / name).resolve()
        written.write_bytes(written.read_bytes() + b"\n")
    chair.write_text(chair.read_text() + "\nThree.\n")
    assert not _build(pages, out).cache.spliced
    assert _same_as_clean(out, pages, tmp_path)


def test_the_index_the_writers_record_is_the_one_read_from_the_file(pages, tmp_path):
    """N-Quads and JSON-LD record each graph's block as they write (Statements.written): the index made from
    that, without reading the file back, is the one found by reading it; a record that does not fit the file
    gives no index."""
    from osce_kg.dataset import _size_sha256_states
    from osce_kg.output_reuse import index, jsonld_index

    out = tmp_path / "build"
    result = _build(pages, out)
    recorded = _indexes(out)
    for fmt, name, indexer in (("nquads", "osce.nq", index), ("jsonld", "osce.jsonld", jsonld_index)):
        found = dict(recorded[fmt])
        # the states of its checksum, kept for the next build's splice to resume from (osce_kg/checksum.py)
        assert found.pop("states") == _size_sha256_states(out / name)[2]
        assert len(found["blocks"]) >= len(PICKED) + 2  # the pages, the build and the description
        assert indexer(out / name, result.graph, found["build"], found["time"]) == found  # read back
        blocks = [(f"<{g}>".encode(), at, size) for g, at, size in found["blocks"]]
        assert indexer(out / name, result.graph, found["build"], found["time"], blocks) == found
        shifted = [(g, at + 1, size) for g, at, size in blocks]
        assert indexer(out / name, result.graph, found["build"], found["time"], shifted) is None
        assert indexer(out / name, result.graph, found["build"], found["time"], blocks[::-1]) is None
        assert indexer(out / name, result.graph, found["build"], found["time"], blocks[:-1]) is None


@pytest.mark.skipif(not __import__("osce_kg.checksum").checksum.resumable(), reason="no libcrypto")
def test_write_parts_resumes_the_checksum_within_the_bytes_both_files_share(tmp_path, monkeypatch):
    """The previous file's kept states: the hash goes on from the last one within the first bytes the new file
    shares with it (a tampered state there shows in the checksum; one past them is not used), and the new file's
    states are those of hashing it whole."""
    import hashlib

    from osce_kg import checksum
    from osce_kg.output_reuse import write_parts

    monkeypatch.setattr(checksum, "STEP", 1 << 20)
    old = tmp_path / "old.nq"
    old.write_bytes(bytes(range(256)) * 40_000)  # 10 MB
    data = old.read_bytes()
    whole = checksum.Sha256()
    whole.update(data)
    parts = [(0, 5_500_000), b"changed\n", (5_600_000, len(data) - 5_600_000)]
    expected = data[:5_500_000] + b"changed\n" + data[5_600_000:]
    fresh = checksum.Sha256()
    fresh.update(expected)
    with open(old, "rb") as fh:
        size, sha256, states = write_parts(tmp_path / "new.nq", fh, parts, whole.states)
    assert (size, sha256) == (len(expected), hashlib.sha256(expected).hexdigest())
    assert states == fresh.states and [s[0] for s in states][:5] == [n << 20 for n in range(1, 6)]
    tampered = [[at, state if at != 5 << 20 else whole.states[0][1]] for at, state in whole.states]
    with open(old, "rb") as fh:
        assert write_parts(tmp_path / "a.nq", fh, parts, tampered)[1] != sha256  # resumed from 5 MiB
    past = [[at, state if at != 6 << 20 else whole.states[0][1]] for at, state in whole.states]
    with open(old, "rb") as fh:
        assert write_parts(tmp_path / "b.nq", fh, parts, past)[1] == sha256  # 6 MiB is past the shared bytes
    assert (tmp_path / "new.nq").read_bytes() == expected


@pytest.mark.parametrize("native", [True, False])
def test_write_parts_writes_and_hashes_the_same_bytes(tmp_path, monkeypatch, native):
    """The splices' writer: bytes and ranges of the previous file, one after the other; its size and SHA-256 are
    those of the file written. A range past the previous file's end fails and leaves no file. The same with the
    C core's copy and hash loops (no GIL) as without."""
    import hashlib

    from osce_kg import checksum, output_reuse
    from osce_kg.output_reuse import write_parts

    if not native:
        monkeypatch.setattr(output_reuse, "_native", None)
        monkeypatch.setattr(checksum, "_native", None)
    elif output_reuse._native is None:
        pytest.skip("the C core is not built here")

    old = tmp_path / "old.nq"
    old.write_bytes(bytes(range(256)) * 40_000)  # 10 MB: ranges of several 4 MiB chunks
    target = tmp_path / "new.nq"
    parts = [b"head\n", (3, 9_000_000), b"", (10_000, 17), b"tail\n"]
    with open(old, "rb") as fh:
        size, sha256, _ = write_parts(target, fh, parts)
    data = old.read_bytes()
    expected = b"head\n" + data[3:9_000_003] + data[10_000:10_017] + b"tail\n"
    assert target.read_bytes() == expected
    assert (size, sha256) == (len(expected), hashlib.sha256(expected).hexdigest())
    with open(old, "rb") as fh, pytest.raises(OSError, match="shorter"):
        write_parts(tmp_path / "bad.nq", fh, [b"x", (len(data) - 5, 10)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.nq", "old.nq"]
