"""Starting a review quiz, and closing tests whose time ran out (flush, never commit)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptKind, AttemptState, User
from ..progress.schedule import due_query, review_horizon
from .engine import ATTEMPT_CONTENT, build_attempt, finish_attempt
from .errors import QuizError


def start_review(
    session: Session, user: User, mode: str, count: int, now: datetime, seed: int | None = None
) -> Attempt:
    """A review quiz of the learner's questions due today (FSRS), soonest due first."""
    rows = session.execute(due_query(user.id, review_horizon(now, user.time_zone))).all()
    if not rows:
        raise QuizError("Nothing is due for review today.")
    rows = rows[:count]
    return build_attempt(
        session,
        user,
        sorted({row.section_id for row in rows}),
        mode,
        count,
        kind=AttemptKind.REVIEW,
        seed=seed,
        question_ids=[row.question_id for row in rows],
        now=now,
    )


def finish_expired(session: Session, user_id: int, now: datetime) -> list[Attempt]:
    """Finish (at their deadlines) the learner's tests whose time ran out unfinished.

    All of them are held first, in id order, and only then finished one by one: finishing one
    takes the learner's progress and review rows, and a save or a finish of another of them
    racing this (an autosave that finds the time up finishes its test) would hold that attempt
    and wait for those rows while this waited for that attempt, a deadlock on PostgreSQL. Held
    first, the race is a wait. PostgreSQL locks the rows (FOR UPDATE); SQLite takes its
    database write lock with a write that changes nothing.
    """
    expired = (
        Attempt.user_id == user_id,
        Attempt.state == AttemptState.IN_PROGRESS,
        Attempt.deadline.is_not(None),
        Attempt.deadline < now,
    )
    if session.get_bind().dialect.name == "postgresql":
        held = sa.select(Attempt.id).where(*expired).order_by(Attempt.id).with_for_update()
        ids = list(session.scalars(held))
    else:
        ids = list(session.scalars(sa.select(Attempt.id).where(*expired).order_by(Attempt.id)))
        if ids:  # the write lock only when there is something to finish (every quiz page asks)
            touch = sa.update(Attempt).where(*expired).values(state=Attempt.state)
            session.execute(touch.execution_options(synchronize_session=False))
            held = sa.select(Attempt.id).where(*expired).order_by(Attempt.id)
            ids = list(session.scalars(held))
    if not ids:
        return []
    attempts = session.scalars(
        sa.select(Attempt)
        .where(Attempt.id.in_(ids))
        .order_by(Attempt.id)
        .options(*ATTEMPT_CONTENT)
        .execution_options(populate_existing=True)
    ).unique()
    return [finish_attempt(session, attempt, now) for attempt in attempts.all()]
