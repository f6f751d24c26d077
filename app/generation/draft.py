"""A generated question before filtering, its stable id, source and explanation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..corpus import Document, Section
from ..lessons.structure import LessonStructure, parse_lesson
from ..questions import QuestionType, get_type
from .lists import TextList, find_lists
from .term_extraction import extract_terms
from .terms import TermIndex
from .wordlists import AGREEMENT_HEADS

MAX_ITEM_SENTENCES = 16  # sentences kept per list item (more than any check reads)
TYPES = (
    "multiple_choice",
    "multiple_response",
    "true_false",
    "short_answer",
    "matching",
    "ordering",
)


def normalise_fact(text: str) -> str:
    """A fact as compared: lower case, curly quotes straight, single spaces."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


@dataclass
class Draft:
    """One candidate question with what the filters and ranking need."""

    type: str
    generator: str
    stem: str
    answer: Any
    section_id: str
    paragraph: int
    sentence: int
    quote: str
    explanation: str
    choices: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    keys: tuple[str, ...] = ()  # normalised terms this question tests
    fact: str = ""  # what it tests, normalised: one fact, one served question per quiz
    score: float = 0.5
    difficulty: float = 0.5
    id_basis: str = ""  # what the id stands for, when not the keys (a lesson question's content)
    objective: str = ""  # the lesson's learning objective it tests, if any
    source_kind: str = "document"  # "document" (the text) or "lesson" (the section's lesson)
    flaws: tuple[str, ...] = ()  # what its generator knows is wrong with it (never chosen)

    def __post_init__(self) -> None:
        # every question carries a fact: a generator that names none gets one from what the
        # question tests whatever its type (the keys, else the source sentence)
        self.fact = normalise_fact(self.fact) if self.fact else self.default_fact()

    def default_fact(self) -> str:
        """The fact of a draft whose generator names none: section, sentence and keys."""
        what = "|".join(sorted(self.keys)) or self.quote
        return normalise_fact(f"{self.section_id}@{self.paragraph}.{self.sentence}:{what}")

    @property
    def question_type(self) -> QuestionType:
        """Its type in the registry, which says what kind of stem, key and choices it has."""
        return get_type(self.type)

    @cached_property
    def id(self) -> str:
        """Stable id: type, generator, source and key (not the wording).

        A question from the document is placed by its paragraph and sentence, which change
        only with the document. A lesson question is identified by what it tests (the term,
        the event and its date, the table row, the objective), never by its line: instructors
        edit lessons, and an edit above a term must not orphan the term question's review.
        """
        if self.source_kind == "lesson":
            if not self.id_basis:
                raise ValueError(f"{self.generator}: a lesson question needs its id_basis")
            place = ("lesson",)
        else:
            place = (str(self.paragraph), str(self.sentence))
        basis = "|".join(
            (
                self.type,
                self.generator,
                self.section_id,
                *place,
                self.id_basis or "|".join(self.keys),
            )
        )
        return "q-" + hashlib.sha256(basis.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The bank-file form (schema fields plus difficulty and tags)."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "stem": self.stem,
        }
        if self.choices:
            data["choices"] = list(self.choices)
        data["answer"] = self.answer
        if self.accepted:
            data["accepted"] = sorted(set(self.accepted))
        data["explanation"] = self.explanation
        data["generator"] = self.generator
        data["difficulty"] = round(self.difficulty, 2)
        data["source"] = {
            "section_id": self.section_id,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "quote": self.quote,
            "kind": self.source_kind,
        }
        data["fact"] = self.fact or self.default_fact()
        if self.objective:
            data["objective"] = self.objective
        data["origin"] = "generated"
        data["review"] = {"status": "pending"}  # a new question waits for an instructor
        return data


