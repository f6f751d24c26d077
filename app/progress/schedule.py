"""Spaced review with FSRS: one card per learner and question (flush, never commit)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from fsrs import Card, Rating, Scheduler
from sqlalchemy.orm import Session

from ..models import Question, ReviewCard, servable_condition
from ..questions import self_graded_types
from ..timezones import zone_named

DESIRED_RETENTION = 0.9
# No learning steps: FSRS's default steps bring a card back 1 and 10 minutes after a review,
# which a flash-card session repeats on the spot but a quiz platform would show as "due today"
# for every question of a quiz just finished. A first review (right or wrong) and a lapse go
# straight to an interval of a day or more.
_scheduler = Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=(), relearning_steps=())


def review_cards(
    session: Session, user_id: int, results: Iterable[tuple[str, bool]], when: datetime
) -> list[ReviewCard]:
    """Review each (question_id, right) on the learner's cards: right = Good, wrong = Again."""
    results = dict(results)
    if not results:
        return []
    cards = {
        card.question_id: card
        for card in session.scalars(
            sa.select(ReviewCard).where(
                ReviewCard.user_id == user_id, ReviewCard.question_id.in_(list(results))
            )
        )
    }
    updated = []
    for question_id, right in results.items():
        row = cards.get(question_id)
        card = Card.from_dict(row.card) if row else Card(due=when)
        card, _log = _scheduler.review_card(card, Rating.Good if right else Rating.Again, when)
        if row is None:
            row = ReviewCard(user_id=user_id, question_id=question_id)
            session.add(row)
        row.card, row.due, row.last_review = card.to_dict(), card.due, when
        updated.append(row)
    session.flush()
    return updated


def due_query(user_id: int, until: datetime) -> sa.Select:
    """The learner's cards due by ``until`` whose questions may still be served, soonest first."""
    return (
        sa.select(ReviewCard.question_id, ReviewCard.due, Question.section_id)
        .join(Question, Question.id == ReviewCard.question_id)
        .where(
            ReviewCard.user_id == user_id,
            ReviewCard.due <= until,
            servable_condition(),
            Question.type.in_(self_graded_types()),  # an essay needs its instructor
        )
        .order_by(ReviewCard.due, ReviewCard.question_id)
    )


def due_question_ids(session: Session, user_id: int, until: datetime) -> list[str]:
    """Ids of the questions due for review by ``until`` (one query)."""
    return [row.question_id for row in session.execute(due_query(user_id, until))]


def due_count(session: Session, user_id: int, until: datetime) -> int:
    """How many questions are due for review by ``until`` (one query)."""
    due = due_query(user_id, until).order_by(None).subquery()
    return session.scalar(sa.select(sa.func.count()).select_from(due)) or 0


def review_horizon(now: datetime, time_zone: str = "UTC") -> datetime:
    """Cards due by this are "due today": the end of the learner's day (in UTC)."""
    zone = zone_named(time_zone)
    tomorrow = datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(), zone)
    return tomorrow.astimezone(UTC) - timedelta(microseconds=1)
