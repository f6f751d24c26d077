"""Starting an attempt: a section, mixed or review quiz, its questions frozen (flush only)."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

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
from ..progress.schedule import due_query, review_horizon
from ..questions import get_type
from .attempts import AttemptRow, load_attempt
from .errors import QuizError
from .selection import pick_due, pick_questions

MAX_QUESTIONS = 50
MAX_SECTIONS = 50
MAX_TIME_LIMIT_MINUTES = 180


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
    deadline: datetime | None = None,
) -> AttemptRow:
    """Start an attempt, freezing the questions served (ids, versions, choice order, seed).

    ``question_ids`` (a review quiz) serves those questions in that order instead of a
    random draw from the sections. An assignment's attempt carries its id and number, and
    its ``deadline`` when its terms give one. The attempt comes back as attempts reads it.
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
    if deadline is None and time_limit:
        deadline = now + timedelta(minutes=time_limit)
    attempt = Attempt(
        user_id=user.id,
        mode=AttemptMode(mode),
        kind=kind,
        state=AttemptState.IN_PROGRESS,
        section_ids=sorted({row.section_id for row in rows}),
        seed=seed,
        started_at=now,
        deadline=deadline,
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
    return load_attempt(session, attempt.id, user.id)


def start_review(
    session: Session, user: User, mode: str, count: int, now: datetime, seed: int | None = None
) -> AttemptRow:
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


def attempt_built_on(
    session: Session, earlier: Attempt, *, number: int, now: datetime, deadline: datetime | None
) -> Attempt:
    """A new attempt serving what ``earlier`` served, starting from its answers (Moodle's
    "each attempt builds on the last"); ``earlier`` keeps its answers, score and grades.

    Answers graded by hand are copied as text only: the new attempt's are graded anew.
    """
    attempt = Attempt(
        user_id=earlier.user_id, mode=earlier.mode, kind=earlier.kind,
        state=AttemptState.IN_PROGRESS, section_ids=earlier.section_ids, seed=earlier.seed,
        started_at=now, deadline=deadline, max_score=earlier.max_score,
        assignment_id=earlier.assignment_id, attempt_number=number,
    )  # fmt: skip
    session.add(attempt)
    session.flush()
    for old in earlier.served_questions:
        served = ServedQuestion(
            attempt_id=attempt.id, position=old.position, question_id=old.question_id,
            version_id=old.version_id, choice_order=old.choice_order,
        )  # fmt: skip
        session.add(served)
        if old.response is None:
            continue
        by_hand = get_type(old.version.question.type).graded_by_hand
        session.add(
            Response(
                attempt_id=attempt.id, served=served, answer=old.response.answer, answered_at=now,
                score=0.0 if by_hand else old.response.score,
                correct=False if by_hand else old.response.correct,
            )
        )  # fmt: skip
    session.flush()
    return attempt
