"""Reading an attempt: one Core select into plain objects shaped like the models.

Every quiz page, the API and finishing read an attempt this one way. Building ORM objects for
every served question, version and response was most of the cost of the step a class repeats
most (the test page's autosave: 9.5 ms of CPU per save through the ORM, 5.7 ms as rows, in
process). The objects carry the attributes that grading, the checks and the views read
(``attempt.mode``, ``served.version.question.type``, ``served.response.answer`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    AttemptStatus,
    GradingState,
    Question,
    QuestionVersion,
    Response,
    ResponseGrade,
    ServedQuestion,
)
from ..questions import get_type
from .errors import AttemptNotFound


@dataclass(slots=True, frozen=True)
class QuestionRow:
    type: str
    section_id: str


@dataclass(slots=True, frozen=True)
class VersionRow:
    """A question version's content (versions never change once written)."""

    id: int
    stem: str
    choices: list[Any]
    answer: Any
    accepted: list[str]
    explanation: str
    source: dict[str, Any]
    question: QuestionRow


@dataclass(slots=True, frozen=True)
class GradeRow:
    """An instructor's grade of an essay (see models.ResponseGrade)."""

    points: float
    comment: str


@dataclass(slots=True)
class ResponseRow:
    id: int
    answer: Any
    score: float
    correct: bool
    answered_at: datetime
    grading: GradingState = GradingState.AUTO
    grade: GradeRow | None = None

    @property
    def awaiting(self) -> bool:
        """Waiting for an instructor's grade: progress and grades leave it out."""
        return self.grading is GradingState.AWAITING


@dataclass(slots=True)
class ServedRow:
    id: int
    position: int
    question_id: str
    choice_order: list[Any]
    version: VersionRow
    response: ResponseRow | None

    @property
    def version_id(self) -> int:
        return self.version.id


@dataclass(slots=True)
class AttemptRow(AttemptStatus):
    id: int
    user_id: int
    mode: AttemptMode
    kind: AttemptKind
    state: AttemptState
    section_ids: list[str]
    seed: int
    started_at: datetime
    deadline: datetime | None
    finished_at: datetime | None
    score: float | None
    max_score: int
    assignment_id: int | None
    attempt_number: int | None
    ungraded: int
    served_questions: list[ServedRow] = field(default_factory=list)


# Plain tables, not the mapped classes: the select then skips the ORM's result processing.
_A, _S, _V, _Q, _R, _G = (
    model.__table__
    for model in (Attempt, ServedQuestion, QuestionVersion, Question, Response, ResponseGrade)
)
_ATTEMPT = (
    _A.c.id, _A.c.user_id, _A.c.mode, _A.c.kind, _A.c.state, _A.c.section_ids, _A.c.seed,
    _A.c.started_at, _A.c.deadline, _A.c.finished_at, _A.c.score, _A.c.max_score,
    _A.c.assignment_id, _A.c.attempt_number, _A.c.ungraded,
)  # fmt: skip
_SERVED = (_S.c.id, _S.c.position, _S.c.question_id, _S.c.choice_order)
_VERSION = (
    _V.c.id, _V.c.stem, _V.c.choices, _V.c.answer, _V.c.accepted, _V.c.explanation, _V.c.source,
    _Q.c.type, _Q.c.section_id,
)  # fmt: skip
_RESPONSE = (
    _R.c.id, _R.c.answer, _R.c.score, _R.c.correct, _R.c.answered_at, _R.c.grading,
    _G.c.points, _G.c.comment,
)  # fmt: skip
# where each object's columns end in a row of the select
_ATTEMPT_END = len(_ATTEMPT)
_SERVED_END = _ATTEMPT_END + len(_SERVED)
_VERSION_END = _SERVED_END + len(_VERSION)


def _select(one_question: bool) -> sa.Select:
    served_on = _S.c.attempt_id == _A.c.id
    if one_question:
        served_on &= _S.c.question_id == sa.bindparam("question_id")
    return (
        sa.select(*_ATTEMPT, *_SERVED, *_VERSION, *_RESPONSE)
        .select_from(_A)
        .outerjoin(_S, served_on)
        .outerjoin(_V, _V.c.id == _S.c.version_id)
        .outerjoin(_Q, _Q.c.id == _S.c.question_id)
        .outerjoin(_R, _R.c.served_id == _S.c.id)
        .outerjoin(_G, _G.c.response_id == _R.c.id)
        .where(_A.c.id == sa.bindparam("attempt_id"), _A.c.user_id == sa.bindparam("user_id"))
        .order_by(_S.c.position)
    )


# Built once: building a select (and its cache key) cost more than running it.
_WHOLE_ATTEMPT, _ONE_QUESTION = _select(False), _select(True)


def _served(row: sa.Row) -> ServedRow:
    sid, position, qid, order = row[_ATTEMPT_END:_SERVED_END]
    vid, stem, choices, answer, accepted, explanation, source, qtype, section_id = row[
        _SERVED_END:_VERSION_END
    ]
    rid, given, score, correct, answered_at, grading, points, comment = row[_VERSION_END:]
    question = QuestionRow(qtype, section_id)
    version = VersionRow(
        vid, stem, choices or [], answer, accepted or [], explanation or "", source or {}, question
    )
    grade = None if points is None else GradeRow(points, comment)
    response = (
        None
        if rid is None
        else ResponseRow(rid, given, score, correct, answered_at, grading, grade)
    )
    return ServedRow(sid, position, qid, order or [], version, response)


def load_attempt(
    session: Session, attempt_id: int, user_id: int, question_id: str | None = None
) -> AttemptRow:
    """The learner's attempt with what it served (only ``question_id`` when given), one query.

    Another learner's attempt is reported exactly like a missing one (AttemptNotFound).
    """
    params = {"attempt_id": attempt_id, "user_id": user_id}
    if question_id is None:
        rows = session.execute(_WHOLE_ATTEMPT, params).all()
    else:
        rows = session.execute(_ONE_QUESTION, {**params, "question_id": question_id}).all()
    if not rows:
        raise AttemptNotFound("There is no such attempt of yours.")
    attempt = AttemptRow(*rows[0][:_ATTEMPT_END])
    attempt.served_questions = [_served(row) for row in rows if row[_ATTEMPT_END] is not None]
    return attempt


def load_one_served(
    session: Session, attempt_id: int, user_id: int, question_id: str
) -> tuple[AttemptRow, ServedRow]:
    """The learner's attempt and its served ``question_id`` only; AttemptNotFound otherwise."""
    attempt = load_attempt(session, attempt_id, user_id, question_id)
    if not attempt.served_questions:
        raise AttemptNotFound("This attempt did not serve that question.")
    return attempt, attempt.served_questions[0]


def served_at(attempt: AttemptRow, position: int) -> ServedRow:
    """The served question at ``position`` (1-based); AttemptNotFound otherwise."""
    for served in attempt.served_questions:
        if served.position == position:
            return served
    raise AttemptNotFound("This attempt has no question at that position.")


def current_question(attempt: AttemptRow) -> ServedRow | None:
    """The first question not answered yet (practice shows one at a time), or None."""
    return next((s for s in attempt.served_questions if s.response is None), None)


def question_type(served: ServedRow):
    """The registry entry for a served question's type."""
    return get_type(served.version.question.type)
