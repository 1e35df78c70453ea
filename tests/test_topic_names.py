"""A field of work named as osce.org writes it in each language: the Russian tag 'Реформирование и
сотрудничество в области сектора безопасности' is the security-sector field, as are its English and French
names; a sentence that merely says 'reform' is not."""

from __future__ import annotations

import pytest

from osce_kg.records import Mention, Ref
from tests.kinds_helpers import map_text

SSR = Ref("topic", "reform-and-co-operation-in-the-security-sector")


def topics(lang: str, line: str) -> set[Ref]:
    m = map_text(f"# source: https://www.osce.org/{lang}/example/tags\n\nOverview\n\n{line}\n")
    return {r.ref for r in m.records if isinstance(r, Mention)}


@pytest.mark.parametrize("lang, line", [
    ("ru", "Реформирование и сотрудничество в области сектора безопасности"),
    ("en", "Reform and co-operation in the security sector"),
    ("fr", "Réforme et coopération dans le secteur de la sécurité"),
])
def test_the_security_sector_field_in_three_languages(lang, line):
    assert SSR in topics(lang, line)


def test_reform_alone_is_not_the_field():
    assert SSR not in topics("ru", "Реформирование системы образования продолжается.")
