"""Word lists the open-world extractors read (people and organisations), in the six languages.

Data, not logic: extend a list here rather than adding a special case to the code that reads it.
"""

from __future__ import annotations

# Honorifics and forms of address that precede a name and are not part of it.
HONORIFICS = (
    "H.E.", "H. E.", "His Excellency", "Her Excellency", "S.E.", "Son Excellence", "Seine Exzellenz", "Ihre Exzellenz",
    "Sua Eccellenza", "Su Excelencia", "Его Превосходительство", "Ее Превосходительство",
    "Ambassador", "Ambassadress", "Amb.", "Ambassadeur", "Ambassadrice", "Botschafter", "Botschafterin",
    "Ambasciatore", "Ambasciatrice", "Embajador", "Embajadora", "Посол",
    "Dr.", "Dr", "Prof.", "Professor", "Professeur", "Profesor", "Professore", "Профессор",
    "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Miss", "Sir", "Dame", "M.", "Mme", "Mme.", "Madame", "Monsieur",
    "Herr", "Frau", "Signor", "Signora", "Sig.", "Sig.ra", "Señor", "Señora", "Sr.", "Sra.", "Г-н", "Г-жа",
    "господин", "госпожа",
)

# Words that open the name of a post (a title), lower-case, longest first when matched. A person is
# only extracted next to one of these, so a name alone never makes a person.
TITLES = {
    "en": ("Chairperson-in-Office", "Chairman-in-Office", "Chairwoman-in-Office", "Secretary General",
           "Secretary-General", "Special Representative", "Personal Representative", "Special Envoy",
           "Personal Envoy", "Representative", "High Commissioner", "Deputy Head", "Head", "Chief Observer",
           "Chief Monitor", "Chief", "First Deputy Director", "Deputy Director", "Director General", "Director",
           "Co-ordinator", "Coordinator", "Chairperson", "Chairman", "Chairwoman", "Vice-President",
           "Vice President", "President", "Prime Minister", "Foreign Minister", "Deputy Foreign Minister",
           "Minister", "Spokesperson", "Ombudsperson", "Ombudsman", "Commissioner", "Senior Adviser", "Adviser",
           "Advisor", "Secretary", "Permanent Representative", "Speaker", "Mayor", "Minister for Foreign Affairs",
           "Minister of Foreign Affairs"),
    "fr": ("Président en exercice", "Présidente en exercice", "Secrétaire général", "Secrétaire générale",
           "Représentant spécial", "Représentante spéciale", "Représentant personnel", "Représentante personnelle",
           "Représentant", "Représentante", "Haut-Commissaire", "Haut Commissaire", "Chef adjoint", "Cheffe",
           "Chef", "Directeur adjoint", "Directrice adjointe", "Directeur", "Directrice", "Coordonnateur",
           "Coordonnatrice", "Coordinateur", "Coordinatrice", "Président", "Présidente", "Premier ministre",
           "Ministre des Affaires étrangères", "Ministre", "Envoyé spécial", "Porte-parole", "Médiateur"),
    "de": ("Amtierende Vorsitzende", "Amtierender Vorsitzender", "Generalsekretärin", "Generalsekretär",
           "Sonderbeauftragte", "Sonderbeauftragter", "Sondergesandte", "Sondergesandter", "Persönliche Beauftragte",
           "Persönlicher Beauftragter", "Beauftragte", "Beauftragter", "Hohe Kommissarin", "Hoher Kommissar",
           "Stellvertretende Leiterin", "Stellvertretender Leiter", "Leiterin", "Leiter", "Direktorin", "Direktor",
           "Koordinatorin", "Koordinator", "Vorsitzende", "Vorsitzender", "Präsidentin", "Präsident",
           "Ministerpräsidentin", "Ministerpräsident", "Außenministerin", "Außenminister", "Ministerin", "Minister",
           "Sprecherin", "Sprecher"),
    "it": ("Presidente in esercizio", "Segretario generale", "Segretaria generale", "Rappresentante speciale",
           "Rappresentante personale", "Rappresentante", "Alto Commissario", "Alta Commissaria", "Vice Capo", "Capo",
           "Direttore", "Direttrice", "Coordinatore", "Coordinatrice", "Presidente", "Primo ministro",
           "Ministro degli Esteri", "Ministro degli Affari Esteri", "Ministra", "Ministro", "Inviato speciale",
           "Portavoce"),
    "es": ("Presidente en ejercicio", "Secretario General", "Secretaria General", "Representante Especial",
           "Representante Personal", "Representante", "Alto Comisionado", "Alta Comisionada", "Jefe Adjunto",
           "Jefa Adjunta", "Jefe", "Jefa", "Director", "Directora", "Coordinador", "Coordinadora", "Presidente",
           "Presidenta", "Primer Ministro", "Primera Ministra", "Ministro de Asuntos Exteriores",
           "Ministra de Asuntos Exteriores", "Ministro", "Ministra", "Enviado Especial", "Portavoz"),
    "ru": ("Действующий председатель", "Генеральный секретарь", "Специальный представитель", "Личный представитель",
           "Представитель", "Верховный комиссар", "Заместитель главы", "Глава", "Руководитель", "Директор",
           "Координатор", "Председатель", "Президент", "Премьер-министр", "Министр иностранных дел", "Министр",
           "Специальный посланник", "Пресс-секретарь"),
}

