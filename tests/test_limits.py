"""Bounded work per page, through the CLI: pathological pages are refused (one line naming the file and the
limit), quickly, and the good pages of the batch are still built."""

from __future__ import annotations

import json
import os
import time

import pytest

from osce_kg.cli import main
from osce_kg.limits import Limits, html_depth_over
from tests.conftest import PAGES

GOOD = PAGES / "navonly_en.txt"


def errors(err: str) -> dict[str, str]:
    """file name -> its error line."""
    out = {}
    for line in err.splitlines():
        if line.startswith("error: "):
            path = line[len("error: "):].split(": ", 1)[0]
            out[os.path.basename(path)] = line
    return out


@pytest.fixture
def bad_batch(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "million_lines.txt").write_bytes(b"# source: https://www.osce.org/a\n" + b"OSCE\n" * 1_000_000)
    (bad / "ten_mb_line.txt").write_bytes(b"# source: https://www.osce.org/b\n" + b"x" * 10_000_000)
    (bad / "many_lines.txt").write_bytes(b"# source: https://www.osce.org/c\n" + b"OSCE\n" * 30_000)
    (bad / "long_line.txt").write_bytes(b"# source: https://www.osce.org/d\n" + b"OSCE " * 600_000)
    (bad / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"OSCE" + b"</div>" * 100_000)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "late_nul.txt").write_bytes(b"# source: https://www.osce.org/e\nOSCE\n" + b"a" * 9000 + b"\0")
    os.mkfifo(bad / "fifo.txt")
    return bad


def test_pathological_pages_are_refused_quickly_and_the_batch_goes_on(bad_batch, tmp_path, capsys):
    started = time.perf_counter()
    code = main(["build", str(bad_batch), str(GOOD), "/dev/zero", "-o", str(tmp_path / "out"), "-q",
                 "--no-validate", "--no-store"])
    seconds = time.perf_counter() - started
    assert code == 1
    lines = errors(capsys.readouterr().err)
    assert "max_bytes" in lines["million_lines.txt"] and "million_lines.txt" in lines["million_lines.txt"]
    assert "max_bytes" in lines["ten_mb_line.txt"]
    assert "max_lines" in lines["many_lines.txt"]
    assert "max_line_chars" in lines["long_line.txt"]
    assert "max_html_depth" in lines["deep.html"]
    assert "empty file" in lines["empty.txt"]
    assert "NUL byte at offset 9,038" in lines["late_nul.txt"]
    assert "not a regular file (a FIFO)" in lines["fifo.txt"]
    assert "not a regular file (a character device)" in lines["zero"]
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["summary"]["built"] == 1  # the good page
    assert seconds < 20, seconds  # the batch took hours or was killed


def test_each_refusal_takes_well_under_a_second(bad_batch):
    from osce_kg.sources import SourceError, read_source

    for path in sorted(bad_batch.iterdir()):
        started = time.perf_counter()
        with pytest.raises(SourceError):
            read_source(path, limits=Limits())
        assert time.perf_counter() - started < 0.5, path.name


def test_real_pages_pass_the_default_limits(corpus_dir, pages_dir):
    from osce_kg.build import bundled_corpus
    from osce_kg.sources import read_source

    for folder in (corpus_dir, pages_dir, bundled_corpus(), PAGES.parent / "html"):
        for path in sorted(folder.glob("*.*")):
            if path.suffix in (".txt", ".html"):
                read_source(path, limits=Limits())  # raises when a limit is too tight


def test_limits_come_from_flags_and_environment(tmp_path, capsys, monkeypatch):
    page = tmp_path / "p.txt"
    page.write_text(GOOD.read_text())
    monkeypatch.setenv("OSCE_KG_MAX_LINES", "3")
    assert main(["build", str(page), "-o", str(tmp_path / "o"), "-q", "--no-validate", "--no-store"]) == 1
    assert "max_lines 3" in capsys.readouterr().err
    assert main(["build", str(page), "-o", str(tmp_path / "o"), "-q", "--no-validate", "--no-store",
                 "--max-lines", "0"]) == 0
    capsys.readouterr()
    assert main(["build", str(page), "-o", str(tmp_path / "o"), "-q", "--page-seconds", "inf"]) == 2
    assert capsys.readouterr().err.startswith("error: limit page_seconds")


def test_the_time_budget_stops_a_slow_page(tmp_path, capsys, monkeypatch):
    import sys

    mapping_module = sys.modules["osce_kg.mapping"]

    def slow(*args, **kwargs):
        time.sleep(60)

    monkeypatch.setattr(mapping_module, "map_page", slow)
    started = time.perf_counter()
    code = main(["build", str(GOOD), "-o", str(tmp_path / "o"), "-q", "--page-seconds", "0.2"])
    assert code == 1 and time.perf_counter() - started < 20  # stopped, not the 60 s the page would take
    assert "over the time budget (0.2 s per page, page_seconds)" in capsys.readouterr().err


def test_html_depth_counts_real_nesting_only():
    assert html_depth_over("<div>" * 300, 256) == 257
    # void elements, optional end tags, comments and scripts do not nest
    flat = "<p>x" * 5000 + "<br>" * 5000 + "<li>y" * 5000 + "<!--" + "<div>" * 500 + "-->" \
        + "<script>" + "<div>" * 500 + "</script>"
    assert html_depth_over(flat, 256) is None
    assert html_depth_over("<div><span></span></div>" * 10_000, 2) is None


def test_symlinked_folders_are_followed_and_loops_reported(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    (real / "page.txt").write_text(GOOD.read_text())
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (top / "loop").symlink_to(top, target_is_directory=True)
    code = main(["build", str(top), "-o", str(tmp_path / "o"), "-q", "--no-validate", "--no-store"])
    err = capsys.readouterr().err
    assert code == 1  # the loop is reported, not walked
    assert "loop: folder already walked (a symlink loop" in err
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert [s["file"] for s in report["sources"] if not s["error"]] == [str(top / "linked" / "page.txt")]


def test_two_files_with_one_url_the_first_path_wins_in_any_argument_order(tmp_path, capsys):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(GOOD.read_text())
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    for args in ([a, b], [b, a]):
        assert main(["build", *args, "-o", str(tmp_path / "o"), "-q", "--no-validate", "--no-store"]) == 1
        lines = errors(capsys.readouterr().err)
        assert list(lines) == ["b.txt"] and f"same source URL as {a}" in lines["b.txt"]


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as fh:
        fh.write(GOOD.read_bytes())
    assert main(["build", str(folder), "-o", str(tmp_path / "o"), "-q", "--no-validate", "--no-store"]) == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["sources"][0]["file"].endswith("caf\\xe9.txt")


def test_html_text_is_held_to_the_line_limits_after_parsing(tmp_path, capsys):
    long_block = tmp_path / "long.html"
    long_block.write_text("<html><body><h1>OSCE</h1><p>" + "OSCE " * 5000 + "</p></body></html>")
    many_blocks = tmp_path / "many.html"
    paragraphs = "".join(f"<p>OSCE paragraph {i}</p>" for i in range(50))
    many_blocks.write_text(f"<html><body><h1>OSCE</h1>{paragraphs}</body></html>")
    code = main(["build", str(long_block), str(many_blocks), "-o", str(tmp_path / "o"), "-q", "--no-validate",
                 "--no-store", "--max-line-chars", "10000", "--max-lines", "20"])
    lines = errors(capsys.readouterr().err)
    assert code == 1
    assert "text block of 24,999 characters > max_line_chars 10,000" in lines["long.html"]
    assert "50 text blocks > max_lines 20" in lines["many.html"]
