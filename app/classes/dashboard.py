"""The class dashboard: a learner × section grid of mastery, attempts and time, in few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptState,
    Cohort,
    MasteryLevel,
    Membership,
    Section,
    SectionProgress,
    User,
)

FIXED_SORTS = ("name", "attempts", "time", "mastery")


class BadSort(ValueError):
    """The ?sort= value names no column of the grid."""


@dataclass
class LearnerRow:
    """One learner's row: level per section, finished attempts and time spent in them."""

    user_id: int
    username: str
    levels: dict[str, MasteryLevel] = field(default_factory=dict)
    attempts: int = 0
    seconds: float = 0.0

    def level(self, section_id: str) -> MasteryLevel:
        return self.levels.get(section_id, MasteryLevel.NOT_STARTED)

    @property
    def mastery(self) -> int:
        """Sum of level ranks over sections: a single number to sort by."""
        return sum(level.rank for level in self.levels.values())


def seconds_between(session: Session, start, end):
    """SQL for the seconds from ``start`` to ``end`` on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return sa.func.extract("epoch", end - start)
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 86400.0


def class_grid(session: Session, cohort: Cohort) -> tuple[list[Section], list[LearnerRow]]:
    """Sections and one row per member, in four queries whatever the class size.

    A learner's work counts from when they joined the class: attempts started before are left
    out, and so is a section's level when the learner has done nothing in it since joining.
    """
    sections = list(session.scalars(sa.select(Section).order_by(Section.order)))
    member = Membership.cohort_id == cohort.id
    rows = {
        user_id: LearnerRow(user_id, username)
        for user_id, username in session.execute(
            sa.select(User.id, User.username).join(Membership, Membership.user_id == User.id)
            .where(member)
        )
    }  # fmt: skip
    progress = (
        sa.select(SectionProgress.user_id, SectionProgress.section_id, SectionProgress.level)
        .join(Membership, Membership.user_id == SectionProgress.user_id)
        .where(member, SectionProgress.last_activity >= Membership.joined_at)
    )
    for user_id, section_id, level in session.execute(progress):
        rows[user_id].levels[section_id] = level
    attempts = (
        sa.select(
            Attempt.user_id,
            sa.func.count(Attempt.id),
            sa.func.sum(seconds_between(session, Attempt.started_at, Attempt.finished_at)),
        )
        .join(Membership, Membership.user_id == Attempt.user_id)
        .where(
            member,
            Attempt.started_at >= Membership.joined_at,
            Attempt.state == AttemptState.FINISHED,
            Attempt.finished_at.is_not(None),
        )
        .group_by(Attempt.user_id)
    )
    for user_id, count, seconds in session.execute(attempts):
        rows[user_id].attempts, rows[user_id].seconds = count, max(float(seconds or 0), 0.0)
    return sections, list(rows.values())


def sort_rows(
    rows: list[LearnerRow], sort: str, descending: bool, section_ids: list[str]
) -> list[LearnerRow]:
    """Rows sorted by a fixed column or a section id; ties by name."""
    keys = {
        "name": lambda r: r.username.casefold(),
        "attempts": attrgetter("attempts"),
        "time": attrgetter("seconds"),
        "mastery": attrgetter("mastery"),
    }
    if sort in section_ids:
        key = lambda r: r.level(sort).rank  # noqa: E731  (closes over the section id)
    elif sort in keys:
        key = keys[sort]
    else:
        raise BadSort(f"Cannot sort by “{sort}”: use {', '.join(FIXED_SORTS)} or a section id.")
    by_name = sorted(rows, key=lambda r: (r.username.casefold(), r.user_id))
    return sorted(by_name, key=key, reverse=descending)


def format_duration(seconds: float) -> str:
    """Seconds as "1 h 05 min", "4 min 10 s" or "0 s"."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


@dataclass
class LearnerHistory:
    """A learner's attempts (newest first) and level per section."""

    learner: User
    sections: list[Section]
    attempts: list[Attempt]
    progress: dict[str, SectionProgress]

    def level(self, section_id: str) -> MasteryLevel:
        found = self.progress.get(section_id)
        return found.level if found else MasteryLevel.NOT_STARTED


def learner_history(session: Session, learner: User) -> LearnerHistory:
    """Everything the learner's page shows, in three queries."""
    sections = list(session.scalars(sa.select(Section).order_by(Section.order)))
    attempts = list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.user_id == learner.id)
            .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        )
    )
    progress = {
        p.section_id: p
        for p in session.scalars(
            sa.select(SectionProgress).where(SectionProgress.user_id == learner.id)
        )
    }
    return LearnerHistory(learner, sections, attempts, progress)
