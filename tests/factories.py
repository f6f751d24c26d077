"""Test data factories with keyword defaults (they add and flush, the test commits)."""

from __future__ import annotations

import itertools

import sqlalchemy as sa

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


# --- quizzes (issue 4): sections and questions of every type ---------------------------

QUESTION_DEFAULTS = {
    "multiple_choice": {
        "stem": "Which body did the summit of May 28, 2002 inaugurate?",
        "choices": ["NATO-Russia Council", "Consultative Group", "Minsk Group", "Quartet"],
        "answer": "NATO-Russia Council",
    },
    "multiple_response": {
        "stem": "Which of these are fora the declaration names?",
        "choices": ["G-8", "OSCE", "APEC", "WTO"],
        "answer": ["G-8", "OSCE"],
    },
    "true_false": {"stem": "Two presidents signed the declaration.", "answer": True},
    "short_answer": {
        "stem": "In which building were the talks held?",
        "answer": "Kremlin",
        "accepted": ["Grand Kremlin Palace"],
    },
    "matching": {
        "stem": "Match each summit to its place.",
        "answer": [["first", "Ljubljana"], ["second", "Genoa"], ["third", "Shanghai"]],
    },
    "ordering": {
        "stem": "Put these in order.",
        "answer": ["Ljubljana", "Genoa", "Shanghai", "Crawford"],
    },
}
# graded by an instructor, served only when an assignment hand-picks it: not in make_bank
ESSAY_DEFAULTS = {
    "stem": "Why might the authors have begun by recalling earlier summits?",
    "answer": ["Names an earlier summit", "Says what recalling it does", "Gives a reason"],
}


def make_section(*, id: str | None = None, title: str | None = None, order: int | None = None):
    """A section (without a lesson)."""
    from app.models import Section

    number = next(_counter)
    section = Section(id=id or f"section-{number}", title=title or f"Section {number}")
    section.order = order if order is not None else number
    db.session.add(section)
    db.session.flush()
    return section


def make_question(*, type: str = "multiple_choice", section=None, status: str = "new", **fields):
    """A question with one current version; fields override the type's defaults."""
    from app.bank.versions import new_version
    from app.models import Question, QuestionStatus

    section = section or make_section()
    number = next(_counter)
    data = {
        **(ESSAY_DEFAULTS if type == "essay" else QUESTION_DEFAULTS[type]),
        "explanation": f"Explanation {number}: see the source paragraph.",
        "source": {"section_id": section.id, "paragraph": 2, "sentence": 1, "quote": "Quote."},
        "generator": "factory",
        **fields,
    }
    question = Question(
        id=fields.pop("id", None) or f"q{number:05d}",
        section_id=section.id,
        type=type,
        status=QuestionStatus(status),
    )
    db.session.add(question)
    new_version(question, data)
    db.session.flush()
    return question


def make_bank(section=None, per_type: int = 1):
    """A section with ``per_type`` questions of each of the six types; returns the section."""
    section = section or make_section()
    for qtype in QUESTION_DEFAULTS:
        for _ in range(per_type):
            make_question(type=qtype, section=section)
    return section


# --- classes and dashboards (issue 5): cohorts and finished attempts ----------------------


def make_cohort(
    *, instructor=None, name: str | None = None, members=(), archived: bool = False, joined_at=None
):
    """A cohort run by ``instructor`` (a new one by default) with ``members`` joined.

    They joined at ``joined_at``, by default long before any attempt the factories make (a
    class counts a learner's work from when they joined)."""
    from datetime import UTC, datetime

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
        joined = joined_at or datetime(2025, 1, 1, tzinfo=UTC)
        db.session.add(Membership(cohort_id=cohort.id, user_id=member.id, joined_at=joined))
    db.session.flush()
    return cohort


def make_finished_attempt(
    *, user, answers, started_at=None, seconds: float = 300.0, mode: str = "practice"
):
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
        mode=AttemptMode(mode),
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


# --- exports (issue 5): many learners at once ----------------------------------------------


def seed_learners_bulk(*, cohort, questions, learners: int, prefix: str = "bulk"):
    """``learners`` students in ``cohort``, each with one finished attempt answering every
    question in ``questions`` (alternately right and wrong), inserted in bulk (executemany
    with RETURNING, so that database sequences stay right).

    Returns the number of responses inserted.
    """
    from datetime import UTC, datetime, timedelta

    from app.models import (
        Attempt,
        AttemptKind,
        AttemptMode,
        AttemptState,
        Membership,
        Response,
        ServedQuestion,
    )

    def insert(model, rows):
        query = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(db.session.scalars(query, rows))

    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    user_ids = insert(
        User,
        [
            # "!" matches no password hash: these accounts cannot log in
            {"username": f"{prefix}{i:05d}", "password_hash": "!", "role": Role.STUDENT}
            for i in range(learners)
        ],
    )
    db.session.execute(
        sa.insert(Membership),
        [{"cohort_id": cohort.id, "user_id": uid, "joined_at": start} for uid in user_ids],
    )
    sections = sorted({q.section_id for q in questions})
    right_count = float(sum(1 for k in range(len(questions)) if k % 2 == 0))
    attempt_ids = insert(
        Attempt,
        [
            {
                "user_id": uid,
                "mode": AttemptMode.PRACTICE,
                "kind": AttemptKind.SECTION,
                "state": AttemptState.FINISHED,
                "section_ids": sections,
                "seed": i,
                "started_at": start + timedelta(minutes=i),
                "finished_at": start + timedelta(minutes=i + 5),
                "score": right_count,
                "max_score": len(questions),
            }
            for i, uid in enumerate(user_ids)
        ],
    )
    pairs = [(a, position, q) for a in attempt_ids for position, q in enumerate(questions, 1)]
    served_ids = insert(
        ServedQuestion,
        [
            {
                "attempt_id": attempt_id,
                "position": position,
                "question_id": question.id,
                "version_id": question.current_version_id,
                "choice_order": list(question.current.choices),
            }
            for attempt_id, position, question in pairs
        ],
    )
    responses = []
    for served_id, (attempt_id, position, question) in zip(served_ids, pairs, strict=True):
        right = position % 2 == 1
        responses.append(
            {
                "attempt_id": attempt_id,
                "served_id": served_id,
                "answer": question.current.answer if right else "=WRONG()",
                "score": 1.0 if right else 0.0,
                "correct": right,
                "answered_at": start + timedelta(seconds=10 * (attempt_id % 1000 + position)),
            }
        )
    db.session.execute(sa.insert(Response), responses)
    db.session.flush()
    return len(responses)


def clear_of_login_window_end(needed: float = 60.0) -> None:
    """Wait, if need be, until the log-in limits' fixed window (the default one) has ``needed``
    seconds left: a test whose failures straddled two windows would see the count start again."""
    import time

    from app.config import default_config

    window = default_config("/nowhere")["LOGIN_FAILURE_WINDOW"]
    left = window - time.time() % window
    if left < needed:
        time.sleep(left + 0.5)
