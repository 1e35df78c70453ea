"""Name tables the open-world extractors read (people and organisations): nationality adjectives and other
organisations' names and abbreviations, each mapped to a registry key or an English name.

Data, not logic. The six-language word lists (honorifics, titles, organisation head words, verbs) are
concepts of the lexicon (mappings/lexicon.csv, osce_kg/lexicon.py).
"""

from __future__ import annotations

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
