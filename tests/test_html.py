"""HTML input: saved osce.org-style pages map through the same mappers as the text dumps."""

from __future__ import annotations

import html

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.records import Ref

from .kinds_helpers import FIXTURES, map_file, map_text

HTML = FIXTURES / "html"
PAGES = FIXTURES / "pages"


def test_field_operation_page_with_site_chrome():
    m = map_file(HTML / "fo_en_moldova.html")
    assert m.kind == "field-operation" and m.page.language == "en"
    assert m.page.url == "https://www.osce.org/mission-to-moldova/test-about-us"  # canonical beats og:url
    texts = " ".join(b.text for b in m.page.blocks)
    for furniture in ("Skip to main content", "Share on X", "Employment", "dataLayer", "Mission to Serbia"):
        assert furniture not in texts
    prof = m.one("OperationProfile")
    assert prof.offices == ("Chisinau", "Tiraspol", "Bender")
    assert (prof.international_staff, prof.local_staff, prof.staff_as_of) == (13, 28, "2024-12-31")
    assert (prof.budget, prof.budget_year) == ("2302700", "2021")
    assert m.one("FieldOperation").established_by == Ref("body", "committee-of-senior-officials")


def test_german_press_release_html():
    m = map_file(HTML / "pr_de_hcnm.html")
    assert m.kind == "press-release" and m.page.language == "de"
    assert m.page.url == "https://www.osce.org/de/hcnm/test-neuer-hoher-kommissar"  # og:url
    assert m.one("Dateline").date == "2024-12-06" and m.one("Dateline").issuer == Ref("body", "hcnm")
    assert [p.nationality for p in m.of("Person")] == [Ref("country", "nl")]
    assert any(b.kind == "caption" for b in m.page.blocks)


def test_spanish_office_holders_html():
    m = map_file(HTML / "holders_es_sg.html")
    assert m.kind == "office-holders" and m.page.language == "es"
    holdings = {h.person.key: h for h in m.of("PostHolding")}
    assert (holdings["helga-maria-schmid"].start, holdings["helga-maria-schmid"].end) == ("2020-12", "2024-09")
    assert holdings["feridun-sinirlioglu"].current
    assert {h.post.key for h in holdings.values()} == {"secretary-general"}


def test_italian_event_definition_list():
    m = map_file(HTML / "event_it_conference.html")
    assert m.kind == "event" and m.page.language == "it"
    event = next(e for e in m.of("Event") if e.main)
    assert (event.start, event.end, event.location) == ("2024-12-05", "2024-12-06", Ref("place", "valletta"))
    assert [p.name for p in m.of("PlaceStated") if p.ref == event.location] == ["La Valletta"]


def render(text_fixture: str) -> str:
    """A text fixture as an osce.org-style HTML page: menu, skip link, scripts, footer around the article."""
    lines = text_fixture.split("\n")
    url = lines[0].split(":", 1)[1].strip()
    body, in_list = [], False
    for i, line in enumerate(x for x in lines[1:] if x.strip()):
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        tag = "h1" if i == 0 else "p"
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    if in_list:
        body.append("</ul>")
    return (f'<!DOCTYPE html><html><head><title>x | OSCE</title><link rel="canonical" href="{url}">'
            "<script>var tracking = 1;</script></head><body><a class='skip-link' href='#m'>Skip Links</a>"
            "<nav><ul><li>Our work</li><li>Countries</li></ul></nav><main id='m'>" + "\n".join(body)
            + "</main><footer><p>Contact us</p></footer></body></html>")


KIND_FIXTURES = sorted(p.name for p in PAGES.glob("*_*.txt") if not p.name.startswith(("topic_", "navonly_")))


@pytest.mark.parametrize("name", KIND_FIXTURES)
def test_every_text_fixture_maps_the_same_as_html(name):
    text = (PAGES / name).read_text(encoding="utf-8")
    from_text = map_text(text)
    from_html = map_text(render(text))
    assert from_html.page.url == from_text.page.url
    assert from_html.kind == from_text.kind and from_html.page.language == from_text.page.language
    facts = {"Mention", "EntitySeen", "DocumentContent"}
    assert [r for r in from_html.records if type(r).__name__ not in facts] == \
        [r for r in from_text.records if type(r).__name__ not in facts]


def test_html_folder_builds_and_conforms(tmp_path):
    result = build(BuildOptions(paths=[str(HTML)], out_dir=None))
    assert not result.errors and result.conforms, result.validation.text()
    assert {s.kind for s in result.sources} == {"field-operation", "press-release", "office-holders", "event"}


def test_html_without_article_is_a_clear_error_not_a_crash(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Menu</nav><script>x()</script></body></html>")
    (tmp_path / "ok.html").write_text((HTML / "pr_de_hcnm.html").read_text(encoding="utf-8"))
    result = build(BuildOptions(paths=[str(tmp_path)], out_dir=None, validate=False))
    errors = {s.file.rsplit("/", 1)[-1]: s.error for s in result.sources}
    assert "no page content" in errors["empty.html"] and errors["ok.html"] is None
