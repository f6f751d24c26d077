"""Finding the key terms of a parsed document: rules over capitalisation, context and general
word lists; nothing here knows any one text."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..corpus import Document
from .dates import DATE_PATTERN, format_date, parse_date
from .names import CONNECTORS, classify, name_runs, strip_titles
from .terms import KINDS, Mention, TermIndex, normalise
from .tokens import QUOTES, tokenize
from .wordlists import COUNTRIES, FUNCTION_WORDS, PLACE_NOUNS, REGIONS, SENTENCE_OPENERS


def _sentence_mentions(sid: str, pi: int, si: int, text: str, first_line: bool) -> list:
    tokens = tokenize(text)
    found: list[tuple[Mention, str]] = []
    for match in DATE_PATTERN.finditer(text):
        day = parse_date(match)
        if day:
            found.append(
                (
                    Mention(format_date(day), "date", sid, pi, si, match.start(), match.end()),
                    day.isoformat(),
                )
            )
    spans = [(m.start(), m.end()) for m in DATE_PATTERN.finditer(text)]
    blocked = {n for n, t in enumerate(tokens) for a, b in spans if a <= t.start < b}
    for i, j in name_runs(tokens, blocked):
        i = strip_titles(tokens, i, j)
        if i == 0 and j - i == 1 or i == 0 and tokens[0].text.lower() in SENTENCE_OPENERS:
            if (
                tokens[i].text.lower() in SENTENCE_OPENERS
                or not tokens[i].acronym
                and (j < len(tokens) and tokens[j].is_word and tokens[j].text[0].islower())
            ):
                if tokens[i].text not in COUNTRIES | REGIONS:
                    continue
        while i < j and tokens[i].text.lower() in CONNECTORS:
            i += 1
        if i >= j:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        name = text[start:end]
        following = [t.text for t in tokens[j : j + 3] if t.is_word]
        definite = (
            i > 0
            and tokens[i - 1].text.lower() == "the"
            or (i > 1 and tokens[i - 1].text in QUOTES and tokens[i - 2].text.lower() == "the")
        )
        quoted = i > 0 and tokens[i - 1].text in QUOTES
        after = tokens[j] if j < len(tokens) else None
        if after is not None and after.text in QUOTES:
            after = tokens[j + 1] if j + 1 < len(tokens) else None
        modifier = bool(
            after and after.is_word and after.text[0].islower() and after.text not in FUNCTION_WORDS
        )
        kind = classify(name, following, definite, quoted, modifier)
        if kind == "event" and name.split()[-1].lower() in {"summit", "summits", "meeting"}:
            name = name.rsplit(" ", 1)[0]
            end = start + len(name)
            kind = "place"
        if following and following[0] in PLACE_NOUNS and kind in {"place", "unknown"}:
            name, end, kind = f"{name} {following[0]}", tokens[j].end, "place"
        if kind:
            previous = tokens[i - 1].text.lower() if i else ""
            kind = "place" if kind == "unknown" and previous in {"in", "at"} else kind
            found.append((Mention(name, kind, sid, pi, si, start, end, definite), ""))
    return found


def extract_terms(document: Document) -> TermIndex:
    """Every key-term mention of ``document``, grouped into terms."""
    index = TermIndex()
    pending: list[tuple[Mention, str]] = []
    texts: dict[tuple, str] = {}
    for section in document.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                texts[(section.id, paragraph.index, sentence.index)] = sentence.text
                mentions = _sentence_mentions(
                    section.id, paragraph.index, sentence.index, sentence.text, False
                )
                pending.extend(_closing_line(section, paragraph, sentence, mentions))
    _settle_kinds(pending, texts)
    for mention, value in pending:
        if mention.kind in KINDS:
            index.add(mention, value)
    _mark_parties(index, document)
    _mark_cities(index, document, texts)
    return index


_BEFORE_SUMMIT = re.compile(r"^(?:,\s*(?:and\s+)?[A-Z][\w/'’-]*)*\s+Summits?\b")


def _mark_cities(index: TermIndex, document: Document, texts: dict) -> None:
    """Places that are towns: named before "Summit", after "summit in", or in the closing."""
    kinds = {s.id: s.kind for s in document.sections}
    for term in index.of_kind("place"):
        term.city = any(
            kinds[m.section_id] == "closing"
            or _BEFORE_SUMMIT.match(texts[m.where][m.end :])
            or re.search(r"\bsummit in $|\d{4},? in $", texts[m.where][: m.start])
            for m in term.mentions
        )


def _closing_line(section, paragraph, sentence, mentions):
    """In a closing block, a lone name line is a signer (after "...:") or a place."""
    if section.kind != "closing" or any(m.kind in KINDS for m, _ in mentions):
        return mentions
    text = sentence.text.strip().rstrip(".")
    if not re.match(r"^[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}$", text):
        return mentions
    before = section.paragraph(paragraph.index - 1).text if paragraph.index > 1 else ""
    kind = "person" if before.endswith(":") and len(text.split()) >= 2 else "place"
    where = (section.id, paragraph.index, sentence.index)
    return [(Mention(text, kind, *where, 0, len(text)), "")]


def _settle_kinds(pending: list[tuple[Mention, str]], texts: dict[tuple, str]) -> None:
    """Give unknown names the kind their other mentions or list neighbours have."""
    by_sentence: dict[tuple, list[int]] = defaultdict(list)
    for n, (mention, _) in enumerate(pending):
        by_sentence[mention.where].append(n)
    for _ in range(4):  # neighbours pass their kind along a list, one step per round
        votes: dict[str, Counter] = defaultdict(Counter)
        for mention, _ in pending:
            if not mention.kind.startswith("unknown"):
                votes[normalise(mention.text)][mention.kind] += 1
        changed = False
        for n, (mention, value) in enumerate(pending):
            if not mention.kind.startswith("unknown"):
                continue
            vote = votes[normalise(mention.text)]
            kind = vote.most_common(1)[0][0] if vote else None
            kind = kind or _neighbour_kind(pending, by_sentence[mention.where], n, texts)
            if kind:
                pending[n] = (_with_kind(mention, kind), value)
                changed = True
        if not changed:
            break
    for n, (mention, value) in enumerate(pending):
        if mention.kind == "unknown-definite":  # "the Taliban": a named group
            pending[n] = (_with_kind(mention, "organisation"), value)
    for n, (mention, value) in enumerate(pending):
        if mention.kind == "unknown":
            kind = _neighbour_kind(pending, by_sentence[mention.where], n, texts)
            pending[n] = (_with_kind(mention, kind or "unknown"), value)


_LIST_GAP = re.compile(r"^(?:[\"”’]?,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?[\"“‘]?$")


def _neighbour_kind(pending, indexes: list[int], n: int, texts: dict) -> str | None:
    """The kind of a name joined to this one by a comma or "and" in the same sentence."""
    here = pending[n][0]
    for m in indexes:
        other = pending[m][0]
        if m == n or other.kind.startswith("unknown") or other.kind == "date":
            continue
        if other.end < here.start:
            gap = (other.end, here.start)
        elif here.end < other.start:
            gap = (here.end, other.start)
        else:
            continue
        if _LIST_GAP.match(texts[here.where][gap[0] : gap[1]]):
            return other.kind
    return None


def _with_kind(mention: Mention, kind: str) -> Mention:
    return Mention(
        mention.text,
        kind,
        mention.section_id,
        mention.paragraph,
        mention.sentence,
        mention.start,
        mention.end,
        mention.definite,
    )


def _mark_parties(index: TermIndex, document: Document) -> None:
    """The parties (named in the opening line, or in most sections) are not key terms."""
    first = document.sections[0] if document.sections else None
    opening = (first.id, 1) if first and len(first.paragraphs[0].text.split()) < 20 else None
    sections = len(document.sections) or 1
    for term in index.terms.values():
        spread = len({m.section_id for m in term.mentions})
        named_first = any((m.section_id, m.paragraph) == opening for m in term.mentions)
        if named_first and term.kind == "organisation":  # "the Union of Veldra" is a state
            term.kind = "place"
        term.party = term.kind == "place" and (
            named_first or sections >= 3 and spread * 2 > sections
        )
    # "Castania" of "the Federal Republic of Castania": a party by its short name
    full = [t.text for t in index.terms.values() if t.party and " of " in t.text]
    for term in index.terms.values():
        if any(name.endswith(f" of {term.text}") for name in full):
            term.kind, term.party = "place", True  # whatever a coordination made of it
