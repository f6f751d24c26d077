"""Attempts and questions as API JSON (feedback only when quiz.views allows it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..quiz.attempts import AttemptRow, ServedRow
from ..quiz.deadlines import seconds_left
from ..quiz.views import question_view


def question_json(
    attempt: AttemptRow, served: ServedRow, answers_open: bool = True
) -> dict[str, Any]:
    """One served question: public parts, the saved answer, and feedback once allowed."""
    view = question_view(attempt, served, answers_open)
    for page_only in ("key_text", "marks", "credit_note", "quote", "quote_from"):
        view.pop(page_only, None)  # the page's wording; the API gives the key itself
    return view


def attempt_json(attempt: AttemptRow, now: datetime, answers_open: bool = True) -> dict[str, Any]:
    """An attempt with its questions; score and results once finished (and allowed)."""
    return {
        "id": attempt.id,
        "mode": attempt.mode.value,
        "kind": attempt.kind.value,
        "state": attempt.state.value,
        "section_ids": attempt.section_ids,
        "seed": attempt.seed,
        "started_at": attempt.started_at.isoformat(),
        "deadline": attempt.deadline.isoformat() if attempt.deadline else None,
        "seconds_left": None if attempt.finished else seconds_left(attempt, now),
        "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
        "score": attempt.score if attempt.finished else None,
        "max_score": attempt.max_score,
        "awaiting_grading": attempt.awaiting_grading,
        "questions": [question_json(attempt, s, answers_open) for s in attempt.served_questions],
    }
