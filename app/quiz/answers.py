"""Saving answers into an attempt read as rows (see attempts): validate, grade, store; flush only.

The first answer to a question is an INSERT that does nothing when another request has just
inserted one (ON CONFLICT on the unique served_id, SQLite and PostgreSQL): the answer saved
meanwhile is then read and decided again as if it had been there all along. The same answer is
therefore idempotent (saved once, both requests succeed); a different one replaces it in a test
and is refused in practice, where the first answer is final (AttemptClosed, 409).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptMode, AttemptState, Response
from ..progress.mastery import FULL_MARKS
from ..questions import ResponseError
from .attempts import AttemptRow, ResponseRow, ServedRow, question_type
from .deadlines import is_expired
from .errors import AttemptClosed, AttemptFinished, QuizError

FINISHED_MESSAGE = "This attempt is finished: its answers can no longer change."

# Statements built once (building one cost more than running it); values come as parameters.
_ATTEMPTS, _RESPONSES = Attempt.__table__, Response.__table__
_OPEN = (
    _ATTEMPTS.c.id == sa.bindparam("attempt_id"),
    _ATTEMPTS.c.state == AttemptState.IN_PROGRESS,
)
_LOCK_OPEN = sa.select(_ATTEMPTS.c.id).where(*_OPEN).with_for_update()
_TOUCH_OPEN = sa.update(_ATTEMPTS).where(*_OPEN).values(state=_ATTEMPTS.c.state)
_INSERTS = {
    name: dialect.insert(_RESPONSES)
    .on_conflict_do_nothing(index_elements=["served_id"])
    .returning(_RESPONSES.c.id, _RESPONSES.c.served_id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
# another database: a duplicate raises IntegrityError (answered 409 by the routes)
_PLAIN_INSERT = sa.insert(_RESPONSES).returning(_RESPONSES.c.id, _RESPONSES.c.served_id)
_UPDATE = sa.update(_RESPONSES).where(_RESPONSES.c.id == sa.bindparam("response_id"))
_SAVED = sa.select(
    _RESPONSES.c.served_id, _RESPONSES.c.id, _RESPONSES.c.answer, _RESPONSES.c.score,
    _RESPONSES.c.correct, _RESPONSES.c.answered_at, _RESPONSES.c.grading,
).where(_RESPONSES.c.served_id.in_(sa.bindparam("served_ids", expanding=True)))  # fmt: skip

Plan = tuple[Any, float]  # (canonical answer, score)


def plan_response(attempt: AttemptRow, served: ServedRow, raw: Any, now: datetime) -> Plan | None:
    """(canonical answer, score) to save; None when that very answer is saved already."""
    qtype = question_type(served)
    if raw is None:
        raise QuizError("Give an answer to this question first.")
    try:
        answer = qtype.validate_response(served.version, served.choice_order, raw)
    except ResponseError as exc:
        raise QuizError(str(exc)) from exc
    existing = served.response
    if existing is not None and existing.answer == answer:
        return None
    if attempt.finished:
        raise AttemptFinished(FINISHED_MESSAGE)
    if is_expired(attempt, now):
        raise AttemptClosed("Time is up: answers given after the deadline are not accepted.")
    if existing is not None and attempt.mode is AttemptMode.PRACTICE:
        raise AttemptClosed("You have answered this question already; in practice it is final.")
    return answer, qtype.grade(served.version, answer)


def hold_open_attempt(session: Session, attempt_id: int) -> None:
    """Hold the attempt open until this transaction ends; AttemptFinished once it is finished.

    Call it before storing an answer: a finish waits for the hold (and then counts the answer),
    or a finish that came first makes it refuse, so no answer is stored into a finished attempt
    or left out of its score. PostgreSQL locks the row (SELECT ... FOR UPDATE, which a racing
    finish's UPDATE waits for and re-checks); SQLite takes its database write lock now, with a
    write that checks the state in the same statement, so nothing commits in between.
    """
    if session.get_bind().dialect.name == "postgresql":
        held = session.execute(_LOCK_OPEN, {"attempt_id": attempt_id}).first() is not None
    else:
        held = session.execute(_TOUCH_OPEN, {"attempt_id": attempt_id}).rowcount == 1
    if not held:
        raise AttemptFinished(FINISHED_MESSAGE)


def save_answer(
    session: Session, attempt: AttemptRow, served: ServedRow, raw: Any, now: datetime
) -> ResponseRow:
    """Save one answer: the same answer twice is recorded once; practice answers are final.

    In a test a changed answer replaces the saved one until the attempt is finished. Refusals
    raise QuizError (400 for a bad answer); ``served.response`` holds the saved answer after.
    """
    _answers, errors = save_answers(session, attempt, [(served, raw)], now)
    if errors:
        raise QuizError(errors[served.position])
    return served.response


def save_answers(
    session: Session, attempt: AttemptRow, given: list[tuple[ServedRow, Any]], now: datetime
) -> tuple[dict[int, Any], dict[int, str]]:
    """Save several answers at once, all or nothing: (answers by position, errors by position).

    With any bad answer (400) nothing is saved; a closed attempt raises. Changed answers are
    UPDATEs, new ones one multi-row INSERT; a question that another request answered meanwhile
    is decided again against that answer.
    """
    plans, errors = [], {}
    for served, raw in given:
        try:
            plan = plan_response(attempt, served, raw, now)
        except QuizError as exc:
            if exc.status != 400:
                raise
            errors[served.position] = str(exc)
            continue
        plans.append((served, raw, plan))
    answers = {s.position: (p[0] if p else s.response.answer) for s, _raw, p in plans}
    if errors or not any(plan for _served, _raw, plan in plans):
        return answers, errors
    hold_open_attempt(session, attempt.id)  # stored only while in progress
    fresh = []
    for served, raw, plan in plans:
        if plan and served.response is not None:
            _update(session, served, plan, now)
        elif plan:
            fresh.append((served, raw, plan))
    if fresh:
        _insert(session, attempt, fresh, now)
    return answers, {}


def _values(plan: Plan, now: datetime) -> dict[str, Any]:
    answer, score = plan
    return {"answer": answer, "score": score, "correct": score >= FULL_MARKS, "answered_at": now}


def _update(session: Session, served: ServedRow, plan: Plan, now: datetime) -> None:
    values = _values(plan, now)
    saved = served.response
    session.execute(_UPDATE, {"response_id": saved.id, **values})
    # its grading state and grade stay: a finish decides them (see quiz.awaiting)
    served.response = ResponseRow(id=saved.id, **values, grading=saved.grading, grade=saved.grade)


def _insert(
    session: Session, attempt: AttemptRow, fresh: list[tuple[ServedRow, Any, Plan]], now
) -> None:
    """One INSERT for new answers; those another request answered first are decided again."""
    values = [_values(plan, now) for _served, _raw, plan in fresh]
    rows = [
        {"attempt_id": attempt.id, "served_id": served.id, **answer}
        for (served, _raw, _plan), answer in zip(fresh, values, strict=True)
    ]
    statement = _INSERTS.get(session.get_bind().dialect.name, _PLAIN_INSERT)
    new_ids = {served_id: rid for rid, served_id in session.execute(statement, rows)}
    raced = []
    for (served, raw, _plan), answer in zip(fresh, values, strict=True):
        if served.id in new_ids:
            served.response = ResponseRow(id=new_ids[served.id], **answer)
        else:
            raced.append((served, raw))
    if not raced:
        return
    saved = session.execute(_SAVED, {"served_ids": [served.id for served, _raw in raced]})
    by_served = {row[0]: ResponseRow(*row[1:]) for row in saved}
    for served, raw in raced:
        served.response = by_served[served.id]
        replan = plan_response(attempt, served, raw, now)
        if replan:
            _update(session, served, replan, now)
