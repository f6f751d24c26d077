"""The per-response CSV's rows as finished cells, fast enough for a million responses.

The same rows and cells as ``csv_chunks`` over ``progress.response_rows`` (tested byte for byte),
without a Python call per cell: the query selects exactly the nine columns, as text or numbers
the driver hands over unprocessed; per row, Python slices the timestamp, tests each text cell's
first character against one set, and looks the score, the 0/1 flag and the answer up in
memoised cells (repeated values: a handful of scores, the choices of a bank).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from ..csv_cells import FORMULA_FIRST, number_cell, safe_cell
from ..models import Question, Response, ResponseGrade, ServedQuestion, User
from .progress import RESPONSE_COLUMNS, ExportScope, batches, learner_cohort, responses_in
from .writers import CellCache, response_text

CsvRows = Iterator[tuple[str, ...]]


class TimestampText(FunctionElement):
    """A naive-UTC DateTime column as text starting "YYYY-MM-DD HH:MM:SS" (any fraction after)."""

    type = sa.String()
    name = "timestamp_text"
    inherit_cache = True


@compiles(TimestampText)
def _stored_text(element: TimestampText, compiler: Any, **kw: Any) -> str:
    # SQLite: SQLAlchemy stores a DateTime as exactly this text ("... HH:MM:SS.ffffff").
    return compiler.process(element.clauses, **kw)


@compiles(TimestampText, "postgresql")
def _to_char(element: TimestampText, compiler: Any, **kw: Any) -> str:
    # to_char truncates the fraction, as isoformat(timespec="seconds") does, whatever DateStyle.
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD HH24:MI:SS')"


def csv_query(scope: ExportScope) -> sa.Select:
    """The CSV's columns of every response in scope, in RESPONSE_COLUMNS order, as the driver
    gives them: text, the attempt id, timestamp text, the flag, the score, the answer's JSON."""
    lc = learner_cohort(scope)
    return responses_in(
        scope,
        lc,
        User.username,
        sa.func.coalesce(lc.c.cohort_name, ""),
        Question.section_id,
        ServedQuestion.question_id,
        Response.attempt_id,
        TimestampText(Response.answered_at),
        sa.type_coerce(Response.correct, sa.Integer),  # 0/1 (SQLite) or a bool (PostgreSQL)
        Response.score,
        sa.cast(Response.answer, sa.Text),  # the stored JSON text, undecoded
        Response.grading,
        sa.func.coalesce(ResponseGrade.comment, ""),
    ).outerjoin(ResponseGrade, ResponseGrade.response_id == Response.id)


def answer_cell(stored: str | None) -> str:
    """An answer's CSV cell from its stored JSON text: as ``response_text`` writes the decoded
    answer, spreadsheet-escaped, decoding only where the text needs it."""
    if stored is None:  # SQL NULL, which the JSON type reads as None
        return "null"
    if stored.startswith('"') and "\\" not in stored:
        text = stored[1:-1]  # a JSON string without escapes is its own text in quotes
    elif stored.startswith('"') or "\\u" in stored:
        # escapes, or non-ASCII written as \u escapes: decode, to show the text as typed
        text = response_text(json.loads(stored))
    else:
        text = stored  # true, false, null, or a list as compact JSON: already its own text
    return safe_cell(text)


def response_csv_rows(session: Session, scope: ExportScope) -> tuple[tuple[str, ...], CsvRows]:
    """The per-response CSV export: (header, rows of finished, spreadsheet-safe cells)."""

    def cell_batches() -> Iterator[list[tuple[str, ...]]]:
        first = FORMULA_FIRST
        flags, scores = CellCache(number_cell), CellCache(number_cell)
        answers = CellCache(answer_cell)
        for batch in batches(session, csv_query(scope), tuples=True):
            # One comprehension a batch and no call a cell: this loop is the export's own cost.
            yield [
                (
                    "'" + learner if learner[:1] in first else learner,
                    "'" + cohort if cohort[:1] in first else cohort,
                    "'" + section if section[:1] in first else section,
                    "'" + question if question[:1] in first else question,
                    f"{attempt}",
                    f"{stamp[:10]}T{stamp[11:19]}Z",
                    flags[flag],
                    scores[score],
                    answers[answer],
                    grading,
                    comment and safe_cell(comment),
                )
                for (
                    learner,
                    cohort,
                    section,
                    question,
                    attempt,
                    stamp,
                    flag,
                    score,
                    answer,
                    grading,
                    comment,
                ) in batch
            ]

    # chain hands the rows on one by one in C: no generator step a row
    return RESPONSE_COLUMNS, chain.from_iterable(cell_batches())
