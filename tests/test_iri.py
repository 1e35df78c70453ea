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


def test_one_page_for_every_spelling_of_its_url():
    spellings = [
        "https://www.osce.org/fr/a%2fb/%7Euser",
        "https://www.osce.org/fr/a%2Fb/~user",
        "https://www.osce.org/fr/x/../a%2fb/./%7euser",
        "https://user:secret@www.osce.org/fr/a%2Fb/~user",
        "HTTPS://WWW.OSCE.ORG/fr/a%2Fb/%7Euser/",
    ]
    assert {iri.page_key(u) for u in spellings} == {"osce.org/fr/a%2Fb/~user"}
    assert iri.page_key("https://münchen.de/x") == iri.page_key("https://xn--mnchen-3ya.de/x") == "xn--mnchen-3ya.de/x"
    assert iri.page_key("https://www.osce.org/../../etc") == "osce.org/etc"


def test_published_urls_lose_credentials_and_get_encoded():
    assert iri.source_url("http://user:secret@www.osce.org/a b") == "http://www.osce.org/a%20b"
    assert iri.source_url('https://osce.org/x<y>"{z}') == "https://osce.org/x%3Cy%3E%22%7Bz%7D"
    assert iri.source_url("urn:sha256:abc") == "urn:sha256:abc"
    for bad, problem in (("https://osce.org<x/", "characters a host cannot have"),
                         ("https://osce.org:port/", "port is not a number")):
        with pytest.raises(ValueError, match=problem):
            iri.page_key(bad)


def test_a_page_key_never_equals_a_node_inside_another_page():
    page = iri.page("https://www.osce.org/elections")
    mention = iri.within(page, "mention", "1-4-60")
    event = iri.within(page, "event", "ministerial-council")
    assert iri.page("https://www.osce.org/elections/mention/1-4-60") != mention
    assert iri.page("https://www.osce.org/elections/event/ministerial-council") != event
    assert iri.page_key("https://www.osce.org/elections/mention/1-4-60") == "osce.org/elections/%6Dention/1-4-60"
    # segments that cannot collide keep their spelling
    assert iri.page_key("https://osce.org/event/19th_eef_2") == "osce.org/event/19th_eef_2"
    assert iri.page_key("https://osce.org/mention") == "osce.org/mention"


def test_a_base_pinned_in_threads_is_unpinned_when_each_block_ends(monkeypatch):
    # pages mapped by an executor of threads pin the base side by side: blocks that overlap in time (the
    # first ends before the second) must leave nothing pinned, or a later change of OSCE_KG_BASE is ignored
    import threading

    inside, first_out = threading.Barrier(2), threading.Event()

    def page(first: bool) -> None:
        with iri.pinned_base():
            inside.wait(timeout=10)
            if not first:
                first_out.wait(timeout=10)
        if first:
            first_out.set()

    threads = [threading.Thread(target=page, args=(n == 0,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/kg")
    assert iri.entity("country", "fi") == "https://example.org/kg/country/fi"
