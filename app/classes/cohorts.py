"""Cohorts: create them, archive them, and join them with a code (plain functions, flush only)."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Cohort, Membership, User, utcnow
from ..timezones import is_known_time_zone

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read aloud and copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
JOIN_CODE_LENGTH = 8
_NOT_CODE = re.compile(r"[\s-]+")
# Joining twice at once (a double click, two tabs): both INSERTs run, one adds the row and the
# other adds nothing instead of failing on the primary key. Built once per dialect.
_MEMBERSHIPS = Membership.__table__
_JOIN = {
    # RETURNING says whether this request added the row (a rowcount is not reported
    # reliably for ON CONFLICT DO NOTHING by every driver and SQLAlchemy version)
    name: dialect.insert(_MEMBERSHIPS).on_conflict_do_nothing().returning(_MEMBERSHIPS.c.user_id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


class CohortError(ValueError):
    """A cohort action cannot be done (unknown code, archived class, bad name)."""


def new_join_code(session: Session) -> str:
    """A random join code that no cohort uses yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(sa.select(Cohort.id).where(Cohort.join_code == code)) is None:
            return code


def normalise_code(text: str) -> str:
    """A typed code as stored: capitals, without spaces or dashes."""
    return _NOT_CODE.sub("", text or "").upper()


def create_cohort(session: Session, instructor: User, name: str) -> Cohort:
    """A new cohort run by ``instructor`` with a fresh join code."""
    name = (name or "").strip()
    if not name:
        raise CohortError("A class needs a name.")
    if not instructor.is_instructor:
        raise CohortError("Only instructors run classes.")
    cohort = Cohort(
        name=name[:120],
        instructor_id=instructor.id,
        join_code=new_join_code(session),
        time_zone=instructor.time_zone or "UTC",  # the zone the instructor's browser reported
    )
    session.add(cohort)
    session.flush()
    return cohort


def set_time_zone(session: Session, cohort: Cohort, name: str) -> None:
    """Give the class's times in the IANA zone ``name``; CohortError for an unknown one."""
    if not is_known_time_zone(name):
        raise CohortError("Choose a time zone from the list.")
    cohort.time_zone = name
    session.flush()


def set_archived(session: Session, cohort: Cohort, archived: bool) -> None:
    """Archive a cohort (no one can join it; it leaves the active list) or bring it back."""
    cohort.archived = archived
    session.flush()


def join_cohort(session: Session, user: User, code: str) -> tuple[Cohort, bool]:
    """Add ``user`` to the cohort with ``code``; return (cohort, True if newly joined)."""
    normalised = normalise_code(code)
    cohort = session.scalar(sa.select(Cohort).where(Cohort.join_code == normalised))
    if cohort is None:
        raise CohortError("No class has this code. Check it with your instructor.")
    if cohort.archived:
        raise CohortError("This class is archived and takes no new members.")
    return cohort, add_member(session, cohort, user)


def add_member(session: Session, cohort: Cohort, user: User) -> bool:
    """Add ``user`` to ``cohort`` unless a member already; True if newly added."""
    insert = _JOIN.get(session.get_bind().dialect.name)
    if insert is None:
        insert = sa.insert(_MEMBERSHIPS).returning(_MEMBERSHIPS.c.user_id)
    values = {"cohort_id": cohort.id, "user_id": user.id, "joined_at": utcnow()}
    return session.execute(insert, values).first() is not None


def learner_cohorts(session: Session, user: User) -> list[Cohort]:
    """The cohorts ``user`` is a member of, by name."""
    query = (
        sa.select(Cohort)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Membership.user_id == user.id)
        .order_by(Cohort.archived, Cohort.name, Cohort.id)
    )
    return list(session.scalars(query))


def member_counts(session: Session, cohorts: list[Cohort]) -> dict[int, int]:
    """Members per cohort id, in one query (cohorts without members are absent)."""
    if not cohorts:
        return {}
    query = (
        sa.select(Membership.cohort_id, sa.func.count())
        .where(Membership.cohort_id.in_([c.id for c in cohorts]))
        .group_by(Membership.cohort_id)
    )
    return {cohort_id: count for cohort_id, count in session.execute(query)}
