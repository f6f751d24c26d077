"""Look-ups for the bank's views: 404 for unknown ids."""

from __future__ import annotations

from flask import abort

from ..extensions import db
from ..models import Question


def question_or_abort(question_id: str) -> Question:
    """A question by id; 404 when there is none."""
    question = db.session.get(Question, question_id)
    if question is None:
        abort(404)
    return question
