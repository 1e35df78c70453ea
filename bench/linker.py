"""Entity-linking speed on the shared corpus: the token-index linker vs the naive n-gram scan it replaced.

Naive (the linker this one replaced): the registry's match_key index, and at each word up to 12 n-grams
re-normalised with `match_key` and looked up, longest first. Indexed: `Linker.for_registry` (built once),
tokens folded once, n-grams extended only while they are a prefix of some name.

    python bench/linker.py [CORPUS_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from osce_kg.linker import Linker
from osce_kg.page import parse_text_dump
from osce_kg.registry import load_registry
from osce_kg.sources import iter_source_paths, read_source
from osce_kg.text import match_key

_WORD = re.compile(r"[\w’'/-]+", re.UNICODE)


def naive_find(index: dict, text: str, max_words: int = 12) -> int:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found, i = 0, 0
    while i < len(words):
        for n in range(min(max_words, len(words) - i), 0, -1):
            key = match_key(text[words[i][0]:words[i + n - 1][1]])
            if key and index.get(key):
                found += 1
                i += n - 1
                break
        i += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=os.environ.get("OSCE_KG_CORPUS", "../shared/corpus"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not Path(args.corpus).is_dir():
        sys.exit(f"{args.corpus}: no such folder")
    pages = []
    for path in iter_source_paths([args.corpus]):
        source = read_source(path)
        page = parse_text_dump(source, source.url or "urn:x")
        pages.append(([page.title] if page.title else []) + [b.text for b in page.blocks])
    count = len(pages) * args.repeat
    chars = sum(len(t) for p in pages for t in p) * args.repeat

    start = time.perf_counter()
    naive_links = 0
    for _ in range(args.repeat):
        for blocks in pages:
            index = load_registry().names_index()
            naive_links += sum(naive_find(index, t) for t in blocks)
    naive = time.perf_counter() - start

    start = time.perf_counter()
    linker = Linker.for_registry(load_registry())
    build_once = time.perf_counter() - start
    links = 0
    start = time.perf_counter()
    for _ in range(args.repeat):
        for blocks in pages:
            links += sum(len(Linker.for_registry(load_registry()).find(t)) for t in blocks)
    indexed = time.perf_counter() - start
    assert linker is Linker.for_registry(load_registry())

    print(f"{len(pages)} pages x {args.repeat} = {count} pages, {chars / 1e6:.2f} M characters")
    print(f"{'approach':<44}{'pages/s':>10}{'MB/s':>8}{'links':>8}")
    print(f"{'naive (match_key per n-gram, longest first)':<44}{count / naive:>10.1f}"
          f"{chars / naive / 1e6:>8.2f}{naive_links:>8}")
    print(f"{'token index, built once (osce_kg.linker)':<44}{count / indexed:>10.1f}"
          f"{chars / indexed / 1e6:>8.2f}{links:>8}")
    print(f"speed-up x{naive / indexed:.1f}; building the index once: {build_once * 1000:.0f} ms")


if __name__ == "__main__":
    main()
