"""What a finished attempt changes: mastery per section and the review schedule."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    GradingState,
    MasteryLevel,
    Question,
    Response,
    ReviewCard,
    SectionProgress,
    ServedQuestion,
)
from .attempt_shapes import AttemptShape, ServedShape
from .mastery import FULL_MARKS, after_mixed_quiz, after_section_quiz
from .schedule import review_cards


def counted_questions(attempt: AttemptShape) -> list[ServedShape]:
    """The questions a finished attempt scores: all of a test's; a practice's answered ones.

    Practice shows one question at a time, so one finished early never showed the rest: they
    are left out, not counted wrong."""
    if attempt.mode is AttemptMode.PRACTICE:
        return [s for s in attempt.served_questions if s.response is not None]
    return list(attempt.served_questions)


def scored(served: ServedShape) -> bool:
    """Whether a counted question's score is known: not an answer awaiting its grade."""
    return served.response is None or not served.response.awaiting


def record_finished_attempt(session: Session, attempt: AttemptShape, when: datetime) -> None:
    """Update the learner's section levels and review cards from a just-finished attempt (the
    quiz's rows of it: see attempt_shapes).

    Answers awaiting an instructor's grade are left out until graded (see rebuild_*)."""
    scores: dict[str, list[float]] = defaultdict(list)
    results = []
    for served in filter(scored, counted_questions(attempt)):
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
        _advance(row, attempt.kind, section_scores, when)
    review_cards(session, attempt.user_id, results, when)


def _advance(
    row: SectionProgress, kind: AttemptKind, section_scores: list[float], when: datetime
) -> None:
    """One finished attempt's effect on a section's level, best score and count."""
    share = sum(section_scores) / len(section_scores)
    if kind is AttemptKind.SECTION:
        row.level = after_section_quiz(row.level, share)
        row.best_score = max(row.best_score, share)
    else:
        row.level = after_mixed_quiz(row.level, all(s >= FULL_MARKS for s in section_scores))
    row.attempts_count += 1
    row.last_activity = when


def rebuild_section_progress(session: Session, user_id: int, section_id: str) -> None:
    """Recompute a learner's level in one section from their finished attempts, in order.

    Used when past scores change (a regrade): mastery depends on the order of attempts, so
    it is replayed rather than patched. The row is locked first (PostgreSQL) so that an
    attempt the learner finishes meanwhile waits for the replay.
    """
    row = session.scalar(
        sa.select(SectionProgress)
        .where(SectionProgress.user_id == user_id, SectionProgress.section_id == section_id)
        .with_for_update()
    )
    in_section = (
        sa.select(ServedQuestion.attempt_id)
        .join(Question, Question.id == ServedQuestion.question_id)
        .where(Question.section_id == section_id)
    )
    attempts = session.scalars(
        sa.select(Attempt)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.id.in_(in_section),
        )
        .order_by(Attempt.finished_at, Attempt.id)
    ).all()
    if row is None:
        if not attempts:
            return
        row = SectionProgress(user_id=user_id, section_id=section_id)
        session.add(row)
    row.level, row.best_score, row.attempts_count = MasteryLevel.NOT_STARTED, 0.0, 0
    for attempt in attempts:
        section_scores = [
            served.response.score if served.response else 0.0
            for served in counted_questions(attempt)
            if served.version.question.section_id == section_id and scored(served)
        ]
        if not section_scores:  # all it asked of the section awaits grading
            continue
        _advance(row, attempt.kind, section_scores, attempt.finished_at or row.last_activity)
    session.flush()


def rebuild_review_card(session: Session, user_id: int, question_id: str) -> None:
    """Replay a learner's review card for one question from their finished attempts, in order."""
    session.execute(
        sa.delete(ReviewCard).where(
            ReviewCard.user_id == user_id, ReviewCard.question_id == question_id
        )
    )
    rows = session.execute(
        sa.select(Attempt.finished_at, Response.score)
        .join(ServedQuestion, ServedQuestion.attempt_id == Attempt.id)
        .outerjoin(Response, Response.served_id == ServedQuestion.id)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            ServedQuestion.question_id == question_id,
            # as counted_questions: a practice's unanswered question was never shown
            sa.or_(Attempt.mode != AttemptMode.PRACTICE, Response.id.is_not(None)),
            # an answer awaiting its grade is not reviewed yet
            sa.or_(Response.id.is_(None), Response.grading != GradingState.AWAITING),
        )
        .order_by(Attempt.finished_at, Attempt.id)
    ).all()
    for finished_at, score in rows:
        review_cards(session, user_id, [(question_id, (score or 0.0) >= FULL_MARKS)], finished_at)
