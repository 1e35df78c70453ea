"""Framed JSON-LD: documents shaped for a use (one object per field operation, host embedded...),
from the frames in ontology/frames/. Sorted and deterministic like every export.

The frame's context gives friendly keys ("name" as a language map, "host", "established"). Frames give
value properties as `[{}]`: pyld's framing fails on `{}` for literal values.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from osce_kg.export.base import Exporter, ExportOptions, UsageError
from osce_kg.store import KnowledgeGraph


def frames() -> dict[str, Path]:
    """Bundled frames by name."""
    folder = Path(str(resources.files("osce_kg.ontology").joinpath("frames")))
    return {p.stem: p for p in sorted(folder.glob("*.jsonld"))}


def load_frame(name_or_path: str) -> dict:
    path = Path(name_or_path)
    if not (path.suffix == ".jsonld" and path.is_file()):
        known = frames()
        if name_or_path not in known:
            raise KeyError(f"no frame named {name_or_path!r}; known: {', '.join(known)}")
        path = known[name_or_path]
    return json.loads(path.read_text(encoding="utf-8"))


def framed_document(kg: KnowledgeGraph, frame: dict) -> dict:
    """The union graph framed by `frame`: nodes sorted by id, keys sorted."""
    from pyld import jsonld

    triples = ox.serialize(kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES)
    expanded = jsonld.from_rdf(triples.decode("utf-8"), {"format": "application/n-quads"})
    doc = jsonld.frame(expanded, frame, {"omitDefault": True})
    doc["@graph"] = sorted(doc.get("@graph", []), key=lambda node: node.get("id", node.get("@id", "")))
    return doc


def render_framed(kg: KnowledgeGraph, name_or_path: str) -> str:
    doc = framed_document(kg, load_frame(name_or_path))
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class FramedExporter(Exporter):
    default_name = "framed"

    def check(self, options: ExportOptions) -> None:
        super().check(options)
        if not options.frame:
            raise UsageError("framed JSON-LD needs --frame NAME")

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        self.check(options)
        try:
            return render_framed(kg, options.frame)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None

    def render(self, quads) -> str:
        raise UsageError("framed JSON-LD is exported from a graph with --frame")


EXPORTER = FramedExporter
