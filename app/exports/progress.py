"""Progress exports as plain ``(header, rows)`` generators over streaming queries.

Scope: a cohort (its members' responses), one learner (their own download) or, from the
command line without ``--cohort``, everyone. A learner in several cohorts appears in a cohort's
export under that cohort; in an export of everyone (or of one learner), the ``cohort`` column
names the learner's oldest cohort (lowest id), and is empty for a learner in none. Every
function runs one query per export, whatever the row count.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
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
    ResponseGrade,
    ServedQuestion,
    User,
)

BATCH = 5000  # rows fetched per round trip: memory stays flat whatever the export's size

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
    "grading",  # auto (by the question), awaiting (an essay not graded yet) or graded
    "comment",  # the grader's comment on an essay
)


@dataclass(frozen=True)
class ExportScope:
    """Which responses an export covers: one cohort (or everyone) and an optional start date."""

    cohort: Cohort | None = None
    since: datetime | None = None
    learner: User | None = None  # one learner's own data (their "download my data")


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
    everyone = (
        sa.select(User.id.label("user_id"), Cohort.name.label("cohort_name"))
        .outerjoin(oldest, oldest.c.user_id == User.id)
        .outerjoin(Cohort, Cohort.id == oldest.c.cohort_id)
    )
    if scope.learner is not None:
        everyone = everyone.where(User.id == scope.learner.id)
    return everyone.subquery("learner_cohort")


def batches(session: Session, query: sa.Select, *, tuples: bool = False) -> Iterator[Sequence[Any]]:
    """Execute ``query`` fetching BATCH rows at a time (a server-side cursor where there is one).

    With ``tuples``, for a query whose columns need no result processing, SQLite's rows come as
    the driver's own tuples: building SQLAlchemy's Row objects costs a third of SQLite's time.
    """
    # Core execution on the session's connection: rows need no ORM processing.
    connection = session.connection()
    server_side = connection.dialect.supports_server_side_cursors  # PostgreSQL's psycopg
    # (psycopg would read the whole result at once without one). SQLite's cursor steps through
    # the result as it is fetched anyway, and SQLAlchemy's streaming buffer adds a step a row.
    result = connection.execute(query.execution_options(stream_results=server_side))
    try:
        if tuples and not server_side:
            fetch = result.cursor.fetchmany  # nothing is buffered ahead without streaming
            while batch := fetch(BATCH):
                yield batch
        else:
            yield from result.partitions(BATCH)
    finally:
        result.close()


def stream(session: Session, query: sa.Select) -> Iterator[sa.Row]:
    """The rows of ``query``, fetched BATCH at a time."""
    for batch in batches(session, query):
        yield from batch


def responses_in(scope: ExportScope, lc: sa.Subquery, *columns: sa.ColumnElement) -> sa.Select:
    """``columns`` of the responses in scope, oldest first, joined to their served question,
    question, attempt, learner (``User``) and the learner's cohort (``lc``, learner_cohort's)."""
    query = (
        sa.select(*columns)
        .select_from(Response)
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(lc, lc.c.user_id == User.id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .order_by(Response.answered_at, Response.id)
    )
    if scope.since is not None:
        query = query.where(Response.answered_at >= scope.since)
    return query


def response_query(scope: ExportScope, *, content: bool = False) -> sa.Select:
    """One row per response in scope, oldest first, with its learner, cohort and question
    (and, with ``content``, the served version's stem, choices and key)."""
    lc = learner_cohort(scope)
    query = responses_in(
        scope,
        lc,
        User.username.label("learner"),
        sa.func.coalesce(lc.c.cohort_name, "").label("cohort"),
        Question.section_id,
        ServedQuestion.question_id,
        Question.type.label("question_type"),
        Response.attempt_id,
        Response.answered_at,
        Response.correct,
        Response.score,
        Response.answer.label("response"),
        Response.grading,
        sa.func.coalesce(ResponseGrade.comment, "").label("comment"),
    ).outerjoin(ResponseGrade, ResponseGrade.response_id == Response.id)
    if content:
        query = query.join(
            QuestionVersion, QuestionVersion.id == ServedQuestion.version_id
        ).add_columns(
            QuestionVersion.stem, QuestionVersion.choices, QuestionVersion.answer.label("key")
        )
    return query


def count_rows(session: Session, query: sa.Select) -> int:
    """How many rows ``query`` returns (for progress bars), in one query."""
    counted = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    return session.scalar(counted) or 0


def response_rows(
    session: Session, scope: ExportScope, *, content: bool = False
) -> tuple[tuple[str, ...], Rows]:
    """The per-response export: (header, rows of plain Python values); ``content`` adds the
    served question's stem, choices and key (for xAPI interaction definitions). The CSV takes
    its rows as finished text from ``csv_rows.response_csv_rows`` instead (much faster)."""

    def rows() -> Rows:
        query = response_query(scope, content=content)
        keys = tuple(column.name for column in query.selected_columns)
        # The columns are labelled with the row keys: zip builds each dict in C.
        for row in stream(session, query):
            yield dict(zip(keys, row, strict=True))

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
            Attempt.ungraded,
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
