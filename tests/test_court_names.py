"""The Court of Conciliation and Arbitration is linked however the page's language writes it (with or
without the second preposition in Italian), in English, French and Italian."""

from __future__ import annotations

import pytest

from osce_kg.records import Mention, Ref
from tests.kinds_helpers import map_text

COURT = Ref("body", "court-of-conciliation-and-arbitration")


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The Court of Conciliation and Arbitration is based in Geneva."),
    ("fr", "La Cour de conciliation et d'arbitrage siège à Genève."),
    ("it", "La Corte di conciliazione e di arbitrato ha sede a Ginevra."),
    ("it", "La Corte di conciliazione e arbitrato ha sede a Ginevra."),
])
def test_the_court_in_three_languages(lang, sentence):
    m = map_text(f"# source: https://www.osce.org/{lang}/example/court\n\nOverview\n\n{sentence}\n")
    assert COURT in {r.ref for r in m.records if isinstance(r, Mention)}


def test_conciliation_alone_is_not_the_court():
    m = map_text("# source: https://www.osce.org/it/example/court\n\nOverview\n\n"
                 "La conciliazione e l'arbitrato sono strumenti utili.\n")
    assert COURT not in {r.ref for r in m.records if isinstance(r, Mention)}
