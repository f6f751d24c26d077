"""Assignments: give a class a quiz, and start one as a learner (plain functions, flush only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Accommodation,
    Assignment,
    Attempt,
    AttemptMode,
    AttemptState,
    Cohort,
    Membership,
    Question,
    Section,
    ShowAnswers,
    User,
)
from ..questions import self_graded_types
from ..quiz.attempts import AttemptRow
from ..quiz.selection import servable_query
from ..quiz.starting import MAX_QUESTIONS, MAX_TIME_LIMIT_MINUTES, build_attempt
from .terms import Terms, in_zone, local_to_utc, terms_for

MAX_ATTEMPTS_ALLOWED = 10


class AssignmentError(ValueError):
    """An assignment cannot be made as asked; ``errors`` names the form field of each reason."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class StartRefused(ValueError):
    """A learner cannot start (another attempt at) an assignment now."""


@dataclass
class AssignmentDraft:
    """What the instructor asked for; times are wall-clock times in the class's time zone."""

    title: str
    section_ids: list[str]
    question_ids: list[str]
    count: int
    mode: str
    time_limit: int | None
    opens_local: datetime
    due_local: datetime
    attempts_allowed: int = 1
    show_answers: str = ShowAnswers.AFTER_DUE.value
    errors: dict[str, str] = field(default_factory=dict)


def _servable_per_section(session: Session, section_ids: list[str]) -> dict[str, int]:
    # a draw from sections serves no essay (only hand-picked ones): they do not count here
    drawn = (Question.section_id.in_(section_ids), Question.type.in_(self_graded_types()))
    servable = servable_query().where(*drawn).subquery()
    query = sa.select(servable.c.section_id, sa.func.count()).group_by(servable.c.section_id)
    return dict(session.execute(query).all())


def _check_content(session: Session, draft: AssignmentDraft) -> list[str]:
    """The sections the assignment draws from, noting in draft.errors what cannot be served."""
    errors = draft.errors
    if draft.question_ids and draft.section_ids:
        errors["section_ids"] = "Choose sections or hand-picked questions, not both."
        return []
    if draft.question_ids:
        rows = session.execute(servable_query().where(Question.id.in_(draft.question_ids))).all()
        if len(rows) != len(set(draft.question_ids)):
            errors["question_ids"] = "Some of those questions are not approved for quizzes."
        return sorted({row.section_id for row in rows})
    if not draft.section_ids:
        errors["section_ids"] = "Choose at least one section, or hand-pick questions."
        return []
    query = sa.select(Section.id, Section.title).where(Section.id.in_(draft.section_ids))
    titles = {section_id: title for section_id, title in session.execute(query)}
    counts = _servable_per_section(session, draft.section_ids)
    empty = [titles.get(s, s) for s in draft.section_ids if not counts.get(s)]
    if len(titles) != len(set(draft.section_ids)):
        errors["section_ids"] = "Choose sections from the list."
    elif empty:
        errors["section_ids"] = (
            f"No approved questions yet in: {', '.join(empty)}. Approve some first, or choose "
            "another section."
        )
    return sorted(draft.section_ids)


def _check_terms(draft: AssignmentDraft, opens_at: datetime, due_at: datetime) -> None:
    errors = draft.errors
    if not 1 <= draft.count <= MAX_QUESTIONS:
        errors["count"] = f"Ask from 1 to {MAX_QUESTIONS} questions."
    if draft.mode not in {m.value for m in AttemptMode}:
        errors["mode"] = "Choose practice or test."
    if draft.time_limit is not None:
        if draft.mode != AttemptMode.TEST:
            errors["time_limit"] = "Only tests have a time limit; leave it empty for practice."
        elif not 1 <= draft.time_limit <= MAX_TIME_LIMIT_MINUTES:
            errors["time_limit"] = f"A time limit is from 1 to {MAX_TIME_LIMIT_MINUTES} minutes."
    if due_at <= opens_at:
        errors["due_local"] = "The due date must come after the opening date."
    if not 1 <= draft.attempts_allowed <= MAX_ATTEMPTS_ALLOWED:
        errors["attempts_allowed"] = f"Allow from 1 to {MAX_ATTEMPTS_ALLOWED} attempts."
    if draft.show_answers not in {s.value for s in ShowAnswers}:
        errors["show_answers"] = "Choose when learners see the answers."
    if not draft.title.strip():
        errors["title"] = "Give the assignment a title."


