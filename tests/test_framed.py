"""Framed JSON-LD documents for data teams, through the CLI: one object per entity, friendly keys."""

from __future__ import annotations

import json

import pytest

from osce_kg.cli import main

ID = "https://w3id.org/osce-kg/id/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("framed")
    assert main(["build", "-o", str(out), "-q", "--no-validate"]) == 0
    return out / "osce.nq"


def export(built, tmp_path, frame: str) -> dict:
    target = tmp_path / f"{frame}.jsonld"
    assert main(["export", "--data", str(built), "--format", "jsonld", "--frame", frame, "-o", str(target)]) == 0
    return json.loads(target.read_text(encoding="utf-8"))


def test_field_operations_frame(built, tmp_path):
    doc = export(built, tmp_path, "field-operations")
    nodes = {n["id"]: n for n in doc["@graph"]}
    assert len(nodes) == 37  # every field operation in the registry, current and closed
    moldova = nodes[ID + "field-operation/mission-to-moldova"]
    assert moldova["status"] == "current"
    assert moldova["name"]["ru"] == "Миссия ОБСЕ в Молдове"
    assert moldova["host"]["iso2"] == "MD" and moldova["host"]["name"]["de"] == "Moldau"
    assert set(moldova) <= {"id", "type", "name", "status", "established", "closedOn", "decision",
                            "establishedBy", "replaces", "host"}
    kosovo = nodes[ID + "field-operation/mission-in-kosovo"]
    assert kosovo["host"]["id"] == ID + "territory/xk"


def test_chairpersonships_frame(built, tmp_path):
    doc = export(built, tmp_path, "chairpersonships")
    years = {n["year"]["@value"] if isinstance(n["year"], dict) else n["year"]: n for n in doc["@graph"]}
    assert years["2025"]["state"]["iso2"] == "FI"
    assert years["2026"]["state"]["name"]["fr"] == "Suisse"


def test_framed_export_is_deterministic_and_unknown_frames_are_usage_errors(built, tmp_path, capsys):
    outputs = []
    for run in ("a", "b"):
        target = tmp_path / f"{run}.jsonld"
        args = ["export", "--data", str(built), "--format", "jsonld", "--frame", "chairpersonships", "-o", str(target)]
        assert main(args) == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert main(["export", "--data", str(built), "--format", "jsonld", "--frame", "nope"]) == 2
    assert "no frame named 'nope'" in capsys.readouterr().err
    assert main(["export", "--data", str(built), "--format", "turtle", "--frame", "chairpersonships"]) == 2
