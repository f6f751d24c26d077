"""Test data factories with keyword defaults (they add and flush, the test commits)."""

from __future__ import annotations

import itertools

from app.extensions import db
from app.models import Role, User

_counter = itertools.count(1)


DEFAULT_PASSWORD = "correct-horse-battery"  # noqa: S105  (test accounts only)


def make_user(
    *,
    username: str | None = None,
    role: str | Role = Role.STUDENT,
    password: str = DEFAULT_PASSWORD,
) -> User:
    """A user with a hashed password."""
    user = User(username=username or f"user{next(_counter)}", role=Role(role))
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


# --- classes and dashboards (issue 5): cohorts and finished attempts ----------------------


def make_cohort(*, instructor=None, name: str | None = None, members=(), archived: bool = False):
    """A cohort run by ``instructor`` (a new one by default) with ``members`` joined."""
    from app.classes.cohorts import new_join_code
    from app.models import Cohort, Membership

    instructor = instructor or make_user(role=Role.INSTRUCTOR)
    cohort = Cohort(
        name=name or f"Class {next(_counter)}",
        instructor_id=instructor.id,
        join_code=new_join_code(db.session),
        archived=archived,
    )
    db.session.add(cohort)
    db.session.flush()
    for member in members:
        db.session.add(Membership(cohort_id=cohort.id, user_id=member.id))
    db.session.flush()
    return cohort


def make_finished_attempt(*, user, answers, started_at=None, seconds: float = 300.0):
    """A finished attempt of ``user``; ``answers`` is [(question, score, answer or None)].

    An answer of None leaves the question unanswered (no response row).
    """
    from datetime import UTC, datetime, timedelta

    from app.models import (
        Attempt,
        AttemptKind,
        AttemptMode,
        AttemptState,
        Response,
        ServedQuestion,
    )

    started_at = started_at or datetime(2026, 1, 1, 9, 0, tzinfo=UTC) + timedelta(
        minutes=next(_counter)
    )
    attempt = Attempt(
        user_id=user.id,
        mode=AttemptMode.PRACTICE,
        kind=AttemptKind.SECTION,
        state=AttemptState.FINISHED,
        section_ids=sorted({q.section_id for q, _, _ in answers}),
        seed=next(_counter),
        started_at=started_at,
        finished_at=started_at + timedelta(seconds=seconds),
        score=sum(score for _, score, answer in answers if answer is not None),
        max_score=len(answers),
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (question, score, answer) in enumerate(answers, start=1):
        served = ServedQuestion(
            attempt_id=attempt.id,
            position=position,
            question_id=question.id,
            version_id=question.current_version_id,
            choice_order=list(question.current.choices),
        )
        db.session.add(served)
        db.session.flush()
        if answer is not None:
            db.session.add(
                Response(
                    attempt_id=attempt.id,
                    served_id=served.id,
                    answer=answer,
                    score=score,
                    correct=score == 1,
                    answered_at=attempt.finished_at,
                )
            )
    db.session.flush()
    return attempt
