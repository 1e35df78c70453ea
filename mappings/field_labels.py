"""Labels of label/value pages (events, publications, field-operation figures): 'When' / 'Lieu :' /
'Организатор' lines and the values that follow them. The words are lexicon concepts (`label.<field>`,
mappings/lexicon.csv); each kind's .yml names the fields it reads under `labels:`."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.page import Page
from osce_kg.text import normalize_space


@functools.cache
def kind_labels(prefix: str) -> tuple[str, ...]:
    """The lexicon concepts under `prefix` ('label.', 'listing.') that the page kinds read: each kind's
    mappings/<kind>.yml names its own under `labels:`; kinds in file-name order, each concept once."""
    found: list[str] = []
    for labels in _labels_by_kind():
        found += [c for c in labels if c.startswith(prefix) and c not in found]
    return tuple(found)


@functools.cache
def _labels_by_kind() -> tuple[tuple[str, ...], ...]:
    """Each kind's `labels:` list, kinds in file-name order: the .yml files read once per process, with
    libyaml's parser where PyYAML has it (the pure-Python one took 0.13 s of every mapping process's start)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(tuple((yaml.load(meta.read_text(encoding="utf-8"), Loader=loader) or {}).get("labels") or [])
                 for meta in sorted(resources.files("osce_kg.mappings").iterdir(), key=lambda p: p.name)
                 if meta.name.endswith(".yml"))


# Labels of label/value pages (events, publications, field-operation figures), in the six languages:
# field name -> its lexicon forms. A form listed under two fields belongs to the later one.
LABELS = {concept.removeprefix("label."): lexicon.forms(concept) for concept in kind_labels("label.")}
_SHORT_FIELDS = {"when", "where", "organizer", "type", "published", "publisher"}
_LABEL_OF = {key: name for name, keys in LABELS.items() for key in keys}


def label_name(text: str) -> str | None:
    """Which field label a line is ('When', 'Lieu :', 'Организатор'...), or None."""
    key = normalize_space(text).rstrip(" :").casefold()
    return _LABEL_OF.get(key)


def labelled_values(page: Page, ctx: MappingContext | None = None, wanted: set[str] | None = None) -> dict[str, str]:
    """Label -> value for 'Label' lines followed by their value (or 'Label: value' on one line).

    A label followed by another label or by nothing is a label without value: a warning, not an error."""
    blocks = [b.text for b in page.blocks]
    values: dict[str, str] = {}
    for i, text in enumerate(blocks):
        head, sep, tail = text.partition(":")
        name = label_name(text)
        if name is None and sep and len(head) <= 30:
            name = label_name(head)
            if name and tail.strip():
                values.setdefault(name, tail.strip())
                continue
        if name is None or (wanted and name not in wanted):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else ""
        # a short field (date, place, organiser) followed by a long paragraph has no value: the page's text
        # starts there ("When / Where / Organized by / The meeting will ...")
        too_long = name in _SHORT_FIELDS and (len(following) > 150 or following.endswith("."))
        if not following or too_long or label_name(following) or label_name(following.partition(":")[0]):
            if ctx is not None:
                ctx.warn("label-without-value", f"field {text!r} has no value on the page")
            continue
        values.setdefault(name, following)
    return values
