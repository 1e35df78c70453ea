"""Dated facts stated in running text, six languages: a State's OSCE participation since a date.

'Albania has been a member of the OSCE since 19 June 1991', 'L'Albanie est membre de l'OSCE depuis le 19 juin
1991', 'Albanien ist seit dem 19. Juni 1991 Teilnehmerstaat der OSZE', 'Албания является государством-участником
ОБСЕ с 19 июня 1991 года': one sentence, one State, one date, a membership word (the word lists below are data).
A sentence with two dates or a Partner word ('a Partner from 2004 until it became a participating State in
2012') states more than one thing and is left alone.
"""

from __future__ import annotations

import re

from osce_kg.context import MappingContext
from osce_kg.dates import find_spans
from osce_kg.records import Membership, Ref

# 'member of the OSCE', 'participating State', 'joined the CSCE', in the six languages
MEMBER_WORDS = {
    "en": r"(?:members?|participating States?) of the (?:OSCE|CSCE)|(?:OSCE|CSCE) participating States?|"
          r"joined the (?:OSCE|CSCE)|admitted to the (?:OSCE|CSCE)",
    "fr": r"(?:membre|État participant) de (?:l['’]OSCE|la CSCE)|a rejoint (?:l['’]OSCE|la CSCE)|"
          r"admise? (?:à l['’]OSCE|à la CSCE)",
    "de": r"(?:Mitglied|Teilnehmerstaat) der (?:OSZE|KSZE)|(?:OSZE|KSZE)-Teilnehmerstaat|trat der (?:OSZE|KSZE)",
    "it": r"(?:membro|Stato partecipante) (?:dell['’]OSCE|della CSCE)|aderito (?:all['’]OSCE|alla CSCE)",
    "ru": r"(?:член\w*|государств\w*[- –]+участник\w*) (?:ОБСЕ|СБСЕ)|присоединил\w* к (?:ОБСЕ|СБСЕ)",
    "es": r"(?:miembro|Estado participante) de la (?:OSCE|CSCE)|se (?:unió|adhirió) a la (?:OSCE|CSCE)",
}
SINCE_WORDS = (r"\b(?:since|depuis|seit|dal|dall['’]|desde|joined|rejoint|trat|aderito|unió|adhirió|admitted|"
               r"admise?)\b|(?:^|\s)с\s")
PARTNER_WORDS = r"partner|partenaire|Partner|partner|партн|socio"
_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])\s+")


def memberships_since(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """Emit a participating-State membership for each sentence that states when a State joined."""
    words = MEMBER_WORDS.get(lang)
    if not words:
        return
    seen: set[str] = set()
    for text in texts:
        for sentence in _SENTENCE.split(text):
            if not re.search(words, sentence) or not re.search(SINCE_WORDS, sentence, re.IGNORECASE):
                continue
            if re.search(PARTNER_WORDS, sentence, re.IGNORECASE):
                continue
            dates = find_spans(sentence, years=True)
            states = {link.ref for link in ctx.linker.find(sentence, lang)
                      if link.ref is not None and link.ref.type == "country"}
            if len(dates) != 1 or dates[0].end is not None or len(states) != 1:
                continue
            state = states.pop()
            if state.key in seen:
                continue
            seen.add(state.key)
            ctx.emit(Membership(state, Ref("body", "osce"), "participating-state", dates[0].start))
