"""CLI conventions of `osce-kg export`: one exporter registry, aliases and media types, stdout, usage errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.cli import main
from osce_kg.export import EXPORTERS, exporter_for
from osce_kg.export.base import build_formats, resolve_format

GRAPH = "https://w3id.org/osce-kg/graph/registry/partner-groups"


@pytest.fixture(scope="module")
def nq(bundled_build):
    return bundled_build.out_dir / "osce.nq"


def test_one_registry_carries_names_aliases_files_and_media_types():
    assert exporter_for("csv").name == "csv"  # the module exists now
    assert exporter_for("framed").format.options == {"frame", "split"}
    for name, fmt in EXPORTERS.items():
        assert resolve_format(fmt.media_type) is fmt and resolve_format(name.upper()) is fmt
        for alias in fmt.aliases:
            assert resolve_format(alias) is fmt
    assert resolve_format("ttl").name == "turtle" and resolve_format("nt").name == "ntriples"
    assert resolve_format("nq").name == "nquads" and resolve_format("json-ld").name == "jsonld"
    assert resolve_format("text/turtle; charset=utf-8").name == "turtle"
    assert build_formats() == {"turtle": "osce.ttl", "ntriples": "osce.nt", "nquads": "osce.nq",
                               "trig": "osce.trig", "jsonld": "osce.jsonld", "rdfxml": "osce.rdf"}
    assert resolve_format("xml").name == resolve_format("rdf").name == "rdfxml"
    with pytest.raises(ValueError, match="unknown format 'rdf/xml'"):
        resolve_format("rdf/xml")


@pytest.mark.parametrize("alias, fmt", [("ttl", ox.RdfFormat.TURTLE), ("application/n-quads", ox.RdfFormat.N_QUADS),
                                        ("json-ld", ox.RdfFormat.JSON_LD), ("nt", ox.RdfFormat.N_TRIPLES),
                                        ("application/trig", ox.RdfFormat.TRIG)])
def test_aliases_and_media_types_to_stdout_parse_back(nq, alias, fmt, capsys):
    capsys.readouterr()
    assert main(["export", "--data", str(nq), "--format", alias, "--graph", GRAPH, "-o", "-"]) == 0
    out = capsys.readouterr().out
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(out.encode(), format=fmt)}
    expected = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)
                if q.graph_name == ox.NamedNode(GRAPH)}
    assert parsed == expected and len(expected) > 20
    assert not (nq.parent / "-").exists()


def test_input_format_where_the_extension_cannot_tell(nq, tmp_path, capsys):
    odd = tmp_path / "data.rdfdump"
    odd.write_bytes(nq.read_bytes())
    assert main(["export", "--data", str(odd), "--format", "nq"]) == 2
    assert "unknown RDF file extension" in capsys.readouterr().err
    assert main(["export", "--data", str(odd), "--input-format", "application/n-quads", "--format", "nq",
                 "-o", str(tmp_path / "out.nq")]) == 0
    assert (tmp_path / "out.nq").read_bytes() == nq.read_bytes()
    capsys.readouterr()
    assert main(["export", "--data", str(odd), "--input-format", "turtle", "--format", "nq"]) == 2  # bad data
    err = capsys.readouterr().err
    assert err.startswith(f"error: {odd}: cannot read RDF") and err.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    (["--format", "turtle", "--query", "partners"], "--query cannot be used with --format turtle"),
    (["--format", "nq", "--lang", "fr"], "--lang cannot be used with --format nquads"),
    (["--format", "ttl", "--frame", "chairpersonships"], "--frame cannot be used with --format turtle"),
    (["--format", "csv"], "exactly one of --query NAME, --class CLASS, --all-classes DIR"),
    (["--format", "csv", "--query", "partners", "--class", "state"], "exactly one of"),
    (["--format", "csv", "--class", "state", "--param", "lang=fr"], "--param goes with --query"),
    (["--format", "csv", "--query", "partners", "--param", "lang"], "--param 'lang': expected NAME=VALUE"),
    (["--format", "csv", "--query", "nope"], "no query named 'nope'"),
    (["--format", "jsonld", "--split"], "framed JSON-LD needs --frame NAME"),
    (["--format", "jsonld", "--frame", "nope"], "no frame named 'nope'"),
    (["--format", "csv", "--all-classes", "x", "-o", "y"], "--all-classes DIR names the output folder"),
    (["--format", "yaml"], "unknown format 'yaml'"),
    (["--format", "ttl", "--graph", "page/x"], "--graph 'page/x' is not an absolute IRI"),
    (["--format", "ttl", "--graph", "https://w3id.org/osce-kg/graph/none"], "no such named graph"),
    (["--format", "ttl", "--graph", "https://w3id.org/osce-kg/graph/a b"], "no such named graph"),
])
def test_conflicting_ignored_and_bad_options_are_one_line_usage_errors(nq, args, message, capsys):
    capsys.readouterr()
    assert main(["export", "--data", str(nq), *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1 and captured.out == ""


def test_build_accepts_format_aliases(tmp_path):
    assert main(["build", "-o", str(tmp_path), "-q", "--no-validate", "--format", "text/turtle",
                 "--format", "nq"]) == 0
    assert (tmp_path / "osce.ttl").is_file() and (tmp_path / "osce.nq").is_file()
    with pytest.raises(SystemExit) as exc:
        main(["build", "-o", str(tmp_path), "--format", "csv"])
    assert exc.value.code == 2
