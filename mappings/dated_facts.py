"""Dated facts stated in running text, six languages: a State's OSCE participation since a date.

'Albania has been a member of the OSCE since 19 June 1991', 'L'Albanie est membre de l'OSCE depuis le 19 juin
1991', 'Albanien ist seit dem 19. Juni 1991 Teilnehmerstaat der OSZE', 'Албания является государством-участником
ОБСЕ с 19 июня 1991 года': one sentence, one State, one date, a membership word (the word lists below are data).
A sentence with two dates or a Partner word ('a Partner from 2004 until it became a participating State in
2012') states more than one thing and is left alone.
"""

from __future__ import annotations

import re

from osce_kg import lexicon
from osce_kg.context import MappingContext
from osce_kg.dates import find_spans
from osce_kg.records import OSCE, Membership, Ref
from osce_kg.text import NOT_AFTER_ABBREVIATION

# 'member of the OSCE', 'participating State', 'joined the CSCE', in the six languages
MEMBER_WORDS = lexicon.patterns("member-of-osce")
SINCE_WORDS = (r"\b(?:since|depuis|seit|dal|dall['’]|desde|joined|rejoint|trat|aderito|unió|adhirió|admitted|"
               r"admise?)\b|(?:^|\s)с\s")
PARTNER_WORDS = r"partner|partenaire|Partner|partner|партн|socio"
_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])" + NOT_AFTER_ABBREVIATION + r"\s+")


