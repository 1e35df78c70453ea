"""The IRI policy through `osce-kg build`: credentials never published, odd URLs encoded or refused with a
message, a page URL shaped like another page's mention node kept apart, control characters out of labels."""

from __future__ import annotations

import json

import pytest

from osce_kg.cli import main
from tests.conftest import PAGES

BODY = PAGES.joinpath("navonly_en.txt").read_text().split("\n", 1)[1]


def build(tmp_path, capsys, pages: dict[str, str]) -> tuple[int, dict, str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, first in pages.items():
        (folder / name).write_text(first + "\n" + BODY)
    code = main(["build", str(folder), "-o", str(tmp_path / "out"), "-q", "--no-validate", "--no-store"])
    err = capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "report.json").read_text()) if (tmp_path / "out").exists() else {}
    return code, report, err


def test_credentials_and_odd_characters(tmp_path, capsys):
    code, report, err = build(tmp_path, capsys, {
        "a.txt": "# source: https://user:s3cr3tpw@www.osce.org/a/./b/../c%7e",
        "b.txt": "# source: https://www.osce.org/with space",
        "c.txt": '# source: https://www.osce.org/q"{x}<y>',
    })
    assert code == 1
    assert "b.txt: the '# source:' URL is followed by 'space': a URL with a space?" in err
    urls = {s["file"].rsplit("/", 1)[-1]: s["url"] for s in report["sources"] if not s["error"]}
    assert urls == {"a.txt": "https://www.osce.org/a/c~", "c.txt": "https://www.osce.org/q%22%7Bx%7D%3Cy%3E"}
    nq = (tmp_path / "out" / "osce.nq").read_text()
    assert "s3cr3tpw" not in nq and "user:" not in nq


def test_a_page_shaped_like_a_mention_of_another_page(tmp_path, capsys):
    code, report, _ = build(tmp_path, capsys, {
        "a.txt": "# source: https://www.osce.org/elections",
        "b.txt": "# source: https://www.osce.org/elections/mention/1-4-60",
    })
    assert code == 0
    graphs = sorted(s["graph"] for s in report["sources"])
    assert graphs == ["https://w3id.org/osce-kg/graph/page/osce.org/elections",
                      "https://w3id.org/osce-kg/graph/page/osce.org/elections/%6Dention/1-4-60"]


@pytest.mark.slow
def test_control_and_bidi_characters_never_reach_a_label(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.txt").write_text("# source: https://www.osce.org/elections\nElec\u202etions\x07 in the OSCE\n"
                                  "The OSCE observes elections in its participating States.\n")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    nq = (tmp_path / "out" / "osce.nq").read_text()
    assert '"Elections in the OSCE"@en' in nq and "\u202e" not in nq and "\\u0007" not in nq
