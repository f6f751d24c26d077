"""Who may see which cohort: an instructor the ones they run (or co-run), an admin all."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Cohort, CoInstructor, Membership, User


def runs_cohort(user_id: int) -> sa.ColumnElement[bool]:
    """SQL condition: the cohort is run by ``user_id``, as its instructor or a co-instructor."""
    co_run = sa.select(CoInstructor.cohort_id).where(CoInstructor.user_id == user_id)
    return sa.or_(Cohort.instructor_id == user_id, Cohort.id.in_(co_run))


def visible_cohorts(
    session: Session, user: User, *, include_archived: bool = False
) -> list[Cohort]:
    """The cohorts ``user`` runs or co-runs (every cohort for an admin), newest first."""
    query = sa.select(Cohort).order_by(Cohort.created_at.desc(), Cohort.id.desc())
    if not user.is_admin:
        query = query.where(runs_cohort(user.id))
    if not include_archived:
        query = query.where(Cohort.archived.is_(False))
    return list(session.scalars(query))


def can_manage_cohort(user: User, cohort: Cohort) -> bool:
    """True when ``user`` runs ``cohort`` (as its instructor or a co-instructor) or is an admin."""
    if user.is_admin:
        return True
    if not user.is_instructor:
        return False
    return cohort.instructor_id == user.id or any(
        co.user_id == user.id for co in cohort.co_instructors
    )


def owned_cohort(session: Session, user: User, cohort_id: int) -> Cohort | None:
    """The cohort if it exists and ``user`` may manage it, else None (callers answer 404/403)."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or not can_manage_cohort(user, cohort):
        return None
    return cohort


def teaches_learner(session: Session, user: User, learner_id: int) -> bool:
    """True when ``learner_id`` is in a cohort that ``user`` runs or co-runs (always for an
    admin)."""
    if user.is_admin:
        return True
    query = (
        sa.select(Membership.user_id)
        .join(Cohort, Cohort.id == Membership.cohort_id)
        .where(runs_cohort(user.id), Membership.user_id == learner_id)
        .limit(1)
    )
    return session.scalar(query) is not None
