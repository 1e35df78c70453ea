"""The xdist groups reach the scheduler: pytest-xdist's --dist loadgroup keeps a group in one worker only when
the test's node id ends in '@group' (tests/conftest.py adds it where pytest 9.2 no longer takes pytest-xdist's
own; without it the tests sharing one Virtuoso ran side by side in both workers)."""

from __future__ import annotations

import pytest


def grouped_run(request) -> None:
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")


@pytest.mark.xdist_group("shared-servers")
def test_a_marked_test_carries_its_group(request):
    grouped_run(request)
    assert request.node.nodeid.endswith("::test_a_marked_test_carries_its_group@shared-servers")


def test_a_reader_of_the_shared_corpus_build_runs_with_the_others(request, corpus_dir):
    # the test only names the fixture; the grouping is decided from the fixture names at collection
    grouped_run(request)
    assert "corpus_build" not in request.fixturenames
    readers = [i for i in request.session.items if "corpus_build" in i.fixturenames]
    if not readers:
        pytest.skip("no reader of the shared-corpus build in this run")
    assert all(i.nodeid.endswith("@corpus-build") for i in readers)


def test_slow_tests_come_first(request):
    slow = [i.get_closest_marker("slow") is not None for i in request.session.items]
    if not any(slow):
        pytest.skip("no slow test in this run")
    assert slow == sorted(slow, reverse=True)
