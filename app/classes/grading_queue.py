"""The grading queue of a class: answers graded by hand, by assignment or by question, the
ones still waiting first, oldest first (read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Assignment,
    Attempt,
    AttemptState,
    Cohort,
    GradingState,
    Question,
    QuestionVersion,
    Response,
    ResponseGrade,
    ServedQuestion,
    User,
)


@dataclass(frozen=True)
class QueueFilter:
    """Which answers a queue lists: one assignment's, one question's, or all the class's."""

    assignment_id: int | None = None
    question_id: str | None = None

    def args(self) -> dict[str, int | str]:
        """The filter as the pages' query string (?assignment=, ?question=)."""
        found: dict[str, int | str] = {}
        if self.assignment_id is not None:
            found["assignment"] = self.assignment_id
        if self.question_id is not None:
            found["question"] = self.question_id
        return found


@dataclass(frozen=True)
class QueueItem:
    """One answer to grade (or graded): whose, where from, and its grade so far."""

    response_id: int
    username: str
    assignment_title: str
    question_id: str
    stem: str
    finished_at: datetime
    state: GradingState
    points: float | None
    max_points: int | None

    @property
    def waiting(self) -> bool:
        return self.state is GradingState.AWAITING


def _queue_query(cohort: Cohort, wanted: QueueFilter) -> sa.Select:
    query = (
        sa.select(
            Response.id,
            User.username,
            Assignment.title,
            Question.id.label("question_id"),
            QuestionVersion.stem,
            Attempt.finished_at,
            Response.grading,
            ResponseGrade.points,
            ResponseGrade.max_points,
        )
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .join(User, User.id == Attempt.user_id)
        .join(QuestionVersion, QuestionVersion.id == ServedQuestion.version_id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .outerjoin(ResponseGrade, ResponseGrade.response_id == Response.id)
        .where(
            Assignment.cohort_id == cohort.id,
            Attempt.state == AttemptState.FINISHED,
            Response.grading != GradingState.AUTO,
        )
        # next ungraded first: the waiting ones, the oldest handed in first
        .order_by(
            sa.case((Response.grading == GradingState.AWAITING, 0), else_=1),
            Attempt.finished_at,
            Response.id,
        )
    )
    if wanted.assignment_id is not None:
        query = query.where(Assignment.id == wanted.assignment_id)
    if wanted.question_id is not None:
        query = query.where(Question.id == wanted.question_id)
    return query


def grading_queue(session: Session, cohort: Cohort, wanted: QueueFilter) -> list[QueueItem]:
    """The class's answers graded by hand that ``wanted`` selects, next ungraded first."""
    return [QueueItem(*row) for row in session.execute(_queue_query(cohort, wanted))]


def next_ungraded(
    session: Session, cohort: Cohort, wanted: QueueFilter, *, skip: int | None = None
) -> int | None:
    """The id of the next answer waiting for its grade (not ``skip``), or None."""
    query = _queue_query(cohort, wanted).where(Response.grading == GradingState.AWAITING)
    if skip is not None:
        query = query.where(Response.id != skip)
    return session.scalar(query.with_only_columns(Response.id).limit(1))


@dataclass(frozen=True)
class QueueChoice:
    """An assignment or a question the queue can be narrowed to, with its waiting count."""

    key: int | str
    label: str
    waiting: int
    total: int


def queue_choices(session: Session, cohort: Cohort) -> tuple[list[QueueChoice], list[QueueChoice]]:
    """The assignments and the questions of the class that have answers graded by hand."""
    base = _queue_query(cohort, QueueFilter()).order_by(None).subquery()
    waiting = sa.func.sum(sa.case((base.c.grading == GradingState.AWAITING, 1), else_=0))
    by_assignment = session.execute(
        sa.select(Assignment.id, Assignment.title, waiting, sa.func.count())
        .select_from(base)
        .join(Response, Response.id == base.c.id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .group_by(Assignment.id, Assignment.title, Assignment.due_at)
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    by_question = session.execute(
        sa.select(base.c.question_id, sa.func.min(base.c.stem), waiting, sa.func.count())
        .group_by(base.c.question_id)
        .order_by(base.c.question_id)
    ).all()
    return (
        [QueueChoice(key, label, int(w or 0), n) for key, label, w, n in by_assignment],
        [QueueChoice(key, label, int(w or 0), n) for key, label, w, n in by_question],
    )


def waiting_count(session: Session, cohort: Cohort) -> int:
    """How many answers of the class wait for their grade."""
    query = _queue_query(cohort, QueueFilter()).where(Response.grading == GradingState.AWAITING)
    counted = query.with_only_columns(sa.func.count()).order_by(None)
    return session.scalar(counted) or 0
