"""Shared fixtures: the shared corpus (skipped when absent), fixture pages, a pinned build time."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (docs/fuzzing.md):
# - "ci": fast and derandomized: the same examples every run, so a red CI means a change broke something;
#   the default when CI is set.
# - "dev": the same size, fresh random examples each run (local exploration): the default otherwise.
# - "thorough": thousands of examples per test, for a deep run in the background (minutes per mapper).
settings.register_profile("ci", max_examples=12, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "2000")),
                          deadline=None, suppress_health_check=list(HealthCheck))
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
if _PROFILE not in ("ci", "dev", "thorough"):
    raise pytest.UsageError(f"HYPOTHESIS_PROFILE={_PROFILE!r}: choose ci, dev or thorough")
settings.load_profile(_PROFILE)


def _prepare_rdflib_queries_once() -> None:
    """pySHACL (the reference engine the tests compare against) sends each SPARQL constraint's text to rdflib
    once per focus node, and rdflib parses it every time: pyparsing took ~70% of a pySHACL run. rdflib's own
    prepared queries are made to be evaluated again with other initial bindings, so parse and translate each
    (text, namespaces, base) once. Results are unchanged (the same Query rdflib would build); only time goes."""
    from rdflib.plugins.sparql import processor

    if getattr(processor.SPARQLProcessor.query, "prepares_once", False):
        return
    evaluate = processor.SPARQLProcessor.query

    @functools.lru_cache(maxsize=512)
    def prepared(text: str, base: str | None, namespaces: tuple) -> processor.Query:
        return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces))

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 (rdflib's names)
        if isinstance(strOrQuery, str):
            try:
                strOrQuery = prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
            except TypeError:  # an unhashable namespace value: rdflib's own road
                pass
        return evaluate(self, strOrQuery, initBindings, initNs, base, DEBUG)

    query.prepares_once = True
    processor.SPARQLProcessor.query = query


_prepare_rdflib_queries_once()

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


def find_corpus() -> Path | None:
    """The shared corpus: $OSCE_KG_CORPUS, else ../shared/corpus beside the checkout; None if absent."""
    path = Path(os.environ.get("OSCE_KG_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = find_corpus()
    if path is None:
        pytest.skip("shared corpus not available")
    return path


# Builds record SOURCE_DATE_EPOCH as their time, so outputs can be compared byte for byte.
os.environ["SOURCE_DATE_EPOCH"] = "1735689600"  # 2025-01-01T00:00:00Z


@pytest.fixture
def pages_dir() -> Path:
    return PAGES


@pytest.fixture(scope="session")
def corpus_build(corpus_dir, tmp_path_factory):
    """The shared corpus built once per test session (N-Quads and report.json in `out_dir`).

    Tests that only read the result share this build instead of building the corpus again; a test that
    needs other options builds its own."""
    from osce_kg import BuildOptions, build

    out_dir = tmp_path_factory.mktemp("corpus-build")
    result = build(BuildOptions(paths=[str(corpus_dir)], out_dir=str(out_dir), formats=("nquads",)))
    result.out_dir = out_dir
    return result


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory):
    """The bundled example corpus built once with --infer owl-rl (N-Quads and store in `out_dir`): what
    docs/queries.md shows and what the query tests and servers load."""
    from osce_kg import BuildOptions, build

    out_dir = tmp_path_factory.mktemp("bundled-build")
    result = build(BuildOptions(out_dir=str(out_dir), formats=("nquads",), infer="owl-rl"))
    result.out_dir = out_dir
    return result
