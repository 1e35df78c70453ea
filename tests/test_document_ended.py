"""'The Ohrid Framework Agreement put an end to the conflict in 2001': an agreement that ends a conflict in a
year is of that year (en, fr, de, es); the operation named in the same sentence gets no date from it."""

from __future__ import annotations

import pytest

from osce_kg.records import Ref
from tests.kinds_helpers import map_file

OFA = Ref("document", "ohrid-framework-agreement")


def issued(tmp_path, text: str, lang: str) -> dict:
    page = tmp_path / f"ended_{lang}.txt"
    page.write_text(f"# source: https://www.osce.org/{lang}/example/ended\nOverview\n{text}\n", encoding="utf-8")
    mapped = map_file(page)
    return {r.ref: r.issued for r in mapped.of("DocumentStated")}, mapped


@pytest.mark.parametrize("lang, text", [
    ("en", "The OSCE Mission to Skopje has grown since the Ohrid Framework Agreement put an end to the armed "
           "conflict in 2001."),
    ("fr", "La Mission de l'OSCE à Skopje s'est agrandie depuis que l'Accord-cadre d'Ohrid a mis fin au conflit "
           "armé en 2001."),
    ("de", "Das Rahmenabkommen von Ohrid beendete im Jahr 2001 den bewaffneten Konflikt."),
    ("es", "El Acuerdo Marco de Ohrid puso fin al conflicto armado en 2001."),
])
def test_an_agreement_that_ends_a_conflict_in_a_year_is_of_that_year(tmp_path, lang, text):
    found, mapped = issued(tmp_path, text, lang)
    assert found[OFA] == "2001"
    assert not any(getattr(r, "founded", None) == "2001" for r in mapped.records)


def test_no_year_when_the_verb_is_not_the_agreement_s_or_two_years_follow(tmp_path):
    found, _ = issued(tmp_path, "Talks on the Ohrid Framework Agreement began; the conflict ended in 2001.", "en")
    assert found[OFA] is None
    found, _ = issued(tmp_path, "The Ohrid Framework Agreement put an end to fighting that lasted from 2000 "
                                "to 2001.", "en")
    assert found[OFA] is None


def test_an_agreement_that_itself_ended_gets_no_date(tmp_path):
    found, _ = issued(tmp_path, "The Ohrid Framework Agreement ended in 2003, some said.", "en")
    assert found[OFA] is None
