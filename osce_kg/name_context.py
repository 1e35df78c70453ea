"""Word tables the entity linker reads around a match to tell a registry name from a piece of a longer
proper name it does not know ("Inter-Parliamentary Assembly", "UN Secretariat", "Border Management Staff
College", "Unité de lutte contre le terrorisme"). Six languages; words are compared case-folded.
"""

from __future__ import annotations

# Words that begin or carry the name of another organisation: a registry name right after one of them
# is part of that organisation's name ("International Secretariat", "UN Secretariat", "European Union
# Rule of Law Mission", "Interim Administration Mission in Kosovo").
OTHER_ORGANISATION_WORDS = frozenset("""
international inter interim administration united nations un eu european union nato atlantic treaty
organization organisation commonwealth cis unmik eulex unhcr unicef undp unodc interpol europol frontex
internationale internationaux internationales internationaler onu ue otan nazioni unite naciones unidas
vereinten europäische europäischen européenne europea europeo международный международная международного
оон ес нато снг
""".split())

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
HEADS_LAST = frozenset("""
college academy school concept network system unit section department division programme program project
centre center initiative agency team service services mission office group committee commission fund
institute strategy plan force task-force cell desk portal database platform course
""".split())

# Head nouns that begin a French, Italian, Spanish or Russian (head-first) name: a field of work written
# in lower case after 'Head + preposition (+ one word + preposition)' is the tail of a longer name
# ("l'Unité de lutte contre le terrorisme", "l'École des cadres pour la gestion des frontières").
HEADS_FIRST = frozenset("""
école unité section département centre réseau système collège académie programme bureau division cellule
escuela unidad sección departamento centro red sistema academia programa oficina división
scuola unità sezione dipartimento rete accademia programma ufficio divisione
schule einheit abteilung referat netzwerk akademie programm büro
колледж отдел департамент центр сеть система академия программа школа группа управление бюро
""".split())
PREPOSITIONS = frozenset("""
de des du d la le les l pour contre en et sur aux au à
di del della dei delle degli per contro su nel nella sulla
para por contra sobre el los las y
für gegen zur zum der die das des
по и для в на против
""".split())

# Words that make a post's name another post's: 'Deputy Head of Mission' is not the Head of Mission.
POST_CHANGERS = frozenset("""
deputy vice personal special assistant senior acting adjoint adjointe stellvertretende stellvertretender
stellvertretenden vize vicecapo vicedirettore vicesegretario adjunto adjunta заместитель заместителя
""".split())
# '<Title> of the <post>': the words between, in the six languages
POST_OF = frozenset("""
of the to du de la des l der des dell della del di al для при по
""".split())
