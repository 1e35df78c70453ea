"""All-or-nothing outputs, through the CLI: the output set is swapped in with one rename under a lock, carries
one build id in every file, and a failed, empty or killed build leaves the previous set untouched."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest

from osce_kg import outputs
from osce_kg.cli import main
from osce_kg.outputs import OutputSet
from tests.conftest import PAGES

OUTPUTS = ["osce.jsonld", "osce.nq", "osce.ttl", "report.json"]  # files; the set also holds store/
OLD = [PAGES / n for n in ("navonly_en.txt", "chair_en.txt")]
NEW = [PAGES / n for n in ("navonly_fr.txt", "chair_fr.txt", "fo_en_closed_truncated.txt", "partners_de.txt")]


def whole_set(out: Path, listing: list[str] | None = None) -> str:
    """The build id of the set in `out`, after checking every file is there and names that same build."""
    names = sorted(os.listdir(out))
    assert set(OUTPUTS + ["store"]) <= set(names)
    if listing is not None:
        assert names == listing  # nothing missing, nothing from another build
    build = json.loads((out / "report.json").read_text())["build"]
    assert build["iri"].endswith("/build/" + build["id"])
    for name in ("osce.nq", "osce.ttl", "osce.jsonld"):
        text = (out / name).read_text()
        assert build["id"] in text, name
    return build["id"]


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_the_whole_old_or_the_whole_new_set(tmp_path):
    out = tmp_path / "out"
    assert main(["build", *map(str, OLD), "-o", str(out), "-q", "--no-validate"]) == 0
    old = whole_set(out)
    listing = sorted(os.listdir(out))
    seen = set()
    # each build is a process forked from one that has imported the package already (a fresh interpreter spent
    # about a third of the old delays importing, where a kill tests nothing): the delays span the build itself
    forks = multiprocessing.get_context("forkserver")
    forks.set_forkserver_preload(["osce_kg.cli"])
    args = ["build", *map(str, NEW), "-o", str(out), "-q", "--no-validate"]
    for delay in (0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.7):  # a whole build takes about 0.6 s here
        proc = forks.Process(target=main, args=(args,))
        proc.start()
        time.sleep(delay)
        proc.kill()  # SIGKILL, unless the build has ended
        proc.join(timeout=30)
        seen.add(whole_set(out, listing))
    assert main(args) == 0  # after the killed builds, a whole one (in this process: no interpreter to start)
    new = whole_set(out, listing)
    assert new != old and seen <= {old, new}
    outputs.wait_for_deletions()  # older sets (and those killed builds left half-deleted) go in a thread
    versions = tmp_path / ".out.versions"
    assert len(list(versions.iterdir())) <= 2  # the current set, the previous one; killed staging cleaned


def test_an_empty_build_leaves_the_previous_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(OLD[0]), "-o", str(out), "-q", "--no-validate"]) == 0
    before = {n: (out / n).read_bytes() for n in OUTPUTS}
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty"), "-o", str(out), "-q", "--no-validate"]) == 1
    assert "error: no page was built; " in capsys.readouterr().err
    (tmp_path / "bad.txt").write_bytes(b"\0")
    assert main(["build", str(tmp_path / "bad.txt"), "-o", str(out), "-q", "--no-validate"]) == 1
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == before


def test_a_build_that_fails_while_writing_leaves_the_previous_outputs(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main(["build", str(OLD[0]), "-o", str(out), "-q", "--no-validate"]) == 0
    before = {n: (out / n).read_bytes() for n in OUTPUTS}
    import osce_kg.export.jsonld as jsonld

    def disk_full(self, statements, out):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonld.EXPORTER, "dump", disk_full)
    capsys.readouterr()
    assert main(["build", str(NEW[0]), "-o", str(out), "-q", "--no-validate"]) == 1
    assert capsys.readouterr().err.strip() == "error: No space left on device"
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == before
    assert [p.name for p in (tmp_path / ".out.versions").iterdir() if p.name.startswith("tmp-")] == []


def test_a_second_build_fails_clearly_while_the_first_holds_the_lock(tmp_path, capsys):
    out = tmp_path / "out"
    with OutputSet.open(out):
        assert main(["build", str(OLD[0]), "-o", str(out), "-q", "--no-validate"]) == 1
    assert "another osce-kg build is writing this output folder" in capsys.readouterr().err
    assert main(["build", str(OLD[0]), "-o", str(out), "-q", "--no-validate"]) == 0  # lock released


def test_unusable_output_folders_are_refused_before_any_work(tmp_path, capsys):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main(["build", "-o", str(a_file), "-q"]) == 2
    assert capsys.readouterr().err.strip() == f"error: {a_file}: not a folder (the output folder, -o)"
    assert main(["build", "-o", str(a_file / "sub"), "-q"]) == 2
    assert "cannot create the output folder" in capsys.readouterr().err
    assert main(["build", "-o", "/proc/osce-kg-out", "-q"]) in (1, 2)
    err = capsys.readouterr().err
    assert err.startswith("error: /proc") and len(err.strip().splitlines()) == 1
    other = tmp_path / "work"
    other.mkdir()
    (other / "notes.md").write_text("mine")
    assert main(["build", "-o", str(other), "-q"]) == 2
    assert "holds other files than an osce-kg build" in capsys.readouterr().err
    assert (other / "notes.md").read_text() == "mine"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_output_folder_is_refused(tmp_path, capsys):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        assert main(["build", "-o", str(parent / "out"), "-q"]) == 1
        assert "not writable" in capsys.readouterr().err
    finally:
        parent.chmod(0o755)


def test_outputs_have_the_usual_mode_and_a_build_from_before_is_adopted(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("{}")  # an output folder written by an older osce-kg
    old_mask = os.umask(0o022)
    try:
        assert main(["build", str(OLD[0]), "-o", str(out), "-q", "--no-validate"]) == 0
    finally:
        os.umask(old_mask)
    assert out.is_symlink()
    for name in OUTPUTS:
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o644, name
    whole_set(out)


def test_older_sets_go_after_the_swap_and_the_current_one_stays(tmp_path, monkeypatch):
    """After the swap, the sets older than the one it replaced (a reader may have resolved the old link) are
    deleted in a thread the commit does not wait for (`wait_for_deletions` does), and no third set is left."""
    import threading

    out = tmp_path / "out"
    versions = tmp_path / ".out.versions"
    made = []
    release = threading.Event()
    delete_all = outputs._delete_all
    monkeypatch.setattr(outputs, "_delete_all", lambda folders: release.wait(30) and delete_all(folders))
    for n in range(3):
        staging = OutputSet.open(out)
        try:
            (staging.folder / "report.json").write_text(f"{n}\n")
            made.append(staging.commit(f"b{n}"))
        finally:
            staging.close()
    # the third commit returned with the first set still there, its deletion held
    assert (out / "report.json").read_text() == "2\n"
    assert sorted(p for p in versions.iterdir() if not p.name.startswith("tmp-")) == sorted(made)
    release.set()
    outputs.wait_for_deletions()
    assert not any(t.name == "prune" and t.is_alive() for t in threading.enumerate())
    staging = OutputSet.open(out)
    try:
        assert sorted(p for p in versions.iterdir() if not p.name.startswith("tmp-")) == sorted(made[1:])
        (staging.folder / "report.json").write_text("3\n")
        final = staging.commit("b3")
    finally:
        staging.close()
    outputs.wait_for_deletions()
    assert sorted(versions.iterdir()) == sorted([made[2], final])
    assert (out / "report.json").read_text() == "3\n"


def _sleep(running, seconds: float) -> None:
    running.set()
    time.sleep(seconds)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
def test_a_process_forked_during_a_build_does_not_hold_its_lock(tmp_path):
    """The lock is the build's alone: a process forked while it is held (a map worker) closes its copy, so the
    next build can take it once this one ends, even while that process still runs (a worker of a killed build)."""
    from osce_kg.outputs import OutputError

    staging = OutputSet.open(tmp_path / "out")
    forks = multiprocessing.get_context("fork")
    running = forks.Event()
    child = forks.Process(target=_sleep, args=(running, 30))
    child.start()
    try:
        assert running.wait(30)  # the child runs (what it does once forked is done)
        with pytest.raises(OutputError, match="another osce-kg build"):
            OutputSet.open(tmp_path / "out")  # held by the build
        staging.close()
        OutputSet.open(tmp_path / "out").close()  # the child runs on, holding nothing
        assert child.is_alive()
    finally:
        child.kill()
        child.join()
