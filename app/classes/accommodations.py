"""Accommodations: extra time and attempts, a later due date, a reopened attempt; all logged.

Plain functions that take the session and flush; every change writes a line to the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from ..models import (
    Accommodation,
    AccommodationChange,
    Assignment,
    Attempt,
    AttemptState,
    Cohort,
    Membership,
    User,
)
from ..quiz.starting import attempt_built_on
from .assignments import learner_terms, own_attempts
from .terms import in_zone, local_to_utc

MAX_EXTRA_PERCENT = 300
MAX_EXTRA_MINUTES = 600
MAX_EXTRA_ATTEMPTS = 10


class AccommodationError(ValueError):
    """An accommodation cannot be made as asked; ``errors`` names the form field of each."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass
class AccommodationRequest:
    """What the instructor asked for one learner (times: wall clock in the class's zone)."""

    learner_id: int | None
    assignment_id: int | None = None
    extra_percent: int | None = None
    extra_minutes: int | None = None
    extra_attempts: int | None = None
    due_local: datetime | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _log(session: Session, cohort: Cohort, learner_id: int, assignment_id, actor: User, what: str):
    session.add(
        AccommodationChange(
            cohort_id=cohort.id, user_id=learner_id, assignment_id=assignment_id,
            actor_id=actor.id, what=what[:300],
        )
    )  # fmt: skip


def _checked(session: Session, cohort: Cohort, ask: AccommodationRequest) -> Assignment | None:
    errors = ask.errors
    if ask.learner_id is None or session.get(Membership, (cohort.id, ask.learner_id)) is None:
        errors["learner"] = "That learner is not in this class."
    assignment = None
    if ask.assignment_id is not None:
        assignment = session.get(Assignment, ask.assignment_id)
        if assignment is None or assignment.cohort_id != cohort.id:
            errors["assignment"] = "Choose one of this class's assignments."
            assignment = None
    if ask.extra_percent is not None and not 1 <= ask.extra_percent <= MAX_EXTRA_PERCENT:
        errors["extra_percent"] = f"Extra time is from 1 to {MAX_EXTRA_PERCENT} %."
    if ask.extra_minutes is not None and not 1 <= ask.extra_minutes <= MAX_EXTRA_MINUTES:
        errors["extra_minutes"] = f"Extra minutes are from 1 to {MAX_EXTRA_MINUTES}."
    if ask.extra_percent is not None and ask.extra_minutes is not None:
        errors["extra_minutes"] = "Give extra time in % or in minutes, not both."
    if ask.extra_attempts is not None and not 0 <= ask.extra_attempts <= MAX_EXTRA_ATTEMPTS:
        errors["extra_attempts"] = f"Extra attempts are from 0 to {MAX_EXTRA_ATTEMPTS}."
    if ask.due_local is not None:
        if ask.assignment_id is None:
            errors["due_local"] = "A due date moves for one assignment: choose it above."
        elif assignment is not None and local_to_utc(ask.due_local, cohort.time_zone) <= (
            assignment.opens_at
        ):
            errors["due_local"] = "The new due date must come after the assignment opens."
    asked = (ask.extra_percent, ask.extra_minutes, ask.extra_attempts, ask.due_local)
    if all(value is None for value in asked):
        errors["extra_percent"] = "Give extra time, extra attempts or a new due date."
    return assignment


