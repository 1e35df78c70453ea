"""Shared fixtures: the shared corpus (skipped when absent), fixture pages, a pinned build time."""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import os
import re
import shutil
import sys
from pathlib import Path

import pytest


def _chosen_profile() -> str:
    """Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (docs/fuzzing.md):
    - "ci": fast and derandomized: the same examples every run, so a red CI means a change broke something;
      the default when CI is set.
    - "dev": the same size, fresh random examples each run (local exploration): the default otherwise.
    - "thorough": thousands of examples per test, for a deep run in the background (minutes per mapper)."""
    profile = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    if profile not in ("ci", "dev", "thorough"):
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={profile!r}: choose ci, dev or thorough")
    return profile


def _load_hypothesis_profile(profile: str) -> None:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=12, derandomize=True, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("dev", max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("thorough", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "2000")),
                              deadline=None, suppress_health_check=list(HealthCheck))
    settings.load_profile(profile)


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


FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
# BuildOptions for a test the registry is not what it is about: its graphs are most of a small build's quads
# (7,000 of 7,800 for five pages) and of its time (0.40 s CPU against 0.12 s without them)
LEAN = {"registry": False}


def copy_pages(folder: Path, names) -> Path:
    """A folder holding copies of the fixture pages `names` (from PAGES), for builds a test then changes."""
    folder.mkdir()
    for name in names:
        shutil.copy(PAGES / name, folder / name)
    return folder


def store_quads(out: Path) -> set:
    """Every quad of the on-disk store a build wrote into `out`, the store closed again after."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    try:
        return set(store)
    finally:
        del store


@functools.cache
def parsed_module(path: Path) -> ast.Module:
    """The module at `path` parsed, once per process: the tests that read the project's own code (test_layering,
    test_boundaries, test_lexicon, in one xdist group) walk the same modules, and parsing them all took ~0.4 s
    each time. Shared: walk it, never change it."""
    return ast.parse(path.read_text(encoding="utf-8"))


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
    """The shared corpus built once per test session, through the CLI as a user runs it (`osce-kg build CORPUS
    -o OUT`: the default outputs, report.json and the store in `out_dir`).

    The value is the BuildResult the command made, with `out_dir`, the command's `exit_code` and what it wrote
    to `stderr` (the summary). Tests that only read the result share this build instead of building the corpus
    again; a test that needs other options builds its own."""
    from osce_kg.cli import build as build_command
    from osce_kg.cli import main

    out_dir = tmp_path_factory.mktemp("corpus-build")
    made = []

    def keep(options):  # the command's own build, kept for the tests to read
        made.append(build_function(options))
        return made[-1]

    build_function, err = build_command.build, io.StringIO()
    patch = pytest.MonkeyPatch()
    patch.setattr(build_command, "build", keep)
    try:
        with contextlib.redirect_stderr(err):
            code = main(["build", str(corpus_dir), "-o", str(out_dir)])
    finally:
        patch.undo()
    assert len(made) == 1, err.getvalue()
    result = made[0]
    result.out_dir, result.exit_code, result.stderr = out_dir, code, err.getvalue()
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


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso for the portability tests, (sparql URL, isql address, load folder): the one .ci/run started
    (OSCE_KG_TEST_VIRTUOSO...), else one started here once for the session (its start costs seconds of CPU);
    skipped where Virtuoso is not installed. The tests using it are in one xdist group and each empties the
    graphs it fills (servers.drop_virtuoso_graphs) before filling them."""
    from tests import servers

    url, process = os.environ.get("OSCE_KG_TEST_VIRTUOSO"), None
    if url:
        isql, folder = os.environ["OSCE_KG_TEST_VIRTUOSO_ISQL"], Path(os.environ["OSCE_KG_TEST_VIRTUOSO_DIR"])
    else:
        if not servers.virtuoso_binary():
            pytest.skip("Virtuoso not installed (apt-get install virtuoso-opensource; .ci/run installs it)")
        folder = tmp_path_factory.mktemp("virtuoso")
        url, isql, process = servers.start_virtuoso(folder)
    try:
        yield url, isql, folder
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)


