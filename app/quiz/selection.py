"""Choosing which questions a quiz serves: at random, spread over sections and types.

One fact, one served question: a quiz never serves two questions with the same ``fact`` (a
multiple-choice and a short-answer twin of one idea would give each other away). Nor does it
serve two questions drawn from one source sentence while others are available: the feedback of
one tends to quote the sentence that answers the other.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
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


class _Picker:
    """Takes rows one at a time: never a fact twice, a second row on a sentence only to fill up."""

    def __init__(self) -> None:
        self.picked: list = []
        self.later: dict[tuple, list] = defaultdict(list)  # by (section, type), in order
        self.facts: set[str] = set()
        self.sentences: set[tuple] = set()

    def take_from(self, queue: list) -> bool:
        """Take the first row of ``queue`` whose fact and sentence are new; False if none is."""
        while queue:
            row = queue.pop(0)
            if row.fact and row.fact in self.facts:
                continue
            sentence = sentence_of(row.source)
            if sentence is not None and sentence in self.sentences:
                self.later[row.section_id, row.type].append(row)
                continue
            self.facts.add(row.fact)
            if sentence is not None:
                self.sentences.add(sentence)
            self.picked.append(row)
            return True
        return False

    def filled(self, count: int) -> list:
        """The picked rows, topped up to ``count`` from the ones set aside for their sentence,
        the section and then the type served least so far first (the spread holds for them too)."""
        served = Counter(row.section_id for row in self.picked)
        served.update((row.section_id, row.type) for row in self.picked)
        groups = [group for group in self.later.values() if group]
        while len(self.picked) < count and groups:
            group = min(  # the first of equals: in the order they were set aside
                groups, key=lambda g: (served[g[0].section_id], served[g[0].section_id, g[0].type])
            )
            row = group.pop(0)
            if not group:
                groups.remove(group)
            if row.fact and row.fact in self.facts:
                continue
            self.facts.add(row.fact)
            served[row.section_id] += 1
            served[row.section_id, row.type] += 1
            self.picked.append(row)
        return self.picked[:count]


def spread(rows: list, count: int, rng: random.Random) -> list:
    """Up to ``count`` rows at random, alternating sections and, within each, question types.

    A row skipped for its fact or sentence gives its turn to another of the same section and
    type, so the spread over types survives the two rules.
    """
    by_section: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in sorted(rows, key=lambda r: r.id):  # sorted first: the seed alone decides
        by_section[row.section_id][row.type].append(row)
    sections = []
    for section_id in sorted(by_section):
        types = by_section[section_id]
        for group in types.values():
            rng.shuffle(group)
        order = sorted(types)
        rng.shuffle(order)
        sections.append([types[name] for name in order])
    rng.shuffle(sections)
    picker = _Picker()
    turn = [0] * len(sections)  # each section's next type
    while len(picker.picked) < count and any(any(queues) for queues in sections):
        for index, queues in enumerate(sections):
            if len(picker.picked) >= count:
                break
            for step in range(len(queues)):
                position = (turn[index] + step) % len(queues)
                if picker.take_from(queues[position]):
                    turn[index] = position + 1
                    break
    return picker.filled(count)


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
    picker = _Picker()
    for qid in question_ids:
        if qid in by_id:
            picker.take_from([by_id[qid]])
    return picker.filled(count)
