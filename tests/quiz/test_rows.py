"""quiz.rows: an attempt read as plain rows, version content read once per process and database."""

from __future__ import annotations

import pytest

from app import create_app
from app.extensions import db
from app.models import utcnow
from app.quiz.engine import build_attempt
from app.quiz.rows import load_attempt_rows
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
        rows = load_attempt_rows(db.session, attempt_id, user_id)
        (served,) = rows.served_questions
        assert served.version.stem == "Was the sky blue?"
        assert served.version.question.type == "true_false"
        assert served.version.answer is True
        assert served.response is None and not rows.finished


def test_version_content_is_read_once(app):
    with app.app_context():
        attempt_id, user_id = _attempt_of("Was the sky blue?")
        db.session.remove()
        with count_queries() as first:
            load_attempt_rows(db.session, attempt_id, user_id)
        db.session.remove()
        with count_queries() as again:
            rows = load_attempt_rows(db.session, attempt_id, user_id)
        assert first["n"] == 2 and again["n"] == 1, (first["sql"], again["sql"])
        assert rows.served_questions[0].version.stem == "Was the sky blue?"


def test_two_databases_never_share_version_content(tmp_path):
    """The same version id in two databases (or two apps of a test run) keeps its own content."""
    stems = {}
    for name in ("one", "two"):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret-key",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}.db",
            }
        )
        with app.app_context():
            db.create_all()
            attempt_id, user_id = _attempt_of(f"Is this database {name}?")
            rows = load_attempt_rows(db.session, attempt_id, user_id)
            stems[name] = (
                rows.served_questions[0].version.id,
                rows.served_questions[0].version.stem,
            )
            db.session.remove()
            db.engine.dispose()
    assert stems["one"][0] == stems["two"][0], "the test needs the same version id in both"
    assert stems == {
        "one": (stems["one"][0], "Is this database one?"),
        "two": (stems["two"][0], "Is this database two?"),
    }


@pytest.mark.parametrize("stranger", [True, False])
def test_another_learners_attempt_reads_as_missing(app, stranger):
    from app.quiz.errors import AttemptNotFound

    with app.app_context():
        attempt_id, user_id = _attempt_of("Was the sky blue?")
        other = make_user().id if stranger else user_id
        missing = attempt_id + (0 if stranger else 1000)
        with pytest.raises(AttemptNotFound):
            load_attempt_rows(db.session, missing, other)
