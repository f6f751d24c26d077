"""The learner's dashboard data: levels, accuracy over time, reviews due, attempt history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptKind,
    AttemptState,
    GradingState,
    MasteryLevel,
    Question,
    Response,
    Section,
    SectionProgress,
    ServedQuestion,
)
from .chart import ACCURACY_CHART, ChartFrame

CHART_ATTEMPTS = 30
HISTORY_ATTEMPTS = 50


@dataclass(frozen=True)
class ChartPoint:
    """One finished attempt on the accuracy chart."""

    attempt_id: int
    when: datetime
    accuracy: float  # 0..1
    label: str
    x: float
    y: float


def _answer_stats(user_id: int) -> sa.Subquery:
    """Per section: the learner's answers, the right ones, and their section quizzes answered."""
    return (
        sa.select(
            Question.section_id,
            sa.func.count(Response.id).label("responses"),
            sa.func.sum(sa.case((Response.correct, 1), else_=0)).label("right"),
            sa.func.count(
                sa.distinct(sa.case((Attempt.kind == AttemptKind.SECTION, Attempt.id)))
            ).label("section_quizzes"),
        )
        .select_from(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .where(Attempt.user_id == user_id, Response.grading != GradingState.AWAITING)
        .group_by(Question.section_id)
        .subquery("answer_stats")
    )


def section_levels(session: Session, user_id: int) -> list[dict[str, Any]]:
    """Every section with the learner's level (not started when never tried), one query.

    ``accuracy`` is the share of their answers in the section that were right (as the summary
    export counts it); ``best_score`` means something only when ``section_quizzes`` is > 0.
    """
    stats = _answer_stats(user_id)
    rows = session.execute(
        sa.select(
            Section, SectionProgress, stats.c.responses, stats.c.right, stats.c.section_quizzes
        )
        .outerjoin(
            SectionProgress,
            sa.and_(SectionProgress.section_id == Section.id, SectionProgress.user_id == user_id),
        )
        .outerjoin(stats, stats.c.section_id == Section.id)
        .order_by(Section.order)
    ).all()
    top = len(MasteryLevel) - 1
    result = []
    for section, progress, responses, right, section_quizzes in rows:
        level = progress.level if progress else MasteryLevel.NOT_STARTED
        result.append(
            {
                "id": section.id,
                "title": section.title,
                "level": level,
                "rank": level.rank,
                "max_rank": top,
                "best_score": progress.best_score if progress else 0.0,
                "attempts": progress.attempts_count if progress else 0,
                "responses": responses or 0,
                "accuracy": (right or 0) / responses if responses else None,
                "section_quizzes": section_quizzes or 0,
            }
        )
    return result


def accuracy_points(
    session: Session, user_id: int, frame: ChartFrame = ACCURACY_CHART
) -> list[ChartPoint]:
    """The last finished attempts, oldest first, placed in the chart's frame (one query)."""
    rows = session.execute(
        sa.select(Attempt.id, Attempt.finished_at, Attempt.score, Attempt.max_score, Attempt.kind)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.ungraded == 0,  # its score is not known until graded
        )
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(CHART_ATTEMPTS)
    ).all()
    rows = list(reversed(rows))
    points = []
    for index, row in enumerate(rows):
        accuracy = (row.score or 0.0) / row.max_score if row.max_score else 0.0
        points.append(
            ChartPoint(
                attempt_id=row.id,
                when=row.finished_at,
                accuracy=accuracy,
                label=f"{row.kind.value} quiz",
                x=frame.x(index, len(rows)),
                y=frame.y(accuracy),
            )
        )
    return points


def attempt_history(session: Session, user_id: int) -> list[Attempt]:
    """The learner's latest attempts, newest first (one query)."""
    return list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.user_id == user_id)
            .order_by(Attempt.started_at.desc(), Attempt.id.desc())
            .limit(HISTORY_ATTEMPTS)
        )
    )
