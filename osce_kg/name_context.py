"""Word tables the entity linker reads around a match to tell a registry name from a piece of a longer
proper name it does not know ("Inter-Parliamentary Assembly", "UN Secretariat", "Border Management Staff
College", "Unité de lutte contre le terrorisme"). Six languages; words are compared case-folded. The word
sets are lexicon concepts (mappings/lexicon.csv); the name lists whose order counts stay here.
"""

from __future__ import annotations

from osce_kg import lexicon

# Words that begin or carry the name of another organisation: a registry name right after one of them
# is part of that organisation's name ("International Secretariat", "UN Secretariat", "European Union
# Rule of Law Mission", "Interim Administration Mission in Kosovo").
OTHER_ORGANISATION_WORDS = frozenset(lexicon.forms("other-organisation-word"))

# Other organisations named after a registry name, joined by 'of the' / 'de l'' / 'der' ...: the registry
# name is the head of that organisation's body ("Parliamentary Assembly of the Council of Europe",
# "Secrétariat de l'ONU", "Секретариат ООН").
OTHER_ORGANISATIONS = (
    "United Nations", "UN", "European Union", "EU", "Council of Europe", "NATO", "North Atlantic Treaty",
    "Commonwealth of Independent States", "CIS", "African Union", "Inter-Parliamentary Union",
    "Nations Unies", "ONU", "Union européenne", "UE", "Conseil de l'Europe", "Conseil de l’Europe", "OTAN",
    "Vereinten Nationen", "Europäischen Union", "Europarates", "Europarats",
    "Nazioni Unite", "Unione europea", "Consiglio d'Europa", "Consiglio d’Europa",
    "Naciones Unidas", "Unión Europea", "Consejo de Europa",
    "ООН", "Организации Объединенных Наций", "Европейского союза", "Евросоюза", "Совета Европы", "НАТО", "СНГ",
)
OF_WORDS = ("of the", "of", "de l'", "de l’", "de la", "des", "du", "der", "des", "dell'", "dell’", "della",
            "delle", "del", "de las", "de los", "de")

# Head nouns that end an English (head-last) name: a field of work, State or territory followed by
# capitalised words ending in one of them is a modifier in a longer name ("Border Management Staff
# College", "Policing OnLine Information System", "Rule of Law Mission").
HEADS_LAST = frozenset(lexicon.forms("head-last-noun"))

# Head nouns that begin a French, Italian, Spanish or Russian (head-first) name: a field of work written
# in lower case after 'Head + preposition (+ one word + preposition)' is the tail of a longer name
# ("l'Unité de lutte contre le terrorisme", "l'École des cadres pour la gestion des frontières").
HEADS_FIRST = frozenset(lexicon.forms("head-first-noun"))
PREPOSITIONS = frozenset(lexicon.forms("name-preposition"))

# Words that make a post's name another post's: 'Deputy Head of Mission' is not the Head of Mission.
POST_CHANGERS = frozenset(lexicon.forms("post-changer"))
# '<Title> of the <post>': the words between, in the six languages
POST_OF = frozenset(lexicon.forms("post-of"))
