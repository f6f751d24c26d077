"""An attempt read with one Core select into plain objects shaped like the models.

The test page and the API's answer submission run many times a second; building ORM objects for
every served question, version and response was most of their cost. These objects carry the
attributes that the engine and the views read (``attempt.mode``, ``served.version.question.type``,
``served.response.answer`` ...), so grading, checks and display are the same code either way.

A version's content (stem, choices, key, explanation, source) never changes once written: edits
make a new version. It is read once per process and database, then kept (see ``_contents``);
decoding its JSON columns for every served question on every request was the largest part of
the query's cost. What does change (the question's section, the attempt, its answers) is read
every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptMode,
    AttemptState,
    GradingState,
    Question,
    QuestionVersion,
    Response,
    ResponseGrade,
    ServedQuestion,
)
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
    grading: GradingState = GradingState.AUTO
    grade: GradeRow | None = None


@dataclass(slots=True)
class ServedRow:
    id: int
    position: int
    question_id: str
    choice_order: list[Any]
    version: VersionRow
    response: ResponseRow | None


@dataclass(slots=True)
class AttemptRow:
    id: int
    user_id: int
    mode: AttemptMode
    state: AttemptState
    deadline: datetime | None
    assignment_id: int | None
    served_questions: list[ServedRow] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state is AttemptState.FINISHED


# Plain tables, not the mapped classes: the select then skips the ORM's result processing.
_A, _S, _V, _Q, _R, _G = (
    model.__table__
    for model in (Attempt, ServedQuestion, QuestionVersion, Question, Response, ResponseGrade)
)
_COLUMNS = (
    _A.c.id, _A.c.user_id, _A.c.mode, _A.c.state, _A.c.deadline, _A.c.assignment_id,
    _S.c.id, _S.c.position, _S.c.question_id, _S.c.choice_order, _S.c.version_id,
    _Q.c.type, _Q.c.section_id,
    _R.c.id, _R.c.answer, _R.c.score, _R.c.correct, _R.c.grading, _G.c.points, _G.c.comment,
)  # fmt: skip
_CONTENT = (_V.c.stem, _V.c.choices, _V.c.answer, _V.c.accepted, _V.c.explanation, _V.c.source)
# Versions held per process and database: a few kB each, so at most some tens of MB.
VERSION_CACHE_SIZE = 4096


def _select(one_question: bool) -> sa.Select:
    served_on = _S.c.attempt_id == _A.c.id
    if one_question:
        served_on &= _S.c.question_id == sa.bindparam("question_id")
    return (
        sa.select(*_COLUMNS)
        .select_from(_A)
        .outerjoin(_S, served_on)
        .outerjoin(_Q, _Q.c.id == _S.c.question_id)
        .outerjoin(_R, _R.c.served_id == _S.c.id)
        .outerjoin(_G, _G.c.response_id == _R.c.id)
        .where(_A.c.id == sa.bindparam("attempt_id"), _A.c.user_id == sa.bindparam("user_id"))
        .order_by(_S.c.position)
    )


# Built once: building a select (and its cache key) cost more than running it.
_WHOLE_ATTEMPT, _ONE_QUESTION = _select(False), _select(True)
_CONTENT_BY_ID = sa.select(_V.c.id, *_CONTENT).where(
    _V.c.id.in_(sa.bindparam("version_ids", expanding=True))
)
_CONTENT_CACHE: WeakKeyDictionary[Engine, dict[int, tuple]] = WeakKeyDictionary()


def _contents(session: Session, version_ids: set[int]) -> dict[int, tuple]:
    """The content of each version, from this process's cache or, for those it lacks, one query.

    Only versions that a committed attempt served come here (the pages that read attempts as
    rows never write versions), so an id read once always means the same content; the cache is
    keyed by engine, so two databases (or two apps in one test run) never share it.
    """
    cache = _CONTENT_CACHE.setdefault(session.get_bind(), {})
    found = {vid: cache.get(vid) for vid in version_ids}
    missing = [vid for vid, content in found.items() if content is None]
    if missing:
        if len(cache) + len(missing) > VERSION_CACHE_SIZE:
            cache.clear()  # rare: a bank of thousands of versions; refilled as pages ask
        for vid, stem, choices, answer, accepted, explanation, source in session.execute(
            _CONTENT_BY_ID, {"version_ids": missing}
        ):
            found[vid] = cache[vid] = (
                stem, choices or [], answer, accepted or [], explanation or "", source or {}
            )  # fmt: skip
    return found


def _served(row: sa.Row, contents: dict[int, tuple]) -> ServedRow:
    (*_attempt, sid, position, qid, order, vid, qtype, section_id,
     rid, given, score, correct, grading, points, comment) = row  # fmt: skip
    version = VersionRow(vid, *contents[vid], QuestionRow(qtype, section_id))
    grade = None if points is None else GradeRow(points, comment)
    response = None if rid is None else ResponseRow(rid, given, score, correct, grading, grade)
    return ServedRow(sid, position, qid, order or [], version, response)


def load_attempt_rows(
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
    attempt = AttemptRow(*rows[0][:6])
    served = [row for row in rows if row[6] is not None]
    contents = _contents(session, {row[10] for row in served}) if served else {}
    attempt.served_questions = [_served(row, contents) for row in served]
    return attempt


def load_one_served(
    session: Session, attempt_id: int, user_id: int, question_id: str
) -> tuple[AttemptRow, ServedRow]:
    """The learner's attempt and its served ``question_id`` only; AttemptNotFound otherwise."""
    attempt = load_attempt_rows(session, attempt_id, user_id, question_id)
    if not attempt.served_questions:
        raise AttemptNotFound("This attempt did not serve that question.")
    return attempt, attempt.served_questions[0]
