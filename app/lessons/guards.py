"""Look-ups for the lessons' views: 404 for unknown ids."""

from __future__ import annotations

from flask import abort

from ..extensions import db
from ..models import Lesson


def lesson_or_abort(section_id: str) -> Lesson:
    """The lesson of a section; 404 when there is none."""
    lesson = db.session.get(Lesson, section_id)
    if lesson is None:
        abort(404)
    return lesson
