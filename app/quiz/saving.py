"""Saving one answer with Core statements, safe against the same answer arriving twice at once.

The first answer to a question is an INSERT that does nothing when another request has just
inserted one (ON CONFLICT on the unique served_id): the answer saved meanwhile is then read and
the engine decides again as if it had been there all along. The same answer is therefore
idempotent (saved once, both requests succeed); a different one replaces it in a test and is
refused in practice, where the first answer is final (AttemptClosed, 409).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Response
from .engine import FULL_MARKS, hold_open_attempt, plan_response
from .inserts import insert_one
from .rows import AttemptRow, ResponseRow, ServedRow

_TABLE = Response.__table__
_UPDATE = sa.update(_TABLE).where(_TABLE.c.id == sa.bindparam("response_id"))
_SAVED = sa.select(_TABLE.c.id, _TABLE.c.answer, _TABLE.c.score, _TABLE.c.correct).where(
    _TABLE.c.served_id == sa.bindparam("served_id")
)


def save_answer(
    session: Session, attempt: AttemptRow, served: ServedRow, raw: Any, now: datetime
) -> ServedRow:
    """Validate, grade and save one answer (see engine.plan_response); flush, never commit.

    ``served.response`` holds the saved answer afterwards.
    """
    plan = plan_response(attempt, served, raw, now)
    if plan is None:
        return served
    hold_open_attempt(session, attempt.id)  # stored only while in progress (see engine)
    answer, score = plan
    values = {"answer": answer, "score": score, "correct": score >= FULL_MARKS, "answered_at": now}
    if served.response is not None:
        session.execute(_UPDATE, {"response_id": served.response.id, **values})
        served.response = ResponseRow(served.response.id, answer, score, values["correct"])
        return served
    new_id = insert_one(session, {"attempt_id": attempt.id, "served_id": served.id, **values})
    if new_id is None:  # another request answered this question a moment ago
        saved = session.execute(_SAVED, {"served_id": served.id}).one()
        served.response = ResponseRow(*saved)
        return save_answer(session, attempt, served, raw, now)
    served.response = ResponseRow(new_id, answer, score, values["correct"])
    return served
