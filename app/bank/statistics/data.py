"""Fetch what the item analysis needs: the class's section tests, their rows, their versions.

A fixed number of queries whatever the class's size; the rows are streamed in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from ...models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    Membership,
    Question,
    QuestionVersion,
    Response,
    Section,
    ServedQuestion,
)
from ...questions import QUESTION_TYPES
from .analysis import Analysis, ItemFigures, ItemInfo, ServedRow, TestFigures, analyse

STREAM_ROWS = 2000


@dataclass(frozen=True)
class SectionTest:
    """A section quiz in test mode of a given length, and how many learners finished one."""

    section_id: str
    title: str
    length: int
    learners: int


def _test_attempts(cohort_id: int | None) -> sa.Select:
    """Finished test-mode section attempts of the class's learners, or everyone's (ids only)."""
    query = sa.select(Attempt.id).where(
        Attempt.state == AttemptState.FINISHED,
        Attempt.finished_at.is_not(None),
        Attempt.mode == AttemptMode.TEST,
        Attempt.kind == AttemptKind.SECTION,
        Attempt.ungraded == 0,  # an essay awaiting its grade: the attempt's marks are not known
    )
    if cohort_id is None:
        return query
    members = sa.select(Membership.user_id).where(Membership.cohort_id == cohort_id)
    return query.where(Attempt.user_id.in_(members))


def section_tests(session: Session, cohort_id: int) -> list[SectionTest]:
    """Every (section, number of questions) the class's learners finished a test of (1 query)."""
    query = (
        sa.select(
            Section.id,
            Section.title,
            Attempt.max_score,
            sa.func.count(sa.distinct(Attempt.user_id)),
        )
        .join(ServedQuestion, ServedQuestion.attempt_id == Attempt.id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .join(Section, Section.id == Question.section_id)
        .where(ServedQuestion.position == 1, Attempt.id.in_(_test_attempts(cohort_id)))
        .group_by(Section.id, Section.title, Section.order, Attempt.max_score)
        .order_by(Section.order, Attempt.max_score)
    )
    return [SectionTest(*row) for row in session.execute(query)]


def _rows_query(cohort_id: int | None, section_id: str) -> sa.Select:
    """(length, then a ServedRow's fields) of the section's tests, by length and finish time."""
    return (
        sa.select(
            Attempt.max_score,
            Attempt.id,
            Attempt.user_id,
            Attempt.finished_at,
            ServedQuestion.position,
            ServedQuestion.question_id,
            ServedQuestion.version_id,
            Response.score,
            Response.answer,
        )
        .join(ServedQuestion, ServedQuestion.attempt_id == Attempt.id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .outerjoin(Response, Response.served_id == ServedQuestion.id)
        .where(Attempt.id.in_(_test_attempts(cohort_id)), Question.section_id == section_id)
        .order_by(Attempt.max_score, Attempt.finished_at, Attempt.id, ServedQuestion.position)
        .execution_options(yield_per=STREAM_ROWS)
    )


def rows_of_test(
    session: Session, cohort_id: int | None, section_id: str, length: int
) -> Iterator[ServedRow]:
    """The served questions of the test's attempts, ordered by finish time and attempt."""
    query = _rows_query(cohort_id, section_id).where(Attempt.max_score == length)
    for row in session.execute(query):
        yield ServedRow(*row[1:])


def versions_by_id(session: Session, version_ids: set[int]) -> dict[int, QuestionVersion]:
    """The versions with these ids, with their questions (one query)."""
    if not version_ids:
        return {}
    query = (
        sa.select(QuestionVersion)
        .where(QuestionVersion.id.in_(sorted(version_ids)))
        .options(joinedload(QuestionVersion.question))
    )
    return {v.id: v for v in session.scalars(query)}


def item_info(version: QuestionVersion | None) -> ItemInfo:
    """What the version's question type says: random-guess score, options, how to read picks."""
    qtype = QUESTION_TYPES.get(version.question.type) if version is not None else None
    if qtype is None:
        return ItemInfo(random_guess=None)
    return ItemInfo(
        qtype.random_guess_score(version), tuple(qtype.option_labels(version)), qtype.picked_labels
    )


def _section_infos(
    session: Session, section_id: str
) -> tuple[dict[int, QuestionVersion], Callable[[int], ItemInfo]]:
    """The section's versions (one query), and their question-type facts by version id."""
    section_versions = (
        sa.select(QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Question.section_id == section_id)
    )
    versions = versions_by_id(session, set(session.scalars(section_versions)))
    infos = {vid: item_info(v) for vid, v in versions.items()}
    unknown = ItemInfo(random_guess=None)
    return versions, lambda vid: infos.get(vid, unknown)


def analysis_for(
    session: Session, cohort_id: int, section_id: str, length: int
) -> tuple[Analysis, dict[int, QuestionVersion]]:
    """The test's item analysis and the versions it describes (three queries)."""
    versions, info = _section_infos(session, section_id)
    return analyse(rows_of_test(session, cohort_id, section_id, length), info), versions


@dataclass(frozen=True)
class QuestionInTest:
    """A question's figures in one section test (all learners), beside the test's own."""

    length: int
    item: ItemFigures
    test: TestFigures


def question_analyses(session: Session, question: Question) -> list[QuestionInTest]:
    """The question's figures in every test of its section, all learners (three queries)."""
    _versions, info = _section_infos(session, question.section_id)
    found = []
    rows = session.execute(_rows_query(None, question.section_id))
    for length, group in groupby(rows, key=lambda row: row[0]):
        analysis = analyse((ServedRow(*row[1:]) for row in group), info)
        for item in analysis.items:
            if item.question_id == question.id:
                found.append(QuestionInTest(length, item, analysis.test))
    return found
