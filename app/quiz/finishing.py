"""Finishing an attempt and grading it, once, and closing tests whose time ran out (flush only)."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

import sqlalchemy as sa
from blinker import signal
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptState
from ..progress.updates import counted_questions, record_finished_attempt
from .attempts import AttemptRow, load_attempt
from .awaiting import await_hand_grading

# Sent (session, attempt=) by the one request that finished an attempt, inside its transaction:
# features that follow finished attempts (LTI grade passback) listen without the quiz knowing.
attempt_finished = signal("quiz.attempt-finished")

# An attempt moves out of "in progress" once, in one conditional statement. Built once.
_ATTEMPTS = Attempt.__table__
_CLOSE = (
    sa.update(_ATTEMPTS)
    .where(
        _ATTEMPTS.c.id == sa.bindparam("attempt_id"),
        _ATTEMPTS.c.state == AttemptState.IN_PROGRESS,
    )
    .values(state=AttemptState.FINISHED, finished_at=sa.bindparam("ended"))
)
_GRADE = (
    sa.update(_ATTEMPTS)
    .where(_ATTEMPTS.c.id == sa.bindparam("attempt_id"))
    .values(
        score=sa.bindparam("score"),
        max_score=sa.bindparam("max_score"),
        ungraded=sa.bindparam("ungraded"),
    )
)


def finish_attempt(session: Session, attempt: AttemptRow, now: datetime) -> AttemptRow:
    """Finish and grade; finishing twice changes nothing. ``attempt`` is read again from the
    database (in place) and returned.

    A test's unanswered questions score 0; a practice's unseen ones are left out (see
    progress.updates.counted_questions).

    A late finish counts as at the deadline. Only the request whose conditional UPDATE moved the
    attempt out of "in progress" grades it and updates progress and the review schedule; a
    racing second finish just reads the result.
    """
    if attempt.finished:
        return attempt
    ended = min(now, attempt.deadline) if attempt.deadline else now
    moved = session.execute(_CLOSE, {"attempt_id": attempt.id, "ended": ended}).rowcount == 1
    # what is stored now: answers saved under a hold committed before the UPDATE could proceed
    _read_again(session, attempt)
    if not moved:
        return attempt
    # essays wait for an instructor: left out of progress until graded (see quiz.awaiting)
    attempt.ungraded = await_hand_grading(session, attempt)
    attempt.score = sum(s.response.score for s in attempt.served_questions if s.response)
    attempt.max_score = len(counted_questions(attempt))
    grade = {
        "attempt_id": attempt.id,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "ungraded": attempt.ungraded,
    }
    session.execute(_GRADE, grade)
    record_finished_attempt(session, attempt, ended)
    session.flush()
    attempt_finished.send(session, attempt=attempt)
    return attempt


def _read_again(session: Session, attempt: AttemptRow) -> None:
    """Replace what ``attempt`` holds with what the database holds now."""
    stored = load_attempt(session, attempt.id, attempt.user_id)
    for name in (f.name for f in fields(AttemptRow)):
        setattr(attempt, name, getattr(stored, name))


def finish_expired(session: Session, user_id: int, now: datetime) -> list[AttemptRow]:
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
    attempts = [load_attempt(session, attempt_id, user_id) for attempt_id in ids]
    return [finish_attempt(session, attempt, now) for attempt in attempts]
