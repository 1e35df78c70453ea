"""Publication pages in three languages: title, type, publisher, language."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, doc_type, publisher", [
    ("pub_en_handbook.txt", "en", "handbook", "odihr"),
    ("pub_de_recommendations.txt", "de", "recommendations", "hcnm"),
    ("pub_es_guide.txt", "es", "guide", "odihr"),
])
def test_publication(name, lang, doc_type, publisher):
    m = map_file(PAGES / name)
    assert m.kind == "publication" and m.page.language == lang
    pub = m.one("Publication")
    assert (pub.language, pub.doc_type, pub.title.lang) == (lang, doc_type, lang)
    assert pub.publisher is not None and pub.publisher.key == publisher
