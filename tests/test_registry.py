"""The reference registry files: complete, cited, six-language, and loud about bad rows."""

from __future__ import annotations

import shutil

import pytest

from osce_kg.language import LANGUAGES
from osce_kg.records import Ref
from osce_kg.registry import CountryEntity, FieldOperationEntity, Registry, RegistryError, default_folder, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_states_partners_bodies_and_field_operations_have_names_in_six_languages(registry):
    for etype in ("country", "territory", "partner-group", "body", "field-operation", "post"):
        for entity in registry.of_type(etype):
            assert set(entity.names) == set(LANGUAGES), entity.ref


def test_57_current_participating_states_and_11_partners(registry):
    current = {(m.role, m.member.key) for m in registry.memberships if not m.end}
    states = {m for role, m in current if role == "participating-state"}
    partners = {m for role, m in current if role == "partner"}
    assert len(states) == 57 and len(partners) == 11 and not states & partners
    for key in states | partners:
        entity = registry.get(Ref("country", key))
        assert isinstance(entity, CountryEntity) and len(entity.iso2 or "") == 2 and len(entity.iso3 or "") == 3, key


def test_every_fact_row_is_cited_or_flagged(registry):
    facts = [*registry.memberships, *registry.chairpersonships, *registry.office_holders]
    assert len(facts) > 100
    for fact in facts:
        assert fact.citation.sources or "unverified" in fact.citation.flags, fact
        assert set(fact.citation.flags) <= {"unverified", "conflict", "inferred"}, fact


def test_every_fact_points_at_known_entities(registry):
    known = {(r.type, r.key) for r in registry.entities}
    countries = {k for t, k in known if t in ("country", "territory")}
    for m in registry.memberships:
        assert m.member.key in countries and (m.group is None or (m.group.type, m.group.key) in known)
    for chair in registry.chairpersonships:
        assert chair.state.key in countries, chair
    for holder in registry.office_holders:
        assert holder.post in registry.entities and (holder.nationality is None or holder.nationality.key in countries)
    for entity in registry.of_type("field-operation"):
        assert isinstance(entity, FieldOperationEntity)
        assert entity.predecessor is None or entity.predecessor in registry.entities, entity.ref


@pytest.mark.parametrize("name, lang_types, key", [
    ("Czech Republic", ("country",), "cz"), ("Turkey", ("country",), "tr"), ("Türkei", ("country",), "tr"),
    ("The Netherlands", ("country",), "nl"), ("Kyrgyz Republic", ("country",), "kg"),
    ("the former Yugoslav Republic of Macedonia", ("country",), "mk"), ("CSCE", ("body",), "osce"),
    ("КСЗЕ", ("body",), None), ("ОБСЕ", ("body",), "osce"), ("OSZE", ("body",), "osce"),
    ("Бюро по демократическим институтам и правам человека", ("body",), "odihr"),
])
def test_name_variants_find_the_entity(registry, name, lang_types, key):
    found = registry.lookup_one(name, lang_types)
    assert (found.ref.key if found else None) == key


def test_a_bad_registry_file_is_named_in_the_error(tmp_path):
    folder = tmp_path / "reg"
    shutil.copytree(default_folder(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / "bodies.csv"
    text = path.read_text("utf-8")
    path.write_text(text + text.splitlines()[1] + "\n", "utf-8")  # the first row again
    with pytest.raises(RegistryError, match=r"bodies\.csv: duplicate key"):
        Registry(folder)
