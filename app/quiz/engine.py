"""Quiz logic: build an attempt, record responses, finish and grade (flush, never commit)."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from blinker import signal
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    QuestionVersion,
    Response,
    Section,
    ServedQuestion,
    User,
)
from ..progress.updates import counted_questions, record_finished_attempt
from ..questions import ResponseError, get_type
from .awaiting import await_hand_grading
from .errors import AttemptClosed, AttemptFinished, AttemptNotFound, QuizError
from .inserts import insert_many
from .selection import pick_due, pick_questions

# Sent (session, attempt=) by the one request that finished an attempt, inside its transaction:
# features that follow finished attempts (LTI grade passback) listen without the quiz knowing.
attempt_finished = signal("quiz.attempt-finished")

MAX_QUESTIONS = 50
MAX_SECTIONS = 50
MAX_TIME_LIMIT_MINUTES = 180
FULL_MARKS = 1.0 - 1e-9
FINISHED_MESSAGE = "This attempt is finished: its answers can no longer change."

# An attempt moves out of "in progress" once, in one conditional statement; answers are stored
# only while it is in progress, under a hold on its row (see hold_open_attempt). Built once.
_ATTEMPTS = Attempt.__table__
_OPEN = (
    _ATTEMPTS.c.id == sa.bindparam("attempt_id"),
    _ATTEMPTS.c.state == AttemptState.IN_PROGRESS,
)
_LOCK_OPEN = sa.select(_ATTEMPTS.c.id).where(*_OPEN).with_for_update()
_TOUCH_OPEN = sa.update(_ATTEMPTS).where(*_OPEN).values(state=_ATTEMPTS.c.state)
_CLOSE = (
    sa.update(_ATTEMPTS)
    .where(*_OPEN)
    .values(state=AttemptState.FINISHED, finished_at=sa.bindparam("ended"))
)


def _check_quiz_settings(section_ids: Any, mode: Any, count: Any, time_limit: Any) -> None:
    if not isinstance(section_ids, list) or not all(isinstance(s, str) for s in section_ids):
        raise QuizError("section_ids must be a list of section ids.")
    if not 0 < len(section_ids) <= MAX_SECTIONS:
        raise QuizError(f"Choose between 1 and {MAX_SECTIONS} sections.")
    if not isinstance(mode, str) or mode not in {m.value for m in AttemptMode}:
        raise QuizError("mode must be 'practice' or 'test'.")
    if isinstance(count, bool) or not isinstance(count, int) or not 0 < count <= MAX_QUESTIONS:
        raise QuizError(f"count must be a whole number from 1 to {MAX_QUESTIONS}.")
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, int):
            raise QuizError("time_limit must be a whole number of minutes.")
        if not 0 < time_limit <= MAX_TIME_LIMIT_MINUTES:
            raise QuizError(f"time_limit is from 1 to {MAX_TIME_LIMIT_MINUTES} minutes.")
        if mode != AttemptMode.TEST:
            raise QuizError("Only tests have a time limit.")


# What an attempt page needs, joined into the attempt's own query.
ATTEMPT_CONTENT = (
    joinedload(Attempt.served_questions)
    .joinedload(ServedQuestion.version)
    .joinedload(QuestionVersion.question),
    joinedload(Attempt.served_questions).joinedload(ServedQuestion.response),
)


def build_attempt(
    session: Session,
    user: User,
    section_ids: list[str],
    mode: str,
    count: int,
    *,
    kind: AttemptKind | None = None,
    seed: int | None = None,
    time_limit: int | None = None,
    question_ids: list[str] | None = None,
    now: datetime,
    assignment_id: int | None = None,
    attempt_number: int | None = None,
) -> Attempt:
    """Start an attempt, freezing the questions served (ids, versions, choice order, seed).

    ``question_ids`` (a review quiz) serves those questions in that order instead of a
    random draw from the sections. An assignment's attempt carries its id and number.
    """
    _check_quiz_settings(section_ids, mode, count, time_limit)
    known = set(session.scalars(sa.select(Section.id).where(Section.id.in_(section_ids))))
    unknown = sorted(set(section_ids) - known)
    if unknown:
        raise QuizError(f"Unknown section: {', '.join(unknown)}.")
    seed = secrets.randbits(48) if seed is None else seed
    rng = random.Random(seed)  # noqa: S311  (shuffles quiz questions; not a secret)  # nosec B311
    if question_ids is not None:
        rows = pick_due(session, question_ids, count)
    else:
        rows = pick_questions(session, section_ids, count, rng)
    if not rows:
        raise QuizError("There are no questions to serve for this choice yet.")
    versions = {
        v.id: v
        for v in session.scalars(
            sa.select(QuestionVersion).where(
                QuestionVersion.id.in_([row.current_version_id for row in rows])
            )
        )
    }
    if kind is None:
        kind = AttemptKind.SECTION if len(section_ids) == 1 else AttemptKind.MIXED
    attempt = Attempt(
        user_id=user.id,
        mode=AttemptMode(mode),
        kind=kind,
        state=AttemptState.IN_PROGRESS,
        section_ids=sorted({row.section_id for row in rows}),
        seed=seed,
        started_at=now,
        deadline=now + timedelta(minutes=time_limit) if time_limit else None,
        max_score=len(rows),
        assignment_id=assignment_id,
        attempt_number=attempt_number,
    )
    session.add(attempt)
    session.flush()
    # One multi-row INSERT for what the attempt serves, whatever its length.
    session.execute(
        sa.insert(ServedQuestion),
        [
            {
                "attempt_id": attempt.id,
                "position": position,
                "question_id": row.id,
                "version_id": row.current_version_id,
                "choice_order": get_type(row.type).shuffle(versions[row.current_version_id], rng),
            }
            for position, row in enumerate(rows, start=1)
        ],
    )
    session.expire(attempt, ["served_questions"])
    return attempt


def load_attempt(session: Session, attempt_id: int, user_id: int) -> Attempt:
    """The learner's attempt with what it served, versions and responses, in one query.

    Another learner's attempt is reported exactly like a missing one.
    """
    attempt = (
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.id == attempt_id, Attempt.user_id == user_id)
            .options(*ATTEMPT_CONTENT)
        )
        .unique()
        .first()
    )
    if attempt is None:
        raise AttemptNotFound("There is no such attempt of yours.")
    return attempt


def is_expired(attempt: Attempt, now: datetime) -> bool:
    """True when the attempt's time is up but it is not finished yet."""
    return not attempt.finished and deadline_passed(attempt.deadline, now)


