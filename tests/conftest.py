"""Shared fixtures: the shared corpus (skipped when absent), fixture pages, a pinned build time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run (a red CI then means a change broke something); local runs
# keep exploring new random pages.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
