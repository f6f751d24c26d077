"""Answers that wait for an instructor: marked when their attempt is finished."""

from __future__ import annotations

import sqlalchemy as sa
from blinker import signal
from sqlalchemy.orm import Session

from ..models import GradingState, Response
from ..questions import get_type
from .attempts import AttemptRow

# Sent (session, attempt=) inside the transaction that graded an attempt's last waiting answer,
# and again on each regrade of it: features that follow scores (LTI passback) listen.
attempt_graded = signal("quiz.attempt-graded")

_RESPONSES = Response.__table__
# Built once; an answer graded already keeps its grade (a reopened attempt is a new one, whose
# answers start ungraded).
_AWAIT = (
    sa.update(_RESPONSES)
    .where(
        _RESPONSES.c.id.in_(sa.bindparam("response_ids", expanding=True)),
        _RESPONSES.c.grading != GradingState.GRADED,
    )
    .values(grading=GradingState.AWAITING)
)


def await_hand_grading(session: Session, attempt: AttemptRow) -> int:
    """Mark a just-finished attempt's answers that an instructor grades (essays) as awaiting
    their grade, in the database and in ``attempt``; how many there are (its ``ungraded``)."""
    waiting = [
        served.response
        for served in attempt.served_questions
        if served.response is not None
        and served.response.grading is not GradingState.GRADED
        and get_type(served.version.question.type).graded_by_hand
    ]
    if waiting:
        session.execute(_AWAIT, {"response_ids": [response.id for response in waiting]})
    for response in waiting:
        response.grading = GradingState.AWAITING
    return len(waiting)
