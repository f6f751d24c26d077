"""Answers that wait for an instructor: marked when their attempt is finished."""

from __future__ import annotations

from blinker import signal

from ..models import Attempt, GradingState
from ..questions import get_type

# Sent (session, attempt=) inside the transaction that graded an attempt's last waiting answer,
# and again on each regrade of it: features that follow scores (LTI passback) listen.
attempt_graded = signal("quiz.attempt-graded")


def await_hand_grading(attempt: Attempt) -> int:
    """Mark a just-finished attempt's answers that an instructor grades (essays) as awaiting
    their grade; how many there are (the attempt's ``ungraded``)."""
    waiting = [
        served.response
        for served in attempt.served_questions
        if served.response is not None
        and served.response.grading is not GradingState.GRADED  # a reopened attempt's graded
        and get_type(served.version.question.type).graded_by_hand
    ]
    for response in waiting:
        response.grading = GradingState.AWAITING
    return len(waiting)
