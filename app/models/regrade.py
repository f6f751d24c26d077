"""Regrades: an instructor re-scoring past responses to a question, and what each changed."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Regrade(db.Model):
    """Who re-scored a question's past responses, when, and against which version."""

    __tablename__ = "regrades"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("question_versions.id", ondelete="CASCADE")
    )
    # kept when the instructor's account goes: the log still says what changed
    instructor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    changes: Mapped[list[RegradeChange]] = relationship(
        back_populates="regrade", cascade="all, delete-orphan", order_by="RegradeChange.id"
    )
    version = relationship("QuestionVersion")
    instructor = relationship("User")


class RegradeChange(db.Model):
    """One response whose score a regrade changed, and its attempt's score before and after."""

    __tablename__ = "regrade_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    regrade_id: Mapped[int] = mapped_column(
        sa.ForeignKey("regrades.id", ondelete="CASCADE"), index=True
    )
    # a learner's deleted account takes their answers and this part of the log with it
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    old_score: Mapped[float]
    new_score: Mapped[float]
    old_attempt_score: Mapped[float | None]
    new_attempt_score: Mapped[float | None]

    regrade: Mapped[Regrade] = relationship(back_populates="changes")
    user = relationship("User")
