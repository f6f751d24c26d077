"""Attempts, what each served, and the responses given."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .grading import GradingState
from .types import UTCDateTime, enum_column, utcnow


class AttemptMode(enum.StrEnum):
    PRACTICE = "practice"
    TEST = "test"


class AttemptKind(enum.StrEnum):
    SECTION = "section"
    MIXED = "mixed"
    REVIEW = "review"


class AttemptState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class IllegalTransition(Exception):
    """An attempt was asked to move to a state it cannot reach from its own."""


_TRANSITIONS = {AttemptState.IN_PROGRESS: {AttemptState.FINISHED}, AttemptState.FINISHED: set()}


class AttemptStatus:
    """What an attempt's state and count of ungraded answers say, for the model and for the
    quiz's Core rows alike (both have ``state`` and ``ungraded``)."""

    __slots__ = ()
    state: AttemptState
    ungraded: int

    @property
    def finished(self) -> bool:
        return self.state is AttemptState.FINISHED

    @property
    def awaiting_grading(self) -> bool:
        """Finished, with an answer an instructor has not graded yet."""
        return self.finished and self.ungraded > 0


class Attempt(AttemptStatus, db.Model):
    __tablename__ = "attempts"
    # one learner's n-th attempt at an assignment exists once: two starts racing for the same
    # number make one attempt, the other's INSERT fails (NULLs, other attempts, never clash)
    __table_args__ = (
        sa.UniqueConstraint(
            "assignment_id", "user_id", "attempt_number", name="uq_attempts_assignment_number"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mode: Mapped[AttemptMode] = mapped_column(enum_column(AttemptMode))
    kind: Mapped[AttemptKind] = mapped_column(enum_column(AttemptKind))
    state: Mapped[AttemptState] = mapped_column(
        enum_column(AttemptState), default=AttemptState.IN_PROGRESS, index=True
    )
    section_ids: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None]
    max_score: Mapped[int] = mapped_column(default=0)
    assignment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assignments.id", ondelete="SET NULL", name="fk_attempts_assignment_id"),
        index=True,
    )
    attempt_number: Mapped[int | None]
    # responses still waiting for an instructor's grade (essays): the attempt's score is not
    # final, and progress, the gradebook and the LMS wait for it
    ungraded: Mapped[int] = mapped_column(default=0, server_default="0")

    served_questions: Mapped[list[ServedQuestion]] = relationship(
        back_populates="attempt", order_by="ServedQuestion.position", cascade="all, delete-orphan"
    )
    user = relationship("User")

    def move_to(self, state: AttemptState) -> None:
        """Change state, refusing moves the state machine does not allow."""
        if state not in _TRANSITIONS[self.state]:
            raise IllegalTransition(f"attempt {self.id}: {self.state.value} → {state.value}")
        self.state = state


class ServedQuestion(db.Model):
    """A question as an attempt served it: the version and the choice order are frozen."""

    __tablename__ = "served_questions"
    __table_args__ = (
        sa.UniqueConstraint("attempt_id", "position"),
        sa.UniqueConstraint("attempt_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[str] = mapped_column(sa.ForeignKey("questions.id"), index=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("question_versions.id"), index=True)
    # The order in which the options were shown (choice texts, or for matching
    # the right-hand items, for ordering the shuffled items).
    choice_order: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)

    attempt: Mapped[Attempt] = relationship(back_populates="served_questions")
    version = relationship("QuestionVersion")
    response: Mapped[Response | None] = relationship(back_populates="served", uselist=False)


class Response(db.Model):
    """The answer given to one served question (one per served question)."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    served_id: Mapped[int] = mapped_column(
        sa.ForeignKey("served_questions.id", ondelete="CASCADE"), unique=True
    )
    answer: Mapped[Any] = mapped_column(sa.JSON)
    score: Mapped[float] = mapped_column(default=0.0)
    correct: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    grading: Mapped[GradingState] = mapped_column(
        enum_column(GradingState), default=GradingState.AUTO, server_default="auto"
    )

    served: Mapped[ServedQuestion] = relationship(back_populates="response")
    grade = relationship("ResponseGrade", uselist=False, lazy="select", viewonly=True)

    @property
    def awaiting(self) -> bool:
        """Waiting for an instructor's grade: progress and grades leave it out."""
        return self.grading is GradingState.AWAITING
