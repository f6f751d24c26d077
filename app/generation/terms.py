"""Key terms of a document (dates, agreements, organisations, places and people), their
mentions, and the index the generators look them up in; ``term_extraction`` finds them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .names import head_word
from .wordlists import AGREEMENT_HEADS, COUNTRY_ABBREVIATIONS, ORGANISATION_HEADS

KINDS = ("date", "agreement", "organisation", "place", "person")


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
    # both set by term_extraction once the whole index is built: they depend on every mention
    party: bool = False  # one of the document's parties
    city: bool = False  # a place that is a town (named with a summit, or in the closing)

    @property
    def norm(self) -> str:
        return normalise(self.text)

    @cached_property
    def definite(self) -> bool:
        if self.kind == "place" and " " not in self.text and not self.text.endswith("s"):
            return False  # "Genoa", not "the Genoa" (from "the Genoa ... Summits")
        if self.kind == "place" and any(
            m.section_id == "closing" and not m.definite for m in self.mentions
        ):
            return False  # signed at "Port Selden": "the" was "the Port Selden … meetings"'s
        if self.kind in {"agreement", "organisation"} and head_word(self.text.split()) in (
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


@dataclass
class TermIndex:
    """The document's terms by kind and by normalised text."""

    terms: dict[str, Term] = field(default_factory=dict)
    # built on first use, once every term is added (term_extraction adds them all first)
    _key_terms: list[Term] | None = field(default=None, init=False, repr=False, compare=False)
    _by_sentence: dict[tuple[str, int, int], list[tuple[Term, Mention]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def add(self, mention: Mention, value: str = "") -> None:
        key = f"{mention.kind}:{value or normalise(mention.text)}"
        term = self.terms.setdefault(key, Term(mention.text, mention.kind, value=value))
        term.mentions.append(mention)

    def of_kind(self, kind: str) -> list[Term]:
        return sorted((t for t in self.terms.values() if t.kind == kind), key=lambda t: t.norm)

    def key_terms(self) -> list[Term]:
        """Terms worth asking about: the five kinds, minus the parties and generic names."""
        if self._key_terms is None:
            self._key_terms = [
                t for kind in KINDS for t in self.of_kind(kind) if not _too_generic(t)
            ]
        return self._key_terms

    def in_sentence(self, where: tuple[str, int, int]) -> list[tuple[Term, Mention]]:
        """The term mentions of one sentence, in text order."""
        if self._by_sentence is None:
            by_sentence: dict[tuple, list] = defaultdict(list)
            for term in self.terms.values():
                for mention in term.mentions:
                    by_sentence[mention.where].append((term, mention))
            self._by_sentence = {
                k: sorted(v, key=lambda tm: tm[1].start) for k, v in by_sentence.items()
            }
        return self._by_sentence.get(where, [])


def _too_generic(term: Term) -> bool:
    if term.kind == "agreement" and set(term.text.split()) <= _GENERIC_AGREEMENT_WORDS:
        return True
    return term.party