# Titles that name the head of a unit: with no unit of their own ('the Head of Mission', 'the Mission's
# Head') they stand for the head of the field operation the page is about.
HEAD_TITLES = ("head", "chief", "chief observer", "chief monitor", "chef", "cheffe", "leiter", "leiterin", "capo",
               "jefe", "jefa", "глава", "руководитель")
# Unit words that, alone after a head title, name no particular unit ('Head of Mission', 'Chef de mission').
GENERIC_UNITS = ("mission", "presence", "office", "centre", "center", "observer mission", "programme office",
                 "project co-ordinator", "monitoring mission", "the mission", "the presence", "the office",
                 "the centre", "the observer mission", "mission d'observation", "la mission", "la présence",
                 "présence", "bureau", "centre", "der mission", "mission", "präsenz", "des büros", "büro",
                 "missione", "della missione", "presenza", "ufficio", "misión", "la misión", "presencia", "oficina",
                 "миссии", "офиса", "бюро", "центра", "присутствия")
# Titles of a State's own offices: with a State they make a national post (Foreign Minister of Slovenia).
NATIONAL_TITLES = ("foreign minister", "minister for foreign affairs", "minister of foreign affairs",
                    "deputy foreign minister", "minister", "prime minister", "president",
                   "vice-president", "vice president", "ministre", "ministre des affaires étrangères",
                   "premier ministre", "président", "présidente", "außenminister", "außenministerin", "minister",
                   "ministerin", "präsident", "präsidentin", "ministerpräsident", "ministro", "ministra",
                   "ministro degli esteri", "ministro degli affari esteri", "presidente", "presidenta",
                   "primo ministro", "primer ministro", "ministro de asuntos exteriores", "министр",
                   "министр иностранных дел", "президент", "премьер-министр")

# Adjectives of nationality (English), for 'Austrian Foreign Minister X'; keys are registry country keys.
DEMONYMS = {
    "al": "Albanian", "ad": "Andorran", "am": "Armenian", "at": "Austrian", "az": "Azerbaijani|Azerbaijan",
    "by": "Belarusian", "be": "Belgian", "ba": "Bosnian", "bg": "Bulgarian", "ca": "Canadian", "hr": "Croatian",
    "cy": "Cypriot", "cz": "Czech", "dk": "Danish", "ee": "Estonian", "fi": "Finnish", "fr": "French",
    "ge": "Georgian", "de": "German", "gr": "Greek", "va": "Holy See", "hu": "Hungarian", "is": "Icelandic",
    "ie": "Irish", "it": "Italian", "kz": "Kazakh|Kazakhstani", "kg": "Kyrgyz", "lv": "Latvian",
    "li": "Liechtenstein", "lt": "Lithuanian", "lu": "Luxembourg|Luxembourgish", "mt": "Maltese",
    "md": "Moldovan", "mc": "Monegasque", "mn": "Mongolian", "me": "Montenegrin", "nl": "Dutch",
    "mk": "North Macedonian|Macedonian", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sm": "San Marinese", "rs": "Serbian", "sk": "Slovak", "si": "Slovenian|Slovene",
    "es": "Spanish", "se": "Swedish", "ch": "Swiss", "tj": "Tajik|Tajikistani", "tr": "Turkish",
    "tm": "Turkmen", "ua": "Ukrainian", "gb": "British", "us": "US|U.S.|American", "uz": "Uzbek",
    "dz": "Algerian", "eg": "Egyptian", "il": "Israeli", "jo": "Jordanian", "ma": "Moroccan", "tn": "Tunisian",
    "af": "Afghan", "au": "Australian", "jp": "Japanese", "kr": "Korean|South Korean", "th": "Thai",
}