def set_accommodation(
    session: Session, cohort: Cohort, actor: User, ask: AccommodationRequest
) -> Accommodation:
    """Save an accommodation (replacing the fields given) and log it; nothing on bad input."""
    assignment = _checked(session, cohort, ask)
    if ask.errors:
        raise AccommodationError(ask.errors)
    row = session.scalar(
        sa.select(Accommodation).where(
            Accommodation.cohort_id == cohort.id,
            Accommodation.user_id == ask.learner_id,
            Accommodation.assignment_id.is_(None)
            if assignment is None
            else Accommodation.assignment_id == assignment.id,
        )
    )
    if row is None:
        row = Accommodation(cohort_id=cohort.id, user_id=ask.learner_id,
                            assignment_id=assignment.id if assignment else None)  # fmt: skip
        session.add(row)
    said = []
    if ask.extra_percent is not None:
        row.time_factor, row.extra_minutes = 1 + ask.extra_percent / 100, None
        said.append(f"extra time {ask.extra_percent} %")
    if ask.extra_minutes is not None:
        row.extra_minutes, row.time_factor = ask.extra_minutes, None
        said.append(f"extra time {ask.extra_minutes} min")
    if ask.extra_attempts is not None:
        row.extra_attempts = ask.extra_attempts
        said.append(f"{ask.extra_attempts} extra attempt{'s' if ask.extra_attempts != 1 else ''}")
    if ask.due_local is not None:
        row.due_at = local_to_utc(ask.due_local, cohort.time_zone)
        said.append(f"due {in_zone(row.due_at, cohort.time_zone)} ({cohort.time_zone})")
    scope = f"on “{assignment.title}”" if assignment else "on every assignment"
    _log(session, cohort, ask.learner_id, row.assignment_id, actor, f"{'; '.join(said)} {scope}")
    session.flush()
    return row


def clear_accommodation(session: Session, cohort: Cohort, actor: User, row: Accommodation) -> None:
    """Remove an accommodation, logged."""
    title = session.get(Assignment, row.assignment_id).title if row.assignment_id else None
    scope = f"on “{title}”" if title else "on every assignment"
    _log(session, cohort, row.user_id, row.assignment_id, actor, f"accommodation removed {scope}")
    session.delete(row)
    session.flush()


def reopen_attempt(
    session: Session, cohort: Cohort, actor: User, attempt: Attempt, now: datetime
) -> Attempt | None:
    """Reopen a finished attempt as Moodle does: a new attempt, built on its answers; None
    when the learner has an attempt open already, or ``attempt`` is not finished.

    The finished attempt stays as it was, with its score, its essays' grades and what it
    counted in progress; the new one is timed from now (with the learner's extra time),
    counts when it is finished, and its essays are graded anew. It is the instructor's
    override of the attempts allowed. Two reopens racing take the same next number: the
    unique number per learner and assignment lets one of them make it.
    """
    assignment = session.get(Assignment, attempt.assignment_id)
    attempts = own_attempts(session, assignment.id, attempt.user_id)
    if attempt.state is not AttemptState.FINISHED or any(
        other.state is AttemptState.IN_PROGRESS for other in attempts
    ):
        return None
    terms = learner_terms(session, assignment, attempt.user_id)
    deadline = now + timedelta(minutes=terms.time_limit) if terms.time_limit else None
    number = max(other.attempt_number or 0 for other in attempts) + 1
    try:
        with session.begin_nested():
            new = attempt_built_on(session, attempt, number=number, now=now, deadline=deadline)
    except IntegrityError:
        return None  # another request made that attempt first
    what = f"reopened attempt {attempt.attempt_number} of “{assignment.title}” as attempt {number}"
    _log(session, cohort, attempt.user_id, assignment.id, actor, what)
    session.flush()
    return new


def class_accommodations(session: Session, cohort: Cohort) -> list[tuple[Accommodation, str, str]]:
    """The class's accommodations as (row, learner's name, assignment title or "")."""
    query = (
        sa.select(Accommodation, User.username, Assignment.title)
        .join(User, User.id == Accommodation.user_id)
        .outerjoin(Assignment, Assignment.id == Accommodation.assignment_id)
        .where(Accommodation.cohort_id == cohort.id)
        .order_by(User.username, Assignment.due_at)
    )
    return [(row, name, title or "") for row, name, title in session.execute(query)]


def accommodation_log(session: Session, cohort: Cohort, limit: int = 200) -> list:
    """The class's accommodation log, newest first: (change, learner's name, actor's name)."""
    actor = aliased(User)
    query = (
        sa.select(AccommodationChange, User.username, actor.username)
        .join(User, User.id == AccommodationChange.user_id)
        .outerjoin(actor, actor.id == AccommodationChange.actor_id)
        .where(AccommodationChange.cohort_id == cohort.id)
        .order_by(AccommodationChange.at.desc(), AccommodationChange.id.desc())
        .limit(limit)
    )
    return session.execute(query).all()
