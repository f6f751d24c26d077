"""What the text's sentences say, as plain relations: who commits to what, why, in which role.

The generators of the ideas a teacher tests (commitments, purposes, roles, claims) read these
relations rather than raw sentences: ``reader.read`` makes them from a document. This module
holds what a reading is made of, a clause, a relation and the reading's pools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..corpus import Document
from .common import common_names

P = "\x00"  # the parties, inside a normalised sentence


POOL_LIMIT = 120  # distractor candidates drawn from the text: a bounded number per kind


@dataclass(frozen=True)
class Clause:
    """One sentence of the text, normalised: the parties as ``P``, pronouns resolved."""

    section_id: str
    paragraph: int
    sentence: int
    quote: str  # the sentence as the text has it
    text: str  # normalised

    @property
    def where(self) -> tuple[str, int, int]:
        return (self.section_id, self.paragraph, self.sentence)


@dataclass(frozen=True)
class Relation:
    """Something a sentence says: ``kind`` names the pattern, the rest its parts."""

    kind: str
    clause: Clause
    actor: str = ""  # who ("" for the parties)
    verb: str = ""
    what: str = ""
    rest: str = ""
    items: tuple[str, ...] = ()

    @property
    def where(self) -> tuple[str, int, int]:
        return self.clause.where


@dataclass
class Reading:
    """Every clause and relation of a document, with the pools distractors come from."""

    document: Document
    parties: str
    clauses: list[Clause] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @cached_property
    def _index(self) -> dict:
        """Relations by kind and by (section, kind), clauses by section and position."""
        by_kind: dict[str, list[Relation]] = {}
        by_section: dict[tuple[str, str], list[Relation]] = {}
        for relation in self.relations:
            by_kind.setdefault(relation.kind, []).append(relation)
            by_section.setdefault((relation.clause.section_id, relation.kind), []).append(relation)
        clauses: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            clauses.setdefault(clause.section_id, []).append(clause)
        position = {id(c): n for n, c in enumerate(self.clauses)}
        return {"kind": by_kind, "section": by_section, "clauses": clauses, "at": position}

    def of(self, kind: str, section_id: str | None = None) -> list[Relation]:
        """The relations of one kind (in one section): a dictionary lookup."""
        if section_id is None:
            return self._index["kind"].get(kind, [])
        return self._index["section"].get((section_id, kind), [])

    def pool(self, kind: str) -> list[Relation]:
        """The first relations of one kind, for distractors: a bounded number, so that
        generation stays linear in the text's length."""
        return self.of(kind)[:POOL_LIMIT]

    def clauses_in(self, section_id: str) -> list[Clause]:
        """The clauses of one section, in text order."""
        return self._index["clauses"].get(section_id, [])

    def before(self, clause: Clause) -> Clause | None:
        """The clause just before ``clause`` in its section."""
        n = self._index["at"].get(id(clause), 0)
        if n and self.clauses[n - 1].section_id == clause.section_id:
            return self.clauses[n - 1]
        return None

    @cached_property
    def agents(self) -> list[str]:
        """Groups of people or bodies the text names as acting or addressed (not the parties)."""
        found: dict[str, None] = {}
        parties = common_names(self.document)
        for clause in self.clauses:
            if len(found) >= POOL_LIMIT:
                break
            for match in _AGENT.finditer(clause.text):
                raw = match.group()
                phrase = _clean_np(raw)
                # "the members of the Pact and Veldra": a party joined to a body's members
                joined = re.search(r" and ([A-Z][a-z]+)", phrase)
                if joined and joined.group(1).lower()[:5] in parties:
                    continue
                if (
                    phrase
                    and P not in phrase
                    and len(phrase.split()) <= 8
                    and not _NOT_AGENT.search(raw)
                ):
                    found.setdefault(phrase, None)
        titles = [
            re.sub(r"^The ", "", c.quote.rstrip(":").strip())
            for c in self.clauses
            if c.quote.rstrip().endswith(":") and c.quote.startswith("The ") and len(c.quote) < 80
        ]
        heads = [re.split(r" of ", t)[0] for t in titles]
        for head in set(heads):
            if heads.count(head) >= 2:
                found.setdefault(f"the two {head}s", None)
        for relation in self.relations:
            if relation.kind in {"call", "chair"}:
                found.setdefault(relation.actor if relation.kind == "chair" else relation.what)
        return sorted(found)


_AGENT = re.compile(
    r"(?:(?<=[\s,])|^)(?:(?:the|all|other|their) (?:[a-z-]+ ){0,2}|"
    r"(?:[A-Z][\w.-]* ){1,2}(?:[a-z-]+ )?)"
    r"(?:countries|nations|states|organizations|institutions|agencies|sectors|officials|"
    r"Ministers|Ministries|Presidents|members|communities|ministers|presidents)"
    r"(?: of (?:the )?[A-Z][\w.'’-]*(?: and [A-Z][\w.'’-]*| [A-Z][\w.'’-]*)*| of the world)?"
)


_NOT_AGENT = re.compile(
    r"\b(?:between|whose|that|by|on|its|integrity|business|two|priority)\b|^(?:the|all the) "
    r"(?:states|nations)$"
)


def _clean_np(text: str) -> str:
    text = re.sub(r"^(?:and|or|of|to|with|by|in|on|for)\s+", "", text.strip())
    text = re.sub(r"^their\s+", "the two sides' ", text, flags=re.I)
    text = re.sub(r"\s+(?:and|or|of|the|to)$", "", text)
    if re.match(r"^(?:their|its|his|her|these|those|this|such)\b|^[A-Z][a-z]+ as\b", text, re.I):
        return ""  # "Acting as members of …": a participle's role, not a group
    return text
