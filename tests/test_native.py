"""The writers' C core (osce_kg/_native.c) gives the same bytes as the Python road it replaces: sorted lines,
N-Triples, N-Quads, Turtle, TriG and JSON-LD, for random datasets (odd IRIs, blank nodes whose labels prefix each
other, typed and tagged literals, repeats) and through `osce-kg export` from a store."""

from __future__ import annotations

import random
import shutil
import sysconfig
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osce_kg.cli import main
from osce_kg.export import base
from osce_kg.export.base import exporter_for, sorted_block, sorted_lines
from tests.test_export_roundtrip import datasets

native = pytest.mark.skipif(base._native is None, reason="the C core is not built here (no C compiler)")
LINE_FORMATS = ("ntriples", "nquads", "turtle", "trig", "jsonld")


@pytest.fixture
def python_road(monkeypatch):
    """Within the test, the writers run without the C core."""
    def use_python():
        monkeypatch.setattr(base, "_native", None)
    return use_python


def test_the_c_core_is_built_where_a_compiler_is():
    """An install on a machine with a C compiler and Python's headers builds it (setup.py): the build is
    optional, so a silent failure would only show as slower exports."""
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not (shutil.which(sysconfig.get_config_var("CC").split()[0] or "cc") and headers.exists()):
        pytest.skip("no C compiler or no Python headers here")
    assert base._native is not None


@native
@settings(max_examples=60, deadline=None)
@given(datasets, st.randoms(use_true_random=False))
def test_same_bytes_as_python_for_any_dataset(quads, rng):
    rendered = {}
    for road in ("c", "python"):
        with pytest.MonkeyPatch.context() as patched:
            if road == "python":
                patched.setattr(base, "_native", None)
            rendered[road] = {name: exporter_for(name).render(quads) for name in LINE_FORMATS}
    assert rendered["c"] == rendered["python"]

    text = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    lines = text.splitlines(keepends=True)
    shuffled = b"".join(rng.sample(lines, len(lines)) + lines[:2])  # any order, with repeats
    expected = sorted(set(lines))
    assert base._native.sorted_lines(shuffled, False) == expected
    drop = expected[len(expected) // 2]
    assert base._native.sorted_block(shuffled, False, drop) == b"".join(x for x in expected if x != drop)


@native
def test_sorting_whole_lines_not_first_tokens():
    """A blank node label that prefixes another sorts before it, as the whole lines do ('_:b1 ' < '_:b12'),
    and a subject's lines in any order, in several runs, come out sorted."""
    data = (b"_:b12 <p> <o> .\n_:b1 <q> <o> .\n<a> <p> \"2\" .\n_:b1 <p> <o> .\n<a> <p> \"1\" .\n"
            b"<a> <o> <o> .\n_:b1 <p> <o> .\n")
    expected = sorted(set(data.splitlines(keepends=True)))
    assert base._native.sorted_lines(data, False) == expected
    assert base._native.sorted_lines(data, True) == sorted(data.splitlines(keepends=True))  # repeats kept
    assert base._native.sorted_block(data, False, None, b"<g>") == b"".join(
        x.replace(b" .\n", b" <g> .\n") for x in expected)
    big = [f"<s> <p> \"{i:05}\" .\n".encode() for i in range(200)]  # one subject, a qsort-sized group
    assert base._native.sorted_lines(b"".join(random.Random(4).sample(big, 200)), True) == big


@native
def test_turtle_block_refuses_what_is_not_a_statement():
    with pytest.raises(ValueError, match="not an N-Triples line"):
        base._native.turtle_block(b"<a>\n", True, None, b"", ())
    with pytest.raises(TypeError, match="drop must be bytes"):
        base._native.sorted_block(b"", True, "x")
    assert base._native.turtle_block(b"", True, None, b"", ()) == b""


@native
def test_python_road_matches_on_its_own(python_road):
    """The Python functions the C core stands in for, checked on their own (they run where it is not built)."""
    data = b"<b> <p> <o> .\n<a> <p> <o> .\n<a> <p> <o> .\n"
    with_c = (sorted_lines(data, False, b"<b> <p> <o> .\n"), sorted_block(data, False, None, b"<g>"))
    python_road()
    assert (sorted_lines(data, False, b"<b> <p> <o> .\n"), sorted_block(data, False, None, b"<g>")) == with_c
    assert with_c == ([b"<a> <p> <o> .\n"], b"<a> <p> <o> <g> .\n<b> <p> <o> <g> .\n")


@native
@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_export_from_a_store_same_bytes(bundled_build, tmp_path, monkeypatch, fmt):
    """`osce-kg export` from a saved store (its union graph, with the store's mark left out) writes the
    same file on both roads."""
    store = str(bundled_build.out_dir / "store")
    assert main(["export", "--store", store, "--format", fmt, "-o", str(tmp_path / "c")]) == 0
    monkeypatch.setattr(base, "_native", None)
    assert main(["export", "--store", store, "--format", fmt, "-o", str(tmp_path / "python")]) == 0
    written = (tmp_path / "c").read_bytes()
    assert written == (tmp_path / "python").read_bytes() and len(written) > 100_000
