"""RDF/XML: what the format itself promises. Its bytes are deterministic and any dataset round-trips
through pyoxigraph (tests/test_writers.py and test_export_roundtrip.py pick every RDF format up); here:
an XML parser other than pyoxigraph's (rdflib, on expat) reads the same triples, blank node labels that
start with a digit (a store's) become valid rdf:nodeID names, a carriage return survives XML's line-end
normalisation, characters XML 1.0 cannot hold are refused, and named graphs are folded into their union."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from osce_kg.cli import main
from osce_kg.export import exporter_for
from osce_kg.export.base import resolve_format
from tests.test_writers import graph_of, sample_quads

EX = "https://example.org/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def _rdflib(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data="".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples), format="nt")


def test_names_and_media_type():
    assert {resolve_format(n).name for n in ("rdfxml", "xml", "rdf", "application/rdf+xml", "RDF")} == {"rdfxml"}
    assert exporter_for("rdfxml").format.file_name == "osce.rdf"


def test_another_xml_parser_reads_the_union_of_a_store():
    kg = graph_of(sample_quads())
    kg.add_quads([ox.Quad(ox.BlankNode("0a1"), _n("p"), ox.BlankNode("9z"), _n("graph/x")),
                  ox.Quad(_n("s"), _n("p"), ox.BlankNode("_u"), _n("graph/x"))])
    text = exporter_for("rdfxml").export(kg)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF ')
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in re.findall(r'rdf:nodeID="([^"]*)"', text))
    union = {q.triple for q in kg.quads()}
    assert len(union) < len(set(kg.quads()))  # the sample states some triples in two graphs: written once
    assert isomorphic(rdflib.Graph().parse(data=text, format="xml"), _rdflib(union))
    assert "graph/" not in text  # RDF/XML has no place for a graph name


def test_a_carriage_return_survives_and_what_xml_cannot_hold_is_refused():
    quads = [ox.Quad(_n("s"), _n("p"), ox.Literal("line\r\nend\r")), ox.Quad(_n("s"), RDF_TYPE, _n("C"))]
    text = exporter_for("rdfxml").render(quads)
    assert "&#13;" in text and "\r" not in text
    assert isomorphic(rdflib.Graph().parse(data=text, format="xml"), _rdflib(q.triple for q in quads))
    for bad in ("\x01", "a\x0bb", "\ufffe"):
        with pytest.raises(ValueError, match="cannot hold"):
            exporter_for("rdfxml").render([ox.Quad(_n("s"), _n("p"), ox.Literal(bad))])


def test_the_cli_writes_it_and_a_failure_leaves_no_file(tmp_path, capsys):
    data = tmp_path / "in.nq"
    data.write_text(f'<{EX}s> <{EX}p> "x"@fr <{EX}g> .\n<{EX}s> <{EX}p> "x"@fr <{EX}h> .\n', encoding="utf-8")
    assert main(["export", "--data", str(data), "--format", "xml", "-o", str(tmp_path / "out.rdf")]) == 0
    back = list(ox.parse(path=str(tmp_path / "out.rdf"), format=ox.RdfFormat.RDF_XML))
    assert back == [ox.Quad(_n("s"), _n("p"), ox.Literal("x", language="fr"))]
    bad = tmp_path / "bad.nq"
    bad.write_text(f'<{EX}s> <{EX}p> "\\u0001" .\n', encoding="utf-8")
    capsys.readouterr()
    code = main(["export", "--data", str(bad), "--format", "rdfxml", "-o", str(tmp_path / "bad.rdf")])
    err = capsys.readouterr().err
    assert code != 0 and len(err.strip().splitlines()) == 1 and "XML 1.0" in err, err
    assert not (tmp_path / "bad.rdf").exists() and not list(tmp_path.glob(".bad.rdf.*"))
