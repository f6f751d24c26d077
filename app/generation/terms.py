"""Key terms in a parsed document: dates, agreements, organisations, places and people.

Rules over capitalisation, context and general word lists; nothing here knows any one text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..corpus import Document
from .dates import DATE_PATTERN, YEAR_PATTERN, format_date, parse_date
from .tokens import QUOTES, Token, tokenize
from .wordlists import (
    AGREEMENT_HEADS,
    COUNTRIES,
    COUNTRY_ABBREVIATIONS,
    EVENT_NOUNS,
    FUNCTION_WORDS,
    GROUPING_NOUNS,
    ORGANISATION_HEADS,
    PLACE_NOUNS,
    PLACE_OPENERS,
    REGIONS,
    SENTENCE_OPENERS,
    STATE_HEADS,
    TITLES,
)

KINDS = ("date", "agreement", "organisation", "place", "person")
_CONNECTORS = {"of", "on", "for", "in", "between", "and", "the", "a", "'s", "’s", "de"}
_PERSON = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)+ [A-Z][a-z'-]+$")
_GENERIC_AGREEMENT_WORDS = AGREEMENT_HEADS | {"Joint", "New", "Final"}


@dataclass(frozen=True)
class Mention:
    """One occurrence of a term in a sentence (offsets are into the sentence's text)."""

    text: str
    kind: str
    section_id: str
    paragraph: int
    sentence: int
    start: int
    end: int
    definite: bool = False  # written after "the"

    @property
    def where(self) -> tuple[str, int, int]:
        return (self.section_id, self.paragraph, self.sentence)


@dataclass
class Term:
    """A key term and every place the text mentions it."""

    text: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    value: str = ""  # ISO date for dates

    @property
    def norm(self) -> str:
        return normalise(self.text)

    @cached_property
    def definite(self) -> bool:
        if self.kind == "place" and " " not in self.text and not self.text.endswith("s"):
            return False  # "Genoa", not "the Genoa" (from "the Genoa ... Summits")
        if self.kind in {"agreement", "organisation"} and _head(self.text.split()) in (
            AGREEMENT_HEADS | ORGANISATION_HEADS
        ):
            return True  # "the Joint Statement on ...", "the Consultative Group for ..."
        return any(m.definite for m in self.mentions)

    @property
    def display(self) -> str:
        """The term as an answer option: with "the" when the text writes it so."""
        return f"the {self.text}" if self.definite and self.kind != "date" else self.text


_EXPANSIONS = [
    (re.compile(rf"(?<![\w.]){re.escape(short)}(?![\w])"), full)
    for short, full in [*COUNTRY_ABBREVIATIONS.items(), ("UN", "United Nations")]
]


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, without "the", quotes, dots or hyphens: for comparing terms."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    for pattern, full in _EXPANSIONS:
        text = pattern.sub(full, text)
    text = re.sub(r"[\"“”‘’.]", "", text).lower()
    return re.sub(r"[\s\-/]+", " ", text).strip()


def _is_name_token(token: Token) -> bool:
    return token.is_word and token.capitalised and token.text not in {"I"}


def _name_runs(tokens: list[Token], blocked: set[int]) -> list[tuple[int, int]]:
    """Spans (token indexes, end exclusive) of capitalised names with their connectors."""
    runs, i = [], 0

    def name_at(k: int) -> bool:
        return k < len(tokens) and k not in blocked and _is_name_token(tokens[k])

    while i < len(tokens):
        lower = tokens[i].text.lower()
        opener = i == 0 and lower in SENTENCE_OPENERS and tokens[i].text not in COUNTRIES
        if not name_at(i) or lower in _CONNECTORS or opener:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if name_at(j) and tokens[j].text.lower() not in _CONNECTORS:
                j += 1
                continue
            k = j
            while k < len(tokens) and k not in blocked and tokens[k].text.lower() in _CONNECTORS:
                k += 1
            joined = [t.text.lower() for t in tokens[j:k]]
            year = k < len(tokens) and k not in blocked and YEAR_PATTERN.fullmatch(tokens[k].text)
            if k == j or not (name_at(k) or year and joined == ["of"]):
                break
            so_far = " ".join(t.text for t in tokens[i:j])
            if joined[:2] == ["of", "the"] and so_far in COUNTRIES | REGIONS:
                break  # "Afghanistan of the Taliban" is two names
            if not _connector_allowed(tokens[i:j], joined):
                break
            j = k + 1
        runs.append((i, j))
        i = j
    return runs


def _connector_allowed(run: list[Token], joined: list[str]) -> bool:
    words = {t.text for t in run}
    has_head = bool(words & (AGREEMENT_HEADS | ORGANISATION_HEADS))
    if joined in (["'s"], ["’s"]):
        return True
    if "and" in joined:
        return "between" in {w.lower() for w in words} and has_head
    if joined[0] in {"in", "on", "for", "between"}:
        return has_head
    return joined[0] in {"of", "de"}


def _strip_titles(tokens: list[Token], i: int, j: int) -> int:
    """Skip leading titles ("Presidents of", "Co-Chairmen of the")."""
    k = i
    while k < j and (tokens[k].text in TITLES or tokens[k].text.lower() == "the"):
        k += 1
    if k > i and k < j and tokens[k].text.lower() == "of":
        k += 1
        while k < j and tokens[k].text.lower() == "the":
            k += 1
    return k if k > i else i


def _head(words: list[str]) -> str:
    for index, word in enumerate(words):
        if word.lower() in {"of", "on", "for", "in", "between"} and index:
            return words[index - 1]
    return words[-1]


def classify(
    name: str, following: list[str], definite: bool, quoted: bool, modifier: bool = False
) -> str | None:
    """The kind of a capitalised name, or None when it is not a key term."""
    words = name.split()
    head = _head(words)
    if name in COUNTRIES or name in REGIONS or name in COUNTRY_ABBREVIATIONS:
        return "place"
    if head in STATE_HEADS or words[0] in PLACE_OPENERS and head not in ORGANISATION_HEADS:
        return "place"
    if following and following[0] in PLACE_NOUNS and name in REGIONS | COUNTRIES:
        return "place"
    if _PERSON.match(name):
        return "person"
    if all(w in TITLES or w.lower() in {"of", "the"} for w in words):
        return None
    if head in AGREEMENT_HEADS:
        return "agreement"
    if head in ORGANISATION_HEADS:
        return "organisation"
    if head.lower() in EVENT_NOUNS:
        return "event"
    if any(w.lower() in GROUPING_NOUNS for w in following[:2]):
        return "organisation"
    if len(words) == 1 and Token(name, 0, 0).acronym and "/" not in name:
        return "organisation"
    if modifier:
        return None  # an adjective or modifier: "Afghan people", "Transnistrian issue"
    if definite or quoted:
        return "unknown-definite"
    return "unknown"


@dataclass
class TermIndex:
    """The document's terms by kind and by normalised text."""

    terms: dict[str, Term] = field(default_factory=dict)

    def add(self, mention: Mention, value: str = "") -> None:
        key = f"{mention.kind}:{value or normalise(mention.text)}"
        term = self.terms.setdefault(key, Term(mention.text, mention.kind, value=value))
        term.mentions.append(mention)

    def of_kind(self, kind: str) -> list[Term]:
        return sorted((t for t in self.terms.values() if t.kind == kind), key=lambda t: t.norm)

    def key_terms(self) -> list[Term]:
        """Terms worth asking about: the five kinds, minus the parties and generic names."""
        cached = getattr(self, "_key_terms_cache", None)
        if cached is None:
            cached = [t for kind in KINDS for t in self.of_kind(kind) if not _too_generic(t)]
            self._key_terms_cache = cached
        return cached

    def in_sentence(self, where: tuple[str, int, int]) -> list[tuple[Term, Mention]]:
        """The term mentions of one sentence, in text order."""
        if not hasattr(self, "_by_sentence"):
            by_sentence: dict[tuple, list] = defaultdict(list)
            for term in self.terms.values():
                for mention in term.mentions:
                    by_sentence[mention.where].append((term, mention))
            self._by_sentence = {
                k: sorted(v, key=lambda tm: tm[1].start) for k, v in by_sentence.items()
            }
            self._key_terms = None
        return self._by_sentence.get(where, [])


def _too_generic(term: Term) -> bool:
    if term.kind == "agreement" and set(term.text.split()) <= _GENERIC_AGREEMENT_WORDS:
        return True
    return getattr(term, "party", False)


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
    for i, j in _name_runs(tokens, blocked):
        i = _strip_titles(tokens, i, j)
        if i == 0 and j - i == 1 or i == 0 and tokens[0].text.lower() in SENTENCE_OPENERS:
            if (
                tokens[i].text.lower() in SENTENCE_OPENERS
                or not tokens[i].acronym
                and (j < len(tokens) and tokens[j].is_word and tokens[j].text[0].islower())
            ):
                if tokens[i].text not in COUNTRIES | REGIONS:
                    continue
        while i < j and tokens[i].text.lower() in _CONNECTORS:
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
        term.party = term.kind == "place" and (
            named_first or sections >= 3 and spread * 2 > sections
        )
