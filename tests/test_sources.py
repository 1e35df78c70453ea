"""Reading source files: bad input is refused with a message naming the file and the problem."""

from __future__ import annotations

import pytest

from osce_kg.sources import SourceError, decode_source, iter_source_paths, read_source
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "problem"),
    [("empty.txt", "empty file"), ("binary.txt", "binary file"), ("latin1.txt", "not UTF-8")],
)
def test_bad_files_are_refused(name, problem):
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / "bad" / name)
    assert name in str(err.value)
    assert problem in err.value.problem


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(SourceError, match="nope.txt: cannot read"):
        read_source(tmp_path / "nope.txt")


def test_source_line_gives_the_url():
    source = decode_source(b"# source: https://www.osce.org/x  (note)\nTitle\n", "mem")
    assert source.url == "https://www.osce.org/x"
    assert source.format == "text"


def test_html_is_recognised():
    source = decode_source(b"<!DOCTYPE html><html><body><h1>x</h1></body></html>", "mem")
    assert source.format == "html"


def test_folders_are_expanded_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "skip.csv").write_text("x")
    assert [p.name for p in iter_source_paths([tmp_path])] == ["a.html", "b.txt"]
