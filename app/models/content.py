"""Sections of the document and their lessons, with revision history."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Section(db.Model):
    __tablename__ = "sections"

    id: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    order: Mapped[int] = mapped_column(index=True)

    lesson: Mapped[Lesson | None] = relationship(back_populates="section", uselist=False)


class Lesson(db.Model):
    """The live copy of a lesson; ``html`` is the sanitised rendering of ``body``."""

    __tablename__ = "lessons"

    section_id: Mapped[str] = mapped_column(
        sa.ForeignKey("sections.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str] = mapped_column(sa.Text)
    # Digest of the lesson file as last loaded, so that a sync can tell a file
    # change from a browser edit.
    file_digest: Mapped[str] = mapped_column(sa.String(64), default="")
    edited_in_browser: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    section: Mapped[Section] = relationship(back_populates="lesson")
    revisions: Mapped[list[LessonRevision]] = relationship(
        back_populates="lesson",
        order_by="LessonRevision.number",
        cascade="all, delete-orphan",
    )


class LessonRevision(db.Model):
    __tablename__ = "lesson_revisions"
    __table_args__ = (sa.UniqueConstraint("lesson_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[str] = mapped_column(
        sa.ForeignKey("lessons.section_id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lesson: Mapped[Lesson] = relationship(back_populates="revisions")
    author = relationship("User")
