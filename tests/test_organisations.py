"""Organisations and units the registry does not know, in English, French and Russian: each is a node keyed
by its name, with its class, the body or State it belongs to, its place, a staff figure and whom it works
with; a name the registry knows, or one inside a longer registry name, is the registry's entity."""

from __future__ import annotations

from osce_kg.build import BuildOptions, build
from osce_kg.records import Ref
from tests.conftest import FIXTURES
from tests.kinds_helpers import map_file

ID = "https://w3id.org/osce-kg/id/"
PEOPLE = FIXTURES / "people"


def orgs(name: str) -> dict:
    return {o.ref.key: o for o in map_file(PEOPLE / name).of("Organisation")}


def test_english_organisations():
    found = orgs("orgs_en.txt")
    assert set(found) == {
        "united-nations-interim-administration-mission-in-kosovo", "european-union-rule-of-law-mission-in-kosovo",
        "inter-parliamentary-union", "parliamentary-assembly-of-the-council-of-europe",
        "strategic-police-matters-unit", "border-management-staff-college", "ministry-of-defence-of-tajikistan",
        "us-central-command"}
    # a registry alias inside a longer name ('Mission in Kosovo') does not make it the OSCE's mission
    eulex = found["european-union-rule-of-law-mission-in-kosovo"]
    assert (eulex.kind, eulex.abbreviation, eulex.staff) == ("external", "EULEX", 1400)
    assert found["united-nations-interim-administration-mission-in-kosovo"].abbreviation == "UNMIK"
    spmu = found["strategic-police-matters-unit"]
    assert (spmu.kind, spmu.parent, spmu.place) == ("secretariat-unit", Ref("body", "secretariat"), "Vienna")
    assert found["border-management-staff-college"].place == "Dushanbe"
    ministry = found["ministry-of-defence-of-tajikistan"]
    assert (ministry.kind, ministry.state) == ("government", Ref("country", "tj"))
    command = found["us-central-command"]
    assert command.state == Ref("country", "us")
    assert command.partners == (Ref("field-operation", "office-in-tajikistan"),)
    # the OSCE's own bodies stay registry entities
    assert not any("osce" in key or key == "parliamentary-assembly" for key in found)


def test_french_organisations_and_an_abbreviation_in_another_language():
    found = orgs("orgs_fr.txt")
    nato = found["north-atlantic-treaty-organization"]  # '(OTAN)' names NATO: one node for every language
    assert nato.label.lang == "fr" and [a.text for a in nato.alt_labels] == ["OTAN"]
    assert nato.abbreviation is None  # NATO's own abbreviation is 'NATO'; the page's is a label
    unit = found["unite-pour-les-questions-strategiques-de-police"]
    assert (unit.kind, unit.place, unit.label.lang) == ("osce-unit", "Vienne", "fr")
    college = found["ecole-des-cadres-pour-la-gestion-des-frontieres"]
    assert college.place == "Douchanbé"
    assert "european-union" in found


def test_russian_organisations():
    found = orgs("orgs_ru.txt")
    ministry = found["ministerstvom-oborony-respubliki-tadzhikistan"]
    assert ministry.label.text == "Министерством обороны Республики Таджикистан"  # as written
    assert (ministry.kind, ministry.state) == ("government", Ref("country", "tj"))
    assert ministry.partners == (Ref("field-operation", "office-in-tajikistan"),)  # 'Бюро ОБСЕ в Таджикистане'
    college = found["kolledzh-obse-po-voprosam-upravleniya-granitsami"]
    assert (college.kind, college.parent) == ("osce-unit", Ref("body", "osce"))
    assert not any("byuro" in key for key in found)  # the registry's field operation, not a new node


def test_units_a_department_includes(tmp_path):
    page = tmp_path / "units.txt"
    page.write_text("# source: https://www.osce.org/example/units\nOverview\n"
                    "The Public Safety and Community Outreach Department works across the country. It includes "
                    "the Monitoring Unit and the Police Development Unit.\n", encoding="utf-8")
    found = {o.ref.key: o for o in map_file(page).of("Organisation")}
    department = Ref("organization", "public-safety-and-community-outreach-department")
    assert found["monitoring-unit"].parent == department and found["police-development-unit"].parent == department
    assert found["public-safety-and-community-outreach-department"].parent is None


