"""Language of a text among the six OSCE languages, from the text itself (never from the URL).

A stop-word vote: cheap, dependency-free and reliable on a sentence or more, which is what pages give.
Russian is told apart by script. Returns None when the text gives no evidence.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr", "de", "it", "ru", "es")

_STOPWORDS = {
    "en": "the of and to in is for on with that by as are this from its which be has an it at or were was "
    "will have their who been not they other all also these into more",
    "fr": "le la les des et du de en un une est pour dans que qui sur au aux par avec ce ces ont sont été "
    "leur elle il ne pas plus être l d ainsi entre notamment",
    "de": "der die das und den dem des ein eine ist zu im in mit von für auf sich nicht auch als bei "
    "werden wird sind einer eines durch zur zum nach über oder sie",
    "it": "il lo la gli le di del della delle dei e è per che con un una nel nella sono dal alla alle "
    "degli anche come più su ha al ai tra questo oggi ha hanno sul sulla nei dello dall dell nell all",
    "es": "el la los las de del y en un una es por para con que se su sus al lo como más está son fue "
    "han entre sobre este esta también",
    "ru": "",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# letters that only some languages use: a strong hint on short texts. Each with what any match of it holds
# (a text with none of those is not searched)
_MARKERS = {
    "de": (re.compile(r"[äöüß]"), ("ä", "ö", "ü", "ß")),
    "es": (re.compile(r"[ñ¿¡]|ción\b"), ("ñ", "¿", "¡", "ción")),
    # l'/d' elide in French and Italian alike; Italian's own elisions (dell', nell', all') tell them apart
    "fr": (re.compile(r"[èêëçœ]|\b(?:l|d|qu)['’](?=[aeéiouh])"), ("è", "ê", "ë", "ç", "œ", "'", "’")),
    "it": (re.compile(r"\b(?:della|degli)\b|zione\b|\b(?:dell|nell|all|sull|dall)['’]"),
           ("della", "degli", "zione", "'", "’")),
}


def detect(text: str) -> str | None:
    """Best guess among LANGUAGES, or None if the text has no words to go on."""
    sample = text[:20000]
    cyr = 0 if sample.isascii() else len(_CYRILLIC.findall(sample))
    if cyr and cyr > len(_LATIN.findall(sample)):  # Latin letters counted only when there is Cyrillic
        return "ru"
    tokens = [t.lower() for t in _TOKEN.findall(sample)]
    if not tokens:
        return None
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _WORDS.items() if words}
    lowered = sample.lower()
    for lang, (marker, held) in _MARKERS.items():
        if any(part in lowered for part in held):
            scores[lang] += 0.5 * min(len(marker.findall(lowered)), 4)
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if scores[best] == 0:
        return None
    return best
