"""Figures in digits and words, six languages, and what they count (osce_kg.figures)."""

from decimal import Decimal

import pytest

from osce_kg.figures import counted_kind, counts, figures, number_words, ordinal


def kinds(text, lang):
    return [(c.kind, c.value) for c in counts(text, lang)]


@pytest.mark.parametrize("lang, word, value", [
    ("en", "seven", 7), ("en", "forty", 40), ("en", "twenty-one", 21), ("en", "one hundred", 100),
    ("en", "a dozen", 12),
    ("fr", "quarante-deux", 42), ("fr", "soixante et onze", 71), ("fr", "quatre-vingt-dix-sept", 97),
    ("fr", "vingt et un", 21),
    ("de", "einundzwanzig", 21), ("de", "siebenundfünfzig", 57), ("de", "hundert", 100), ("de", "dutzend", 12),
    ("it", "ventotto", 28), ("it", "trentatré", 33), ("it", "cinquantasette", 57), ("it", "cento", 100),
    ("ru", "двадцать", 20), ("ru", "восемнадцати", 18), ("ru", "пятьдесят семь", 57), ("ru", "сорока", 40),
    ("es", "veintidós", 22), ("es", "treinta y cinco", 35), ("es", "cincuenta y siete", 57), ("es", "cien", 100),
])
def test_number_words_up_to_one_hundred(lang, word, value):
    assert number_words(lang)[word] == value


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Mission has seven field offices.", [("offices", 7)]),
    ("en", "Forty participating States took part.", [("participating-states", 40)]),
    ("en", "It had 120 international and 480 local staff.", [("international-staff", 120), ("local-staff", 480)]),
    ("fr", "Cinquante-sept États participants et quatre bureaux.", [("participating-states", 57), ("offices", 4)]),
    ("de", "Die 56 OSZE‑Teilnehmerstaaten und zwanzig Teilnehmer.", [("participating-states", 56),
                                                                   ("participants", 20)]),
    ("it", "Hanno partecipato trenta funzionari di cinquantasette Stati partecipanti.",
     [("participants", 30), ("participating-states", 57)]),
    ("ru", "прошли обучение двадцать представителей пограничных войск", [("participants", 20)]),
    ("ru", "восемнадцать курсантов из Казахстана", [("participants", 18)]),
    ("es", "veintidós participantes de los 57 Estados participantes",
     [("participants", 22), ("participating-states", 57)]),
])
def test_counted_things(lang, text, expected):
    assert kinds(text, lang) == expected


def test_odd_shapes():
    found = {f.noun: f for f in figures("almost 1,400 officers and a budget of 3.7 million euros", "en")}
    assert found["officers and a budget of"].value == 1400 and found["officers and a budget of"].qualifier == "almost"
    money = [f for f in figures("Der Haushalt beträgt € 2,3 Mio.", "de") if f.currency]
    assert money[0].value == Decimal("2300000") and money[0].currency == "EUR"
    assert [f.value for f in figures("3.7 million euros", "en")] == [Decimal("3700000")]
    assert figures("Some 150 officials", "en")[0].qualifier == "Some"


def test_years_dates_decisions_and_money_are_not_counts():
    text = "PC.DEC/476 of 23 May 2002; in 2011; 15 % of € 2,000 participants"
    assert kinds(text, "en") == []
    assert counts("un participant", "fr") == []  # an article is not a figure


def test_counted_kind_and_ordinals():
    assert counted_kind("staff members", "en") == "staff"
    assert counted_kind("international staff", "en") == "international-staff"
    assert counted_kind("per cent", "en") is None
    assert ordinal("Nineteenth") == 19 and ordinal("2nd") == 2 and ordinal("dritten") == 3
    assert ordinal("tercera") == 3 and ordinal("первое") == 1 and ordinal("II") == 2 and ordinal("one") == 1


def test_may_count_is_a_necessary_test_of_counts():
    """`may_count` (a cheap test mappers run before `counts`) is False only where `counts` finds no count of the
    kind: on the examples above and on every block of the corpus, in each language's word list."""
    from pathlib import Path

    from osce_kg.figures import may_count

    assert may_count("Forty participating States took part.", "participating-states", "en")
    assert may_count("Die 56 OSZE‑Teilnehmerstaaten", "participating-states", "de")  # a no-break hyphen
    assert not may_count("The Mission has seven field offices.", "participating-states", "en")
    assert not may_count("Forty participating States took part.", "participating-states", "fr")
    assert not may_count("Forty participating States took part.", "no such kind", "en")
    # the words of a shared head noun are not together in the text: 'participating States' here
    assert may_count("the 57 participating and 11 partner States", "participating-states", "en")
    texts = ["Forty participating States took part.", "It had 120 international and 480 local staff.",
             "the 57 participating and 11 partner States",
             "veintidós participantes de los 57 Estados participantes", "восемнадцать курсантов из Казахстана"]
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    for page in sorted(corpus.glob("*.txt")) if corpus.is_dir() else []:
        texts += [line for line in page.read_text(encoding="utf-8").splitlines() if any(c.isdigit() for c in line)]
    found = 0
    for text in texts:
        for lang in ("en", "fr", "de", "it", "ru", "es"):
            for count in counts(text, lang):
                found += 1
                assert may_count(text, count.kind, lang), (text, lang, count.kind)
    assert found >= 6
