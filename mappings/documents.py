"""Documents, agreements and decisions a page names, with what the page states about them.

Runs on every page (`mappings.common.document` calls `extract`). Three sources of document nodes:
- registry documents (mappings/reference/documents.csv: Helsinki Final Act, Charter of Paris, Vienna
  Documents...) found by the entity linker in any of the six languages;
- other documents found by their shape ('the Prague Document on ...', 'Memorandum of Understanding on ...',
  'Documento de X', 'X-Dokument'), keyed by their name and marked as extracted;
- decisions, by symbol (PC.DEC/476, MC.DEC/2/03, FSC.DEC/1/10), by number ('Permanent Council Decision
  No. 454', 'Decisions Nos. 28 of 16 March 1995, 118 ...') or by body and date ('a consensus decision of
  the Permanent Council on 24 July').
A date is given to a document only where the page ties it to it: a year next to the name ('the 1990 Charter
of Paris', 'Helsinki Final Act 1975', 'Wiener Dokument von 1999'), or one date in the clause that says the
document was adopted, signed or agreed on. What a decision does to an operation or body (establish, extend
its mandate until a date, close, rename) is read from the verbs of the sentence that cites it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_kg.context import MappingContext
from osce_kg.dates import MONTHS, find_dates
from osce_kg.iri import key_from_name
from osce_kg.page import Page
from osce_kg.records import DocumentStated, Label, Ref
from osce_kg.text import normalize_space

from .history_words import alternation, pattern, sentences

DECISION_BODIES = {"PC": "permanent-council", "MC": "ministerial-council", "FSC": "forum-for-security-co-operation",
                   "CSO": "committee-of-senior-officials"}
_PREFIX_OF = {body: prefix for prefix, body in DECISION_BODIES.items()}
_SYMBOL = re.compile(r"\b(?P<prefix>PC|MC|FSC|CSO)\.DEC/(?P<n>\d{1,4})(?:/(?P<yy>\d{2}))?(?P<corr>/Corr\.?\s?\d+)?")
_NO = r"(?:No|Nos|Nr|n|N|nº|n°|N°|Nº|№)\.?\s*"
_ITEM = re.compile(r"(?P<n>\d{1,4})(?:/(?P<yy>\d{2})(?!\d))?(?P<corr>/Corr\.?\s?\d+)?")
_OF = r"(?:of|du|vom|del|dell['’]|от|de)\s+"
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH = re.compile(rf"(?<![\w\d])(?P<day>[0-3]?\d)\.?\s+(?:de\s+)?(?P<month>{_MONTH_RE})\b"
                        rf"(?!\.?\s+(?:de\s+)?\d{{4}})", re.IGNORECASE)
_TODAY = re.compile(r"\b(?:today|aujourd['’]hui|heute|oggi|сегодня|hoy)\b", re.IGNORECASE)

# Document heads: English and German put the head last ('Prague Document', 'Prager Dokument'), the Romance
# languages and Russian first ('Documento de Praga') or after an adjective ('Пражский документ').
_CAP = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]*"
_EN_HEAD = (r"(?:Final Act|Document|Treaty|Charter|Concept|Action Plan|Plan of Action|Framework Agreement|Agreement|"
            r"Convention|Declaration|Memorandum of Understanding|Code of Conduct|Strategy)")
_EN_DOC = re.compile(rf"(?P<name>(?:{_CAP}\s+){{0,5}}{_EN_HEAD}(?:\s+(?:on|of|for|to|against)\s+(?:the\s+)?{_CAP}"
                     rf"(?:\s+(?:(?:and|of|in|on|the|for|to)\s+)?{_CAP})*)?)")
_DE_DOC = re.compile(rf"(?P<name>(?:{_CAP}\s+)?{_CAP}?(?:-?(?:Dokument|Vertrag|Abkommen|Charta|Aktionsplan|Konzept|"
                     rf"Übereinkommen|Erklärung))\b)")
_ROMANCE_DOC = re.compile(rf"(?P<name>(?:Documento|Document|Tratado|Trattato|Traité|Acuerdo|Accordo|Accord|"
                          rf"Carta|Charte|Plan de Acción|Plan d['’]action|Piano d['’]azione|Concepto|Concetto|Concept|"
                          rf"Declaración|Dichiarazione|Déclaration|Convención|Convenzione|Convention)\s+(?:de|di|du|d['’]|sur|sobre|su)"
                          rf"\s+{_CAP}(?:\s+(?:(?:de|di|la|le|et|y|e|el|del|des|pour|para|per)\s+)?{_CAP})*)")
_RU_DOC = re.compile(r"(?P<name>[А-ЯЁ][а-яё]+(?:ий|ый|ой|ая|ое)\s+(?:документ|договор|соглашение|хартия|декларация|"
                     r"концепция|заключительный акт)\w*)")
_NOT_LEAD = {"in", "at", "on", "the", "this", "that", "these", "under", "with", "by", "as", "according", "its", "their",
             "an", "a", "and", "of", "for", "to", "since", "after", "before", "during", "osce", "osze", "csce", "ksze",
             "our", "his", "her", "new", "all", "each", "every", "der", "die", "das", "den", "dem", "des", "ein",
             "eine", "im", "am", "mit", "zum", "zur", "nach", "seit"}
# words that are a head only in lower case ('the document advocates'): capitalised heads only, so a sentence
# start such as 'Document types' is dropped by requiring a capitalised word before the head in English
_GENERIC = {"document", "treaty", "charter", "concept", "agreement", "convention", "declaration", "strategy",
            "action plan", "final act", "code of conduct", "dokument", "vertrag", "abkommen",
            "memorandum of understanding"}


@dataclass
class Found:
    """A document named at [start, end) of a sentence."""

    ref: Ref
    label: Label
    start: int
    end: int
    issued: str | None = None


def extract(page: Page, ctx: MappingContext, main: Ref | None = None) -> list[Found]:
    """Emit a DocumentStated for every document and decision the page names; return the documents found
    (decisions included) so that the history extractor can tell who established what."""
    lang = page.language or page.nav_language or "en"
    texts = ([page.title] if page.title else []) + [b.text for b in page.blocks]
    page_date = _page_date(texts)
    found: dict[Ref, DocumentStated] = {}
    order: list[Ref] = []

    def keep(record: DocumentStated) -> None:
        old = found.get(record.ref)
        if old is None:
            found[record.ref] = record
            order.append(record.ref)
            return
        found[record.ref] = DocumentStated(
            record.ref, old.label, old.issued or record.issued, old.symbol or record.symbol,
            old.adopted_by or record.adopted_by, tuple(dict.fromkeys(old.acts + record.acts)),
            old.until or record.until)

    context = ""  # the heading a label/value page gives ('Establishment:') applies to the lines under it
    all_docs: list[Found] = []
    for text in texts:
        head = normalize_space(text)
        if re.fullmatch(r"(?:\d+\.\s*)?[\w ]{3,40}:?", head):
            context = head.rstrip(":")
        for sentence in sentences(text):
            docs = _documents(sentence, ctx, lang)
            for doc in docs:
                keep(DocumentStated(doc.ref, doc.label, doc.issued))
            all_docs.extend(docs)
            for record in _decisions(sentence, ctx, lang, page_date, main, context):
                keep(record)
    # 'the Framework Agreement' after 'the Ohrid Framework Agreement' is that agreement
    for ref in list(order):
        record = found[ref]
        if ref.type != "document" or ctx.registry.get(ref) is not None:
            continue
        longer = [found[o] for o in order if o != ref and o.type == "document"
                  and found[o].label.text.casefold().endswith(" " + record.label.text.casefold())]
        if len(longer) == 1:
            order.remove(ref)
            del found[ref]
            keep(DocumentStated(longer[0].ref, longer[0].label, record.issued, acts=record.acts))
    # 'the Decision of the Permanent Council of 11 April 1995' is PC.DEC/35 when the page dates PC.DEC/35 so
    symbolled: dict[tuple, list[DocumentStated]] = {}
    for record in found.values():
        if record.symbol and record.issued and record.adopted_by:
            symbolled.setdefault((record.adopted_by, record.issued), []).append(record)
    for ref in order:
        record = found[ref]
        same = symbolled.get((record.adopted_by, record.issued), []) if not record.symbol else []
        if len(same) == 1:
            twin = same[0]
            record = DocumentStated(twin.ref, twin.label, twin.issued, twin.symbol, twin.adopted_by, record.acts,
                                    record.until)
        ctx.emit(record)
    return all_docs


def _page_date(texts: list[str]) -> str | None:
    """The page's own date (a dateline or date line near the top): the year of year-less dates."""
    for text in texts[:4]:
        dates = [d for d in find_dates(text) if len(d.iso) == 10]
        if dates:
            return dates[0].iso
    return None


