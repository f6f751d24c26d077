"""When an assignment's attempt may show its keys and feedback (Moodle's review options)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Accommodation, Assignment, Attempt, ShowAnswers


@dataclass(frozen=True)
class AnswersShown:
    """Whether keys and feedback show now; if not, from when (None: never)."""

    now: bool
    from_: datetime | None = None


ALWAYS = AnswersShown(True)

# The latest due date of anyone in the class: a learner given more time must not find the keys
# in a classmate's review while still working.
_LATEST_EXTENSION = (
    sa.select(sa.func.max(Accommodation.due_at))
    .where(Accommodation.assignment_id == Assignment.id)
    .scalar_subquery()
)
_POLICY = (
    sa.select(Assignment.show_answers, Assignment.due_at, _LATEST_EXTENSION)
    .join(Attempt, Attempt.assignment_id == Assignment.id)
    .where(Attempt.id == sa.bindparam("attempt_id"))
)


def answers_shown(session: Session, attempt, now: datetime) -> AnswersShown:
    """ALWAYS outside assignments (no query); else what the assignment's review option allows.

    ``attempt`` is an Attempt or an AttemptRow (quiz.attempts): both carry ``assignment_id``."""
    if attempt.assignment_id is None:
        return ALWAYS
    row = session.execute(_POLICY, {"attempt_id": attempt.id}).first()
    if row is None:
        return ALWAYS
    show, due, extended = row
    if show is ShowAnswers.AT_ONCE:
        return ALWAYS
    if show is ShowAnswers.NEVER:
        return AnswersShown(False)
    from_ = max(due, extended) if extended else due
    return ALWAYS if now > from_ else AnswersShown(False, from_)
