"""The page cache (osce_kg/page_cache.py): hits, misses, what invalidates an entry, corrupt entries, and
rebuilds whose outputs are byte-identical to a clean build of the same inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.limits import Limits
from osce_kg.mapping import map_source
from osce_kg.page_cache import PageCache, _tree_digest, code_folders, mapper_version
from osce_kg.registry import load_registry
from osce_kg.sources import read_source
from tests.conftest import PAGES

PICKED = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt")
OUTPUTS = ("osce.ttl", "osce.nq", "osce.jsonld", "report.json", "validation.txt", "dataset.ttl")


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _pages(tmp_path: Path, names=PICKED) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(PAGES / name, folder / name)
    return folder


def _map(path: Path, registry):
    limits = Limits()
    source = read_source(path, None, limits)
    return source, map_source(source, path.name, registry, limits)


def _cached_quads(outcome) -> set[ox.Quad]:
    return set(ox.parse(outcome.nquads, format=ox.RdfFormat.N_QUADS))


# -- the cache itself ---------------------------------------------------------------------------------


def test_a_hit_gives_the_quads_a_fresh_mapping_gives(tmp_path, registry):
    page = PAGES / "chair_en.txt"
    cache = PageCache(tmp_path / "c", "reg-1", Limits())
    source, fresh_a = _map(page, registry)
    assert cache.get(source, page.name, None) is None and cache.stats.misses == 1
    assert cache.put(source, page.name, None, fresh_a)
    cache.flush()
    # a later build asks for it: the same quads and report as mapping the page again
    hit = cache.get(source, page.name, None)
    _, fresh_b = _map(page, registry)
    assert cache.stats.hits == 1
    assert hit.nquads == fresh_b.nquads and _cached_quads(hit)
    assert vars(hit.report) == vars(fresh_b.report)
    assert hit.url_key == fresh_b.url_key


def test_what_invalidates_an_entry(tmp_path, registry):
    page = tmp_path / "p.txt"
    page.write_bytes((PAGES / "chair_en.txt").read_bytes())
    source, outcome = _map(page, registry)
    base = PageCache(tmp_path / "c", "reg-1", Limits())
    assert base.put(source, page.name, None, outcome)
    base.flush()  # this build's pack indexed: other builds see its entries
    assert base.get(source, page.name, None) is not None
    # the same context again (another build of the same code): still a hit
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is not None
    misses = {
        "registry": PageCache(tmp_path / "c", "reg-2", Limits()),
        "limits": PageCache(tmp_path / "c", "reg-1", Limits(max_lines=19_999)),
        "registry graphs": PageCache(tmp_path / "c", "reg-1", Limits(), registry=False),
    }
    for why, cache in misses.items():
        assert cache.get(source, page.name, None) is None, why
    # the page's bytes, its name, the URL the caller gives it
    page.write_bytes(page.read_bytes() + b"\nOne more line about the OSCE.\n")
    changed = read_source(page, None, Limits())
    assert base.get(changed, page.name, None) is None
    assert base.get(source, "q.txt", None) is None
    assert base.get(source, page.name, "https://www.osce.org/other") is None


def test_the_iri_base_and_the_mapper_code_are_part_of_the_key(tmp_path, registry, monkeypatch):
    page = PAGES / "chair_en.txt"
    source, outcome = _map(page, registry)
    kept = PageCache(tmp_path / "c", "reg-1", Limits())
    kept.put(source, page.name, None, outcome)
    kept.flush()
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is not None
    monkeypatch.setenv("OSCE_KG_BASE", "https://example.org/id/")
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is None
    monkeypatch.delenv("OSCE_KG_BASE")
    monkeypatch.setattr("osce_kg.page_cache.mapper_version", lambda: "another mapper")
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is None


def test_the_mapper_version_changes_with_any_file_of_the_package(tmp_path):
    tree = tmp_path / "pkg"
    (tree / "mappings").mkdir(parents=True)
    (tree / "mappings" / "event.py").write_text("RULE = 1\n")
    (tree / "data.tsv").write_text("word\tmot\n")
    first = _tree_digest(tree)
    (tree / "__pycache__").mkdir()
    (tree / "__pycache__" / "x.pyc").write_bytes(b"\0")  # bytecode is not code
    assert _tree_digest(tree) == first
    (tree / "mappings" / "event.py").write_text("RULE = 2\n")
    assert _tree_digest(tree) != first
    (tree / "mappings" / "event.py").write_text("RULE = 1\n")
    (tree / "data.tsv").write_text("word\tmots\n")
    assert _tree_digest(tree) != first
    assert len(mapper_version()) == 64


def test_the_mapper_version_covers_the_mappers_and_their_word_lists():
    import osce_kg.mappings.navigation as navigation

    folders = code_folders()
    for path in (Path(navigation.__file__), load_registry().folder):
        assert any(f in Path(path).resolve().parents for f in folders), path


def test_a_failed_page_is_not_kept(tmp_path, registry):
    page = tmp_path / "bad.txt"
    page.write_text("Nothing here is about any organisation at all.\n")
    source, outcome = _map(page, registry)
    assert outcome.report.error
    cache = PageCache(tmp_path / "c", "reg-1", Limits())
    assert cache.put(source, page.name, None, outcome) is None
    assert cache.get(source, page.name, None) is None


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "empty", "other-key"])
def test_a_corrupt_entry_is_ignored_with_a_warning(tmp_path, registry, damage):
    page = PAGES / "chair_en.txt"
    source, outcome = _map(page, registry)
    cache = PageCache(tmp_path / "c", "reg-1", Limits())
    cache.put(source, page.name, None, outcome)
    cache.flush()
    entry, offset, length = cache.where(cache.key(source, page.name, None))
    whole = entry.read_bytes()
    data = whole[offset:offset + length]
    if damage == "flip":  # one byte of one quad changed: the checksum no longer matches
        at = data.index(b"<http", data.index(b"\n"))
        data = data[:at + 5] + b"X" + data[at + 6:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "header":
        data = b"{not json" + data[data.index(b"\n"):]
    elif damage == "empty":
        data = b""
    else:  # an intact entry filed under another page's key
        index = entry.with_suffix(".idx")
        index.write_text(json.dumps({cache.key(source, "other.txt", None): [offset, length]}))
    entry.write_bytes(whole[:offset] + data + whole[offset + length:])
    fresh = PageCache(tmp_path / "c", "reg-1", Limits())
    name = "other.txt" if damage == "other-key" else page.name
    assert fresh.get(source, name, None) is None
    assert len(fresh.stats.warnings) == 1 and str(entry) in fresh.stats.warnings[0]
    assert fresh.stats.hits == 0 and fresh.stats.misses == 1


# -- rebuilds through the CLI -------------------------------------------------------------------------


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.slow
def test_rebuild_equals_a_clean_build(tmp_path, monkeypatch, capsys):
    """One rebuild after every kind of change: a page edited, one removed, one cache entry damaged, a bad
    page still bad, one page untouched, and a later build time."""
    pages = _pages(tmp_path, PICKED + ("fo_ru_chechnya.txt",))
    (pages / "notes.txt").write_text("A shopping list: bread, milk and eggs.\n")
    out, cache = tmp_path / "build", tmp_path / ".build.cache"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert main(["build", str(pages), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "page cache: 0 pages reused, 5 mapped\n" in err and err.count("notes.txt: not an OSCE page") == 1
    gone = iri.page_graph(read_source(pages / "inst_it_rfom.txt").url)
    assert f"<{gone}>" in (out / "osce.nq").read_text()

    chair = pages / "chair_en.txt"
    chair.write_text(chair.read_text() + "\nThe Chairpersonship rotates every year.\n")
    (pages / "inst_it_rfom.txt").unlink()
    damaged = [(pack, at, n) for pack, at, n in _entries(cache) if "fo_fr_moldova.txt" in _header(pack, at, n)]
    assert len(damaged) == 1
    pack, at, n = damaged[0]
    whole = pack.read_bytes()
    pack.write_bytes(whole[:at] + whole[at:at + n - 40] + b"\0" * 40 + whole[at + n:])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # a later build: its time, not the cached one
    assert main(["build", str(pages), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    # the rebuild starts from the previous store (osce_kg/rebuild.py): the two unchanged pages' graphs are
    # there already, so their entries are not read (the damaged one included: the store holds its graph)
    assert "page cache: 2 pages reused, 2 mapped; store: previous one updated; rebuilt from the previous build's " \
           "store" in err
    assert err.count("notes.txt: not an OSCE page") == 1
    assert "entry ignored" not in err

    assert main(["build", str(pages), "-o", str(tmp_path / "clean"), "--no-cache", "-q"]) == 1
    assert not (tmp_path / ".clean.cache").exists()
    _same_outputs(out, tmp_path / "clean")
    text = (out / "osce.nq").read_text()
    assert f"<{gone}>" not in text
    assert "1970-01-01T00:00:00Z" not in text and "1970-01-02T00:00:00Z" in text
    assert "cache" not in (out / "report.json").read_text().split('"sources"')[0]  # not part of the outputs


def _entries(root: Path):
    """(pack, offset, length) of every indexed entry under a cache folder."""
    for index in sorted(root.rglob("*.idx")):
        for offset, length in json.loads(index.read_text()).values():
            yield index.with_suffix(".pack"), offset, length


def _header(pack: Path, offset: int, length: int) -> str:
    """An entry's header line (its key and the page's report), as text."""
    return pack.read_bytes()[offset:offset + length].split(b"\n", 1)[0].decode()


@pytest.mark.slow
def test_registry_change_maps_every_page_again(tmp_path):
    from osce_kg.build import BuildOptions, build
    from osce_kg.registry import load_registry as load

    pages = _pages(tmp_path, PICKED[:2])
    reg = tmp_path / "reg"
    shutil.copytree(load().folder, reg)
    out = tmp_path / "build"
    opts = {"paths": [str(pages)], "out_dir": str(out), "validate": False, "formats": ("nquads",), "store": False,
            "registry_folder": str(reg)}
    assert build(BuildOptions(**opts)).cache.misses == 2
    assert build(BuildOptions(**opts)).cache.hits == 2
    csv = sorted(reg.glob("*.csv"))[0]
    csv.write_text(csv.read_text() + "\n")
    result = build(BuildOptions(**opts))
    assert result.cache.hits == 0 and result.cache.misses == 2


def test_cached_map_hands_only_the_misses_to_the_mapper_and_keeps_the_order(tmp_path, registry):
    from osce_kg.page_cache import PageJob, cached_map

    names = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt")
    jobs = [PageJob(read_source(PAGES / n), n) for n in names]
    asked: list[list[str]] = []

    def map_misses(todo):
        asked.append([job.display_name for job in todo])
        for job in todo:
            yield map_source(job.source, job.display_name, registry, Limits())

    cache = PageCache(tmp_path / "c", "r", Limits())
    earlier = _map(PAGES / names[1], registry)[1]  # an earlier build's
    cache.put(jobs[1].source, names[1], None, earlier)
    out = list(cached_map(cache, jobs, map_misses))
    assert asked == [[names[0], names[2]]]  # one call, the misses only, in order
    assert [o.report.file for o in out] == list(names)
    assert out[1].nquads == earlier.nquads and out[1].nquads
    assert cache.stats.hits == 1 and cache.stats.misses == 2
    # the misses went into the cache: a second pass maps nothing
    asked.clear()
    again = PageCache(tmp_path / "c", "r", Limits())
    assert len(list(cached_map(again, jobs, map_misses))) == 3
    assert not any(asked)  # nothing mapped
    assert list(cached_map(None, jobs, map_misses)) and asked[-1] == list(names)


def test_a_builds_entries_are_seen_once_its_pack_is_indexed(tmp_path, registry):
    """Entries are appended to one pack per build; its index, written when every page is mapped, makes them
    visible: a killed build's pack is never read."""
    page = PAGES / "chair_en.txt"
    source, outcome = _map(page, registry)
    writing = PageCache(tmp_path / "c", "reg-1", Limits())
    writing.put(source, page.name, None, outcome)
    assert writing.get(source, page.name, None) is not None  # this build sees its own entries
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is None
    assert list(writing.folder.glob("*.pack")) and not list(writing.folder.glob("*.idx"))
    writing.flush()
    assert PageCache(tmp_path / "c", "reg-1", Limits()).get(source, page.name, None) is not None