def test_generic_and_partial_names_are_not_organisations(tmp_path):
    page = tmp_path / "generic.txt"
    page.write_text("# source: https://www.osce.org/example/generic\nOverview\n"
                    "The Office works with the Contact Group. The Department of the Mission to Moldova met "
                    "the Secretary General of the Parliamentary Assembly.\n", encoding="utf-8")
    assert map_file(page).of("Organisation") == []


def test_organisation_graph_conforms():
    result = build(BuildOptions(paths=[str(PEOPLE / "orgs_en.txt"), str(PEOPLE / "orgs_ru.txt")], out_dir=None))
    assert result.ok and result.conforms, result.validation.text()
    rows = result.graph.select("""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?o ?class ?label WHERE { GRAPH ?g { ?o osce:extracted true ; a ?class ; skos:prefLabel ?label } }""")
    classes = {r["o"].removeprefix(ID): r["class"].rsplit("#", 1)[-1] for r in rows}
    assert classes["org/european-union-rule-of-law-mission-in-kosovo"] == "ExternalOrganization"
    assert classes["org/ministry-of-defence-of-tajikistan"] == "GovernmentBody"
    assert classes["org/strategic-police-matters-unit"] == "SecretariatUnit"
    staff = result.graph.select("""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?n WHERE { GRAPH ?g { <https://w3id.org/osce-kg/id/org/european-union-rule-of-law-mission-in-kosovo>
                                     osce:staffCount ?n } }""")
    assert [r["n"] for r in staff] == ["1400"]


def test_ties_and_co_chairs_in_three_languages():
    en, fr, it = (orgs(f"relations_{lang}.txt") for lang in ("en", "fr", "it"))
    assembly = (Ref("body", "parliamentary-assembly"),)
    # 'The Assembly maintains close ties with ...' / 'Elle entretient des liens étroits avec ...': the body the
    # text is about works with them
    assert en["inter-parliamentary-union"].partners == assembly
    assert en["parliamentary-assembly-of-the-council-of-europe"].partners == assembly
    assert fr["inter-parliamentary-union"].partners == assembly and fr["inter-parliamentary-union"].label.lang == "fr"
    co_chairs = tuple(Ref("country", k) for k in ("fr", "ru", "us"))
    assert en["minsk-conference-group"].co_chairs == co_chairs
    assert fr["groupe-de-minsk"].co_chairs == co_chairs  # the list ends where the sentence goes on
    assert it["gruppo-di-minsk"].co_chairs == co_chairs


def test_parliamentary_assembly_bodies_in_three_languages():
    pa = Ref("body", "parliamentary-assembly")
    en, fr, ru = (orgs(f"pa_bodies_{lang}.txt") for lang in ("en", "fr", "ru"))
    assert en["general-committee-on-political-affairs-and-security"].parent == pa
    assert fr["commission-generale-des-affaires-politiques-et-de-la-securite"].parent == pa
    standing = ru["postoyannyy-komitet-parlamentskoy-assamblei-obse"]
    assert standing.kind == "osce-unit" and standing.label.text == "Постоянный комитет Парламентской ассамблеи ОБСЕ"
    # a unit word with a State's name is that State's, not the OSCE's
    border = en["border-service-department-of-tajikistan"]
    assert (border.kind, border.state) == ("government", Ref("country", "tj"))


def test_the_text_before_a_block_is_the_three_blocks_before_its_first_occurrence():
    """`_before` reads the page's blocks squeezed once a page (they were squeezed again for every name found and
    every block: the organisations mapper took 0.56-0.61 ms a page on the bench's pages, now 0.22-0.24 ms); what it
    returns is the same."""
    from mappings.organisations import _before

    squeezed = ["A one.", "B two.", "C three.", "D four.", "B two.", "E five."]
    assert _before(squeezed, "D four.") == "A one. B two. C three."
    assert _before(squeezed, "B two.") == "A one."  # a repeated block: before its first occurrence
    assert _before(squeezed, "A one.") == ""
    assert _before(squeezed, "not a block") == "D four. B two. E five."  # the page's last three
