"""The fast engine (shacl, Rust) is accepted only where it reports what pySHACL reports.

Runs both engines on the conforming fixture, on every broken fixture and on a build of real pages of the shared
corpus (when present; `bench/validate.py` compares them on large builds), and requires the installed version to
be listed in VERIFIED_SHACL_VERSIONS, so upgrading the engine means re-running this proof.
"""

from __future__ import annotations

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.validate import VERIFIED_SHACL_VERSIONS, choose_engine, compare, shacl_engine_version, validate_graph
from tests.test_shapes import BAD, PROFILE, VALID, load

pytestmark = pytest.mark.skipif(shacl_engine_version() is None, reason="the optional 'shacl' engine is absent")


def test_installed_engine_version_is_a_verified_one():
    assert shacl_engine_version() in VERIFIED_SHACL_VERSIONS
    assert choose_engine("auto", None) == "shacl"
    assert choose_engine("auto", PROFILE) == "shacl"


def test_user_shapes_go_to_the_reference_engine(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    assert choose_engine("auto", [shapes]) == "pyshacl"


@pytest.mark.slow
def test_both_engines_report_the_same_results_on_every_fixture():
    # one graph holding the valid fixture and every broken one: one pySHACL run instead of 130
    kg = load(VALID, *BAD)
    reference = validate_graph(kg, shapes=PROFILE, engine="pyshacl")
    fast = validate_graph(kg, shapes=PROFILE, engine="shacl")
    assert reference.engine == "pyshacl" and fast.engine == "shacl"
    assert len(reference.results) > len(BAD)
    # severity, focus, path, value, shape, component and message are equal (key()), not only the counts
    assert compare(reference.results, fast.results) == ([], [])
    assert {r.shape for r in reference.results} == {r.shape for r in fast.results}


# One real page of each kind family, without the registry graphs (pySHACL takes minutes on the whole corpus
# with them; the fixture test above covers the cross-entity rules on registry-like data): a listing, an event, a
# release, an operation, an institution, a topic, office holders, partners.
CORPUS_SAMPLE = ("100_en_listing_2015_press_releases_p251.txt", "103_en_event_2011_eef19_second_preparatory.txt",
                 "116_ru_pr_2016_tajikistan_border_patrol_course.txt", "113_en_fieldop_skopje_overview_oldsite.txt",
                 "011_en_odihr_about.txt", "006_de_fow_national_minorities.txt", "017_es_secretariat_sg_list.txt",
                 "027_en_partners_for_cooperation_oldsite.txt")


@pytest.mark.slow
def test_both_engines_agree_on_real_pages(corpus_dir):
    paths = [str(corpus_dir / name) for name in CORPUS_SAMPLE if (corpus_dir / name).exists()]
    kg = build(BuildOptions(paths=paths, out_dir=None, validate=False, registry=False)).graph
    reference = validate_graph(kg, engine="pyshacl")
    fast = validate_graph(kg, engine="shacl")
    assert compare(reference.results, fast.results) == ([], [])


def test_the_date_comparison_bug_does_not_reach_the_profile():
    # shacl 0.3.4 evaluates xsd:date < xsd:date in SPARQL as false; the rules compare lexical forms instead.
    case = next(c for c in BAD if c.stem == "rule-IntervalOrder")
    fast = validate_graph(load(VALID, case), shapes=PROFILE, engine="shacl")
    assert [r.shape.rsplit("#", 1)[1] for r in fast.results] == ["IntervalOrderShape"]
