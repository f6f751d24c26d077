"""Build the question bank of a document: every generator, then the filters, per section."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..corpus import Document, Section
from .accepted import add_accepted
from .draft import Context, Draft
from .generators.chronology import chronology
from .generators.inventory import inventory, section_matching
from .generators.key_phrases import key_phrases
from .generators.list_questions import list_questions
from .generators.list_statements import list_statements
from .generators.phrases import definitions
from .generators.signatures import signatures
from .generators.term_questions import term_questions
from .generators.true_false import true_false
from .select import MAX_PER_SECTION, MIN_SECTION, select

MAX_LIMIT = 32

GENERATORS = (
    term_questions,
    list_questions,
    list_statements,
    true_false,
    chronology,
    signatures,
    definitions,
    inventory,
    section_matching,
    key_phrases,
)


def section_drafts(ctx: Context, section: Section) -> list[Draft]:
    """Every candidate question for ``section``, unique by id."""
    drafts: dict[str, Draft] = {}
    for generator in GENERATORS:
        for draft in generator(ctx, section):
            drafts.setdefault(draft.id, draft)
    add_accepted(drafts.values(), ctx)  # short forms the document leaves unambiguous
    return list(drafts.values())


def build_bank(document: Document, lessons: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One bank (schema form) per section, questions selected and in text order.

    ``lessons`` maps section ids to their lessons' Markdown: the key terms, timelines and
    learning objectives add questions and say which objective a question tests.
    """
    ctx = Context.build(document, lessons)
    banks = []
    asked: set[tuple[str, str, str]] = set()  # every question of the earlier sections
    answers: Counter = Counter()  # true and false statements so far
    picked = []
    for section in document.sections:
        terms = [n for n, sids in ctx.term_sections().items() if section.id in sids]
        limit = min(MAX_LIMIT, max(MAX_PER_SECTION, len(terms) + 6))  # room to cover every term
        drafts = [d for d in section_drafts(ctx, section) if _asked(d) not in asked]
        chosen = select(drafts, limit, answers)
        asked.update(_asked(d) for d in chosen)
        answers.update(_statements(chosen))
        picked.append((drafts, limit, chosen))
    for n, (drafts, limit, chosen) in enumerate(picked):  # then the sections too short for a test
        if document.sections[n].kind == "closing" or len(chosen) >= MIN_SECTION:
            continue
        others = answers - _statements(chosen)
        elsewhere = asked - {_asked(d) for d in chosen}  # not asked by a later section either
        fresh = [d for d in drafts if _asked(d) not in elsewhere]
        refill = select(fresh, limit, others, MIN_SECTION)
        asked = elsewhere | {_asked(d) for d in refill}
        answers = others + _statements(refill)
        picked[n] = (drafts, limit, refill)
    for section, (_, _, chosen) in zip(document.sections, picked, strict=True):
        questions = [d.to_json() for d in chosen]
        banks.append(
            {"section_id": section.id, "section_title": section.title, "questions": questions}
        )
    return banks


def _statements(chosen: list[Draft]) -> Counter:
    """How many true and how many false statements ``chosen`` holds."""
    return Counter(d.answer for d in chosen if d.type == "true_false")


def _asked(draft: Draft) -> tuple[str, str, str]:
    """What a student sees and must answer: the same in two sections is a duplicate."""
    return draft.type, draft.stem, json.dumps(draft.answer, sort_keys=True)
