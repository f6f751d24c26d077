"""Regrading: re-score past responses to a question by its current version (flush, never commit).

An instructor corrects a key or accepts another answer (a new version), looks at whose scores
would change (plan_regrade), then applies exactly that (apply_regrade): each response is
updated only if its score is still the one the preview showed, attempt scores are summed again
in the database, the learners' section levels and review cards are replayed, and the change is
logged (Regrade, RegradeChange).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..classes.access import runs_cohort
from ..models import (
    Attempt,
    AttemptState,
    Cohort,
    GradingState,
    Membership,
    Question,
    Regrade,
    RegradeChange,
    Response,
    ServedQuestion,
    User,
)
from ..progress.mastery import FULL_MARKS
from ..progress.updates import rebuild_review_card, rebuild_section_progress
from ..questions import get_type, grade
from .review import edit_question

SAME = 1e-9  # scores closer than this are the same score


class RegradeError(ValueError):
    """A regrade that cannot be done as asked (no current version, an answer of another type)."""


class RegradeConflict(RegradeError):
    """The responses or the question changed since the preview: nothing was changed."""


@dataclass(frozen=True)
class ScoreChange:
    """One past response whose score the current version changes."""

    response_id: int
    attempt_id: int
    user_id: int
    username: str
    answer: Any
    old: float
    new: float
    attempt_finished: bool
    old_attempt_score: float | None
    new_attempt_score: float | None


@dataclass(frozen=True)
class RegradePlan:
    """Whose scores a regrade of ``question_id`` by ``version_id`` would change."""

    question_id: str
    version_id: int
    version_number: int
    responses: int  # past responses looked at
    changes: tuple[ScoreChange, ...]

    @property
    def token(self) -> str:
        """What the preview showed, as a digest: apply refuses to do anything else."""
        parts = [self.question_id, str(self.version_id)]
        parts += [f"{c.response_id}:{c.old!r}:{c.new!r}" for c in self.changes]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    @property
    def learners(self) -> int:
        return len({c.user_id for c in self.changes})


def plan_regrade(session: Session, question: Question) -> RegradePlan:
    """Grade every past response to ``question`` by its current version; list what changes."""
    version = question.current
    if version is None:
        raise RegradeError("The question has no version to grade by.")
    rows = session.execute(
        sa.select(
            Response.id,
            Response.answer,
            Response.score,
            Attempt.id,
            Attempt.user_id,
            User.username,
            Attempt.state,
            Attempt.score,
        )
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Attempt, Attempt.id == ServedQuestion.attempt_id)
        .join(User, User.id == Attempt.user_id)
        # an essay's grade is an instructor's (classes.grading): never re-scored here
        .where(ServedQuestion.question_id == question.id, Response.grading == GradingState.AUTO)
        .order_by(Attempt.id, Response.id)
    ).all()
    changes = []
    for response_id, answer, old, attempt_id, user_id, username, state, attempt_score in rows:
        new = grade(question.type, version, answer)
        if abs(new - old) <= SAME:
            continue
        finished = state is AttemptState.FINISHED
        changes.append(
            ScoreChange(
                response_id=response_id,
                attempt_id=attempt_id,
                user_id=user_id,
                username=username,
                answer=answer,
                old=old,
                new=new,
                attempt_finished=finished,
                old_attempt_score=attempt_score if finished else None,
                new_attempt_score=(attempt_score or 0.0) + new - old if finished else None,
            )
        )
    return RegradePlan(question.id, version.id, version.number, len(rows), tuple(changes))


def apply_regrade(
    session: Session, question: Question, *, token: str, instructor: User, now: datetime
) -> Regrade:
    """Apply the previewed regrade (``token`` from its plan); RegradeConflict when anything
    changed since, in which case nothing is written (the caller rolls back)."""
    _hold_attempts(session, question)
    plan = plan_regrade(session, question)
    if plan.token != token:
        raise RegradeConflict(
            "The responses or the question changed since the preview: look at it again."
        )
    if not plan.changes:
        raise RegradeError("No past response changes score: there is nothing to regrade.")
    for change in plan.changes:
        # conditional: a response re-scored meanwhile (another regrade) is not written twice
        updated = session.execute(
            sa.update(Response)
            .where(Response.id == change.response_id, Response.score == change.old)
            .values(score=change.new, correct=change.new >= FULL_MARKS)
            .execution_options(synchronize_session=False)
        )
        if updated.rowcount != 1:
            raise RegradeConflict("Another regrade changed these scores meanwhile: look again.")
    # every attempt changed: the statement sums only those finished (in progress, none is)
    attempt_ids = sorted({c.attempt_id for c in plan.changes})
    _sum_attempt_scores(session, attempt_ids)
    session.expire_all()  # the ORM's copies of responses and attempts are stale now
    for user_id in sorted({c.user_id for c in plan.changes}):
        rebuild_section_progress(session, user_id, question.section_id)
        rebuild_review_card(session, user_id, question.id)
    log = Regrade(
        question_id=question.id,
        version_id=plan.version_id,
        instructor_id=instructor.id,
        created_at=now,
    )
    scores = _attempt_scores(session, attempt_ids)
    log.changes = [
        RegradeChange(
            response_id=c.response_id,
            attempt_id=c.attempt_id,
            user_id=c.user_id,
            old_score=c.old,
            new_score=c.new,
            old_attempt_score=c.old_attempt_score,
            new_attempt_score=scores.get(c.attempt_id),
        )
        for c in plan.changes
    ]
    session.add(log)
    session.flush()
    return log


def _hold_attempts(session: Session, question: Question) -> None:
    """Hold every attempt that answered ``question`` until this transaction ends, before the
    plan is read: a finish racing the regrade then waits and sums the new scores, or finished
    first and the plan sees it finished (and sums it again). Attempt rows are always taken
    before progress rows (as a finish and finish_expired do), in id order: no deadlock.

    PostgreSQL locks the rows (SELECT ... FOR UPDATE); SQLite takes its database write lock with
    a write that changes nothing.
    """
    answered = (
        sa.select(ServedQuestion.attempt_id)
        .join(Response, Response.served_id == ServedQuestion.id)
        .where(ServedQuestion.question_id == question.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.select(Attempt.id)
            .where(Attempt.id.in_(answered))
            .order_by(Attempt.id)
            .with_for_update()
        ).all()
    else:
        session.execute(
            sa.update(Attempt)
            .where(Attempt.id.in_(answered))
            .values(state=Attempt.state)
            .execution_options(synchronize_session=False)
        )


def _sum_attempt_scores(session: Session, attempt_ids: list[int]) -> None:
    """Each finished attempt's score is the sum of its responses' scores, summed in SQL."""
    if not attempt_ids:
        return
    total = (
        sa.select(sa.func.coalesce(sa.func.sum(Response.score), 0.0))
        .where(Response.attempt_id == Attempt.id)
        .scalar_subquery()
    )
    session.execute(
        sa.update(Attempt)
        .where(Attempt.id.in_(attempt_ids), Attempt.state == AttemptState.FINISHED)
        .values(score=total)
        .execution_options(synchronize_session=False)
    )


def _attempt_scores(session: Session, attempt_ids: list[int]) -> dict[int, float | None]:
    if not attempt_ids:
        return {}
    rows = session.execute(sa.select(Attempt.id, Attempt.score).where(Attempt.id.in_(attempt_ids)))
    return {attempt_id: score for attempt_id, score in rows}


def regrade_log(session: Session, question: Question) -> list[Regrade]:
    """The question's regrades, newest first, with their changes and learners."""
    return list(
        session.scalars(
            sa.select(Regrade)
            .where(Regrade.question_id == question.id)
            .order_by(Regrade.created_at.desc(), Regrade.id.desc())
        )
    )


