"""The JSON Schema (draft 2020-12) of a frame's documents, derived from the frame and its context.

Each key of the frame gets the shape its context gives it: a language map for `@container: @language`,
an IRI string for a node never embedded, an object for an embedded node (its own keys, recursively), a
string with the lexical pattern of its datatype for typed values; a dated key comes in its three
precisions (`start`, `startMonth`, `startYear`). A key may hold one value or an array of them. Only the
frame's keys are allowed (frames are `@explicit`); with `@requireAll`, a key without `@default` is
required. The shipped `<class>.schema.json` files are this function's output (tests/test_framed.py
checks they are current), so a frame and its schema cannot drift:

    python -m osce_kg.export.frame_schema ontology/frames/partner.jsonld "Partners for Co-operation: ..."
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

IRI = {"type": "string", "pattern": "^[a-zA-Z][a-zA-Z0-9+.-]*:"}
STRING = {"type": "string"}
LANGUAGE_MAP = {"type": "object", "propertyNames": {"pattern": "^([a-z]{2,3}(-[A-Za-z0-9]+)*|@none)$"},
                "additionalProperties": {"anyOf": [STRING, {"type": "array", "items": STRING, "minItems": 1}]}}
# the lexical forms the framed documents give typed values in (plain strings, the key naming the type)
PATTERNS = {"xsd:date": "^-?[0-9]{4}-[0-9]{2}-[0-9]{2}$", "xsd:gYearMonth": "^-?[0-9]{4}-[0-9]{2}$",
            "xsd:gYear": "^-?[0-9]{4}$", "xsd:integer": "^-?[0-9]+$", "xsd:decimal": "^-?[0-9]+(\\.[0-9]+)?$",
            "xsd:boolean": "^(true|false)$", "xsd:anyURI": IRI["pattern"]}
PRECISIONS = ("", "Month", "Year")
DESCRIPTION = ("A framed document of the '{name}' frame: either one entity (--split) with its @context, or "
               "{{@context, @graph: [entities]}}. Dates are plain strings; the key says the precision (start: "
               "YYYY-MM-DD, startMonth: YYYY-MM, startYear: YYYY); numbers are plain strings.")


def _one_or_many(item: dict) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def _definition(context: dict, key: str) -> dict:
    value = context.get(key, {})
    return value if isinstance(value, dict) else {"@id": value}


def _value(context: dict, key: str, sub) -> dict:
    definition = _definition(context, key)
    if definition.get("@container") == "@language":
        return LANGUAGE_MAP
    kind = definition.get("@type")
    node_valued = kind in ("@id", "@vocab") or "@reverse" in definition
    sub = sub[0] if isinstance(sub, list) and sub else sub
    if node_valued:
        if isinstance(sub, dict) and sub.get("@embed") == "@always":
            return _one_or_many(_entity(context, sub, types=None))
        return _one_or_many(IRI if kind == "@id" or "@reverse" in definition else STRING)
    pattern = PATTERNS.get(kind)
    return _one_or_many({"type": "string", "pattern": pattern} if pattern else STRING)


def _entity(context: dict, frame: dict, types: list[str] | None) -> dict:
    """An entity: `id`, `type` (one of `types` at the top, any string below) and the frame's keys."""
    if types:
        type_schema = {"anyOf": [{"enum": types}, {"type": "array", "items": STRING, "contains": {"enum": types}}]}
    else:
        type_schema = _one_or_many(STRING)
    properties = {"id": IRI, "type": type_schema}
    required = ["id", "type"] if types else ["id"]
    for key, sub in frame.items():
        if key.startswith("@"):
            continue
        first = sub[0] if isinstance(sub, list) and sub else sub
        if frame.get("@requireAll") and not (isinstance(first, dict) and "@default" in first):
            required.append(key)  # only nodes with this key match the frame
        if all(_definition(context, key + p).get("@type") for p in PRECISIONS) and \
                len({_definition(context, key + p).get("@id") for p in PRECISIONS}) == 1:
            for precision in PRECISIONS:  # a dated key: one key per precision
                properties[key + precision] = _value(context, key + precision, sub)
        else:
            properties[key] = _value(context, key, sub)
    if types:
        properties["@context"] = {"type": "object"}
    return {"type": "object", "required": required, "properties": properties,
            "additionalProperties": False}


def schema_for(name: str, frame: dict, title: str) -> dict:
    """The JSON Schema of documents framed by `frame` (named `name`): a whole document or one entity."""
    types = frame["@type"] if isinstance(frame["@type"], list) else [frame["@type"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://w3id.org/osce-kg/frames/{name}.schema.json",
        "title": f"osce-kg framed JSON-LD: {title}",
        "description": DESCRIPTION.format(name=name),
        "$defs": {"entity": _entity(frame["@context"], frame, types)},
        "oneOf": [
            {"type": "object", "required": ["@context", "@graph"], "additionalProperties": False,
             "properties": {"@context": {"type": "object"},
                            "@graph": {"type": "array", "items": {"$ref": "#/$defs/entity"}}}},
            {"allOf": [{"$ref": "#/$defs/entity"}], "required": ["@context"]},
        ],
    }


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.stderr.write("usage: python -m osce_kg.export.frame_schema FRAME.jsonld TITLE\n")
        return 2
    path = Path(args[0])
    name = path.name.removesuffix(".jsonld")
    schema = schema_for(name, json.loads(path.read_text(encoding="utf-8")), args[1])
    path.with_name(name + ".schema.json").write_text(dumps(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
