"""Where a learner stands on an assignment: attempts, best score, late or missing (read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Accommodation, Assignment, Attempt, AttemptState, Cohort, Membership, User
from .assignments import learner_terms, own_attempts
from .terms import Terms, terms_for


def share(score: float | None, max_score: int) -> float:
    """A finished attempt's score as a share of its marks (0 when it had none)."""
    return (score or 0.0) / max_score if max_score else 0.0


@dataclass
class AssignmentStatus:
    """One learner's standing on one assignment at ``now``."""

    assignment: Assignment
    class_name: str
    zone: str
    terms: Terms
    attempts: list[Attempt]
    now: datetime

    @property
    def opened(self) -> bool:
        return self.now >= self.assignment.opens_at

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if a.state is AttemptState.IN_PROGRESS), None)

    @property
    def finished(self) -> list[Attempt]:
        return [a for a in self.attempts if a.state is AttemptState.FINISHED]

    @property
    def best(self) -> float | None:
        """The best graded attempt's share of the marks (Moodle's "highest grade"); an attempt
        whose essays wait for their grade has no score yet."""
        done = [a for a in self.finished if not a.awaiting_grading]
        return max(share(a.score, a.max_score) for a in done) if done else None

    @property
    def awaiting_grading(self) -> bool:
        """A finished attempt waits for an instructor's grade."""
        return any(a.awaiting_grading for a in self.finished)

    @property
    def late(self) -> bool:
        """Work handed in after the learner's due date (their first finished attempt)."""
        done = [a.finished_at for a in self.finished if a.finished_at]
        return bool(done) and min(done) > self.terms.due_at

    @property
    def missing(self) -> bool:
        """Past the learner's due date with nothing finished."""
        return not self.finished and self.now > self.terms.due_at

    @property
    def attempts_left(self) -> int:
        return max(0, self.terms.attempts_allowed - len(self.attempts))

    @property
    def can_start(self) -> bool:
        return self.opened and self.in_progress is None and self.attempts_left > 0

    @property
    def done(self) -> bool:
        return bool(self.finished) and self.in_progress is None


def learner_assignments(session: Session, user: User, now: datetime) -> list[AssignmentStatus]:
    """The assignments of the learner's classes, unfinished first, soonest due first (3 queries)."""
    found = session.execute(
        sa.select(Assignment, Cohort.name, Cohort.time_zone)
        .join(Cohort, Cohort.id == Assignment.cohort_id)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Membership.user_id == user.id, Cohort.archived.is_(False))
    ).all()
    if not found:
        return []
    ids = [assignment.id for assignment, _name, _zone in found]
    attempts: dict[int, list[Attempt]] = {i: [] for i in ids}
    for attempt in session.scalars(
        sa.select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.assignment_id.in_(ids))
        .order_by(Attempt.attempt_number)
    ):
        attempts[attempt.assignment_id].append(attempt)
    accommodations = list(
        session.scalars(sa.select(Accommodation).where(Accommodation.user_id == user.id))
    )
    statuses = []
    for assignment, name, zone in found:
        own = [a for a in accommodations if a.cohort_id == assignment.cohort_id]
        terms = terms_for(assignment, own)
        statuses.append(
            AssignmentStatus(assignment, name, zone, terms, attempts[assignment.id], now)
        )
    return sorted(statuses, key=lambda s: (s.done, s.terms.due_at, s.assignment.id))


def assignment_status(
    session: Session, assignment: Assignment, user: User, now: datetime
) -> AssignmentStatus:
    """One learner's standing on one assignment (three queries)."""
    cohort = session.get(Cohort, assignment.cohort_id)
    attempts = own_attempts(session, assignment.id, user.id)
    terms = learner_terms(session, assignment, user.id)
    return AssignmentStatus(assignment, cohort.name, cohort.time_zone, terms, attempts, now)


def class_statuses(
    session: Session, cohort: Cohort, user: User, now: datetime
) -> list[AssignmentStatus]:
    """One learner's standing on each of the class's assignments, soonest due first."""
    assignments = session.scalars(
        sa.select(Assignment)
        .where(Assignment.cohort_id == cohort.id)
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    attempts: dict[int, list[Attempt]] = {a.id: [] for a in assignments}
    for attempt in session.scalars(
        sa.select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.assignment_id.in_(list(attempts)))
        .order_by(Attempt.attempt_number)
    ):
        attempts[attempt.assignment_id].append(attempt)
    accommodations = list(
        session.scalars(
            sa.select(Accommodation).where(
                Accommodation.cohort_id == cohort.id, Accommodation.user_id == user.id
            )
        )
    )
    return [
        AssignmentStatus(a, cohort.name, cohort.time_zone, terms_for(a, accommodations),
                         attempts[a.id], now)
        for a in assignments
    ]  # fmt: skip
