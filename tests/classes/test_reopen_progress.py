"""Reopening an attempt, as Moodle does: a new attempt built on the finished one, which keeps
its score, its answers, its essays' grades and what it counted in progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.classes.accommodations import reopen_attempt
from app.classes.assignments import start_assignment
from app.classes.dashboard import class_grid
from app.classes.gradebook import class_gradebook
from app.classes.grading import grade_response
from app.extensions import db
from app.models import (
    Assignment,
    Attempt,
    AttemptState,
    Cohort,
    GradingState,
    MasteryLevel,
    Response,
    ResponseGrade,
    ReviewCard,
    SectionProgress,
    ServedQuestion,
    User,
)
from app.quiz.answers import save_answer
from app.quiz.attempts import load_attempt
from app.quiz.finishing import finish_attempt
from tests.classes.test_assignments import NOW, make_assignment
from tests.classes.test_grading import ESSAY_TEXT, _essay_assignment, _hand_in
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


def _answers(attempt_id: int) -> dict[int, tuple]:
    """The attempt's answers by position: (answer, score, grading state)."""
    rows = db.session.execute(
        sa.select(ServedQuestion.position, Response.answer, Response.score, Response.grading)
        .join(ServedQuestion, ServedQuestion.id == Response.served_id)
        .where(Response.attempt_id == attempt_id)
    )
    return {position: tuple(rest) for position, *rest in rows}


def test_a_reopened_attempt_is_a_new_one_and_the_finished_one_keeps_what_it_counted(app, world):
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
        first_id = attempt.id
        all_right = _progress(ana_id, world.section_id)
        assert all_right == (MasteryLevel.PROFICIENT, 1.0, 1)
        cards_once = _cards(ana_id)
        answers_once = _answers(first_id)

        later = NOW + timedelta(hours=1)
        new = reopen_attempt(db.session, cohort, teacher, db.session.get(Attempt, first_id), later)
        db.session.commit()
        assert new is not None and new.id != first_id and new.attempt_number == 2
        assert new.state is AttemptState.IN_PROGRESS and new.deadline == later + timedelta(
            minutes=30
        )
        # built on the last: the same questions in the same order, its answers to start from
        old = db.session.get(Attempt, first_id)
        assert [(s.position, s.version_id, s.choice_order) for s in new.served_questions] == [
            (s.position, s.version_id, s.choice_order) for s in old.served_questions
        ]
        assert _answers(new.id) == answers_once  # scores kept: the same answers, the same marks
        # the finished attempt is untouched and still counts; the open one counts nothing yet
        assert (old.state, old.score, old.finished_at) == (
            AttemptState.FINISHED, 4.0, NOW + timedelta(minutes=5)
        )  # fmt: skip
        assert _progress(ana_id, world.section_id) == all_right
        assert _cards(ana_id) == cards_once
        # a second reopen while the new attempt is open makes nothing
        assert reopen_attempt(db.session, cohort, teacher, old, later) is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 2

        # the new attempt with one answer changed to a wrong one: a second attempt in progress
        attempt = load_attempt(db.session, new.id, ana_id)
        first = attempt.served_questions[0]
        save_answer(db.session, attempt, first, wrong_answer(first), later)
        finish_attempt(db.session, attempt, later + timedelta(minutes=2))
        db.session.commit()
        level, best, count = _progress(ana_id, world.section_id)
        assert (best, count) == (1.0, 2)
        cards = _cards(ana_id)
        assert cards[first.question_id] != cards_once[first.question_id]  # a lapse, once
        row_a = next(r for r in class_grid(db.session, cohort)[1] if r.user_id == ana_id)
        assert row_a.attempts == 2
        # the gradebook keeps the best attempt (Moodle's "highest grade"): the first, 100 %
        _assignments, grades = class_gradebook(db.session, cohort, later + timedelta(minutes=3))
        cell = next(r for r in grades if r.user_id == ana_id).cell(assignment_id)
        assert cell.attempts == 2 and cell.percent == 100


def test_a_reopened_essay_keeps_its_grade_and_the_new_attempt_is_graded_anew(app, world):
    assignment_id, _choice_id, _essay_id = _essay_assignment(app, world)
    ana_id = world.learner_ids[0]
    first_id = _hand_in(app, assignment_id, ana_id, when=NOW)
    with app.app_context():
        cohort = db.session.get(Cohort, world.cohort_id)
        teacher = db.session.get(User, world.teacher_id)
        essay = db.session.scalar(
            sa.select(Response).where(
                Response.attempt_id == first_id, Response.grading == GradingState.AWAITING
            )
        )
        grade_response(db.session, essay, points="3", comment="Full marks.", revision=0,
                       grader=teacher, now=NOW + timedelta(hours=1))  # fmt: skip
        db.session.commit()
        old_essay_id = essay.id
        assert db.session.get(Attempt, first_id).score == 2.0

        later = NOW + timedelta(hours=2)
        new = reopen_attempt(db.session, cohort, teacher, db.session.get(Attempt, first_id), later)
        db.session.commit()
        attempt = load_attempt(db.session, new.id, ana_id)
        served = next(s for s in attempt.served_questions if s.version.question.type == "essay")
        assert served.response.answer == ESSAY_TEXT  # the text to start from, not its grade
        assert served.response.grading is GradingState.AUTO and served.response.grade is None
        save_answer(db.session, attempt, served, ESSAY_TEXT + "\nAnd one more thought.", later)
        attempt = finish_attempt(db.session, attempt, later + timedelta(minutes=5))
        db.session.commit()

        # the old attempt keeps its grade and score; the new essay waits for its own
        old_grade = db.session.get(ResponseGrade, old_essay_id)
        assert (old_grade.points, old_grade.comment) == (3.0, "Full marks.")
        old = db.session.get(Attempt, first_id)
        assert (old.score, old.ungraded) == (2.0, 0)
        new = db.session.get(Attempt, attempt.id)
        assert new.ungraded == 1 and new.awaiting_grading
        new_essay = db.session.scalar(
            sa.select(Response).where(
                Response.attempt_id == new.id, Response.grading == GradingState.AWAITING
            )
        )
        assert db.session.get(ResponseGrade, new_essay.id) is None
        _assignments, grades = class_gradebook(db.session, cohort, later + timedelta(hours=1))
        cell = next(r for r in grades if r.user_id == ana_id).cell(assignment_id)
        assert cell.percent == 100  # the graded attempt, while the new one waits

        grade_response(db.session, new_essay, points="1", comment="Shorter this time.",
                       revision=0, grader=teacher, now=later + timedelta(hours=1))  # fmt: skip
        db.session.commit()
        assert db.session.get(Attempt, new.id).score == pytest.approx(1 + 1 / 3)
        assert db.session.get(ResponseGrade, old_essay_id).points == 3.0
        assert db.session.get(Attempt, first_id).score == 2.0


def test_only_a_finished_attempt_is_reopened(app, world):
    assignment_id = make_assignment(app, world, count=4, time_limit=30)
    ana_id = world.learner_ids[0]
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        cohort = db.session.get(Cohort, world.cohort_id)
        teacher = db.session.get(User, world.teacher_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, ana_id), NOW)
        db.session.commit()
        attempt = db.session.get(Attempt, attempt.id)
        assert reopen_attempt(db.session, cohort, teacher, attempt, NOW) is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 1
