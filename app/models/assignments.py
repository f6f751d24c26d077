"""Assignments: a quiz an instructor gives a class, and the accommodations made for learners."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .quiz import AttemptMode
from .types import UTCDateTime, enum_column, utcnow


class ShowAnswers(enum.StrEnum):
    """When learners see the keys and feedback of their attempts (Moodle's review options)."""

    AT_ONCE = "at_once"
    AFTER_DUE = "after_due"
    NEVER = "never"

    @property
    def label(self) -> str:
        return {
            "at_once": "At once",
            "after_due": "After the due date",
            "never": "Never",
        }[self.value]


class Assignment(db.Model):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(120))
    # the sections drawn from, or (hand-picked) the questions' sections
    section_ids: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # hand-picked questions, served in this order; None: a random draw from the sections
    question_ids: Mapped[list[str] | None] = mapped_column(sa.JSON)
    count: Mapped[int]
    mode: Mapped[AttemptMode] = mapped_column(enum_column(AttemptMode))
    time_limit: Mapped[int | None]  # minutes
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts_allowed: Mapped[int] = mapped_column(default=1)
    show_answers: Mapped[ShowAnswers] = mapped_column(
        enum_column(ShowAnswers), default=ShowAnswers.AFTER_DUE
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort = relationship("Cohort")


class Accommodation(db.Model):
    """Extra time and attempts for one learner: class-wide (no assignment) or on one assignment.

    On one assignment it may also move the learner's due date. A field left empty there takes
    the class-wide value."""

    __tablename__ = "accommodations"
    __table_args__ = (sa.UniqueConstraint("cohort_id", "user_id", "assignment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    assignment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assignments.id", ondelete="CASCADE")
    )
    time_factor: Mapped[float | None]  # 1.5: half as much time again
    extra_minutes: Mapped[int | None]
    extra_attempts: Mapped[int | None]
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccommodationChange(db.Model):
    """The log of accommodations: who changed what for whom, and when."""

    __tablename__ = "accommodation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    assignment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assignments.id", ondelete="CASCADE")
    )
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    what: Mapped[str] = mapped_column(sa.String(300))

    learner = relationship("User", foreign_keys=[user_id])
    actor = relationship("User", foreign_keys=[actor_id])
    assignment = relationship("Assignment")
