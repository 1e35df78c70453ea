"""How the mappers cut a text into sentences. The history reader (mappings/history_words.py `sentences`): after
. ! ? when a capital follows, never after an abbreviation that takes a number or a reference ('No.', 'Nos.',
'Nr.', 'Corr.', 'n.') nor after a German ordinal day ('am 1. Januar'). The other splitters (dated facts,
borders, meetings) keep their own rules and the same abbreviations (osce_kg/text.py NOT_AFTER_ABBREVIATION)."""

from __future__ import annotations

import pytest

from mappings import borders, dated_facts, events_text
from mappings.history_words import sentences


def test_sentences_end_at_a_full_stop_before_a_capital():
    assert sentences("The Mission opened in 1996. It closed in 2001! Why? (Because) it ended.") == [
        "The Mission opened in 1996.", "It closed in 2001!", "Why?", "(Because) it ended."]
    assert sentences("It met in Vienna. then in Prague.") == ["It met in Vienna. then in Prague."]


@pytest.mark.parametrize("text", [
    "It was set up by Decision No. A/23 of the Permanent Council.",
    "Decisions Nos. A and B were adopted.",
    "Beschluss Nr. B wurde angenommen.",
    "See document PC.DEC/1 Corr. B for the text.",
    "Decisione n. A del Consiglio permanente.",
    "Die Mission nahm am 1. Januar 1994 ihre Arbeit auf.",
    "Die Mission nahm am 12. März 1994 ihre Arbeit auf.",
])
def test_no_sentence_ends_after_an_abbreviation_or_an_ordinal_day(text):
    assert sentences(text) == [text]


def test_an_abbreviation_that_ends_a_sentence_is_read_with_the_next():
    # 'No.' cannot end a sentence and start the next: the two stay one (no fact is cut in half)
    assert sentences("It was Decision No. B. The Mission opened.") == ["It was Decision No. B.", "The Mission opened."]


@pytest.mark.parametrize("split", [
    sentences, dated_facts._SENTENCE.split, borders._SENTENCE.split, events_text._clauses,
], ids=["history", "dated facts", "borders", "meetings"])
@pytest.mark.parametrize("abbreviation", ["No.", "Nos.", "Nr.", "Corr.", "n."])
def test_every_splitter_reads_a_reference_after_an_abbreviation_with_its_sentence(split, abbreviation):
    text = f"It was adopted as Decision {abbreviation} A of the Council. Then the Council met."
    assert split(text) == [f"It was adopted as Decision {abbreviation} A of the Council.", "Then the Council met."]