def memberships_since(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """Emit a participating-State membership for each sentence that states when a State joined."""
    words = MEMBER_WORDS.get(lang)
    if not words:
        return
    seen: set[str] = set()
    for text in texts:
        if not re.search(words, text):  # nor in any of its sentences: not split
            continue
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
            ctx.emit(Membership(state, OSCE, "participating-state", dates[0].start))


# -- how many members a body has: 'The OSCE Parliamentary Assembly is comprised of 323 parliamentarians' -------
COMPOSED_OF = lexicon.patterns("composed-of")
MEMBER_NOUNS = (r"parliamentarians?|members|delegates|parlementaires|membres|députés|Parlamentarier\w*|Abgeordnete\w*|"
                r"Mitglieder\w*|parlamentari|membri|deputati|парламентари\w*|член\w*|депутат\w*|parlamentarios|miembros|"
                r"diputados")


def members_of_bodies(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """A registry body, a composition verb and a number of members in one sentence: the body's member count."""
    from osce_kg.figures import figures
    from osce_kg.records import Count

    verb = COMPOSED_OF.get(lang)
    if not verb:
        return
    for text in texts:
        if not re.search(verb, text):  # nor in any of its sentences: not split
            continue
        for sentence in _SENTENCE.split(text):
            m = re.search(verb, sentence)
            if not m:
                continue
            bodies = {link.ref for link in ctx.linker.find(sentence[: m.start()], lang)
                      if link.ref is not None and link.ref.type == "body" and link.ref.key != "osce"}
            after = sentence[m.end():]
            found = [f for f in figures(after, lang) if f.integer and not f.currency]
            if len(bodies) != 1 or not found or found[0].start > 12:
                continue  # the figure follows the verb, or it counts something else
            if re.match(rf"(?:\w+\s+)?(?:{MEMBER_NOUNS})\b", found[0].noun, re.IGNORECASE):
                ctx.emit(Count(bodies.pop(), "members", found[0].integer))


# -- a State named as a Partner for Co-operation in running text --------------------------------------------
# 'Afghanistan, an Asian Partner for Co-operation since 2003', "l'Afghanistan qui est un partenaire asiatique pour
# la coopération de l'OSCE depuis 2003", 'Japan is one of the Asian Partners for Co-operation': the State named
# right before the partner words is that Partner; the group when the words name it; the year when 'since' follows.
PARTNER_PHRASE = lexicon.patterns("partner-phrase")
_ASIAN = re.compile(r"^(?:asian|asiati|азиатск|asiátic)", re.IGNORECASE)
_MEDITERRANEAN = re.compile(r"^(?:mediterr|méditerr|mittelmeer|средиземномор)", re.IGNORECASE)
_SINCE_YEAR = re.compile(r"^[^.;:]{0,40}?\b(?:since|depuis|seit|dal|desde|с)\s+(?:l['’]an\s+|dem\s+Jahr\s+)?"
                         r"(?P<year>(?:19|20)\d\d)\b")
# what may stand between the State and the partner words: 'X, another', "X qui est un", 'X is one of the'
_BETWEEN = re.compile(r"^[\s,]*(?:\w+\s+){0,4}$")
# a partnership that ended ('Mongolia was a Partner ... until it became a participating State') is no Partner now
_PAST = re.compile(r"\b(?:was|were|war|waren|était|étaient|fut|fue|era|fu|был\w*|had been|avait été)\b", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|jusqu|bis|fino|hasta|до)\b", re.IGNORECASE)


def partnerships(texts: list[str], ctx: MappingContext, lang: str) -> None:
    """A Partner membership for each State that a sentence names, right before the partner words, as a Partner."""
    phrase = PARTNER_PHRASE.get(lang)
    if not phrase:
        return
    seen: set[str] = set()
    for text in texts:
        if not re.search(phrase, text, re.IGNORECASE):  # nor in any of its sentences: not split
            continue
        for sentence in _SENTENCE.split(text):
            for m in re.finditer(phrase, sentence, re.IGNORECASE):
                states = [link for link in ctx.linker.find(sentence[: m.start()], lang)
                          if link.ref is not None and link.ref.type == "country"]
                between = sentence[states[-1].end: m.start()] if states else ""
                if not states or not _BETWEEN.match(between) or _PAST.search(between) or _UNTIL.search(sentence):
                    continue
                state = states[-1].ref
                if state.key in seen:
                    continue
                seen.add(state.key)
                group_word = m.group("group") or ""
                group = _group(group_word)
                since = _SINCE_YEAR.match(sentence[m.end():])
                ctx.emit(Membership(state, OSCE, "partner", since["year"] if since else None, None,
                                    group))
            for m in re.finditer(phrase, sentence, re.IGNORECASE):
                for state in _listed_after(sentence[m.end():], ctx, lang):
                    if state.key not in seen:
                        seen.add(state.key)
                        ctx.emit(Membership(state, OSCE, "partner", None, None,
                                            _group(m.group("group") or "")))


def _group(word: str) -> Ref:
    """The group the partner words name ('Asian', 'méditerranéens'), else all Partners for Co-operation."""
    return (Ref("partner-group", "asian-partners") if _ASIAN.match(word) else
            Ref("partner-group", "mediterranean-partners") if _MEDITERRANEAN.match(word) else
            Ref("partner-group", "partners-for-co-operation"))


# '... Partners for Co-operation (which are currently A, B and C)': the States in brackets are the Partners
_LISTED = re.compile(r"^\s*\((?:(?:which|that|who|qui|die|che|que|которые|а именно)\s+\w+\s+|namely\s+|"
                     r"d\.\s?h\.\s+|es decir\s+)?(?:(?:currently|now|actuellement|derzeit|attualmente|"
                     r"actualmente|в настоящее время)\s+)?(?P<list>[^()]+)\)")
_LIST_SEP = re.compile(r"\s*(?:,|;|\band\b|\bet\b|\bund\b|\be\b|\by\b|\bи\b)\s*")


def _listed_after(after: str, ctx: MappingContext, lang: str) -> list[Ref]:
    """States listed in brackets right after the partner words, only when every item is a State."""
    m = _LISTED.match(after)
    if not m:
        return []
    items = [i.strip(" .") for i in _LIST_SEP.split(m["list"]) if i.strip(" .")]
    states = []
    for item in items:
        links = [link for link in ctx.linker.find(item, lang) if link.ref is not None]
        if len(links) != 1 or links[0].ref.type != "country" or links[0].end - links[0].start < len(item) - 4:
            return []
        states.append(links[0].ref)
    return states if len(states) >= 2 else []