# -- documents ---------------------------------------------------------------------------------------
def _documents(sentence: str, ctx: MappingContext, lang: str) -> list[Found]:
    out: list[Found] = []
    for link in ctx.linker.find(sentence, lang, ["document"]):
        if link.ref is None:
            continue
        entity = ctx.registry.get(link.ref)
        text = link.text
        if link.inflected and entity is not None:  # 'des Wiener Dokuments': the name, not its case form
            text = entity.names.get(lang) or text
        out.append(Found(link.ref, Label(text, lang), link.start, link.end))
    taken = [(f.start, f.end) for f in out]
    for regex in (_EN_DOC, _DE_DOC, _ROMANCE_DOC, _RU_DOC):
        for m in regex.finditer(sentence):
            start, end = m.span("name")
            words = m["name"].split()
            while words and words[0].casefold() in _NOT_LEAD:
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
            if not name or name.casefold() in _GENERIC or len(words) < 2:
                continue
            if re.match(r"\s*(?:Organi[sz]ation|Organisation)\b", sentence[end:]):
                continue  # 'North Atlantic Treaty Organization' names an organisation
            if any(s < end and start < e for s, e in taken):
                continue
            entity = ctx.lookup(name, ["document"])
            ref = entity.ref if entity else Ref("document", key_from_name(name))
            out.append(Found(ref, Label(name, lang), start, end))
            taken.append((start, end))
    out.sort(key=lambda f: f.start)
    for doc in out:
        doc.issued = _issued(sentence, doc, out)
    return out


