"""osce_kg/json_text.py writes exactly json.dumps(indent=N, ensure_ascii=False)'s text, and report.json from the
previous one's source objects exactly as it would write them."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from osce_kg.json_text import dumps, report_head, report_text, source_blocks

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


def test_report_from_the_previous_source_objects():
    old = _report(["a.txt", "b.txt", "c.txt"])
    text = report_text(old)
    assert text == json.dumps(old, indent=1, ensure_ascii=False) + "\n"
    blocks = source_blocks(text)
    assert set(blocks) == {"a.txt", "b.txt", "c.txt"}
    assert [json.loads(blocks[s["file"]]) for s in old["sources"]] == old["sources"]
    assert report_head(text) == {**old, "sources": []}
    new = _report(["a.txt", "b2.txt", "c.txt"])
    new["sources"][1]["score"] = 0.5
    new["sources"][1]["odd"] = {1: "an integer key: json.dumps' text of this source"}
    kept = {f: blocks[f] for f in ("a.txt", "c.txt")}
    want = json.dumps(new, indent=1, ensure_ascii=False) + "\n"
    assert report_text(new, kept) == want
    # a kept source's entry may name its file alone: its text is the block
    new["sources"][0] = {"file": "a.txt"}
    assert report_text(new, kept) == want


def test_blocks_of_another_layout_are_not_used():
    old = _report(["a.txt", "b.txt"])
    text = report_text(old)
    assert source_blocks(text.replace('"file"', '"name"')) is None
    assert source_blocks(text.replace('"b.txt"', '"a.txt"')) is None  # a file twice
    assert source_blocks(json.dumps(old, indent=2)) is None
    assert report_head(json.dumps(old, indent=2)) is None
