"""Mastery levels: rules alone, then as attempts finish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import MasteryLevel as L
from app.models import ReviewCard, SectionProgress
from app.progress.mastery import after_mixed_quiz, after_section_quiz, level_for_score
from app.progress.schedule import due_question_ids, review_horizon
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.factories import QUESTION_DEFAULTS, make_bank, make_question, make_section, make_user

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("share", "level"),
    [
        (0.0, L.ATTEMPTED),
        (0.69, L.ATTEMPTED),
        (0.7, L.FAMILIAR),
        (0.99, L.FAMILIAR),
        (1, L.PROFICIENT),
    ],
)
def test_level_for_score(share, level):
    assert level_for_score(share) is level


def test_section_quiz_never_lowers():
    assert after_section_quiz(L.PROFICIENT, 0.2) is L.PROFICIENT
    assert after_section_quiz(L.MASTERED, 1.0) is L.MASTERED
    assert after_section_quiz(L.NOT_STARTED, 0.8) is L.FAMILIAR


@pytest.mark.parametrize(
    ("before", "all_right", "after"),
    [
        (L.PROFICIENT, True, L.MASTERED),
        (L.FAMILIAR, True, L.FAMILIAR),
        (L.MASTERED, True, L.MASTERED),
        (L.MASTERED, False, L.PROFICIENT),
        (L.PROFICIENT, False, L.FAMILIAR),
        (L.FAMILIAR, False, L.ATTEMPTED),
        (L.ATTEMPTED, False, L.ATTEMPTED),
        (L.NOT_STARTED, True, L.ATTEMPTED),
    ],
)
def test_mixed_quiz_rules(before, all_right, after):
    assert after_mixed_quiz(before, all_right) is after


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def take(user, sections, right, when, **kw):
    """Take and finish a quiz, answering every question right or wrong."""
    attempt = build_attempt(db.session, user, [s.id for s in sections], "test", 6, now=when, **kw)
    for served in attempt.served_questions:
        qtype = served.version.question.type
        answer = QUESTION_DEFAULTS[qtype]["answer"]
        if not right and qtype == "true_false":
            answer = not answer
        if right or qtype == "true_false":
            save_answer(db.session, attempt, served, answer, when)
    return finish_attempt(db.session, attempt, when)


def level(user, section):
    return db.session.get(SectionProgress, (user.id, section.id)).level


def test_levels_follow_attempts(ctx):
    user = make_user()
    first, second = make_bank(), make_bank()
    take(user, [first], right=False, when=NOW)
    assert level(user, first) is L.ATTEMPTED
    take(user, [first], right=True, when=NOW + timedelta(hours=1))
    assert level(user, first) is L.PROFICIENT
    take(user, [first, second], right=True, when=NOW + timedelta(days=1))
    assert level(user, first) is L.MASTERED
    assert level(user, second) is L.ATTEMPTED  # a mixed quiz alone never makes proficient
    take(user, [first, second], right=False, when=NOW + timedelta(days=2))
    assert level(user, first) is L.PROFICIENT
    row = db.session.get(SectionProgress, (user.id, first.id))
    assert row.attempts_count == 4 and row.best_score == pytest.approx(1.0)


def test_familiar_between_70_and_99(ctx):
    user = make_user()
    section = make_section()
    for _ in range(9):
        make_question(type="true_false", section=section)
    make_question(type="true_false", section=section, answer=False)
    attempt = build_attempt(db.session, user, [section.id], "test", 10, now=NOW)
    for served in attempt.served_questions:
        save_answer(db.session, attempt, served, True, NOW)
    finish_attempt(db.session, attempt, NOW)
    assert level(user, section) is L.FAMILIAR


def test_review_cards_scheduled_with_fsrs(ctx):
    user = make_user()
    section = make_bank()
    take(user, [section], right=False, when=NOW)
    cards = db.session.scalars(sa.select(ReviewCard).where(ReviewCard.user_id == user.id)).all()
    assert len(cards) == 6
    assert all(card.last_review == NOW and card.due > NOW for card in cards)
    # wrong answers come back the next day; once learnt, days later
    assert due_question_ids(db.session, user.id, NOW + timedelta(days=1, hours=1)) != []
    take(user, [section], right=True, when=NOW + timedelta(days=2))
    take(user, [section], right=True, when=NOW + timedelta(days=4))
    assert due_question_ids(db.session, user.id, NOW + timedelta(days=5)) == []
    card = db.session.scalar(sa.select(ReviewCard).where(ReviewCard.user_id == user.id))
    assert card.card["stability"] > 0 and card.due > NOW + timedelta(days=5)


@pytest.mark.parametrize("right", [True, False])
def test_a_quiz_just_finished_leaves_nothing_due_today(ctx, right):
    """No FSRS learning steps: its questions do not come back minutes later as "due today"."""
    user = make_user()
    section = make_bank()
    take(user, [section], right=right, when=NOW)
    assert due_question_ids(db.session, user.id, review_horizon(NOW)) == []
    cards = db.session.scalars(sa.select(ReviewCard).where(ReviewCard.user_id == user.id)).all()
    assert all(card.due >= NOW + timedelta(days=1) for card in cards)


def test_a_quiz_finished_just_before_midnight_is_due_another_day(ctx):
    late = datetime(2026, 3, 2, 23, 55, tzinfo=UTC)
    assert review_horizon(late) == datetime(2026, 3, 2, 23, 59, 59, 999999, tzinfo=UTC)
    user = make_user()
    section = make_bank()
    take(user, [section], right=False, when=late)
    assert due_question_ids(db.session, user.id, review_horizon(late)) == []
    assert len(due_question_ids(db.session, user.id, late + timedelta(days=1))) == 6


@pytest.mark.parametrize(
    ("now", "time_zone", "day_ends"),
    [
        # 15:00 in Los Angeles (PST, UTC-8): the day ends at 08:00 UTC tomorrow
        (datetime(2026, 3, 2, 23, 0, tzinfo=UTC), "America/Los_Angeles", (2026, 3, 3, 8)),
        # 01:00 on 3 March in Tokyo (UTC+9): the day ends at 15:00 UTC on the 3rd
        (datetime(2026, 3, 2, 16, 0, tzinfo=UTC), "Asia/Tokyo", (2026, 3, 3, 15)),
        # New York moves to summer time at 02:00 on 8 March 2026: that day ends at EDT (UTC-4)
        (datetime(2026, 3, 8, 12, 0, tzinfo=UTC), "America/New_York", (2026, 3, 9, 4)),
        # a name the zone database does not know counts as UTC
        (datetime(2026, 3, 2, 10, 0, tzinfo=UTC), "Mars/Olympus_Mons", (2026, 3, 3, 0)),
    ],
)
def test_review_horizon_ends_at_the_learners_midnight(now, time_zone, day_ends):
    midnight = datetime(*day_ends, tzinfo=UTC)
    assert review_horizon(now, time_zone) == midnight - timedelta(microseconds=1)
