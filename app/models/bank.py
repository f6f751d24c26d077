"""Questions and their immutable versions."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow


class QuestionStatus(enum.StrEnum):
    """Review state: new (generated, served), approved (served), rejected (never served)."""

    NEW = "new"
    APPROVED = "approved"
    REJECTED = "rejected"


class QuestionOrigin(enum.StrEnum):
    GENERATED = "generated"
    INSTRUCTOR = "instructor"


SERVABLE_STATUSES = (QuestionStatus.NEW, QuestionStatus.APPROVED)


class Question(db.Model):
    """A question's identity and review state; its content lives in versions."""

    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    section_id: Mapped[str] = mapped_column(
        sa.ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(sa.String(32), index=True)
    status: Mapped[QuestionStatus] = mapped_column(
        enum_column(QuestionStatus), default=QuestionStatus.NEW, index=True
    )
    origin: Mapped[QuestionOrigin] = mapped_column(
        enum_column(QuestionOrigin), default=QuestionOrigin.GENERATED
    )
    reject_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    # A generated question that the latest bank no longer holds: kept for the
    # attempts that served it, never served again.
    retired: Mapped[bool] = mapped_column(default=False, index=True)
    # An instructor changed the content: a sync keeps that edit.
    edited: Mapped[bool] = mapped_column(default=False)
    generated_digest: Mapped[str] = mapped_column(sa.String(64), default="")
    current_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question_versions.id", use_alter=True, name="fk_question_current_version")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    current: Mapped[QuestionVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )
    versions: Mapped[list[QuestionVersion]] = relationship(
        back_populates="question",
        foreign_keys="QuestionVersion.question_id",
        order_by="QuestionVersion.number",
    )

    @property
    def servable(self) -> bool:
        return self.status in SERVABLE_STATUSES and not self.retired


class QuestionVersion(db.Model):
    """One immutable version of a question's content."""

    __tablename__ = "question_versions"
    __table_args__ = (sa.UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    stem: Mapped[str] = mapped_column(sa.Text)
    choices: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    answer: Mapped[Any] = mapped_column(sa.JSON)
    accepted: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    generator: Mapped[str] = mapped_column(sa.String(64), default="")
    difficulty: Mapped[float | None]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions", foreign_keys=[question_id])
