"""How the history reader cuts a text into sentences (mappings/history_words.py `sentences`): after . ! ? when a
capital follows, never after an abbreviation that takes a number or a reference ('No.', 'Nos.', 'Nr.',
'Corr.', 'n.') nor after a German ordinal day ('am 1. Januar')."""

from __future__ import annotations

import pytest

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
