"""osce_kg/json_text.py writes exactly json.dumps(indent=N, ensure_ascii=False)'s text, and report.json from the
previous one's source objects exactly as it would write them."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from osce_kg.json_text import dumps, report_head, report_parts, report_text

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                                             max_size=4), max_leaves=20)


@given(VALUES)
def test_the_same_text_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, indent=1, ensure_ascii=False)
    assert dumps(value, indent=2) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_it_does_not_write_itself_goes_to_json_dumps():
    value = {"a": {1: "integer key"}, "b": (1, 2.5, float("inf"))}
    assert dumps(value) == json.dumps(value, indent=1, ensure_ascii=False)


def _report(files):
    return {"build": {"id": "x"}, "summary": {"n": 1.5, "classes": {}},
            "sources": [{"file": f, "url": None, "warnings": [{"code": "c", "message": "«é»\n"}], "score": 0.25}
                        for f in files]}


def _materialised(parts, previous: bytes) -> bytes:
    return b"".join(previous[p[0]:p[0] + p[1]] if isinstance(p, tuple) else p for p in parts)


def test_report_from_the_previous_source_objects():
    """report.json as parts: the kept sources' objects are ranges of the previous file (those that follow each
    other there, one range), the others written; the file is json.dumps(indent=1)'s text either way, and the
    index says where each source's object is."""
    old = _report(["a.txt", "b.txt", "c.txt", "d.txt"])
    parts, index = report_parts(old)
    data = b"".join(parts)
    assert data.decode() == report_text(old) == json.dumps(old, indent=1, ensure_ascii=False) + "\n"
    assert [json.loads(data[at:at + n]) for at, n in index.values()] == old["sources"]
    assert report_head(data[:min(at for at, _ in index.values())].decode()) == {**old, "sources": []}
    new = _report(["a.txt", "b.txt", "b2.txt", "d.txt"])
    new["sources"][2]["score"] = 0.5
    new["sources"][2]["odd"] = {1: "an integer key: json.dumps' text of this source"}
    want = json.dumps(new, indent=1, ensure_ascii=False) + "\n"
    kept = {f: tuple(index[f]) for f in ("a.txt", "b.txt", "d.txt")}
    for n in (0, 1, 3):  # a kept source's entry names its file alone: its object is the previous one
        new["sources"][n] = {"file": new["sources"][n]["file"]}
    parts, index2 = report_parts(new, kept)
    assert _materialised(parts, data).decode() == want
    ranges = [p for p in parts if isinstance(p, tuple)]
    assert ranges == [(index["a.txt"][0], index["b.txt"][0] + index["b.txt"][1] - index["a.txt"][0]),
                      tuple(index["d.txt"])]  # a and b one range, their separator in it
    written = _materialised(parts, data)
    assert [json.loads(written[at:at + n])["file"] for at, n in index2.values()] == ["a.txt", "b.txt", "b2.txt",
                                                                                     "d.txt"]


def test_a_report_of_another_layout_has_no_parts():
    assert report_parts({"sources": [{"file": "a"}], "summary": {}}) is None  # sources not last
    assert report_parts({"summary": {}, "sources": []}) is None
    assert report_parts({"summary": {}, "sources": [{"file": "a"}, {"file": "a"}]}) is None  # a file twice
    assert report_head(json.dumps(_report(["a.txt"]), indent=2)) is None