@pytest.hookimpl(tryfirst=True)  # before hypothesis's own plugin, so --hypothesis-profile still wins
def pytest_configure(config):
    """Set up the processes that run tests: hypothesis's profiles and the rdflib patch (not in the xdist
    controller, which runs none: importing them there cost about a second of CPU), and tmp_path on tmpfs."""
    profile = _chosen_profile()  # a wrong name stops the run here, before any worker starts
    if not _is_xdist_controller(config):
        _load_hypothesis_profile(profile)
        _prepare_rdflib_queries_once()
    _tmp_on_tmpfs(config)
    _compile_bytecode_once(config)


def _is_xdist_controller(config) -> bool:
    # pytest-xdist sets dist to "no" in its workers and when it does not distribute (-n 0, -p no:xdist)
    return getattr(config.option, "dist", "no") != "no" and bool(getattr(config.option, "tx", None))


def _compile_bytecode_once(config) -> None:
    """Where the environment forbids writing bytecode on import (PYTHONDONTWRITEBYTECODE), every xdist worker
    and every `python -m osce_kg` a test starts compiled the package and the tests anew: about 5 s of CPU per
    worker. The process that starts the workers compiles them once into the usual __pycache__ folders
    (ignored by git; up to date in about 0.1 s the next time), which every process then reads."""
    if not sys.dont_write_bytecode or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    import compileall

    root = Path(str(config.rootpath))
    for folder in ("osce_kg", "mappings", "tests", "bench"):
        if (root / folder).is_dir():
            compileall.compile_dir(root / folder, quiet=2, workers=1, rx=re.compile("node_modules"))
    _rewrite_test_modules_once(config, root / "tests")


def _rewrite_test_modules_once(config, folder: Path) -> None:
    """pytest rewrites the asserts of each test module on import and caches the result in its own pyc, but
    reads that cache only: under PYTHONDONTWRITEBYTECODE it never writes it, so each worker rewrote and compiled
    every test module again (about 3 s of CPU per worker, half of its collection). The same holds for the
    plugins' packages pytest marks for rewriting (hypothesis, xdist, anyio: about 1.5 s of CPU in every process,
    the controller included, which imports hypothesis for its summary). Write those pycs here, once, the way
    pytest's import hook would; every process then reads them. pytest's own functions (private API): if they
    change, the processes rewrite as before."""
    try:
        from _pytest.assertion.rewrite import assertstate_key

        state = config.stash.get(assertstate_key, None)
        if state is None or state.hook is None:  # --assert=plain: nothing is rewritten
            return
        for source in sorted(folder.rglob("*.py")):
            if (source.name.startswith("test_") or source.name == "conftest.py") and "node_modules" not in source.parts:
                _write_rewritten_pyc(config, state, source)
        for source in _marked_plugin_sources(state.hook._must_rewrite):
            _write_rewritten_pyc(config, state, source)
    except (ImportError, AttributeError, TypeError, ValueError, OSError, SyntaxError):
        return


def _marked_plugin_sources(names) -> list[Path]:
    """The source files of the installed modules and packages pytest will rewrite on import (its marks),
    found without importing them."""
    import importlib.util

    sources: list[Path] = []
    for name in sorted(names):
        if "." in name:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.origin or not spec.origin.endswith(".py") or "site-packages" not in spec.origin:
            continue
        origin = Path(spec.origin)
        sources.extend(sorted(origin.parent.rglob("*.py")) if spec.submodule_search_locations else [origin])
    return sources


