"""The summary export: one row per learner and section, with mastery and response statistics."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    MasteryLevel,
    Membership,
    Question,
    Response,
    Section,
    SectionProgress,
    ServedQuestion,
    User,
)
from .progress import ExportScope, Rows, learner_cohort, stream

SUMMARY_COLUMNS = (
    "learner",
    "cohort",
    "section_id",
    "section_title",
    "level",
    "accuracy",
    "attempts",
    "responses",
    "last_activity",
)


def summary_query(scope: ExportScope) -> sa.Select:
    """Every learner in scope × every section, with mastery and response statistics."""
    lc = learner_cohort(scope)
    learners = sa.select(lc.c.user_id, lc.c.cohort_name)
    if scope.cohort is None:
        # Everyone who has ever started an attempt, or belongs to a cohort.
        learners = learners.where(
            sa.or_(
                sa.exists().where(Attempt.user_id == lc.c.user_id),
                sa.exists().where(Membership.user_id == lc.c.user_id),
            )
        )
    learners = learners.subquery("learners")
    stats = (
        sa.select(
            Attempt.user_id,
            Question.section_id,
            sa.func.count(Response.id).label("responses"),
            sa.func.sum(sa.case((Response.correct, 1), else_=0)).label("right"),
            sa.func.count(sa.distinct(Response.attempt_id)).label("attempts"),
            sa.func.max(Response.answered_at).label("last_answer"),
        )
        .select_from(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .group_by(Attempt.user_id, Question.section_id)
    )
    if scope.since is not None:
        stats = stats.where(Response.answered_at >= scope.since)
    stats = stats.subquery("stats")
    return (
        sa.select(
            User.username,
            learners.c.cohort_name,
            Section.id.label("section_id"),
            Section.title,
            SectionProgress.level,
            SectionProgress.last_activity,
            stats.c.responses,
            stats.c.right,
            stats.c.attempts,
            stats.c.last_answer,
        )
        .select_from(learners)
        .join(User, User.id == learners.c.user_id)
        .join(Section, sa.true())
        .outerjoin(
            SectionProgress,
            sa.and_(SectionProgress.user_id == User.id, SectionProgress.section_id == Section.id),
        )
        .outerjoin(stats, sa.and_(stats.c.user_id == User.id, stats.c.section_id == Section.id))
        .order_by(User.username, Section.order)
    )


def summary_rows(session: Session, scope: ExportScope) -> tuple[tuple[str, ...], Rows]:
    """The summary export: one row per learner and section (level, accuracy, attempts, last)."""

    def rows() -> Rows:
        for row in stream(session, summary_query(scope)):
            responses = row.responses or 0
            level = row.level or (MasteryLevel.ATTEMPTED if responses else MasteryLevel.NOT_STARTED)
            last = row.last_answer or (row.last_activity if row.level else None)
            yield {
                "learner": row.username,
                "cohort": row.cohort_name or "",
                "section_id": row.section_id,
                "section_title": row.title,
                "level": MasteryLevel(level).value,
                "accuracy": round((row.right or 0) / responses, 4) if responses else None,
                "attempts": row.attempts or 0,
                "responses": responses,
                "last_activity": last,
            }

    return SUMMARY_COLUMNS, rows()
