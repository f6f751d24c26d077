"""Progress exports as plain ``(header, rows)`` generators over streaming queries.

Scope: a cohort (its members' responses) or, from the command line without ``--cohort``,
everyone. A learner in several cohorts appears in a cohort's export under that cohort; in an
export of everyone, the ``cohort`` column names the learner's oldest cohort (lowest id), and is
empty for a learner in none. Every function runs one query per export, whatever the row count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptState,
    Cohort,
    Membership,
    Question,
    QuestionVersion,
    Response,
    ServedQuestion,
    User,
)
from .writers import iso_utc, response_text

BATCH = 1000  # rows fetched per round trip: memory stays flat whatever the export's size

RESPONSE_COLUMNS = (
    "learner",
    "cohort",
    "section_id",
    "question_id",
    "attempt_id",
    "answered_at",
    "correct",
    "score",
    "response",
)


@dataclass(frozen=True)
class ExportScope:
    """Which responses an export covers: one cohort (or everyone) and an optional start date."""

    cohort: Cohort | None = None
    since: datetime | None = None


Rows = Iterator[dict[str, Any]]


def learner_cohort(scope: ExportScope) -> sa.Subquery:
    """(user_id, cohort_id, cohort_name) of the learners in scope, one line per learner."""
    if scope.cohort is not None:
        return (
            sa.select(
                Membership.user_id,
                sa.literal(scope.cohort.name).label("cohort_name"),
            )
            .where(Membership.cohort_id == scope.cohort.id)
            .subquery("learner_cohort")
        )
    oldest = (
        sa.select(Membership.user_id, sa.func.min(Membership.cohort_id).label("cohort_id"))
        .group_by(Membership.user_id)
        .subquery("oldest")
    )
    return (
        sa.select(User.id.label("user_id"), Cohort.name.label("cohort_name"))
        .outerjoin(oldest, oldest.c.user_id == User.id)
        .outerjoin(Cohort, Cohort.id == oldest.c.cohort_id)
        .subquery("learner_cohort")
    )


def stream(session: Session, query: sa.Select) -> Iterator[sa.Row]:
    """Execute ``query`` fetching BATCH rows at a time (a server-side cursor where there is one)."""
    # Core execution on the session's connection: rows need no ORM processing.
    result = session.connection().execute(query.execution_options(stream_results=True))
    try:
        for batch in result.partitions(BATCH):
            yield from batch
    finally:
        result.close()


def response_query(scope: ExportScope, *, content: bool = False, raw: bool = False) -> sa.Select:
    """One row per response in scope, oldest first, with its learner, cohort and question
    (and, with ``content``, the served version's stem, choices and key). With ``raw`` the
    time, flag and response come as the driver gives them (no type processing): the stored
    JSON text, 0/1, and a timestamp string (SQLite) or naive UTC datetime (PostgreSQL)."""
    lc = learner_cohort(scope)
    answer, answered_at, correct = Response.answer, Response.answered_at, Response.correct
    if raw:
        answer = sa.cast(Response.answer, sa.Text)
        answered_at = sa.type_coerce(Response.answered_at, sa.String)
        correct = sa.type_coerce(Response.correct, sa.Integer)
    query = (
        sa.select(
            User.username.label("learner"),
            sa.func.coalesce(lc.c.cohort_name, "").label("cohort"),
            Question.section_id,
            ServedQuestion.question_id,
            Question.type.label("question_type"),
            Response.attempt_id,
            answered_at.label("answered_at"),
            correct.label("correct"),
            Response.score,
            answer.label("response"),
        )
        .select_from(Response)
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(lc, lc.c.user_id == User.id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .order_by(Response.answered_at, Response.id)
    )
    if content:
        query = query.join(
            QuestionVersion, QuestionVersion.id == ServedQuestion.version_id
        ).add_columns(
            QuestionVersion.stem, QuestionVersion.choices, QuestionVersion.answer.label("key")
        )
    if scope.since is not None:
        query = query.where(Response.answered_at >= scope.since)
    return query


def count_rows(session: Session, query: sa.Select) -> int:
    """How many rows ``query`` returns (for progress bars), in one query."""
    counted = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    return session.scalar(counted) or 0


def response_rows(
    session: Session, scope: ExportScope, *, content: bool = False, as_text: bool = False
) -> tuple[tuple[str, ...], Rows]:
    """The per-response export: (header, rows of plain Python values); ``content`` adds the
    served question's stem, choices and key (for xAPI interaction definitions). With
    ``as_text`` (the CSV) the time comes as ISO 8601 text, ``correct`` as 0/1 and the response
    as text (a typed answer as typed, anything else as JSON): much faster than typed values."""

    def rows() -> Rows:
        query = response_query(scope, content=content, raw=as_text)
        keys = tuple(column.name for column in query.selected_columns)
        # The columns are labelled with the row keys: zip builds each dict in C.
        for row in stream(session, query):
            record = dict(zip(keys, row, strict=True))
            if as_text:
                record["answered_at"] = _iso_text(record["answered_at"])
                record["response"] = _answer_text(record["response"])
            yield record

    return RESPONSE_COLUMNS, rows()


def attempt_query(scope: ExportScope) -> sa.Select:
    """One row per finished attempt of a learner in scope (for xAPI completion statements)."""
    lc = learner_cohort(scope)
    query = (
        sa.select(
            Attempt.id,
            User.username,
            Attempt.mode,
            Attempt.kind,
            Attempt.section_ids,
            Attempt.started_at,
            Attempt.finished_at,
            Attempt.score,
            Attempt.max_score,
        )
        .join(User, User.id == Attempt.user_id)
        .join(lc, lc.c.user_id == User.id)
        .where(Attempt.state == AttemptState.FINISHED, Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at, Attempt.id)
    )
    if scope.since is not None:
        query = query.where(Attempt.finished_at >= scope.since)
    return query


def attempt_rows(session: Session, scope: ExportScope) -> Rows:
    """Finished attempts in scope as plain dicts."""
    for row in stream(session, attempt_query(scope)):
        yield row._asdict()


def _iso_text(stored: str | datetime) -> str:
    """ISO 8601 UTC from a stored naive-UTC timestamp ("YYYY-MM-DD HH:MM:SS[.ffffff]")."""
    if isinstance(stored, str):
        return f"{stored[:10]}T{stored[11:19]}Z"
    return iso_utc(stored.replace(tzinfo=UTC))


def _answer_text(stored: str) -> str:
    """An answer's CSV text from its stored JSON text, decoding only where needed."""
    if stored.startswith('"') and "\\" not in stored:
        return stored[1:-1]  # a JSON string without escapes is its own text in quotes
    if stored.startswith('"') or "\\u" in stored:
        # escapes, or non-ASCII written as \u escapes: decode, to show the text as typed
        return response_text(json.loads(stored))
    return stored
