"""What a learner does next: attempts to resume, reviews due and the next lesson (read only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptState, MasteryLevel, Section, SectionProgress, User
from .schedule import due_count, review_horizon

RESUMABLE_LISTED = 5
# A section is the next lesson until a section quiz shows it familiar (70 % or more).
LEARNT_FROM = MasteryLevel.FAMILIAR.rank


def next_steps(session: Session, user: User, now: datetime) -> dict[str, Any]:
    """Unfinished attempts, the number of reviews due today, and the next lesson (3 queries)."""
    unfinished = session.scalars(
        sa.select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.state == AttemptState.IN_PROGRESS)
        .order_by(Attempt.started_at.desc())
        .limit(RESUMABLE_LISTED)
    ).all()
    rows = session.execute(
        sa.select(Section, SectionProgress.level)
        .outerjoin(
            SectionProgress,
            sa.and_(SectionProgress.section_id == Section.id, SectionProgress.user_id == user.id),
        )
        .order_by(Section.order)
    ).all()
    learning = [
        (s, level) for s, level in rows if (level or MasteryLevel.NOT_STARTED).rank < LEARNT_FROM
    ]
    section, level = learning[0] if learning else (None, None)
    return {
        "unfinished": unfinished,
        "due_count": due_count(session, user.id, review_horizon(now, user.time_zone)),
        "next_section": section,
        "next_level": level or MasteryLevel.NOT_STARTED,
        "sections_learnt": len(rows) - len(learning),
        "sections_total": len(rows),
    }
