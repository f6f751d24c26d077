"""One fact, one served question: no quiz serves two questions with the same fact."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import Question
from app.quiz.starting import build_attempt
from tests.factories import make_bank, make_section, make_user

NOW = datetime(2026, 5, 24, 12, 0, tzinfo=UTC)


def _twin_bank() -> list[str]:
    """Two sections of every type twice; every question has a twin of its fact, one across the
    two sections. Returns the section ids."""
    first = make_bank(make_section(id="first", title="First"), per_type=2)
    second = make_bank(make_section(id="second", title="Second"), per_type=2)
    for section in (first, second):
        questions = db.session.scalars(
            sa.select(Question).where(Question.section_id == section.id).order_by(Question.id)
        ).all()
        for n, question in enumerate(questions):
            question.fact = f"{section.id}-fact-{n // 2}"  # pairs share a fact
    db.session.scalars(
        sa.select(Question).where(Question.section_id == "second")
    ).first().fact = "first-fact-0"  # and one fact is asked in both sections
    db.session.flush()
    return [first.id, second.id]


def _facts(attempt) -> Counter:
    return Counter(db.session.get(Question, s.question_id).fact for s in attempt.served_questions)


def test_section_and_mixed_quizzes_serve_one_question_per_fact(app):
    with app.app_context():
        sections = _twin_bank()
        learner = make_user()
        for seed in range(8):
            for chosen in ([sections[0]], sections):
                attempt = build_attempt(db.session, learner, chosen, "test", 50, seed=seed, now=NOW)
                facts = _facts(attempt)
                assert facts and max(facts.values()) == 1, facts
                everything = db.session.scalars(
                    sa.select(Question.fact).where(Question.section_id.in_(chosen))
                ).all()
                assert set(facts) == set(everything)  # still one of every fact


def test_a_review_quiz_serves_one_question_per_fact(app):
    with app.app_context():
        _twin_bank()
        learner = make_user()
        due = db.session.scalars(sa.select(Question.id).order_by(Question.id)).all()
        attempt = build_attempt(
            db.session, learner, ["first", "second"], "practice", 50, question_ids=due, now=NOW
        )
        served = [s.question_id for s in attempt.served_questions]
        facts = _facts(attempt)
        assert max(facts.values()) == 1
        assert len(served) == len(set(db.session.scalars(sa.select(Question.fact)))) < len(due)
        assert served[0] == due[0]  # the order asked for, a twin skipped


def test_questions_without_a_fact_are_not_twins(app):
    with app.app_context():
        make_bank(make_section(id="plain", title="Plain"), per_type=2)
        attempt = build_attempt(db.session, make_user(), ["plain"], "test", 50, seed=1, now=NOW)
        assert len(attempt.served_questions) == 12