def accept_answer(session: Session, question: Question, answer: str, *, instructor: User) -> bool:
    """Add ``answer`` to a short-answer question's accepted answers as a new version.

    False (nothing changed) when the current version already grades it right.
    """
    answer = " ".join((answer or "").split())
    if not get_type(question.type).takes_accepted:
        raise RegradeError("Only short-answer questions have accepted answers.")
    if not answer or len(answer) > 300:
        raise RegradeError("Type the answer to accept (at most 300 characters).")
    current = question.current
    if current is None:
        raise RegradeError("The question has no version to add to.")
    if grade(question.type, current, answer) >= FULL_MARKS:
        return False
    content = {
        "stem": current.stem,
        "choices": list(current.choices),
        "answer": current.answer,
        "accepted": [*current.accepted, answer],
        "explanation": current.explanation,
        "source": dict(current.source),
    }
    edit_question(
        session,
        question,
        section_id=question.section_id,
        question_type=question.type,
        content=content,
        author=instructor,
    )
    return True


def taught_learners(session: Session, instructor: User, user_ids: set[int]) -> set[int]:
    """Which of ``user_ids`` the instructor may see by name: their classes' (an admin's all)."""
    if instructor.is_admin or not user_ids:
        return set(user_ids)
    rows = session.scalars(
        sa.select(Membership.user_id)
        .join(Cohort, Cohort.id == Membership.cohort_id)
        .where(runs_cohort(instructor.id), Membership.user_id.in_(user_ids))
    )
    return set(rows)