# Organisations that are not the OSCE's and that pages name by a well-known abbreviation: abbreviation ->
# English name. Matched case-sensitively and as whole words only.
EXTERNAL_ACRONYMS = {
    "EULEX": "European Union Rule of Law Mission in Kosovo",
    "UNMIK": "United Nations Interim Administration Mission in Kosovo",
    "NATO": "North Atlantic Treaty Organization",
    "IPU": "Inter-Parliamentary Union",
    "PACE": "Parliamentary Assembly of the Council of Europe",
    "UNHCR": "Office of the United Nations High Commissioner for Refugees",
    "UNDP": "United Nations Development Programme",
    "UNODC": "United Nations Office on Drugs and Crime",
    "UNICEF": "United Nations Children's Fund",
    "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
    "IOM": "International Organization for Migration",
    "ICRC": "International Committee of the Red Cross",
    "CENTCOM": "United States Central Command",
    "CSTO": "Collective Security Treaty Organization",
    "CIS": "Commonwealth of Independent States",
    "EUMM": "European Union Monitoring Mission in Georgia",
    "EUBAM": "European Union Border Assistance Mission to Moldova and Ukraine",
    "INTERPOL": "International Criminal Police Organization",
    "Europol": "European Union Agency for Law Enforcement Cooperation",
    "Frontex": "European Border and Coast Guard Agency",
    "OTAN": "North Atlantic Treaty Organization",
    "НАТО": "North Atlantic Treaty Organization",
    "UN": "United Nations",
    "ONU": "United Nations",
    "ООН": "United Nations",
    "EU": "European Union",
    "UE": "European Union",
    "ЕС": "European Union",
}

# Other organisations' names in the page languages that no head-word rule reads: name -> English name.
EXTERNAL_NAMES = {
    "Union européenne": "European Union", "Unión Europea": "European Union", "Unione europea": "European Union",
    "Europäische Union": "European Union", "Европейский союз": "European Union", "Европейского союза": "European Union",
    "Nations Unies": "United Nations", "Naciones Unidas": "United Nations", "Nazioni Unite": "United Nations",
    "Vereinte Nationen": "United Nations", "Vereinten Nationen": "United Nations",
    "Организация Объединенных Наций": "United Nations", "Организации Объединенных Наций": "United Nations",
    "Union interparlementaire": "Inter-Parliamentary Union", "Interparlamentarische Union": "Inter-Parliamentary Union",
    "Unione interparlamentare": "Inter-Parliamentary Union", "Unión Interparlamentaria": "Inter-Parliamentary Union",
    "Межпарламентский союз": "Inter-Parliamentary Union", "Межпарламентского союза": "Inter-Parliamentary Union",
}
# Pronouns that open a sentence about the body the text was last about ('It maintains ...', 'Elle ...').
PRONOUNS = ("It", "Elle", "Il", "Es", "Sie", "Esso", "Essa", "Ella", "Él", "Она", "Оно", "Он")

