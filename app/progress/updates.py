"""What a finished attempt changes: mastery per section and the review schedule."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Attempt, AttemptKind, MasteryLevel, SectionProgress
from .mastery import FULL_MARKS, after_mixed_quiz, after_section_quiz
from .schedule import review_cards


def record_finished_attempt(session: Session, attempt: Attempt, when: datetime) -> None:
    """Update the learner's section levels and review cards from a just-finished attempt."""
    scores: dict[str, list[float]] = defaultdict(list)
    results = []
    for served in attempt.served_questions:
        score = served.response.score if served.response else 0.0
        scores[served.version.question.section_id].append(score)
        results.append((served.question_id, score >= FULL_MARKS))
    rows = {
        row.section_id: row
        for row in session.scalars(
            sa.select(SectionProgress).where(
                SectionProgress.user_id == attempt.user_id,
                SectionProgress.section_id.in_(list(scores)),
            )
        )
    }
    for section_id, section_scores in scores.items():
        row = rows.get(section_id)
        if row is None:
            row = SectionProgress(
                user_id=attempt.user_id,
                section_id=section_id,
                level=MasteryLevel.NOT_STARTED,
                best_score=0.0,
                attempts_count=0,
            )
            session.add(row)
        share = sum(section_scores) / len(section_scores)
        if attempt.kind is AttemptKind.SECTION:
            row.level = after_section_quiz(row.level, share)
            row.best_score = max(row.best_score, share)
        else:
            row.level = after_mixed_quiz(row.level, all(s >= FULL_MARKS for s in section_scores))
        row.attempts_count += 1
        row.last_activity = when
    review_cards(session, attempt.user_id, results, when)
