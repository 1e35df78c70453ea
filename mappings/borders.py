"""States a page says share a border, in the six languages.

- 'A shares a border with B', 'A borders B', 'A a une frontière commune avec B': A and B.
- 'Three participating States have borders with B – A1, A2 and A3' (a dash or colon, then the list): each
  listed State and B, only when every item of the list is a State.
"""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.records import Ref, SharesBorder
from osce_kg.text import NOT_AFTER_ABBREVIATION, collapse_space

_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])" + NOT_AFTER_ABBREVIATION + r"\s+")
# the words between the subject and the neighbour: a verb, 'border(s)' and 'with', by language
_BORDER = re.compile(
    r"(?<![\w-])(?:(?:shares?|has|have|had)\s+(?:a\s+|long\s+|common\s+|a\s+common\s+|a\s+long\s+)?borders?\s+with|"
    r"borders|"
    r"(?:a|ont|partage|partagent)\s+(?:une|des)\s+frontières?\s+(?:commune?s?\s+)?avec|"
    r"(?:hat|haben|teilt|teilen)\s+(?:eine\s+)?(?:gemeinsame\s+)?Grenzen?\s+mit|grenzt\s+an|grenzen\s+an|"
    r"(?:ha|hanno|condivide|condividono)\s+(?:un\s+)?confin[ei]\s+(?:comun[ei]\s+)?con|confina\s+con|confinano\s+con|"
    r"(?:tiene|tienen|comparte|comparten)\s+(?:una\s+)?fronteras?\s+(?:comunes?\s+)?con|limita\s+con|"
    r"(?:имеет|имеют)\s+(?:общую\s+|общие\s+)?границ[уы]\s+с|граничит\s+с|граничат\s+с)(?![\w-])",
    re.IGNORECASE)
_LIST = re.compile(r"^\s*[–—:-]\s*(?P<list>(?:(?!\s[-–—]\s)[^–—:;.()])+)")  # up to a closing dash
_SEP = re.compile(r"\s*(?:,|\band\b|\bet\b|\bund\b|\be\b|\by\b|\bи\b)\s*")


def borders(texts: list[str], ctx: MappingContext, lang: str | None) -> None:
    """SharesBorder records for the sentences of `texts` that say two States share a border."""
    seen: set[frozenset[Ref]] = set()
    for text in texts:
        for sentence in _SENTENCE.split(collapse_space(text)):
            for verb in _BORDER.finditer(sentence):
                for pair in _pairs(sentence, verb, ctx, lang):
                    if pair[0] != pair[1] and frozenset(pair) not in seen:
                        seen.add(frozenset(pair))
                        ctx.emit(SharesBorder(*pair))


def _states(text: str, ctx: MappingContext, lang: str | None) -> list:
    return [link for link in ctx.linker.find(text, lang) if link.ref is not None and link.ref.type == "country"]


def _pairs(sentence: str, verb: re.Match, ctx: MappingContext, lang: str | None) -> list[tuple[Ref, Ref]]:
    after = sentence[verb.end():]
    neighbour = _states(after, ctx, lang)
    # the neighbour opens what follows the verb (an article at most)
    if not neighbour or not re.fullmatch(r"\s*(?:\w{1,3}['’]?\s*)?", after[: neighbour[0].start]):
        return []
    other = neighbour[0]
    listed = _LIST.match(after[other.end:])
    if listed:  # 'have borders with B – A1, A2 and A3'
        items = [i.strip() for i in _SEP.split(listed["list"]) if i.strip()]
        refs = []
        for item in items:
            found = _states(item, ctx, lang)
            if len(found) != 1 or found[0].end - found[0].start < len(item) - 4:
                return []
            refs.append(found[0].ref)
        return [(ref, other.ref) for ref in refs]
    before = sentence[: verb.start()]
    subject = _states(before, ctx, lang)
    # the subject is the last State right before the verb ('Tajikistan shares', 'Le Tadjikistan, qui ... a')
    if subject and re.fullmatch(r"[\s,]*(?:(?:which|that|qui|der|die|che|que|который|которая)\s+)?",
                                before[subject[-1].end:]):
        return [(subject[-1].ref, other.ref)]
    return []