_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_BEFORE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*$")
_AFTER = re.compile(r"^\s*(?:\(|,\s*)?(?:of |von |de |del |du |di |от )?(?P<y>(?:19|20)\d\d)(?!\d)"
                    r"(?:\s*года)?\)?")
_IN_YEAR = re.compile(r"^\s*(?:in|en|im Jahr|im Jahre|nel|в|a)\s+(?P<y>(?:19|20)\d\d)(?!\d)")
_INTRO = re.compile(r"^(?:At|In|On|Am|Im|Auf|Au|En|A|Al|Nel|Alla|В|На)\b")


def _issued(sentence: str, doc: Found, docs: list[Found]) -> str | None:
    """The date the sentence gives the document, or None (see the module docstring)."""
    inside = _YEAR_IN.findall(sentence[doc.start:doc.end])
    if len(inside) == 1:
        return inside[0]
    m = _BEFORE.search(sentence[max(0, doc.start - 8):doc.start])
    if m:
        return m["y"]
    after = sentence[doc.end:doc.end + 16]
    m = _AFTER.match(after)
    if m:
        return m["y"]
    clause = _clause(sentence, doc.start, doc.end)
    others = [d for d in docs if d is not doc and clause[0] <= d.start < clause[1]]
    adopted = pattern("adopt").search(sentence[clause[0]:clause[1]])
    m = _IN_YEAR.match(after)
    if m and (adopted or pattern("establish").search(sentence[clause[0]:clause[1]])):
        return m["y"]
    ended = pattern("ended").match(sentence[doc.end:].lstrip()) if not others else None
    if ended:  # 'the X Agreement put an end to the conflict in 2001': the agreement is of that year
        years = find_dates(sentence[doc.end:clause[1]], years=True)
        return years[0].iso if len(years) == 1 else None
    if not adopted or others:
        return None
    dates = find_dates(sentence[clause[0]:clause[1]], years=True)
    if not dates and _INTRO.match(sentence) and clause[0] > 0:
        # 'At the Second Ministerial Council in January 1992, participating States agreed on the Prague Document'
        dates = find_dates(sentence[:clause[0]], years=True)
    return dates[0].iso if len(dates) == 1 else None


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma/semicolon-delimited stretch of the sentence around [start, end)."""
    left = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start), sentence.rfind("(", 0, start)) + 1
    rights = [i for i in (sentence.find(",", end), sentence.find(";", end), sentence.find(")", end)) if i >= 0]
    return left, min(rights) if rights else len(sentence)


# -- decisions ---------------------------------------------------------------------------------------
def _decisions(sentence: str, ctx: MappingContext, lang: str, page_date: str | None, main: Ref | None,
               context: str) -> list[DocumentStated]:
    out: list[DocumentStated] = []
    spans: list[tuple[int, int, Ref, str, str | None, Ref | None]] = []  # start, end, ref, symbol, date, body
    for m in _SYMBOL.finditer(sentence):
        body = Ref("body", DECISION_BODIES[m["prefix"]])
        date = _date_after(sentence, m.end(), page_date) or _only_date(sentence)
        yy = m["yy"] or (date[2:4] if date and m["prefix"] != "PC" else None)
        if m["prefix"] != "PC" and yy is None:
            continue  # MC.DEC/2 without its year names no decision
        symbol = f"{m['prefix']}.DEC/{int(m['n'])}" + (f"/{yy}" if m["prefix"] != "PC" else "")
        spans.append((m.start(), m.end(), _decision_ref(symbol), symbol, date, body))
    word = alternation("decision")
    # 'Decision No. 305', 'Decisions Nos. 28 of ...', 'решением Постоянного совета № 305 от ...'
    for m in re.finditer(rf"(?<!\w){word}(?:\s+[^\s\d№.,;]+){{0,3}}\s+{_NO}(?=\d)", sentence, re.IGNORECASE):
        body = _body_near(sentence, m.start(), m.end(), ctx, lang)
        if body is None:
            continue
        pos = m.end()
        items: list[tuple[int, int, str, str | None, str | None]] = []
        while True:
            item = _ITEM.match(sentence, pos)
            if not item:
                break
            date = None
            tail = re.match(rf"\s+{_OF}", sentence[item.end():])
            after = item.end()
            if tail:
                date = _date_at(sentence, item.end() + tail.end(), page_date)
                if date:
                    after = item.end() + tail.end() + len(_date_text(sentence, item.end() + tail.end()))
            items.append((item.start(), after, item["n"], date, item["yy"]))
            sep = re.match(r"\s*(?:,\s*(?:and\s+|et\s+|und\s+|e\s+|y\s+|и\s+)?|\s+(?:and|et|und|e|y|и)\s+)(?=\d)",
                           sentence[after:])
            if not sep:
                break
            pos = after + sep.end()
        common = re.match(rf"\s*,?\s*(?:all\s+|tous\s+|alle\s+|tutte\s+|todas\s+)?{_OF}", sentence[items[-1][1]:]) \
            if items else None
        shared = _date_at(sentence, items[-1][1] + common.end(), page_date) if common else None
        for start, end, n, date, yy in items:
            date = date or shared or (_only_date(sentence) if len(items) == 1 else None)
            prefix = _PREFIX_OF.get(body.key)
            yy = yy or (date[2:4] if date else None)  # 'Decision No. 3/11'; else the year of its date
            if prefix is None or (prefix != "PC" and not yy):
                continue
            symbol = f"{prefix}.DEC/{int(n)}" + (f"/{yy}" if prefix != "PC" else "")
            spans.append((m.start() if len(items) == 1 else start, end, _decision_ref(symbol), symbol, date, body))
    if not spans:
        # 'a consensus decision of the OSCE Permanent Council on 24 July', 'a Council decision on 27 March 1997'
        for m in re.finditer(rf"(?<!\w){word}(?!\w)", sentence, re.IGNORECASE):
            body = _body_near(sentence, m.start(), m.end(), ctx, lang)
            window = sentence[m.end():m.end() + 80]
            on = re.search(r"\b(?:on|of|du|vom|am|del|dell['’]|от|de|el)\s+(?=\d)", window)
            date = _date_at(sentence, m.end() + on.end(), page_date) if on and on.start() < 50 else None
            if date is None and _TODAY.search(sentence[max(0, m.start() - 60):m.start()]) and page_date:
                date = page_date
            if date is None or len(date) != 10:
                continue
            owner = body.key if body else "osce"
            ref = Ref("decision", f"{owner}-decision-{date}")
            spans.append((m.start(), m.end(), ref, "", date, body))
    if not spans:
        # 'The Permanent Council today decided to extend ...', 'Le Conseil permanent a décidé le 2 mai de ...'
        for m in pattern("decided").finditer(sentence):
            bodies = [link for link in ctx.linker.find(sentence[max(0, m.start() - 60):m.start()], lang, ["body"])
                      if link.ref is not None and link.ref.key in _PREFIX_OF]
            if not bodies:
                continue  # 'the participating States decided': no body, no decision node
            window = sentence[m.end():m.end() + 40]
            on = re.match(r"\s*(?:on|le|am|il|el|el día)\s+(?=\d)", window)
            date = _date_at(sentence, m.end() + on.end(), page_date) if on else None
            if date is None and _TODAY.search(sentence[max(0, m.start() - 30):m.end() + 20]) and page_date:
                date = page_date
            if date is None or len(date) != 10:
                continue
            body = bodies[-1].ref
            spans.append((m.start(), m.end(), Ref("decision", f"{body.key}-decision-{date}"), "", date, body))
            break
    spans.sort(key=lambda s: s[0])
    for i, (start, _end, ref, symbol, date, body) in enumerate(spans):
        scope_end = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
        scope = sentence[max(0, start - 120) if i == 0 else start:scope_end]
        acts, until = _acts(scope, sentence, ctx, lang, main, context, page_date)
        label = Label(symbol or f"decision of {date}", lang if not symbol else "en")
        out.append(DocumentStated(ref, label, date, symbol or None, body, acts, until))
    return out


def _decision_ref(symbol: str) -> Ref:
    return Ref("decision", key_from_name(symbol))


def _body_near(sentence: str, start: int, end: int, ctx: MappingContext, lang: str) -> Ref | None:
    """The decision-making body named just before or after a decision word ('Permanent Council Decision',
    'Decision No. 305 of the Permanent Council', 'Beschluss des Ständigen Rates')."""
    before = sentence[max(0, start - 80):start]
    after = sentence[end:end + 60]
    candidates = []
    for link in ctx.linker.find(sentence[start:end], lang, ["body"]):  # 'решением Постоянного совета № 305'
        if link.ref is not None and link.ref.key in _PREFIX_OF:
            return link.ref
    for part, near_end in ((before, True), (after, False)):
        for link in ctx.linker.find(part, lang, ["body"]):
            entity = ctx.registry.get(link.ref) if link.ref else None
            if entity is not None and link.ref.key in _PREFIX_OF:
                distance = len(part) - link.end if near_end else link.start
                candidates.append((distance, link.ref))
    if candidates:
        return min(candidates)[1]
    # 'the Permanent Council recalled its Decisions Nos. 28 ...; ... in line with Decisions Nos. 243, 244'
    earlier = [link.ref for link in ctx.linker.find(sentence[:start], lang, ["body"])
               if link.ref is not None and link.ref.key in _PREFIX_OF]
    return earlier[-1] if earlier else None


def _date_text(sentence: str, pos: int) -> str:
    m = find_dates(sentence[pos:pos + 40])
    if m and m[0].start == 0:
        return sentence[pos:pos + m[0].end]
    d = _DAY_MONTH.match(sentence, pos)
    return d.group(0) if d else ""


def _date_at(sentence: str, pos: int, page_date: str | None) -> str | None:
    """A date starting at `pos` (a year-less '24 July' takes the page's year when that is not later)."""
    found = find_dates(sentence[pos:pos + 40])
    if found and found[0].start == 0:
        return found[0].iso
    d = _DAY_MONTH.match(sentence, pos)
    if d and page_date:
        month, day = MONTHS[d["month"].lower()], int(d["day"])
        year = int(page_date[:4])
        if (month, day) > (int(page_date[5:7]), int(page_date[8:10])):
            year -= 1
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _date_after(sentence: str, pos: int, page_date: str | None) -> str | None:
    """'PC.DEC/476, 23 May 2002' / 'PC.DEC/454 of 21 December 2001'."""
    m = re.match(rf"\s*(?:,\s*|\s+{_OF})", sentence[pos:])
    return _date_at(sentence, pos + m.end(), page_date) if m else None


def _only_date(sentence: str) -> str | None:
    """The one full date of a short line ('Permanent Council, 16 March 1995, Journal No. 12, PC.DEC/28'); a
    long sentence may date something else ('Resolution 1244 of 10 June 1999, ... in its Decision No. 305')."""
    if len(sentence) > 160:
        return None
    dates = [d for d in find_dates(sentence) if len(d.iso) == 10]
    return dates[0].iso if len(dates) == 1 else None


_ACT_GROUPS = (("rename", "renames"), ("close", "closes"), ("extend", "extendsMandateOf"), ("establish", "establishes"))
_TARGET_TYPES = ["field-operation", "body"]
_ESTABLISHMENT = re.compile(r"(?:\d+\.\s*)?(?:Establishment|Création|Einrichtung|Istituzione|Учреждение|"
                            r"Establecimiento)\b", re.IGNORECASE)


def _acts(scope: str, sentence: str, ctx: MappingContext, lang: str, main: Ref | None, context: str,
          page_date: str | None) -> tuple[tuple[tuple[str, Ref], ...], str | None]:
    """What the decision does (one act) to which operation or body, and the mandate end it sets."""
    act = next((name for group, name in _ACT_GROUPS if pattern(group).search(scope)), None)
    if act is None and pattern("start").search(scope):
        act = "establishes"  # 'launched on 29 July following a decision of ...', 'decided to deploy ...'
    if act is None and (_ESTABLISHMENT.fullmatch(context) or _ESTABLISHMENT.match(sentence)):
        act = "establishes"  # the decisions listed under an 'Establishment:' label
    if act is None:
        return (), None
    target = None
    for link in ctx.linker.find(scope, lang, _TARGET_TYPES):
        entity = ctx.registry.get(link.ref) if link.ref else None
        if entity is None or link.ref.key in _PREFIX_OF or link.ref.key in ("osce", "summit"):
            continue
        if entity.kind == "decision-making-body":
            continue
        target = link.ref
        break
    target = target or main
    if target is None:
        return (), None
    until = None
    if act == "extendsMandateOf":
        m = re.search(rf"(?<!\w){alternation('until')}\s+(?:the\s+|le\s+|el\s+)?(?=\d)", scope)
        if m:
            until = _date_at(scope, m.end(), page_date)
    return ((act, target),), until
