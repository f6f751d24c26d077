"""Classes (cohorts) run by an instructor (and co-instructors), and their members."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Cohort(db.Model):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # None only for a class an LMS course's first launch made before any instructor opened
    # it (app/lti): the first instructor who launches it becomes its instructor
    instructor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # opening and due times of the class's assignments are typed and shown in this zone
    time_zone: Mapped[str] = mapped_column(sa.String(64), default="UTC", server_default="UTC")

    instructor = relationship("User")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan"
    )
    co_instructors: Mapped[list[CoInstructor]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    __tablename__ = "memberships"

    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="memberships")
    user = relationship("User")


class CoInstructor(db.Model):
    """Another instructor who runs the class with its instructor (e.g. a second instructor of
    the LMS course linked to it): the same access to the class, without owning it."""

    __tablename__ = "cohort_instructors"

    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="co_instructors")
