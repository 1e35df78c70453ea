"""CSV tables per class, derived from the class's frame (ontology/frames/<class>.jsonld): one row per
entity, one column per top-level key of the frame, and a CSVW metadata file (W3C CSV on the Web)
describing each column's property, datatype, language and separator, so that a CSVW processor turns the
table back into the framed data.

- labels (language maps) are given in one chosen language (`--lang`, default en);
- several values in one cell are sorted and joined with " | " (the CSVW `separator`);
- a date key becomes three columns, one per precision (`established`, `establishedMonth`,
  `establishedYear`), so each column has one datatype;
- a key whose values are entities holds their IRIs (CSVW datatype anyURI); for an embedded entity with a
  label, a `<key>.<label key>` column gives that label too, and for an embedded period its dates
  (`during.start`, `during.startYear`, ...), for reading (not turned back into RDF);
  keys that point back (`@reverse`, e.g. a State's memberships) are listed but not turned back either.
"""

from __future__ import annotations

import csv
import io
import json

from osce_kg.export.framed import FramePlan, GraphIndex, framed_document, frames, load_frame

SEPARATOR = " | "
_DATATYPES = {"xsd:integer": "integer", "xsd:decimal": "decimal", "xsd:gYear": "gYear", "xsd:date": "date",
              "xsd:gYearMonth": "gYearMonth", "xsd:boolean": "boolean", "xsd:anyURI": "anyURI"}
_PRECISIONS = (("", "xsd:date"), ("Month", "xsd:gYearMonth"), ("Year", "xsd:gYear"))


def _definition(context: dict, key: str) -> dict:
    value = context.get(key, {})
    return value if isinstance(value, dict) else {"@id": value}


def columns(frame: dict, lang: str) -> list[dict]:
    """The CSVW column descriptions of a frame's table (plus 'key' and 'kind' for filling the cells)."""
    context = frame["@context"]
    plan = FramePlan(frame)
    cols: list[dict] = [{"name": "id", "titles": "id", "datatype": "anyURI", "required": True,
                         "suppressOutput": True, "key": "id", "kind": "id"}]
    for key, value in frame.items():
        if key.startswith("@"):
            continue
        definition = _definition(context, key)
        iri, reverse = plan.property(key)
        sub = value[0] if isinstance(value, list) and value else {}
        base = {"titles": key, "separator": SEPARATOR}
        if reverse:
            cols.append({**base, "name": key, "datatype": "anyURI", "suppressOutput": True, "key": key, "kind": "ref",
                         "dc:description": f"entities whose {definition['@reverse']} is this one"})
        elif definition.get("@container") == "@language":
            cols.append({**base, "name": key, "propertyUrl": iri, "lang": lang, "key": key, "kind": "lang"})
        elif definition.get("@type") in ("@id", "@vocab"):
            cols.append({**base, "name": key, "propertyUrl": iri, "datatype": "anyURI", "key": key, "kind": "ref"})
            for subkey in sub if isinstance(sub, dict) else ():
                if _definition(context, subkey).get("@container") == "@language":
                    cols.append({**base, "name": f"{key}.{subkey}", "titles": f"{key}.{subkey}", "lang": lang,
                                 "suppressOutput": True, "key": key, "sub": subkey, "kind": "sublabel"})
                elif _dated(context, subkey):  # an embedded period's dates ('during.start'), one column each
                    for suffix, datatype in _PRECISIONS:
                        name = f"{key}.{subkey}{suffix}"
                        cols.append({**base, "name": name, "titles": name, "datatype": _DATATYPES[datatype],
                                     "suppressOutput": True, "key": key, "sub": subkey + suffix, "kind": "subvalue"})
        elif _dated(context, key):
            for suffix, datatype in _PRECISIONS:
                cols.append({**base, "name": key + suffix, "titles": key + suffix, "propertyUrl": iri,
                             "datatype": _DATATYPES[datatype], "key": key + suffix, "kind": "value"})
        else:
            col = {**base, "name": key, "propertyUrl": iri, "key": key, "kind": "value"}
            if definition.get("@type") in _DATATYPES:
                col["datatype"] = _DATATYPES[definition["@type"]]
            cols.append(col)
    return cols


def _dated(context: dict, key: str) -> bool:
    return all(_definition(context, key + s).get("@type") == dt for s, dt in _PRECISIONS)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _cell(node: dict, col: dict, lang: str, plan: FramePlan) -> str:
    kind = col["kind"]
    if kind == "id":
        return node["id"]
    values = _as_list(node.get(col["key"]))
    if kind == "lang":
        found = [v for m in values for v in _as_list(m.get(lang))]
    elif kind == "ref":
        found = [plan.expand(v["id"] if isinstance(v, dict) else v) for v in values]  # 'osce:x' -> full IRI
    elif kind == "sublabel":
        found = [x for v in values if isinstance(v, dict) for x in _as_list((v.get(col["sub"]) or {}).get(lang))]
    elif kind == "subvalue":
        found = [x for v in values if isinstance(v, dict) for x in _as_list(v.get(col["sub"]))]
    else:
        found = [v if isinstance(v, str) else json.dumps(v) for v in values]
    return SEPARATOR.join(sorted(set(found)))


def class_table(kg, name: str, lang: str = "en", index: GraphIndex | None = None) -> tuple[str, str]:
    """(CSV text, CSVW metadata JSON) of one class's table."""
    try:
        frame = load_frame(name)
    except KeyError as exc:
        from osce_kg.export.base import UsageError

        raise UsageError(exc.args[0].replace("no frame", "no class")) from None
    cols = columns(frame, lang)
    plan = FramePlan(frame)
    doc = framed_document(index or kg, frame)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c["name"] for c in cols])
    for node in doc["@graph"]:
        writer.writerow([_cell(node, c, lang, plan) for c in cols])
    return buf.getvalue(), metadata(name, cols, lang)


def metadata(name: str, cols: list[dict], lang: str) -> str:
    described = [{k: v for k, v in c.items() if k not in ("key", "kind", "sub")} for c in cols]
    meta = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": f"{name}.csv",
        "dc:title": f"osce-kg: {name} (labels in '{lang}')",
        "dc:source": f"ontology/frames/{name}.jsonld",
        "tableSchema": {"columns": described, "primaryKey": "id", "aboutUrl": "{+id}"},
    }
    return json.dumps(meta, indent=1, ensure_ascii=False) + "\n"


def all_tables(kg, lang: str = "en") -> dict[str, str]:
    """Every class's table and metadata, by file name."""
    index = GraphIndex.of(kg)
    out = {}
    for name in frames():
        text, meta = class_table(kg, name, lang, index)
        out[f"{name}.csv"] = text
        out[f"{name}.csv-metadata.json"] = meta
    return out