def deadline_passed(deadline: datetime | None, now: datetime) -> bool:
    """True when there is a deadline and ``now`` is past it."""
    return deadline is not None and now > deadline


def served_at(attempt: Attempt, position: int) -> ServedQuestion:
    """The served question at ``position`` (1-based); AttemptNotFound otherwise."""
    for served in attempt.served_questions:
        if served.position == position:
            return served
    raise AttemptNotFound("This attempt has no question at that position.")


def question_type(served: ServedQuestion):
    """The registry entry for a served question's type."""
    return get_type(served.version.question.type)


def plan_response(
    attempt: Attempt, served: ServedQuestion, raw: Any, now: datetime
) -> tuple[Any, float] | None:
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


def record_response(
    session: Session, attempt: Attempt, served: ServedQuestion, raw: Any, now: datetime
) -> Response:
    """Save an answer: the same answer twice is recorded once; practice answers are final.

    In a test a changed answer replaces the saved one until the attempt is finished.
    """
    _answers, errors = record_responses(session, attempt, [(served, raw)], now)
    if errors:
        raise QuizError(errors[served.position])
    return served.response


def record_responses(
    session: Session, attempt: Attempt, given: list[tuple[ServedQuestion, Any]], now: datetime
) -> tuple[dict[int, Any], dict[int, str]]:
    """Save several answers at once, all or nothing: (answers by position, errors by position).

    With any error nothing is saved. New answers go in one multi-row INSERT; a question that
    another request answered meanwhile is decided again against that answer (see inserts).
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
    if errors:
        return answers, errors
    if any(plan for _served, _raw, plan in plans):
        hold_open_attempt(session, attempt.id)
    fresh = [(s, raw, p) for s, raw, p in plans if p and s.response is None]
    for served, _raw, plan in plans:
        if plan and served.response is not None:
            _update(served.response, plan, now)
    session.flush()
    if fresh:
        insert_many(session, [
            {
                "attempt_id": attempt.id, "served_id": served.id, "answer": answer,
                "score": score, "correct": score >= FULL_MARKS, "answered_at": now,
            }
            for served, _raw, (answer, score) in fresh
        ])  # fmt: skip
        # Read the saved rows back onto their served questions (one query, however many).
        by_served = {served.id: served for served, _raw, _plan in fresh}
        for response in session.scalars(
            sa.select(Response).where(Response.served_id.in_(list(by_served)))
        ):
            set_committed_value(by_served[response.served_id], "response", response)
        for served, raw, (answer, _score) in fresh:
            if served.response.answer != answer:  # another request's answer came first
                replan = plan_response(attempt, served, raw, now)
                if replan:
                    _update(served.response, replan, now)
        session.flush()
    return answers, {}


def _update(response: Response, plan: tuple[Any, float], now: datetime) -> None:
    response.answer, response.score = plan
    response.correct, response.answered_at = plan[1] >= FULL_MARKS, now


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


def finish_attempt(session: Session, attempt: Attempt, now: datetime) -> Attempt:
    """Finish and grade; finishing twice changes nothing.

    A test's unanswered questions score 0; a practice's unseen ones are left out (see
    progress.updates.counted_questions).

    A late finish counts as at the deadline. Only the request whose conditional UPDATE moved the
    attempt out of "in progress" grades it and updates progress and the review schedule; a
    racing second finish just reads the result. ``attempt`` is read again from the database.
    """
    if attempt.finished:
        return attempt
    ended = min(now, attempt.deadline) if attempt.deadline else now
    params = {"attempt_id": attempt.id, "ended": ended}
    moved = session.execute(_CLOSE, params).rowcount == 1
    # what is stored now: answers saved under a hold committed before the UPDATE could proceed
    attempt = _reload(session, attempt.id)
    if not moved:
        return attempt
    attempt.ungraded = await_hand_grading(attempt)
    attempt.score = sum(s.response.score for s in attempt.served_questions if s.response)
    attempt.max_score = len(counted_questions(attempt))
    record_finished_attempt(session, attempt, ended)
    session.flush()
    attempt_finished.send(session, attempt=attempt)
    return attempt


def _reload(session: Session, attempt_id: int) -> Attempt:
    """The attempt with its answers as stored now, replacing what the session held."""
    return (
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.id == attempt_id)
            .options(*ATTEMPT_CONTENT)
            .execution_options(populate_existing=True)
        )
        .unique()
        .one()
    )


def current_question(attempt: Attempt) -> ServedQuestion | None:
    """The first question not answered yet (practice shows one at a time), or None."""
    return next((s for s in attempt.served_questions if s.response is None), None)


def seconds_left(attempt: Attempt, now: datetime) -> int | None:
    """Whole seconds until the deadline (never negative), or None without a time limit."""
    if attempt.deadline is None:
        return None
    return seconds_until(attempt.deadline, now)


def seconds_until(deadline: datetime, now: datetime) -> int:
    """Whole seconds from ``now`` to ``deadline``, never negative."""
    return max(0, int((deadline - now).total_seconds()))


def feedback_allowed(attempt: Attempt, served: ServedQuestion, answers_open: bool = True) -> bool:
    """Keys and explanations show once a practice answer is in, or once the attempt is over,
    unless its assignment keeps them back (``answers_open`` false, see quiz.visibility)."""
    if not answers_open:
        return False
    if attempt.finished:
        return True
    return attempt.mode is AttemptMode.PRACTICE and served.response is not None
