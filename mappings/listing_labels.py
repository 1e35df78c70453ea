"""Field labels of listing teasers in the six languages (data, not a mapper: no KIND, no map_page).

A teaser on an osce.org listing is a title followed by 'Label: value' lines ('Publishing date: 26 April 2015',
'Content type: Press release', 'Where we are: OSCE Mission to Skopje', 'What we do: Policing'), on the old site
and the new one alike; HTML puts a label and its value in two elements. Keys are lower-case, without the colon.
The words are lexicon concepts (mappings/lexicon.csv): `listing.<field>` (named in news_listing.yml's `labels:`),
`content-type`, `structure-word`, `more-link`, `closed-mark`.
"""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.text import normalize_space

from .field_labels import kind_labels

FIELD_LABELS: dict[str, tuple[str, ...]] = {
    concept.removeprefix("listing."): lexicon.forms(concept) for concept in kind_labels("listing.")}
# "source" is shown on some teasers and mapped to nothing: recognised so that it is not read as a title or summary

# Content types the site prints on teasers, in the six languages (lower-case). A teaser may show one on a line
# of its own ('Press release') or beside its date ('Press release | 26 April 2015').
CONTENT_TYPES = frozenset(lexicon.forms("content-type"))
_TYPE_DATE = re.compile(r"^(?P<a>[^|•·–—]{3,40}?)\s*[|•·–—]\s*(?P<b>[^|•·–—]{6,40})$")

_LABEL_OF = {label: field for field, labels in FIELD_LABELS.items() for label in labels}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in _LABEL_OF), key=len, reverse=True)) +
    r")\s*:\s*(?P<value>.*)$", re.IGNORECASE)

# Words of OSCE structures' names (regular expressions, six languages): a 'Where we are' value with one of them
# that the registry does not know is reported as a candidate, never made a city.
STRUCTURE_WORDS = lexicon.forms("structure-word")

# Links printed under a teaser ('Read more'): part of the teaser, never its summary or the next title
MORE = frozenset(lexicon.forms("more-link"))

# '(closed)' after a field operation's name in 'Where we are', in the six languages
CLOSED = re.compile(rf"\s*\({lexicon.alternation('closed-mark')}\)\s*$", re.IGNORECASE)


def field_line(text: str) -> tuple[str, str] | None:
    """('date', '26 April 2015') for 'Publishing date: 26 April 2015'; ('date', '') for a bare label
    ('Date de publication' alone, its value in the next block); None for any other text."""
    text = normalize_space(text)
    bare = _LABEL_OF.get(text.rstrip(" :").casefold())
    if bare:
        return bare, ""
    m = _LABEL_RE.match(text)
    if m:
        return _LABEL_OF[m["label"].casefold()], m["value"].strip()
    return None


def content_type_line(text: str) -> tuple[str, str] | None:
    """(content type, rest) for 'Press release' alone (rest '') or beside a date ('Press release | 26 April
    2015', '26 April 2015 | Press release': rest is the date text); None otherwise."""
    text = normalize_space(text)
    if text.casefold() in CONTENT_TYPES:
        return text, ""
    m = _TYPE_DATE.match(text)
    if m:
        for kind, rest in ((m["a"], m["b"]), (m["b"], m["a"])):
            if kind.strip().casefold() in CONTENT_TYPES:
                return kind.strip(), rest.strip()
    return None


def label_prefix(text: str) -> bool:
    """True for a label cut off by the end of a truncated dump ('Publishing d')."""
    key = normalize_space(text).casefold()
    return len(key) >= 3 and any(label.startswith(key) and label != key for label in _LABEL_OF)
