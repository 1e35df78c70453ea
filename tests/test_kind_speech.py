"""Speech and statement pages in three languages: the text as a publication with its type, date and language,
the speaker with their post; a press release titled 'Statement by ...' stays a press release."""

import pytest

from .kinds_helpers import FIXTURES, map_file, map_text

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, doc_type, date, person, post", [
    ("speech_en_sg.txt", "en", "statement", "2019-09-15", "thomas-greminger", "secretary-general"),
    ("speech_fr_hcnm.txt", "fr", "speech", "2022-12-06", "kairat-abdrakhmanov",
     "high-commissioner-on-national-minorities"),
    ("speech_ru_sg.txt", "ru", "speech", "2012-01-12", "lamberto-zaner", "secretary-general"),
])
def test_speech(name, lang, doc_type, date, person, post):
    m = map_file(PAGES / name)
    assert m.kind == "speech" and m.page.language == lang
    pub = m.one("Publication")
    assert (pub.doc_type, pub.date, pub.language, pub.title.lang) == (doc_type, date, lang, lang)
    assert pub.publisher is None  # a speech names its speaker, not a publisher
    holdings = {(h.person.key, h.post.key) for h in m.of("PostHolding")}
    assert (person, post) in holdings


def test_a_press_release_titled_statement_stays_a_press_release():
    m = map_text("# source: https://www.osce.org/chairpersonship/test\n"
                 "Statement by the OSCE Chairperson-in-Office on the elections in Moldova\n"
                 "VIENNA, 3 May 2019 - The OSCE Chairperson-in-Office issued a statement today welcoming the "
                 "peaceful conduct of the vote held in Moldova.\n")
    assert m.kind == "press-release" and not m.of("Publication")


@pytest.mark.parametrize("title", [
    "Statements by the Secretary General",  # a listing of statements, not one
    "Speeches and statements",
    "Rede und Antwort: OSZE-Dialog",  # 'Rede' not followed by its speaker
])
def test_titles_that_are_no_speech(title):
    from osce_kg.mappings.speech import speech_type
    assert speech_type(title) is None
