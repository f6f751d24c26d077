"""Mastery per learner and section, and the spaced-review schedule per question."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow


class MasteryLevel(enum.StrEnum):
    NOT_STARTED = "not_started"
    ATTEMPTED = "attempted"
    FAMILIAR = "familiar"
    PROFICIENT = "proficient"
    MASTERED = "mastered"

    @property
    def rank(self) -> int:
        return list(MasteryLevel).index(self)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class SectionProgress(db.Model):
    __tablename__ = "section_progress"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    section_id: Mapped[str] = mapped_column(
        sa.ForeignKey("sections.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[MasteryLevel] = mapped_column(
        enum_column(MasteryLevel), default=MasteryLevel.NOT_STARTED
    )
    best_score: Mapped[float] = mapped_column(default=0.0)
    attempts_count: Mapped[int] = mapped_column(default=0)
    last_activity: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewCard(db.Model):
    """An FSRS card for one learner and question (``card`` is fsrs.Card.to_dict())."""

    __tablename__ = "review_cards"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    card: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    due: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