def _write_rewritten_pyc(config, state, source: Path) -> None:
    from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, get_cache_dir

    pyc = get_cache_dir(source) / (source.name[:-3] + PYC_TAIL)
    if _read_pyc(source, pyc, state.trace) is None:
        source_hash, code = _rewrite_test(source, config)
        pyc.parent.mkdir(exist_ok=True)
        _write_pyc(state, code, source_hash, pyc)


def _tmp_on_tmpfs(config) -> None:
    """Temporary folders (tmp_path) on tmpfs where the machine has one (/dev/shm), unless --basetemp or
    PYTEST_DEBUG_TEMPROOT says where. The builds the tests make fsync every output file and the store syncs
    its files: on a disk that is waiting, about 0.5 s a build (more when other processes write), on tmpfs
    nothing. The code under test runs the same (the syncs are made either way); pyproject keeps only the
    folders of failed tests, as they take memory there. Set in the process that hands folders out (the xdist
    controller), before it makes its base folder."""
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


def _group_in_nodeid(item) -> None:
    """--dist loadgroup reads a test's xdist_group from a '@group' suffix that pytest-xdist adds to the node id,
    but pytest 9.2 keeps node ids as structured NodeId objects and ignores the field pytest-xdist 3.8 writes,
    so every group was silently split across the workers (pytest-dev/pytest-xdist#1386): the tests that share
    one Virtuoso then ran at the same time. Add the suffix here, the way that pytest version stores it."""
    names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                    for m in item.iter_markers("xdist_group")})
    if not names:
        return
    suffix = "@" + "_".join(names)
    if item.nodeid.endswith(suffix):  # pytest-xdist did it (pytest before 9.2)
        return
    if hasattr(item, "_id"):
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(item.nodeid + suffix)
    else:
        item._nodeid = item.nodeid + suffix


def pytest_collection_finish(session):
    """Fewer full garbage collections in the processes that run tests. A worker's heap grows to 300k-900k
    objects (the registries the tests load, the project's parsed code, the reports), and each full collection
    walked all of it: 20-28 of them took 3-9 s of a worker's CPU. What exists once the tests are collected
    (modules, test items, fixtures' functions) lives to the end: freeze it out of the collector's walks. Then
    consider a full collection after 100 middle ones, not 10 (Python's own rule that the survivors must have
    grown by a quarter still holds). The code under test is unchanged; cyclic garbage waits a little longer."""
    import gc

    if _is_xdist_controller(session.config):
        return
    gc.collect()
    gc.freeze()
    first, middle, _ = gc.get_threshold()
    gc.set_threshold(first, middle, 100)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """A test process about to exit: freeze its heap too, so the interpreter's last full collection at exit does
    not walk it (the run waited about 1 s for the workers' exits). Everything has been reported; the objects are
    freed all the same when the process ends."""
    import gc

    if not _is_xdist_controller(config):
        gc.freeze()


def pytest_collection_modifyitems(config, items):
    """Order and group the tests for the two xdist workers (pyproject: `-n auto --dist loadgroup`).

    - Every test that reads the session's shared-corpus build (`corpus_build`) runs in one worker, so the
      corpus is built once per run, not once per worker (tests already in an xdist_group keep theirs).
    - Tests marked `slow` are handed out first: the workers take tests in this order, and a long test started
      last keeps one worker busy while the other has nothing left to do.
    """
    for item in items:
        if "corpus_build" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group("corpus-build"))
        if getattr(config.option, "loadgroup", False):
            _group_in_nodeid(item)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: file order otherwise


@pytest.fixture(params=["c", "python"])
def road(request, monkeypatch) -> str:
    """The test runs with the writers' C core (where it is built) and with its Python twin: the held text and the
    union from text (osce_kg/held.py, osce_kg/store.py)."""
    from osce_kg import held, store

    if request.param == "c" and held._native is None:
        pytest.skip("the C core is not built here")
    if request.param == "python":
        monkeypatch.setattr(held, "_native", None)
        monkeypatch.setattr(store, "_native", None)
    return request.param
