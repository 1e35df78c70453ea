"""News listings in three languages: headlines with dates, newest first."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, count", [("listing_en.txt", "en", 4), ("listing_de.txt", "de", 3),
                                               ("listing_it.txt", "it", 3)])
def test_listing(name, lang, count):
    m = map_file(PAGES / name)
    assert m.kind == "news-listing" and m.page.language == lang
    items = m.of("ListedItem")
    assert len(items) == count and items[0].date == "2025-01-01" and items[-1].date == "2012-11-21"
    assert all(i.title.lang == lang for i in items)