def test_small_packs_are_merged_and_a_killed_builds_pack_goes(tmp_path, registry, monkeypatch):
    import os
    import time

    monkeypatch.setattr("osce_kg.page_cache.MAX_PACKS", 2)
    names = ("chair_en.txt", "fo_fr_moldova.txt", "inst_it_rfom.txt", "fo_ru_chechnya.txt")
    mapped = {name: _map(PAGES / name, registry) for name in names}
    folder = None
    for name in names:  # one build per page: one pack each
        cache = PageCache(tmp_path / "c", "reg-1", Limits())
        cache.put(mapped[name][0], name, None, mapped[name][1])
        cache.flush()
        folder = cache.folder
    assert len(list(folder.glob("*.idx"))) <= 2 and len(list(folder.glob("*.pack"))) <= 2
    fresh = PageCache(tmp_path / "c", "reg-1", Limits())
    for name in names:
        hit = fresh.get(mapped[name][0], name, None)
        assert hit is not None and vars(hit.report) == vars(mapped[name][1].report), name
    assert not fresh.stats.warnings
    # a pack with no index: a killed build's, deleted once it is old (not while a build may still write it)
    young, old = folder / "1-young.pack", folder / "0-old.pack"
    young.write_bytes(b"partial"), old.write_bytes(b"partial")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    cache = PageCache(tmp_path / "c", "reg-1", Limits())
    cache.put(mapped[names[0]][0], "again.txt", None, mapped[names[0]][1])
    assert young.exists() and not old.exists()
