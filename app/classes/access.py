"""Who may see which cohort: an instructor their own, an admin all."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Cohort, Membership, User


def visible_cohorts(
    session: Session, user: User, *, include_archived: bool = False
) -> list[Cohort]:
    """The cohorts ``user`` runs (every cohort for an admin), newest first."""
    query = sa.select(Cohort).order_by(Cohort.created_at.desc(), Cohort.id.desc())
    if not user.is_admin:
        query = query.where(Cohort.instructor_id == user.id)
    if not include_archived:
        query = query.where(Cohort.archived.is_(False))
    return list(session.scalars(query))


def can_manage_cohort(user: User, cohort: Cohort) -> bool:
    """True when ``user`` runs ``cohort`` or is an admin."""
    return user.is_admin or (user.is_instructor and cohort.instructor_id == user.id)


def owned_cohort(session: Session, user: User, cohort_id: int) -> Cohort | None:
    """The cohort if it exists and ``user`` may manage it, else None (callers answer 404/403)."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or not can_manage_cohort(user, cohort):
        return None
    return cohort


def teaches_learner(session: Session, user: User, learner_id: int) -> bool:
    """True when ``learner_id`` is in a cohort that ``user`` runs (always for an admin)."""
    if user.is_admin:
        return True
    query = (
        sa.select(Membership.user_id)
        .join(Cohort, Cohort.id == Membership.cohort_id)
        .where(Cohort.instructor_id == user.id, Membership.user_id == learner_id)
        .limit(1)
    )
    return session.scalar(query) is not None
