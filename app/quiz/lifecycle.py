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
    """Finish (at their deadlines) the learner's tests whose time ran out unfinished."""
    expired = (
        session.scalars(
            sa.select(Attempt)
            .where(
                Attempt.user_id == user_id,
                Attempt.state == AttemptState.IN_PROGRESS,
                Attempt.deadline.is_not(None),
                Attempt.deadline < now,
            )
            .options(*ATTEMPT_CONTENT)
        )
        .unique()
        .all()
    )
    return [finish_attempt(session, attempt, now) for attempt in expired]
