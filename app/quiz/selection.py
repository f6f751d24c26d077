"""Choosing which questions a quiz serves: at random, spread over sections and types.

One fact, one served question: a quiz never serves two questions with the same ``fact`` (a
multiple-choice and a short-answer twin of one idea would give each other away). Nor does it
serve two questions drawn from one source sentence while others are available: the feedback of
one tends to quote the sentence that answers the other.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Question, QuestionVersion, servable_condition
from ..questions import self_graded_types


def servable_query() -> sa.Select:
    """(id, section_id, type, current_version_id, fact) of every question a quiz may serve."""
    return sa.select(
        Question.id, Question.section_id, Question.type, Question.current_version_id, Question.fact
    ).where(servable_condition(), Question.current_version_id.is_not(None))


def with_source(query: sa.Select) -> sa.Select:
    """``query`` (a servable_query) with each question's current source (one join)."""
    return query.add_columns(QuestionVersion.source).join(
        QuestionVersion, QuestionVersion.id == Question.current_version_id
    )


def sentence_of(source: dict | None) -> tuple | None:
    """The source sentence a question was drawn from, or None when its source names none."""
    if not source or source.get("paragraph") is None:
        return None
    return (
        source.get("section_id"),
        source.get("kind", "document"),
        source["paragraph"],
        source.get("sentence"),
    )


def sentences_apart(rows: Iterable, count: int) -> list:
    """Up to ``count`` of ``rows`` in order, a second question on a sentence only to fill up."""
    first, later = [], []
    seen: set[tuple] = set()
    for row in rows:
        sentence = sentence_of(row.source)
        if sentence is not None and sentence in seen:
            later.append(row)
            continue
        if sentence is not None:
            seen.add(sentence)
        first.append(row)
    return (first + later)[:count]


def one_per_fact(rows: Iterable) -> list:
    """``rows`` in order without any whose fact an earlier row has (no fact: always kept)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row.fact and row.fact in seen:
            continue
        seen.add(row.fact)
        kept.append(row)
    return kept


def _round_robin(groups: Iterable[list]) -> list:
    """Take one from each group in turn until all are empty."""
    queues = [list(group) for group in groups]
    result = []
    while any(queues):
        for queue in queues:
            if queue:
                result.append(queue.pop(0))
    return result


def spread(rows: list, count: int, rng: random.Random) -> list:
    """Up to ``count`` rows at random, alternating sections and, within each, question types."""
    by_section: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in sorted(rows, key=lambda r: r.id):  # sorted first: the seed alone decides
        by_section[row.section_id][row.type].append(row)
    per_section = []
    for section_id in sorted(by_section):
        types = by_section[section_id]
        for group in types.values():
            rng.shuffle(group)
        order = sorted(types)
        rng.shuffle(order)
        per_section.append(_round_robin(types[name] for name in order))
    rng.shuffle(per_section)
    return sentences_apart(one_per_fact(_round_robin(per_section)), count)


def pick_questions(
    session: Session, section_ids: list[str], count: int, rng: random.Random
) -> list:
    """Rows of up to ``count`` servable questions from ``section_ids`` (one query)."""
    rows = session.execute(
        with_source(servable_query()).where(
            Question.section_id.in_(section_ids), Question.type.in_(self_graded_types())
        )
    ).all()
    return spread(rows, count, rng)


def pick_due(session: Session, question_ids: list[str], count: int) -> list:
    """Rows of the servable questions among ``question_ids``, in the given order (one query)."""
    query = with_source(servable_query()).where(Question.id.in_(question_ids))
    by_id = {row.id: row for row in session.execute(query).all()}
    return sentences_apart(one_per_fact(by_id[qid] for qid in question_ids if qid in by_id), count)
