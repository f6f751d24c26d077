"""Grading essays by hand: an instructor's grade of one response (flush, never commit).

A response waiting for its grade (``GradingState.AWAITING``) moves to graded once; grading it
again is a regrade. Each grading names the revision it was made on (0: never graded): the
database takes it only if that is still the latest, so of two instructors grading one answer at
once, the second is told and nothing of theirs is written. Then the attempt's score is summed
again, the learner's section level and review card are replayed with the grade counted, and an
attempt with nothing left to grade is announced (LTI passes its score back).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptState,
    GradingState,
    Response,
    ResponseGrade,
    User,
    can_move,
)
from ..progress.mastery import FULL_MARKS
from ..progress.updates import rebuild_review_card, rebuild_section_progress
from ..questions import get_type
from ..quiz.awaiting import attempt_graded

MAX_COMMENT = 2000  # characters of the comment the learner reads


class GradingError(ValueError):
    """A grade that cannot be taken as given (out of range, a comment too long, not an essay)."""


class GradingConflict(GradingError):
    """Someone graded this response since the form was opened: nothing was written."""


@dataclass(frozen=True)
class GradeInput:
    """A checked grade: points in [0, maximum] and a comment within its length."""

    points: float
    comment: str


def check_grade(points: Any, comment: Any, maximum: int) -> GradeInput:
    """The grade as given, checked; GradingError saying what is wrong."""
    if isinstance(points, bool) or points is None or points == "":
        raise GradingError(f"Give the points, from 0 to {maximum}.")
    try:
        value = float(points)
    except (TypeError, ValueError):
        raise GradingError(f"The points are a number from 0 to {maximum}.") from None
    if not math.isfinite(value) or value < 0:
        raise GradingError(f"The points cannot be below 0 (from 0 to {maximum}).")
    if value > maximum:
        raise GradingError(f"The points cannot be above the maximum, {maximum}.")
    text = (comment or "").strip() if isinstance(comment, str | None) else None
    if text is None:
        raise GradingError("The comment must be text.")
    if len(text) > MAX_COMMENT:
        raise GradingError(
            f"The comment is {len(text)} characters long; at most {MAX_COMMENT} are kept."
        )
    return GradeInput(value, text)


def maximum_of(response: Response) -> int:
    """The points this response is graded out of (its question's)."""
    version = response.served.version
    return get_type(version.question.type).max_points(version)


def grade_response(
    session: Session,
    response: Response,
    *,
    points: Any,
    comment: Any,
    revision: int,
    grader: User,
    now: datetime,
) -> ResponseGrade:
    """Grade (or regrade) a response of a finished attempt, made on ``revision`` of its grade.

    GradingError for a grade out of range or a response not graded by hand; GradingConflict
    when another grading came first (the caller rolls back).
    """
    served = response.served
    maximum = maximum_of(response)
    given = check_grade(points, comment, maximum)
    if not can_move(response.grading, GradingState.GRADED):
        raise GradingError("This answer is graded by its question, not by hand.")
    attempt = session.get(Attempt, response.attempt_id)
    if attempt is None or attempt.state is not AttemptState.FINISHED:
        raise GradingError("The attempt is not finished: its answers may still change.")
    _hold_attempt(session, attempt.id)
    score = given.points / maximum if maximum else 0.0
    first = revision == 0
    if first:  # awaiting → graded, once
        won = session.execute(
            sa.update(Response)
            .where(Response.id == response.id, Response.grading == GradingState.AWAITING)
            .values(grading=GradingState.GRADED, score=score, correct=score >= FULL_MARKS)
            .execution_options(synchronize_session=False)
        ).rowcount
    else:  # graded → graded: a regrade, on the latest grade only
        won = session.execute(
            sa.update(ResponseGrade)
            .where(ResponseGrade.response_id == response.id, ResponseGrade.revision == revision)
            .values(
                points=given.points, max_points=maximum, comment=given.comment,
                grader_id=grader.id, graded_at=now, revision=revision + 1,
            )
            .execution_options(synchronize_session=False)
        ).rowcount  # fmt: skip
    if won != 1:
        raise GradingConflict(
            "Someone else graded this answer while you were grading it: their grade is shown "
            "now. Yours was not saved; grade it again if it should change."
        )
    if first:
        session.add(
            ResponseGrade(
                response_id=response.id, points=given.points, max_points=maximum,
                comment=given.comment, grader_id=grader.id, graded_at=now, revision=1,
            )
        )  # fmt: skip
        session.execute(
            sa.update(Attempt)
            .where(Attempt.id == attempt.id)
            .values(ungraded=sa.case((Attempt.ungraded > 0, Attempt.ungraded - 1), else_=0))
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(
            sa.update(Response)
            .where(Response.id == response.id)
            .values(score=score, correct=score >= FULL_MARKS)
            .execution_options(synchronize_session=False)
        )
    _sum_score(session, attempt.id)
    session.flush()
    session.expire_all()  # the ORM's copies of the response, its grade and attempt are stale
    question = served.version.question
    rebuild_section_progress(session, attempt.user_id, question.section_id)
    rebuild_review_card(session, attempt.user_id, question.id)
    attempt = session.get(Attempt, attempt.id)
    if attempt.ungraded == 0:
        attempt_graded.send(session, attempt=attempt)
    session.flush()
    return session.get(ResponseGrade, response.id)


def _hold_attempt(session: Session, attempt_id: int) -> None:
    """Hold the attempt until this transaction ends, before its responses change: two gradings
    of its answers then sum its score one after the other, each seeing the other's grade.
    Attempt rows are taken before progress rows, as a finish and a regrade take them.

    PostgreSQL locks the row (FOR UPDATE); SQLite takes its write lock with a write that
    changes nothing.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(Attempt.id).where(Attempt.id == attempt_id).with_for_update())
    else:
        session.execute(
            sa.update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(state=Attempt.state)
            .execution_options(synchronize_session=False)
        )


def _sum_score(session: Session, attempt_id: int) -> None:
    """The attempt's score is the sum of its responses' scores, summed in SQL."""
    total = (
        sa.select(sa.func.coalesce(sa.func.sum(Response.score), 0.0))
        .where(Response.attempt_id == Attempt.id)
        .scalar_subquery()
    )
    session.execute(
        sa.update(Attempt)
        .where(Attempt.id == attempt_id)
        .values(score=total)
        .execution_options(synchronize_session=False)
    )


def response_for_grading(session: Session, response_id: int) -> Response | None:
    """A response graded by hand, with what it answered (None for any other id)."""
    response = session.get(Response, response_id)
    if response is None or response.grading is GradingState.AUTO:
        return None
    return response
