"""Questions from a section's lesson: what a key term means, what came before what across the
whole course (the lessons' timelines, context beyond the text included), and the lesson's
comparison tables."""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Section
from ..draft import Context, Draft
from .lesson_tables import comparisons
from .lesson_terms import term_meanings
from .lesson_timeline import before_questions


def lesson_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """Term meanings and timeline order from the lesson of ``section`` (none without one)."""
    lesson = ctx.lessons.get(section.id)
    if lesson is None:
        return
    yield from term_meanings(ctx, section)
    yield from before_questions(ctx, section)
    yield from comparisons(ctx, section)