def create_assignment(
    session: Session, cohort: Cohort, instructor: User, draft: AssignmentDraft
) -> Assignment:
    """A new assignment of ``cohort``; AssignmentError (nothing saved) for a bad draft."""
    opens_at = local_to_utc(draft.opens_local, cohort.time_zone)
    due_at = local_to_utc(draft.due_local, cohort.time_zone)
    section_ids = _check_content(session, draft)
    _check_terms(draft, opens_at, due_at)
    if draft.errors:
        raise AssignmentError(draft.errors)
    assignment = Assignment(
        cohort_id=cohort.id,
        title=draft.title.strip()[:120],
        section_ids=section_ids,
        question_ids=list(dict.fromkeys(draft.question_ids)) or None,
        count=draft.count,
        mode=AttemptMode(draft.mode),
        time_limit=draft.time_limit,
        opens_at=opens_at,
        due_at=due_at,
        attempts_allowed=draft.attempts_allowed,
        show_answers=ShowAnswers(draft.show_answers),
        created_by_id=instructor.id,
    )
    session.add(assignment)
    session.flush()
    return assignment


def class_assignments(session: Session, cohort: Cohort) -> list[Assignment]:
    """The class's assignments, soonest due first."""
    query = (
        sa.select(Assignment)
        .where(Assignment.cohort_id == cohort.id)
        .order_by(Assignment.due_at, Assignment.id)
    )
    return list(session.scalars(query))


def learner_terms(session: Session, assignment: Assignment, user_id: int) -> Terms:
    """``assignment``'s terms for one learner, their accommodations applied (one query)."""
    rows = session.scalars(
        sa.select(Accommodation).where(
            Accommodation.cohort_id == assignment.cohort_id,
            Accommodation.user_id == user_id,
            sa.or_(
                Accommodation.assignment_id.is_(None), Accommodation.assignment_id == assignment.id
            ),
        )
    ).all()
    return terms_for(assignment, list(rows))


def own_attempts(session: Session, assignment_id: int, user_id: int) -> list[Attempt]:
    """A learner's attempts at an assignment, in the order they were made."""
    query = (
        sa.select(Attempt)
        .where(Attempt.assignment_id == assignment_id, Attempt.user_id == user_id)
        .order_by(Attempt.attempt_number)
    )
    return list(session.scalars(query))


def start_assignment(
    session: Session, assignment: Assignment, user: User, now: datetime
) -> Attempt | AttemptRow:
    """The learner's attempt in progress, or a new one; StartRefused when none may start.

    The new attempt's number is the next one; a concurrent start that took the same number
    makes this flush fail with IntegrityError (the unique number per learner and assignment),
    so one learner never gets two attempts out of one.
    """
    if session.get(Membership, (assignment.cohort_id, user.id)) is None:
        raise StartRefused("This assignment is for another class.")
    cohort = session.get(Cohort, assignment.cohort_id)
    if cohort.archived:
        raise StartRefused(f"The class “{cohort.name}” is archived: its assignments are closed.")
    zone = cohort.time_zone
    if now < assignment.opens_at:
        raise StartRefused(f"This assignment opens on {in_zone(assignment.opens_at, zone)}.")
    attempts = own_attempts(session, assignment.id, user.id)
    open_one = next((a for a in attempts if a.state is AttemptState.IN_PROGRESS), None)
    if open_one is not None:
        return open_one
    terms = learner_terms(session, assignment, user.id)
    if len(attempts) >= terms.attempts_allowed:
        allowed = terms.attempts_allowed
        raise StartRefused(
            f"You have used the {allowed} attempt{'s' if allowed != 1 else ''} this assignment "
            "allows."
        )
    number = max((a.attempt_number or 0 for a in attempts), default=0) + 1
    deadline = now + timedelta(minutes=terms.time_limit) if terms.time_limit else None
    return build_attempt(
        session, user, assignment.section_ids, assignment.mode.value, assignment.count,
        question_ids=assignment.question_ids, now=now,
        assignment_id=assignment.id, attempt_number=number, deadline=deadline,
    )  # fmt: skip
