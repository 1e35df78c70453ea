"""The one object a mapper talks to: registry lookups in, records and warnings out. No I/O."""

from __future__ import annotations

from collections.abc import Iterable

from osce_kg.linker import Linker
from osce_kg.records import Label, MappingResult, Mention, Ref
from osce_kg.registry import Entity, Registry


class MappingContext:
    def __init__(self, registry: Registry, linker: Linker | None = None):
        self.registry = registry
        self.linker = linker or Linker(registry)
        self.result = MappingResult()

    def emit(self, record) -> None:
        self.result.add(record)

    def warn(self, code: str, message: str) -> None:
        self.result.warn(code, message)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> Entity | None:
        return self.registry.lookup_one(name, types)

    def label_for(self, entity: Entity, text: str, lang: str | None) -> Label | None:
        return Label(text, lang) if lang else None

    def mentions(self, blocks: list[str]) -> list[Mention]:
        """Registry entities named in the text blocks; ambiguous names become warnings, not links."""
        found = []
        for index, text in enumerate(blocks):
            for link in self.linker.find(text):
                if link.ref is None:
                    names = ", ".join(f"{r.type}:{r.key}" for r in link.candidates)
                    self.warn("ambiguous-name", f"{link.text!r} in block {index} may be {names}; left unlinked")
                    continue
                found.append(Mention(link.ref, index, link.start, link.end, link.text))
        return found


def refs_of(mentions: Iterable[Mention]) -> tuple[Ref, ...]:
    return tuple(sorted({m.ref for m in mentions}))
