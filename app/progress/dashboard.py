"""The learner's dashboard data: levels, accuracy over time, reviews due, attempt history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptState, MasteryLevel, QuestionVersion, Section, SectionProgress
from .chart import ACCURACY_CHART, ChartFrame
from .schedule import due_query

CHART_ATTEMPTS = 30
HISTORY_ATTEMPTS = 50
DUE_LISTED = 20


@dataclass(frozen=True)
class ChartPoint:
    """One finished attempt on the accuracy chart."""

    attempt_id: int
    when: datetime
    accuracy: float  # 0..1
    label: str
    x: float
    y: float


def section_levels(session: Session, user_id: int) -> list[dict[str, Any]]:
    """Every section with the learner's level (not started when never tried), one query."""
    rows = session.execute(
        sa.select(Section, SectionProgress)
        .outerjoin(
            SectionProgress,
            sa.and_(SectionProgress.section_id == Section.id, SectionProgress.user_id == user_id),
        )
        .order_by(Section.order)
    ).all()
    top = len(MasteryLevel) - 1
    result = []
    for section, progress in rows:
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
            }
        )
    return result


def accuracy_points(
    session: Session, user_id: int, frame: ChartFrame = ACCURACY_CHART
) -> list[ChartPoint]:
    """The last finished attempts, oldest first, placed in the chart's frame (one query)."""
    rows = session.execute(
        sa.select(Attempt.id, Attempt.finished_at, Attempt.score, Attempt.max_score, Attempt.kind)
        .where(Attempt.user_id == user_id, Attempt.state == AttemptState.FINISHED)
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


def due_reviews(session: Session, user_id: int, until: datetime) -> list[dict[str, Any]]:
    """Questions due for review by ``until``: stem, section and when (one query)."""
    query = (
        due_query(user_id, until)
        .add_columns(QuestionVersion.stem, Section.title.label("section_title"))
        .join(
            QuestionVersion, QuestionVersion.id == sa.literal_column("questions.current_version_id")
        )
        .join(Section, Section.id == sa.literal_column("questions.section_id"))
        .limit(DUE_LISTED + 1)
    )
    return [row._asdict() for row in session.execute(query)]


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
