"""quiz.attempts: an attempt read as plain rows, in one query, only by its learner."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import utcnow
from app.quiz.attempts import load_attempt
from app.quiz.starting import build_attempt
from tests.factories import make_question, make_section, make_user
from tests.quiz.helpers import count_queries


def _attempt_of(stem: str) -> tuple[int, int]:
    """A committed test attempt serving one question with ``stem``: (attempt id, user id)."""
    section = make_section()
    make_question(type="true_false", section=section, stem=stem, status="approved")
    learner = make_user()
    attempt = build_attempt(db.session, learner, [section.id], "test", 1, now=utcnow())
    db.session.commit()
    return attempt.id, learner.id


def test_rows_carry_what_the_models_do(app):
    with app.app_context():
        attempt_id, user_id = _attempt_of("Was the sky blue?")
        rows = load_attempt(db.session, attempt_id, user_id)
        (served,) = rows.served_questions
        assert served.version.stem == "Was the sky blue?"
        assert served.version.question.type == "true_false"
        assert served.version.answer is True
        assert served.response is None and not rows.finished


def test_the_whole_attempt_is_one_query(app):
    with app.app_context():
        attempt_id, user_id = _attempt_of("Was the sky blue?")
        db.session.remove()
        with count_queries() as counter:
            rows = load_attempt(db.session, attempt_id, user_id)
        assert counter["n"] == 1, counter["sql"]
        assert rows.served_questions[0].version.stem == "Was the sky blue?"


@pytest.mark.parametrize("stranger", [True, False])
def test_another_learners_attempt_reads_as_missing(app, stranger):
    from app.quiz.errors import AttemptNotFound

    with app.app_context():
        attempt_id, user_id = _attempt_of("Was the sky blue?")
        other = make_user().id if stranger else user_id
        missing = attempt_id + (0 if stranger else 1000)
        with pytest.raises(AttemptNotFound):
            load_attempt(db.session, missing, other)