@dataclass
class Context:
    """The document and what extraction found in it, shared by every generator."""

    document: Document
    terms: TermIndex
    lists: list[TextList]
    parties: str = "the two sides"
    name: str = "the text"
    lessons: dict[str, LessonStructure] = field(default_factory=dict)  # by section id

    @classmethod
    def build(cls, document: Document, lessons: dict[str, str] | None = None) -> Context:
        """Extract terms and lists once for all generators; parse the lessons' structure."""
        return cls(
            document,
            extract_terms(document),
            find_lists(document),
            name=_doc_name(document),
            lessons={sid: parse_lesson(text) for sid, text in (lessons or {}).items()},
        )

    def where(self, section: Section, paragraph: int) -> str:
        """'Section 3, “Political Cooperation”, paragraph 4'."""
        return f"Section {section.order}, “{section.title}”, paragraph {paragraph}"

    def sentence_text(self, sid: str, paragraph: int, sentence: int) -> str:
        return self.section(sid).paragraph(paragraph).sentences[sentence - 1].text

    def _cached(self, name: str, build):
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = build()
        return cache[name]

    def section(self, sid: str) -> Section:
        """The section with id ``sid`` (a dict lookup: the document may be long)."""
        return self._cached("sections", lambda: {s.id: s for s in self.document.sections})[sid]

    def lists_in(self, sid: str) -> list[TextList]:
        """The lists of one section, in text order."""

        def build():
            found: dict[str, list[TextList]] = {}
            for text_list in self.lists:
                found.setdefault(text_list.section_id, []).append(text_list)
            return found

        return self._cached("lists_in", build).get(sid, [])

    def lists_at(self, where: tuple[str, int, int]) -> list[TextList]:
        """The lists of one sentence."""

        def build():
            found: dict[tuple[str, int, int], list[TextList]] = {}
            for text_list in self.lists:
                found.setdefault(text_list.where, []).append(text_list)
            return found

        return self._cached("lists_at", build).get(where, [])

    def list_items(self) -> dict[str, dict[str, set[tuple[str, int, int]]]]:
        """Form -> distinct list item -> the sentences whose lists hold it (the first
        MAX_ITEM_SENTENCES: every check on them reads a bounded number, and an item a long text
        repeats in every part would otherwise make each list's check grow with the text)."""

        def build():
            found: dict[str, dict[str, set[tuple[str, int, int]]]] = {}
            for text_list in self.lists:
                bucket = found.setdefault(text_list.form, {})
                for item in text_list.items:
                    wheres = bucket.setdefault(item, set())
                    if len(wheres) < MAX_ITEM_SENTENCES:
                        wheres.add(text_list.where)
            return found

        return self._cached("list_items", build)

    def term_sections(self) -> dict[str, set[str]]:
        """Term (normalised) -> the sections that mention it."""

        def build():
            found: dict[str, set[str]] = {}
            for term in self.terms.terms.values():
                found.setdefault(term.norm, set()).update(m.section_id for m in term.mentions)
            return found

        return self._cached("term_sections", build)

    def mentions_in(self, sid: str) -> list:
        """(term, mention) for every key-term mention in section ``sid``, in text order."""

        def build():
            found: dict[str, list] = {}
            for term in self.terms.key_terms():
                for mention in term.mentions:
                    found.setdefault(mention.section_id, []).append((term, mention))
            for pairs in found.values():
                pairs.sort(key=lambda tm: (tm[1].paragraph, tm[1].sentence, tm[1].start))
            return found

        return self._cached("mentions_in", build).get(sid, [])

    def term_wheres(self, term) -> set[tuple[str, int, int]]:
        """The sentences that mention ``term``."""
        cache = self._cached("term_wheres", dict)
        if term.norm not in cache:
            cache[term.norm] = {m.where for m in term.mentions}
        return cache[term.norm]

    @property
    def proper_words(self) -> set[str]:
        """Words the text capitalises inside sentences: names, not sentence openers."""
        cached = self.__dict__.get("_proper")
        if cached is None:
            cached = set()
            for _, _, sentence in self.document.sentences():
                cached.update(re.findall(r"(?<=[\w,;] )([A-Z][\w'’.-]*)", sentence.text))
            self.__dict__["_proper"] = cached
        return cached

    def lead_in(self, where: tuple[str, int, int]) -> str:
        """For a bullet, the words that introduce it ("To that end we have decided to")."""
        sid, paragraph, sentence = where
        section = self.section(sid)
        if sentence != 1 or not section.paragraph(paragraph).bullet:
            return ""
        index = paragraph - 1
        while index >= 1 and section.paragraph(index).bullet:
            index -= 1
        if index < 1 or not section.paragraph(index).text.endswith(":"):
            return ""
        lead = section.paragraph(index).sentences[-1].text.rstrip(":")
        return lead if len(lead.split()) <= 12 else ""


def _doc_name(document: Document) -> str:
    """What to call the document in stems: "the declaration", "the treaty" or "the text"."""
    for word in document.title.split()[:4]:
        if word in AGREEMENT_HEADS:
            return f"the {word.lower()}"
    return "the text"


def explain(ctx: Context, section: Section, paragraph: int, quote: str, lead: str = "") -> str:
    """An explanation quoting the source sentence and saying where it is."""
    lead = f"{lead} " if lead else ""
    return f"{lead}{ctx.where(section, paragraph)}: “{quote}”"
