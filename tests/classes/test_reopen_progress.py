"""A reopened attempt finished again counts once in progress: its new answers replace the old."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.classes.accommodations import reopen_attempt
from app.classes.assignments import start_assignment
from app.classes.dashboard import class_grid
from app.classes.gradebook import class_gradebook
from app.extensions import db
from app.models import (
    Assignment,
    Attempt,
    Cohort,
    MasteryLevel,
    ReviewCard,
    SectionProgress,
    User,
)
from app.quiz.answers import save_answer
from app.quiz.attempts import load_attempt
from app.quiz.finishing import finish_attempt
from tests.classes.test_assignments import NOW, make_assignment
from tests.quiz.test_engine import wrong_answer


def _progress(user_id: int, section_id: str) -> tuple:
    row = db.session.get(SectionProgress, (user_id, section_id))
    return row.level, round(row.best_score, 6), row.attempts_count


def _cards(user_id: int) -> dict[str, tuple]:
    """Each card's FSRS state, without the times (the second finish is later)."""
    rows = db.session.scalars(sa.select(ReviewCard).where(ReviewCard.user_id == user_id))
    return {
        row.question_id: (row.card["state"], row.card["stability"], row.card["difficulty"])
        for row in rows
    }


def test_a_reopened_attempt_finished_again_counts_once_with_its_new_answers(app, world):
    assignment_id = make_assignment(app, world, count=4, time_limit=30)
    ana_id = world.learner_ids[0]
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        ana = db.session.get(User, ana_id)
        cohort = db.session.get(Cohort, world.cohort_id)
        teacher = db.session.get(User, world.teacher_id)
        attempt = start_assignment(db.session, assignment, ana, NOW)
        for served in attempt.served_questions:
            save_answer(db.session, attempt, served, served.version.answer, NOW)
        attempt = finish_attempt(db.session, attempt, NOW + timedelta(minutes=5))
        db.session.commit()
        all_right = _progress(ana_id, world.section_id)
        assert all_right == (MasteryLevel.PROFICIENT, 1.0, 1)
        cards_once = _cards(ana_id)

        # reopened, finished again with the same answers: nothing counts twice
        later = NOW + timedelta(hours=1)
        assert reopen_attempt(
            db.session, cohort, teacher, db.session.get(Attempt, attempt.id), later
        )
        db.session.commit()
        attempt = load_attempt(db.session, attempt.id, ana_id)
        attempt = finish_attempt(db.session, attempt, later + timedelta(minutes=2))
        db.session.commit()
        assert _progress(ana_id, world.section_id) == all_right
        assert _cards(ana_id) == cards_once
        row_a = next(r for r in class_grid(db.session, cohort)[1] if r.user_id == ana_id)
        assert row_a.attempts == 1 and row_a.level(world.section_id) is MasteryLevel.PROFICIENT
        _assignments, grades = class_gradebook(db.session, cohort, later + timedelta(minutes=3))
        cell = next(r for r in grades if r.user_id == ana_id).cell(assignment_id)
        assert cell.attempts == 1 and cell.percent == 100

        # reopened again and one answer changed to a wrong one: the new score replaces the old
        again = later + timedelta(hours=1)
        assert reopen_attempt(
            db.session, cohort, teacher, db.session.get(Attempt, attempt.id), again
        )
        db.session.commit()
        attempt = load_attempt(db.session, attempt.id, ana_id)
        first = attempt.served_questions[0]
        save_answer(db.session, attempt, first, wrong_answer(first), again)
        finish_attempt(db.session, attempt, again + timedelta(minutes=2))
        db.session.commit()
        # 3 of 4: familiar, as one attempt with those answers would leave it (not proficient)
        assert _progress(ana_id, world.section_id) == (MasteryLevel.FAMILIAR, 0.75, 1)
        cards = _cards(ana_id)
        assert set(cards) == set(cards_once)
        assert cards[first.question_id] != cards_once[first.question_id]  # a lapse, once
        assert all(cards[q] == cards_once[q] for q in cards if q != first.question_id)


def test_a_reopened_attempt_not_finished_again_counts_nothing_meanwhile(app, world):
    assignment_id = make_assignment(app, world, count=4, time_limit=30)
    ana_id = world.learner_ids[0]
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        cohort = db.session.get(Cohort, world.cohort_id)
        teacher = db.session.get(User, world.teacher_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, ana_id), NOW)
        for served in attempt.served_questions:
            save_answer(db.session, attempt, served, served.version.answer, NOW)
        finish_attempt(db.session, attempt, NOW + timedelta(minutes=5))
        db.session.commit()
        assert reopen_attempt(
            db.session,
            cohort,
            teacher,
            db.session.get(Attempt, attempt.id),
            NOW + timedelta(hours=1),
        )
        db.session.commit()
        assert _progress(ana_id, world.section_id) == (MasteryLevel.NOT_STARTED, 0.0, 0)
        assert _cards(ana_id) == {}
