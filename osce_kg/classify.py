"""Page kind from content: every mapper scores the page, the page's own evidence (its section label,
dateline, field labels, repeated teaser labels) moves the scores, and the highest wins. A tie the evidence
cannot settle goes to the generic 'document' kind, never to the kind whose name sorts first.

`explain` returns the choice with the scores and the evidence, for report.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import date_line, parse_dateline
from osce_kg.mappings import kind_modules
from osce_kg.page import Page

_MODULES: dict[str, ModuleType] | None = None
GENERIC = "document"
TIE = 0.05  # scores this close are a tie for the evidence to settle


def mappers() -> dict[str, ModuleType]:
    global _MODULES
    if _MODULES is None:
        _MODULES = kind_modules()
    return _MODULES


# -- evidence: what a page shows about its kind, in the six languages ----------------------------------
_LABEL = r"^\s*(?:{})\s*:"
# the words are lexicon concepts evidence.* (mappings/lexicon.csv)
_PUBLISHED = re.compile(_LABEL.format(lexicon.alternation("evidence.published-label")), re.I)
_CONTENT_TYPE = re.compile(_LABEL.format(lexicon.alternation("evidence.content-type-label")), re.I)
_TEASER = re.compile(_LABEL.format(lexicon.alternation("evidence.teaser-label")), re.I)
_FIELD = re.compile(rf"^\s*{lexicon.alternation('evidence.event-label')}\s*:?\s*$", re.I)
_PRESS_SECTION = re.compile(rf"^{lexicon.alternation('evidence.press-section')}$", re.I)
# kinds about one subject: a page of repeated teasers is none of them
_SINGLE_SUBJECT = {"field-operation", "institution", "event", "press-release", "topic", "chairpersonship",
                   "publication", "biography", "office-holders", "partners", "timeline", "speech"}


@dataclass(frozen=True)
class Evidence:
    name: str
    supports: frozenset[str]
    against: frozenset[str]
    test: Callable[[Page], str | None]  # what on the page shows it, or None


def _blocks(page: Page, n: int = 40) -> list[str]:
    return [b.text for b in page.blocks[:n]]


def _count(pattern: re.Pattern[str], page: Page) -> int:
    return sum(1 for t in _blocks(page, 200) if pattern.search(t))


_ARTICLE = 400  # a block this long is an article's paragraph, not a teaser's summary


def _repeated(page: Page, test: Callable[[str], object], times: int) -> int:
    """How often `test` holds on the page's blocks, if it holds `times` times before any article paragraph
    (a press release with 'related news' teasers after its text is an article, not a listing), else 0."""
    seen = 0
    for text in _blocks(page, 200):
        if test(text):
            seen += 1
        elif len(text) > _ARTICLE and seen < times:
            return 0
    return seen if seen >= times else 0


def _press_section(page: Page) -> str | None:
    return next((c for c in page.chrome if _PRESS_SECTION.match(c.strip())), None)


def _one_dateline(page: Page) -> str | None:
    found = [t for t in _blocks(page, 12) if parse_dateline(t)]
    return found[0][:40] if len(found) == 1 else None


def _datelines(page: Page) -> str | None:
    """Three or more datelines or date lines: headlines with their dates, one after another."""
    found = _repeated(page, lambda t: parse_dateline(t) or date_line(t), 3)
    return f"{found} datelines or date lines" if found else None


def _teasers(page: Page) -> str | None:
    counts = {"'Publishing date:'": _repeated(page, _PUBLISHED.search, 2),
              "'Content type:'": _repeated(page, _CONTENT_TYPE.search, 2),
              "'Where we are:' / 'What we do:'": _repeated(page, _TEASER.search, 2)}
    repeated = [f"{n} x {label}" for label, n in counts.items() if n]
    return ", ".join(repeated) if repeated else None


def _published_once(page: Page) -> str | None:
    return "'Publishing date:' label" if _count(_PUBLISHED, page) == 1 else None


def _field_labels(page: Page) -> str | None:
    found = [t for t in _blocks(page, 30) if _FIELD.match(t)]
    return "field labels " + ", ".join(repr(t) for t in found[:3]) if len(found) >= 2 else None


_LISTINGS = frozenset({"news-listing", "listing"})
EVIDENCE = (
    Evidence("section label", frozenset({"press-release"}), frozenset({"event"}), _press_section),
    Evidence("one dateline", frozenset({"press-release"}), frozenset(), _one_dateline),
    Evidence("one publishing date", frozenset({"press-release", "publication"}), frozenset(), _published_once),
    Evidence("field labels", frozenset({"event"}), frozenset(), _field_labels),
    Evidence("repeated teasers", _LISTINGS, frozenset(_SINGLE_SUBJECT), _teasers),
    Evidence("many dates", _LISTINGS, frozenset(_SINGLE_SUBJECT - {"timeline"}), _datelines),
)
SUPPORT = 0.1


@dataclass
class Classification:
    kind: str
    scores: dict[str, float]  # the mappers' own scores (recognise)
    adjusted: dict[str, float]  # after the evidence
    evidence: list[str] = field(default_factory=list)
    reason: str = ""

    def as_report(self) -> dict:
        return {"kind": self.kind, "reason": self.reason, "evidence": self.evidence,
                "scores": {k: round(v, 3) for k, v in sorted(self.scores.items()) if v > 0},
                "adjusted": {k: round(v, 3) for k, v in sorted(self.adjusted.items()) if v > 0}}


def explain(page: Page, ctx: MappingContext) -> Classification:
    """The page's kind, with every mapper's score, the evidence seen and why the winner won."""
    scores = {kind: float(m.recognise(page, ctx)) for kind, m in mappers().items()}
    adjusted = dict(scores)
    seen: list[str] = []
    support: dict[str, int] = {}
    for ev in EVIDENCE:
        shown = ev.test(page)
        if shown is None:
            continue
        seen.append(f"{ev.name}: {shown}")
        for kind in adjusted:
            if kind in ev.supports and adjusted[kind] > 0:
                adjusted[kind] += SUPPORT
                support[kind] = support.get(kind, 0) + 1
            if kind in ev.against:
                adjusted[kind] = 0.0  # the page shows it is not of that kind
    best = max(adjusted.values())
    tied = sorted(k for k, v in adjusted.items() if best - v < TIE and v > 0)
    if len(tied) == 1:
        kind = tied[0]
        reason = f"highest score {best:.2f}" + (" after the evidence" if adjusted != scores else "")
    else:
        most = max(support.get(k, 0) for k in tied)
        backed = [k for k in tied if support.get(k, 0) == most]
        if len(backed) == 1:
            kind, reason = backed[0], f"tie between {', '.join(tied)} settled by the evidence"
        else:
            kind = GENERIC if GENERIC in mappers() else tied[0]
            reason = f"tie between {', '.join(tied)} that the evidence does not settle: mapped as {kind}"
    return Classification(kind, scores, adjusted, seen, reason)


def classify(page: Page, ctx: MappingContext) -> tuple[str, ModuleType]:
    """(kind, mapper module) for a page (see `explain`)."""
    kind = explain(page, ctx).kind
    return kind, mappers()[kind]
