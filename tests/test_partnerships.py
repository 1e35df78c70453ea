"""A State named as a Partner for Co-operation in running text (mappings/dated_facts.partnerships), three languages."""

from __future__ import annotations

from osce_kg.records import Membership
from tests.kinds_helpers import map_text


def _partners(m) -> dict[str, tuple]:
    return {r.member.key: (r.start, r.group.key if r.group else None)
            for r in m.records if isinstance(r, Membership) and r.role == "partner"}


def test_french_asian_partner_since_a_year_and_a_partner_in_apposition():
    m = map_text("# source: https://www.osce.org/fr/partners/afghanistan\n\nL'Afghanistan et l'OSCE\n\n"
                 "En 2007, l'OSCE a renforcé sa coopération avec l'Afghanistan qui est un partenaire asiatique pour "
                 "la coopération de l'OSCE depuis 2003. La Thaïlande, autre partenaire pour la coopération de "
                 "l'OSCE, a organisé un atelier sur la gestion des frontières.\n")
    # no group named: Thailand is one of all the Partners for Co-operation
    assert _partners(m) == {"af": ("2003", "asian-partners"), "th": (None, "partners-for-co-operation")}


def test_english_mediterranean_partner():
    m = map_text("# source: https://www.osce.org/partners/news\n\nPartners meet in Vienna\n\n"
                 "Representatives of Tunisia, a Mediterranean Partner for Co-operation since 1995, met the OSCE "
                 "Secretary General in Vienna to discuss border security.\n")
    assert _partners(m) == {"tn": ("1995", "mediterranean-partners")}


def test_spanish_partner_and_what_must_not_be_read():
    m = map_text("# source: https://www.osce.org/es/partners/news\n\nSocios de la OSCE\n\n"
                 "Japón, socio asiático para la cooperación desde 1992, apoya proyectos de la OSCE en Asia Central. "
                 "España presidió la OSCE en 2007 y trabaja con los socios para la cooperación en el Mediterráneo.\n")
    partners = _partners(m)
    assert partners == {"jp": ("1992", "asian-partners")}  # Spain is no Partner: far from the words, and a verb between


def test_states_listed_in_brackets_after_the_partner_words_in_three_languages():
    m = map_text("# source: https://www.osce.org/partners/seminar\n\nMediterranean seminar\n\n"
                 "Delegations of the Mediterranean Partners for Co-operation (which are Algeria, Egypt, Israel, "
                 "Jordan, Morocco and Tunisia) attended the seminar.\n")
    med = {k: (None, "mediterranean-partners") for k in ("dz", "eg", "il", "jo", "ma", "tn")}
    assert _partners(m) == med
    m = map_text("# source: https://www.osce.org/fr/partners/seminaire\n\nSéminaire\n\n"
                 "Les partenaires asiatiques pour la coopération (actuellement l'Afghanistan, l'Australie, le Japon, "
                 "la République de Corée et la Thaïlande) ont participé à la conférence.\n")
    assert set(_partners(m)) == {"af", "au", "jp", "kr", "th"}
    m = map_text("# source: https://www.osce.org/es/partners/seminario\n\nSeminario\n\n"
                 "Los socios mediterráneos para la cooperación (Argelia, Egipto, Israel, Jordania, Marruecos y "
                 "Túnez) enviaron delegaciones.\n")
    assert set(_partners(m)) == set(med)


def test_a_bracket_that_is_not_a_list_of_states_gives_no_partner():
    m = map_text("# source: https://www.osce.org/partners/other\n\nPartners\n\n"
                 "The Partners for Co-operation (Algeria, Japan and the Council of Europe) met. The Asian Partners "
                 "for Co-operation (since 1995) met in Vienna.\n")
    assert _partners(m) == {}
