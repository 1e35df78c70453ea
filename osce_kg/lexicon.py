"""The six-language lexicon: the words the mappers read, as data (mappings/lexicon.csv), loaded once.

One row per concept and language: `concept,syntax,lang,forms`. `forms` holds the concept's words in that
language, separated by '|' (in a regular expression, a '|' inside brackets belongs to it and does not separate).
`syntax` says what a form is: `word` (a literal: escaped when it goes into a regular expression) or `regex`
(a regular-expression fragment). Every concept has a row for each of the six languages; `~` as the forms
marks a language that has no word for the concept (a documented gap), so that a missing row is an error
and not an oversight. Lines whose first field starts with '#' are comments.

Mappers name concepts (`forms("honorific")`, `alternation("chairpersonship")`); they never spell words.
Matching does not depend on the page's detected language unless the caller asks for one language (a quoted
English name on a French page still reads), so a concept's forms are all six languages in file order.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

LANGS = ("en", "fr", "de", "it", "ru", "es")
GAP = "~"
SYNTAXES = ("word", "regex")
RESOURCE = ("osce_kg.mappings", "lexicon.csv")


class LexiconError(ValueError):
    """The lexicon file is malformed (a message naming the line and the problem)."""


@dataclass(frozen=True)
class Concept:
    name: str
    syntax: str
    forms: dict[str, tuple[str, ...]]  # language -> forms (empty for a gap), in file order

    def all_forms(self) -> tuple[str, ...]:
        """Every language's forms in file order, each once."""
        return tuple(dict.fromkeys(f for fs in self.forms.values() for f in fs))

    def as_regex(self, form: str) -> str:
        return form if self.syntax == "regex" else re.escape(form)


def split_forms(text: str) -> tuple[str, ...]:
    """'a|b(?:c|d)|e' -> ('a', 'b(?:c|d)', 'e'): '|' separates only outside brackets."""
    out: list[str] = []
    depth, start, escaped = 0, 0, False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return tuple(f for f in out if f)


def parse(lines: list[str], source: str = "lexicon.csv") -> dict[str, Concept]:
    """Concepts from the lexicon's lines; LexiconError on a malformed row, a duplicate, a missing language."""
    rows = csv.reader(lines)
    header = next(rows, None)
    if header != ["concept", "syntax", "lang", "forms"]:
        raise LexiconError(f"{source}: header must be concept,syntax,lang,forms, not {header}")
    found: dict[str, Concept] = {}
    for number, row in enumerate(rows, start=2):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != 4:
            raise LexiconError(f"{source}:{number}: expected 4 fields, got {len(row)}")
        name, syntax, lang, text = row
        if syntax not in SYNTAXES:
            raise LexiconError(f"{source}:{number}: syntax {syntax!r} is not one of {', '.join(SYNTAXES)}")
        if lang not in LANGS:
            raise LexiconError(f"{source}:{number}: language {lang!r} is not one of {', '.join(LANGS)}")
        concept = found.setdefault(name, Concept(name, syntax, {}))
        if concept.syntax != syntax:
            raise LexiconError(f"{source}:{number}: concept {name!r} was {concept.syntax}, now {syntax}")
        if lang in concept.forms:
            raise LexiconError(f"{source}:{number}: concept {name!r} has a second {lang} row")
        if text == GAP:
            forms: tuple[str, ...] = ()
        else:
            forms = split_forms(text) if syntax == "regex" else tuple(f for f in text.split("|") if f)
        if not forms and text != GAP:
            raise LexiconError(f"{source}:{number}: concept {name!r} has no {lang} forms (write {GAP} for a gap)")
        if syntax == "regex":
            for form in forms:
                try:
                    re.compile(form)
                except re.error as exc:
                    raise LexiconError(f"{source}:{number}: {form!r} is not a regular expression: {exc}") from None
        concept.forms[lang] = forms
    for concept in found.values():
        missing = [lang for lang in LANGS if lang not in concept.forms]
        if missing:
            raise LexiconError(f"{source}: concept {concept.name!r} has no row for {', '.join(missing)}")
    return found


def path() -> Traversable:
    """The lexicon file (the build digests it: its words decide the page graphs as the registry does)."""
    return resources.files(RESOURCE[0]).joinpath(RESOURCE[1])


@functools.cache
def concepts() -> dict[str, Concept]:
    """Every concept of mappings/lexicon.csv, read once."""
    return parse(path().read_text(encoding="utf-8").splitlines(), RESOURCE[1])


def concept(name: str) -> Concept:
    try:
        return concepts()[name]
    except KeyError:
        raise KeyError(f"no concept {name!r} in the lexicon") from None


def forms(name: str, lang: str | None = None) -> tuple[str, ...]:
    """The concept's forms: one language's, or all six languages' in file order, each once."""
    c = concept(name)
    return c.forms[lang] if lang else c.all_forms()


def names(prefix: str) -> tuple[str, ...]:
    """The concepts whose names start with `prefix` ('publication-type.'), in file order."""
    return tuple(n for n in concepts() if n.startswith(prefix))


def by_lang(name: str) -> dict[str, tuple[str, ...]]:
    """language -> forms, for the six languages (a gap is an empty tuple)."""
    return dict(concept(name).forms)


def patterns(name: str) -> dict[str, str]:
    """language -> the concept's forms in that language as one regular expression ('a|b'), for rules read in the
    page's language; a language with a gap has no entry."""
    c = concept(name)
    return {lang: "|".join(c.as_regex(f) for f in fs) for lang, fs in c.forms.items() if fs}


@functools.cache
def alternation(*names: str, longest_first: bool = False) -> str:
    """One non-capturing group matching any form of the concepts, in file order (or longest first);
    `word` forms are escaped, `regex` forms are used as they are."""
    parts = [concept(n).as_regex(f) for n in names for f in forms(n)]
    if longest_first:
        parts = sorted(set(parts), key=len, reverse=True)
    return "(?:" + "|".join(dict.fromkeys(parts)) + ")"
