"""Fetch what the item statistics need, in a fixed number of queries."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from ..models import (
    Attempt,
    AttemptState,
    Membership,
    QuestionVersion,
    Response,
    ServedQuestion,
)
from .statistics import ItemStatistics, ServedRow, first_attempt_observations, item_statistics


def served_rows(
    session: Session, *, cohort_id: int | None = None, question_id: str | None = None
) -> list[ServedRow]:
    """Every question served in finished attempts (of a cohort's members, if given).

    With ``question_id`` only the attempts that served that question are read, but all
    of their questions, because the rest score needs the whole attempt.
    """
    query = (
        sa.select(
            Attempt.user_id,
            Attempt.id,
            Attempt.finished_at,
            ServedQuestion.question_id,
            ServedQuestion.version_id,
            Response.score,
            Response.answer,
        )
        .join(ServedQuestion, ServedQuestion.attempt_id == Attempt.id)
        .outerjoin(Response, Response.served_id == ServedQuestion.id)
        .where(Attempt.state == AttemptState.FINISHED, Attempt.finished_at.is_not(None))
    )
    if cohort_id is not None:
        members = sa.select(Membership.user_id).where(Membership.cohort_id == cohort_id)
        query = query.where(Attempt.user_id.in_(members))
    if question_id is not None:
        serving = sa.select(ServedQuestion.attempt_id).where(
            ServedQuestion.question_id == question_id
        )
        query = query.where(Attempt.id.in_(serving))
    return [ServedRow(*row) for row in session.execute(query)]


def version_info(session: Session, version_ids: set[int]) -> dict[int, QuestionVersion]:
    """The versions with these ids, with their questions (one query)."""
    if not version_ids:
        return {}
    query = (
        sa.select(QuestionVersion)
        .where(QuestionVersion.id.in_(sorted(version_ids)))
        .options(joinedload(QuestionVersion.question))
    )
    return {v.id: v for v in session.scalars(query)}


def statistics_for(
    session: Session, *, cohort_id: int | None = None, question_id: str | None = None
) -> tuple[list[ItemStatistics], dict[int, QuestionVersion]]:
    """Item statistics per question version, and the versions they describe."""
    observations = first_attempt_observations(
        served_rows(session, cohort_id=cohort_id, question_id=question_id)
    )
    if question_id is not None:
        observations = [o for o in observations if o.question_id == question_id]
    versions = version_info(session, {o.version_id for o in observations})
    types = {vid: (v.question.type if v.question else "", v.choices) for vid, v in versions.items()}
    return item_statistics(observations, types), versions
