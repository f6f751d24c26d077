"""Build the question bank of a document: every generator, then the filters, per section."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..corpus import Document, Section
from ..lessons.files import read_lessons
from .accepted import add_accepted
from .common import document_names
from .crossq import first_leak
from .distractors import stems_of
from .draft import Context, Draft
from .generators.bodies import action_lists, actors, seats
from .generators.chronology import chronology, signing_order, whole_text_order
from .generators.claims import claims
from .generators.commitment_statements import reversed_commitments
from .generators.commitments import commitments
from .generators.duties import bodies_matching, division
from .generators.effects import contributions
from .generators.held_ideas import held_ideas
from .generators.lesson_questions import lesson_questions
from .generators.list_questions import list_questions
from .generators.manners import manners, singled_out
from .generators.paraphrases import paraphrases
from .generators.phrases import definitions
from .generators.purposes import purpose_statements, purposes
from .generators.reasons import marked_purposes
from .generators.roles import frameworks, roles
from .generators.signatures import signatures
from .generators.stances import stances
from .generators.targets import deadlines, levels
from .generators.term_questions import term_questions
from .generators.theses import theses
from .near_misses import distractor_uses
from .select import MAX_PER_SECTION, RECALL, select

CLOSING_LIMIT = 10  # the closing section names signers, a place and a date: a few questions

# The ideas a teacher tests first, then the text's lists, names and dates, then the lesson.
GENERATORS = (
    claims,
    held_ideas,
    theses,
    commitments,
    paraphrases,
    stances,
    actors,
    action_lists,
    levels,
    deadlines,
    marked_purposes,
    purposes,
    contributions,
    roles,
    bodies_matching,
    division,
    frameworks,
    manners,
    singled_out,
    list_questions,
    definitions,
    term_questions,
    chronology,
    signing_order,
    whole_text_order,
    signatures,
    reversed_commitments,
    purpose_statements,
    seats,
    lesson_questions,
)
# Variants no longer shipped: a sentence copied (or one word swapped) as a true/false statement;
# "Who signed …?" asks what every student knows (the matching of signers and offices stays)
DROPPED = {
    "definition-swap",
    "definition-statement",
    "signer-statement",
    "commitment-force-changed",  # reviewed: lifted fragments, claims no reader would make
}


def section_drafts(ctx: Context, section: Section) -> list[Draft]:
    """Every candidate question for ``section``, unique by id."""
    drafts: dict[str, Draft] = {}
    for generator in GENERATORS:
        with distractor_uses(ctx), document_names(ctx):
            made = list(generator(ctx, section))
        for draft in made:
            if (
                draft.generator not in DROPPED
                and not draft.stem.startswith("Who signed")
                and not _in_title(ctx, draft)
            ):
                draft.answer = draft.question_type.canonical_key(draft.answer, draft.choices)
                drafts.setdefault(draft.id, draft)
    add_accepted(drafts.values(), ctx)  # short forms the document leaves unambiguous
    return list(drafts.values())


def _in_title(ctx: Context, draft: Draft) -> bool:
    """A name or date the document's title gives: a student reads it above the text (rule 7)."""
    if not draft.question_type.key_is_one_text or draft.source_kind != "document":
        return False
    key = str(draft.answer).removeprefix("the ")
    return len(key) > 3 and key in ctx.document.title


def build_bank(document: Document, lessons: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One bank (schema form) per section, questions selected and in text order.

    ``lessons`` maps section ids to their lessons' Markdown: the key terms, timelines and
    learning objectives add questions and say which objective a question tests.
    """
    ctx = Context.build(document, lessons)
    plans = []
    for section in document.sections:
        drafts = section_drafts(ctx, section)
        objectives = tag_objectives(ctx, section, drafts)
        limit = CLOSING_LIMIT if section.kind == "closing" else MAX_PER_SECTION
        plans.append((section, drafts, objectives, limit))
    with document_names(ctx):  # the filters read the parties' names as stop words
        taken = _bank_wide(plans)
        served: set[str] = set()
        balance: Counter = Counter()
        banks = []
        for section, drafts, objectives, limit in plans:
            chosen = select(drafts, limit, served, objectives, balance, taken)
            banks.append(
                {
                    "section_id": section.id,
                    "section_title": section.title,
                    "questions": [d.to_json() for d in chosen],
                }
            )
    return banks


def _priority(draft: Draft) -> tuple:
    """Which of two leaking questions stays: the text's ideas, then its names and dates, then
    the lesson's questions; then the better scored."""
    return (
        draft.generator in RECALL,
        draft.source_kind != "document",
        -draft.score,
        draft.id,
    )


def _bank_wide(plans: list) -> list[Draft]:
    """The questions every section would serve, kept by priority where two of them leak into
    each other (rules 3 and 8): the final selection starts from these, so that a name asked in
    an early section never pushes out an idea of a later one."""
    first: list[Draft] = []
    for _, drafts, objectives, limit in plans:
        first += select(drafts, limit, set(), objectives, Counter(), [])
    kept: list[Draft] = []
    for draft in sorted(first, key=_priority):
        if first_leak(draft, kept) is None:
            kept.append(draft)
    return kept


_WORD = re.compile(r"[A-Za-z][\w'-]+")
_GENERIC = {
    "expla",
    "descr",
    "ident",
    "state",
    "parag",
    "secti",
    "lesso",
    "decla",
    "text",
    "name",
    "list",
}


def tag_objectives(ctx: Context, section: Section, drafts: list[Draft]) -> list[str]:
    """Mark each draft that tests one of the lesson's learning objectives; the objectives
    that some draft tests, in the lesson's order.

    A draft tests an objective when it comes from a paragraph the objective names (or any, if
    it names none) and shares at least two content roots with the objective's words.
    """
    lesson = ctx.lessons.get(section.id)
    if lesson is None:
        return []
    tested = []
    for objective in lesson.objectives:
        words = stems_of(objective.text) - _GENERIC
        best = None
        for draft in drafts:
            if (
                draft.source_kind == "document"
                and objective.paragraphs
                and (draft.paragraph not in objective.paragraphs)
            ):
                continue
            seen = stems_of(f"{draft.stem} {draft.answer} {' '.join(draft.keys)}")
            overlap = len(words & seen)
            # the ideas before names and dates, then the closest match
            rank = (draft.generator not in RECALL, overlap, draft.score, draft.id)
            if overlap >= 2 and (best is None or rank > best[0]):
                best = (rank, draft)
        if best is not None:
            best[1].objective = objective.text
            tested.append(objective.text)
    return tested


def lesson_texts(directory: str | Path) -> dict[str, str]:
    """Section id -> the Markdown body of its lesson, for every lesson file in ``directory``."""
    return {lesson.id: lesson.body for lesson in read_lessons(directory)}
