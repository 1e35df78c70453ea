"""The IRI policy: stable keys, one page for URL variants, configurable base."""

from __future__ import annotations

import pytest

from osce_kg import iri


def test_url_variants_name_one_page():
    variants = [
        "https://www.osce.org/fr/combating-human-trafficking",
        "http://osce.org/fr/combating-human-trafficking/",
        "http://user.name@osce.org/fr/combating-human-trafficking#top",
    ]
    assert {iri.page(u) for u in variants} == {"https://w3id.org/osce-kg/id/page/osce.org/fr/combating-human-trafficking"}


def test_subdomains_and_queries_are_kept_apart():
    assert iri.page_key("https://moldova.osce.org/node/1") == "moldova.osce.org/node/1"
    assert iri.page_key("https://www.osce.org/press-releases?page=2") == "osce.org/press-releases?page=2"


def test_entity_keys_must_be_slugs():
    assert iri.entity("country", "fi") == "https://w3id.org/osce-kg/id/country/fi"
    with pytest.raises(ValueError):
        iri.entity("country", "Finland")
    with pytest.raises(ValueError):
        iri.entity("spaceship", "x")


def test_keys_from_names_fold_script_and_diacritics():
    assert iri.key_from_name("Ján Kubiš") == "jan-kubis"
    assert iri.key_from_name("Knut Vollebæk") == "knut-vollebaek"
    assert iri.key_from_name("Ingibjörg Sólrún Gísladóttir") == "ingibjorg-solrun-gisladottir"
    assert iri.key_from_name("Елена Иванова") == "elena-ivanova"


def test_base_is_configurable(monkeypatch):
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/kg")
    assert iri.entity("country", "fi") == "https://example.org/kg/country/fi"