# Head words of organisation and unit names, by language, with the class they suggest:
#  'unit' an OSCE unit when the OSCE is named with it, 'ministry' a State's ministry, 'external' an
#  organisation of its own, 'centre' a training centre or college.
ORG_HEADS = {
    "ministry": ("Ministry", "Ministère", "Ministerium", "Ministero", "Ministerio", "Министерство", "Министерства",
                 "Министерству", "Министерством", "Министерстве", "Bundesministerium"),
    "unit": ("Department", "Unit", "Section", "Team", "Division", "Service", "Programme", "Office", "Committee",
             "General Committee", "Standing Committee", "Comité", "Commission", "Ausschuss", "Comitato",
             "Commissione", "Comisión", "Комитет",
             "Département",
             "Unité", "Section", "Équipe", "Service", "Bureau", "Abteilung", "Einheit", "Referat", "Team", "Büro",
             "Dipartimento", "Unità", "Sezione", "Squadra", "Ufficio", "Departamento", "Unidad", "Sección",
             "Equipo", "Oficina", "Департамент", "Департамента", "Отдел", "Отдела", "Группа", "Группы", "Секция",
             "Управление", "Управления"),
    "centre": ("College", "Staff College", "Training Centre", "Training Center", "Academy", "School", "Institute",
               "École", "Académie", "Institut", "Kolleg", "Akademie", "Schule", "Ausbildungszentrum", "Collegio",
               "Accademia", "Scuola", "Istituto", "Colegio", "Academia", "Escuela", "Instituto", "Колледж",
               "Академия", "Академии", "Школа", "Институт", "Учебный центр", "Учебном центре", "Учебного центра",
               "Учебным центром"),
    "command": ("Command", "Commandement", "Kommando", "Comando", "Командование", "Командования",
                "Командованием", "Командовании"),
    "mission": ("Mission", "Misión", "Missione", "Миссия", "Миссии", "Task Force", "Groupe de travail", "Task force"),
    "group": ("Group", "Working Group", "Contact Group", "Groupe", "Gruppe", "Arbeitsgruppe", "Gruppo", "Grupo",
              "Группа", "Группы", "Network", "Réseau", "Netzwerk", "Rete", "Red", "Сеть"),
    "external": ("Union", "Organization", "Organisation", "Agency", "Parliamentary Assembly", "Council of Europe",
                 "Inter-Parliamentary Assembly", "General Assembly", "Security Council",
                 "Assemblée parlementaire", "Parlamentarische Versammlung", "Assemblea parlamentare",
                 "Asamblea Parlamentaria", "Парламентская ассамблея", "Rule of Law Mission", "Interim Administration",
                 "Border Assistance Mission", "Monitoring Mission", "Embassy", "Ambassade", "Botschaft",
                 "Ambasciata", "Embajada", "Посольство", "Посольства"),
}
# Words that make a name an organisation of another body than the OSCE (European Union, United Nations...).
FOREIGN_ORG_WORDS = ("European Union", "EU", "United Nations", "UN", "Council of Europe", "NATO", "Union européenne",
                     "Nations Unies", "Europäische Union", "Vereinte Nationen", "Unione europea", "Nazioni Unite",
                     "Unión Europea", "Naciones Unidas", "Европейский союз", "Европейского союза", "ООН",
                     "Организации Объединенных Наций", "US", "U.S.", "США", "United States")

# Verbs that say an organisation's units are part of it ('the Department includes the Monitoring Unit').
INCLUDES = ("includes", "include", "comprises", "consists of", "is divided into", "is further divided into",
            "is made up of", "comprend", "se compose de", "est divisé en", "umfasst", "besteht aus", "gliedert sich in",
            "comprende", "include", "si compone di", "è suddiviso in", "incluye", "se compone de", "está dividido en",
            "включает", "включает в себя", "состоит из", "делится на")
# A count of parts followed by a colon and their list ('under two internal departments: A and B'): the
# plural words for a body's parts, by language.
UNIT_PLURALS = ("departments", "units", "sections", "divisions", "teams", "départements", "unités", "services",
                "équipes", "Abteilungen", "Einheiten", "Referate", "dipartimenti", "unità", "sezioni",
                "departamentos", "unidades", "secciones", "департамента", "департаментов", "отдела", "отделов",
                "подразделения", "подразделений")
# Verbs that say the sentence's subject supports what follows ('The Centre supports ... the Forum ...').
SUPPORTS = ("supports", "also supports", "assists", "soutient", "appuie", "unterstützt", "sostiene", "supporta",
            "apoya", "presta apoyo a", "поддерживает", "оказывает поддержку", "содействует")
# Phrases that say an organisation works with the ones named after it ('maintains close ties with').
WORKS_WITH = ("maintains close ties with", "maintains ties with", "has close ties with", "co-operates with",
              "cooperates with", "works closely with", "works with", "co-operates closely with", "coopère avec",
              "entretient des liens étroits avec", "arbeitet eng zusammen mit", "arbeitet zusammen mit",
              "unterhält enge Beziehungen zu", "collabora con", "coopera con", "mantiene stretti legami con",
              "coopera con", "colabora con", "mantiene estrechos vínculos con", "сотрудничает с",
              "поддерживает тесные связи с", "взаимодействует с")
# Phrases that name the States co-chairing a group ('the Minsk Group, co-chaired by France, ...').
CO_CHAIRED_BY = ("co-chaired by", "co-chaired by", "coprésidé par", "co-présidé par", "coprésidée par",
                 "unter dem Ko-Vorsitz von", "co-presieduto da", "copresieduto da", "copresidido por",
                 "copresidida por", "под сопредседательством")

# Phrases that say who supports or works with an organisation ('X, whose work is supported by the Mission').
SUPPORTED_BY = ("supported by", "funded by", "assisted by", "in co-operation with", "in cooperation with",
                "soutenu par", "soutenue par", "financé par", "unterstützt von", "unterstützt durch",
                "sostenuto da", "sostenuta da", "apoyado por", "apoyada por", "при поддержке")
