"""What a page states about the OSCE's structure and its bodies' work, read from the names it uses.

- 'the OSCE Mission to Skopje', 'der Hohe Kommissar der OSZE', 'le Bureau de l'OSCE': the page names the body
  as part of the OSCE, so its graph states `org:unitOf` the OSCE (and nothing when the name stands alone, or
  when the body is a unit of a body below the OSCE, such as a Secretariat unit).
- A field-of-work page whose opening paragraph names an OSCE body (the body that carries that work) states
  that the body works on that field.
- A sentence whose subject is an OSCE body (or a pronoun standing for the previous sentence's subject) and
  whose verb says it supports something: each other OSCE body named after the verb is one it supports.
"""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.records import OSCE, Mention, Ref, Supports, UnitOf, WorksOn
from osce_kg.registry import BodyEntity
from osce_kg.text import collapse_space

_OSCE_NAME = lexicon.alternation("osce-name")  # the OSCE's name in the six languages

_UNIT_TYPES = ("body", "field-operation")
_OSCE_WORD = re.compile(rf"(?<!\w){_OSCE_NAME}(?!\w)")
# the OSCE named right before the body ('OSCE Mission', 'OSZE-Mission', "the OSCE's Office") ...
_BEFORE = re.compile(rf"(?<!\w){_OSCE_NAME}(?:['’]s)?[\s-]$")
# ... or right after it, in the genitive of the six languages ('Office of the OSCE', 'Büro der OSZE (ODIHR)')
_AFTER = re.compile(r"^\s*(?:\([^)]{1,16}\)\s*)?(?:of the OSCE|de l['’]OSCE|de la OSCE|der OSZE|dell['’]OSCE|ОБСЕ)"
                    r"(?!\w)")


def osce_units(blocks: list[str], mentions: list[Mention], ctx: MappingContext) -> None:
    """UnitOf(body, OSCE) for each registry body or field operation the text names as the OSCE's own."""
    stated: set[Ref] = set()
    for m in mentions:
        if m.ref.type not in _UNIT_TYPES or m.ref == OSCE or m.ref in stated:
            continue
        entity = ctx.registry.get(m.ref)
        if isinstance(entity, BodyEntity) and entity.parent not in (None, OSCE):
            continue  # a Secretariat unit: 'the OSCE's' says less than its own parent does
        block = blocks[m.block]
        if _OSCE_WORD.search(m.text) or _BEFORE.search(block[:m.start]) or _AFTER.match(block[m.end:]):
            stated.add(m.ref)
            ctx.emit(UnitOf(m.ref, OSCE))


def bodies_working_on(topic: Ref, opening: str, lang: str | None, ctx: MappingContext) -> None:
    """WorksOn(body, topic) for each OSCE body (not the OSCE itself) the topic page's opening paragraph names."""
    seen: set[Ref] = set()
    for link in ctx.linker.find(opening, lang):
        ref = link.ref
        if ref is not None and ref.type == "body" and ref != OSCE and ref not in seen:
            seen.add(ref)
            ctx.emit(WorksOn(ref, topic))


_LEAD = re.compile(r"^(?:(?:the|The|le|Le|la|La|l['’]|L['’]|der|Der|die|Die|das|Das|il|Il|lo|Lo|el|El)\s*)?"
                   rf"(?:{_OSCE_NAME}[\s-])?$")
_PRONOUN = re.compile(rf"^(?:{'|'.join(lexicon.forms('pronoun'))})(?![\w-])")
_SUPPORTS_ALT = "|".join(re.escape(v) for v in lexicon.forms("supports"))
_SUPPORTS = re.compile(rf"^[^.;:]{{0,80}}?(?<![\w-])(?:{_SUPPORTS_ALT})(?![\w-])")


def bodies_supported(blocks: list[str], ctx: MappingContext, lang: str | None) -> None:
    """Supports(subject, body) for 'The X supports ... the Y' and 'It supports ... the Y' (X the subject
    of the sentence before), X and Y OSCE bodies or field operations, Y named after the verb."""
    seen: set[tuple[Ref, Ref]] = set()
    for block in blocks:
        subject: Ref | None = None
        for sentence in re.split(r"(?<=[.!?])\s+", collapse_space(block)):
            links = [link for link in ctx.linker.find(sentence, lang, _UNIT_TYPES)
                     if link.ref is not None and link.ref != OSCE]
            first = links[0] if links and _LEAD.match(sentence[: links[0].start]) else None
            if first is not None:
                subject, rest = first.ref, sentence[first.end:]
            elif _PRONOUN.match(sentence) and subject is not None:
                rest = sentence
            else:
                subject = None
                continue
            verb = _SUPPORTS.match(rest)
            if not verb:
                continue
            offset = len(sentence) - len(rest) + verb.end()
            if any(len(sentence) - len(rest) <= link.start < offset for link in links):
                continue  # another body named before the verb may be the one that supports
            for link in links:
                pair = (subject, link.ref)
                if link.start >= offset and link.ref != subject and pair not in seen:
                    seen.add(pair)
                    ctx.emit(Supports(*pair))
