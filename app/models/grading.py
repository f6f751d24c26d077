"""Hand grading: a response's grading state and an instructor's grade of it."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class GradingState(enum.StrEnum):
    """Who scores a response: its type when it is saved, or an instructor later."""

    AUTO = "auto"  # scored by its question type when saved (every type but the essay)
    AWAITING = "awaiting"  # waits for an instructor: progress and grades leave it out
    GRADED = "graded"  # an instructor graded it (and may grade it again)


# awaiting → graded; graded → graded is a regrade; an automatic score never waits
GRADING_TRANSITIONS = {
    GradingState.AUTO: frozenset(),
    GradingState.AWAITING: frozenset({GradingState.GRADED}),
    GradingState.GRADED: frozenset({GradingState.GRADED}),
}


def can_move(state: GradingState, to: GradingState) -> bool:
    """Whether a response's grading may move from ``state`` to ``to``."""
    return to in GRADING_TRANSITIONS[state]


class ResponseGrade(db.Model):
    """An instructor's grade of one response: points out of the question's, and a comment the
    learner reads. One row per response, the latest grade; ``revision`` counts the gradings."""

    __tablename__ = "response_grades"

    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    points: Mapped[float]
    max_points: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    grader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    graded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(default=1)

    grader = relationship("User")
