"""docs/exports.md shows, per class, a sample of the framed JSON and the CSV columns: the section is the
generator's output on the bundled example build (osce_kg/export/samples.py), so it cannot go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg import iri
from osce_kg.export.framed import frames
from osce_kg.export.samples import HEADING, asserted_index, replaced, section

DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"

# one worker runs this file, so the module's samples of the build is made once per run (tests/conftest.py)
pytestmark = pytest.mark.xdist_group("docs-exports")


@pytest.fixture(scope="module")
def generated(bundled_build) -> str:
    # the session build runs with --infer owl-rl; the samples leave the inferred graph out
    return section(asserted_index(bundled_build.out_dir / "osce.nq"), iri.base())


def test_the_samples_section_of_docs_exports_is_current(generated):
    text = DOCS.read_text(encoding="utf-8")
    assert replaced(text, generated) == text, (
        "docs/exports.md samples are stale: osce-kg build -o /tmp/b && "
        "python -m osce_kg.export.samples /tmp/b/osce.nq docs/exports.md")


def test_every_class_has_a_sample_and_its_csv_columns(generated):
    for name in frames():
        block = generated.partition(f"\n### {name}\n")[2].partition("\n### ")[0]
        assert f"`--frame {name}` / `--class {name}`" in block, name
        if name == "organisation":  # no organisation in the example build: its columns only
            assert "CSV columns: `id`" in block and "```json" not in block
        else:
            assert "```json" in block and "| `id` | https://w3id.org/osce-kg/id/" in block, name
    partner = generated.partition("\n### partner\n")[2].partition("\n### ")[0]
    assert '"end": "2012-11-21"' in partner and '"iso2": "MN"' in partner
    assert "| `during.end` | 2012-11-21 |" in partner and "| `state.name` | Mongolia |" in partner
    assert "| `sources` | https://w3id.org/osce-kg/id/page/osce.org/cio/84562 \\| " in partner  # '|' escaped
    assert "graph/inferred" not in generated and "foaf:Agent" not in generated  # asserted data only


def test_replacing_needs_the_heading():
    with pytest.raises(ValueError, match="no '## Samples per class' heading"):
        replaced("# Exports\n", HEADING + "\n")
