"""Partners for Co-operation pages in three languages: groups from headings, years from brackets."""

import pytest

from .kinds_helpers import FIXTURES, map_file

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize("name, lang, asian", [
    ("partners_fr.txt", "fr", {"jp": "1992", "kr": "1994", "th": "2000", "af": "2003", "au": "2009"}),
    ("partners_es.txt", "es", {"jp": "1992", "kr": "1994", "th": "2000"}),
    ("partners_de.txt", "de", {"jp": "1992", "th": "2000", "af": "2003", "au": "2009"}),
])
def test_partner_groups(name, lang, asian):
    m = map_file(PAGES / name)
    assert m.kind == "partners" and m.page.language == lang
    by_group: dict = {}
    for ms in m.of("Membership"):
        assert ms.role == "partner" and ms.group is not None
        by_group.setdefault("asia" if "asia" in ms.group.key else "med", {})[ms.member.key] = ms.start
    assert set(by_group["med"]) == {"dz", "eg", "il", "jo", "ma", "tn"}
    assert by_group["asia"] == asian
