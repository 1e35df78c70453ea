"""Every page kind has a metadata file that says what it recognises and extracts, with real fixtures."""

from __future__ import annotations

from pathlib import Path

import yaml

from osce_kg.mappings import kind_modules

ROOT = Path(__file__).resolve().parents[1]


def test_every_kind_has_metadata_with_existing_fixtures():
    modules = kind_modules()
    assert {"topic", "document", "navigation-only"} <= set(modules)
    for kind, module in modules.items():
        meta_path = Path(module.__file__).with_suffix(".yml")
        assert meta_path.is_file(), f"{kind}: no {meta_path.name}"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        assert meta["kind"] == kind
        assert meta["recognises"] and meta["extracts"]
        for fixture in meta.get("fixtures") or []:
            assert (ROOT / fixture).is_file(), f"{kind}: fixture {fixture} missing"
