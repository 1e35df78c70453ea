"""The one object a mapper talks to: registry lookups in, records and warnings out. No I/O."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable

from osce_kg.language import detect
from osce_kg.linker import Link, Linker
from osce_kg.records import MappingResult, Mention, Ref
from osce_kg.registry import Entity, Registry
from osce_kg.text import match_key


class MappingContext:
    def __init__(self, registry: Registry, linker: Linker | None = None):
        self.registry = registry
        self.linker = linker or Linker.for_registry(registry)
        self.result = MappingResult()
        # names (text.match_key) the open-world extractors placed on the page as a person or organisation:
        # they are no longer 'candidate' names
        self.placed: set[str] = set()

    def emit(self, record) -> None:
        self.result.add(record)

    def warn(self, code: str, message: str) -> None:
        self.result.warn(code, message)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> Entity | None:
        return self.registry.lookup_one(name, types)

    def finish(self) -> MappingResult:
        """The page's records, every Ref in them carrying what the registry knows of its entity (class,
        preferred names: `records.Known`), so that writing them needs no registry."""
        return MappingResult([self._resolved(r) for r in self.result.records], list(self.result.warnings))

    def _resolved(self, record):
        changes = {}
        for name in _field_names(type(record)):
            value = getattr(record, name)
            if value is None or value.__class__ in _PLAIN:  # most fields: nothing to resolve
                continue
            new = self._resolve(value)
            if new is not value:
                changes[name] = new
        return dataclasses.replace(record, **changes) if changes else record

    def _resolve(self, value):
        if isinstance(value, Ref):
            return self.registry.resolve(value)
        if isinstance(value, tuple) and value:
            items = tuple(self._resolve(v) for v in value)
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        return value

    def _placed(self, key: str) -> bool:
        return key in self.placed or any(key in p or p in key or _shares_opening(key, p) for p in self.placed)

    def mentions(self, blocks: list[str], lang: str | None = None,
                 types: Iterable[str] | None = None, truncated: bool = False) -> list[Mention]:
        """Registry entities named in the text blocks, each with its block and character span.

        `lang` is the page's language (detected from the text when not given); `types` the entity types
        wanted. A name that fits several entities is linked when exactly one of them is also named
        unambiguously elsewhere on the page; otherwise it is left unlinked with an 'ambiguous-name'
        warning. Names that look like OSCE bodies or people but are not in the registry are reported as
        'candidate-entity' warnings (once per page and name)."""
        page_lang = lang or detect(" ".join(blocks)[:5000])
        found: list[tuple[int, Link]] = []
        unknown: dict[str, str] = {}
        for index, text in enumerate(blocks):
            block_lang = lang or (detect(text) if len(text) > 60 else None) or page_lang
            links = self.linker.find(text, block_lang, types)
            found.extend((index, link) for link in links)
            for _, _, name, kind in self.linker.candidates(text, links):
                unknown.setdefault(name, kind)
        sure = {link.ref for _, link in found if link.ref is not None}
        out = []
        for index, link in found:
            ref = link.ref
            if ref is None:
                in_context = [c for c in link.candidates if c in sure]
                if len(in_context) != 1:
                    names = ", ".join(f"{r.type}:{r.key}" for r in link.candidates)
                    self.warn("ambiguous-name", f"{link.text!r} in block {index} may be {names}; left unlinked")
                    continue
                ref = in_context[0]
            out.append(Mention(ref, index, link.start, link.end, link.text))
        for name, kind in sorted(unknown.items()):
            if self._placed(match_key(name)):
                continue
            reason = ("no post or role is stated with it" if kind == "person"
                      else "its name does not read as an organisation of a known kind")
            if truncated and blocks and blocks[-1].rstrip(" .").endswith(name):
                reason = "the page is cut off in the middle of the name"
            self.warn("candidate-entity", f"{name!r} looks like {'a person' if kind == 'person' else 'an OSCE body'} "
                      f"but is not in the registry; not placed: {reason}")
        return out


def _shares_opening(key: str, placed: str) -> bool:
    """The candidate's first two words occur in a placed name ('police matters unit of the osce secretariat'
    was placed as 'strategic police matters unit')."""
    words = key.split()
    return len(words) >= 2 and f" {words[0]} {words[1]} " in f" {placed} "


_PLAIN = frozenset({str, int, float, bool})  # field values that hold no Ref


@functools.cache
def _field_names(record_type: type) -> tuple[str, ...]:
    """A record class's field names (asked once per record: `dataclasses.fields` is slow)."""
    return tuple(f.name for f in dataclasses.fields(record_type))
