"""The shortcuts that cut mapping CPU keep what they stand for: the IRI base pinned for one page's work,
entity IRIs cached per base, and the anchored date test `news_listing` asks before scanning a line."""

from __future__ import annotations

import pytest

from osce_kg import iri
from osce_kg.dates import find_dates, starts_with_date


def test_pinned_base_reads_the_environment_once_and_restores(monkeypatch):
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/a")
    with iri.pinned_base() as pinned:
        assert pinned == "https://example.org/a/"
        monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/b/")
        assert iri.entity("country", "fi") == "https://example.org/a/country/fi"
        with iri.pinned_base():  # nested: still the outer value, which stays after it
            assert iri.base() == "https://example.org/a/"
        assert iri.base() == "https://example.org/a/"
    assert iri.entity("country", "fi") == "https://example.org/b/country/fi"


def test_entity_iris_follow_a_changed_base_and_still_reject_bad_keys(monkeypatch):
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/one/")
    assert iri.entity("country", "at") == "https://example.org/one/country/at"
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/two/")
    assert iri.entity("country", "at") == "https://example.org/two/country/at"
    for _ in range(2):  # an error is never cached as a value
        with pytest.raises(ValueError, match="not a slug"):
            iri.entity("country", "Not A Slug")
        with pytest.raises(ValueError, match="no IRI segment"):
            iri.entity("no-such-type", "x")


@pytest.mark.parametrize(("text", "starts"), [
    ("26 April 2015", True), ("26. April 2015", True), ("1er janvier 2001", True), ("7 июля 2017 года", True),
    ("3 de enero de 2001", True), ("January 3, 2001", True), ("julio de 2017", True), ("2015-04-26", True),
    ("26 April 2015 in Vienna", True), ("Vienna, 26 April 2015", False), ("On 26 April 2015 the", False),
    ("1994", False), ("Publishing date: 12 March 2019", False), ("", False), ("April", False),
    ("12 Marchand 2019", False), ("x2015-04-26", False),
])
def test_starts_with_date_is_what_a_date_at_the_start_needs(text, starts):
    assert starts_with_date(text) is starts
    if not starts:  # the shortcut only ever skips lines whose dates all start later
        assert all(d.start > 0 for d in find_dates(text))
