"""Migrations: empty database to head on SQLite and PostgreSQL, models match, no data lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from tests import pgtools

# SQLite's reflection cannot read an index on an expression (users' lower(username), 0010) and
# says so (alembic too); test_usernames_differing_only_in_case_are_renamed_and_then_refused
# checks that index instead
pytestmark = [
    pytest.mark.filterwarnings(
        "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning"
    ),
    pytest.mark.filterwarnings(
        "ignore:autogenerate skipping metadata-specified expression-based index:UserWarning"
    ),
]
FIRST_REVISION = "0001"
WHEN = datetime(2026, 1, 2, 3, 4, 5)
LATER = datetime(2026, 2, 3, 4, 5, 6)

# One realistic row or two in every table of revision 0001 (its schema never changes).
ROWS_AT_0001: dict[str, list[dict]] = {
    "users": [
        {"id": 1, "username": "ana", "password_hash": "h1", "role": "student", "created_at": WHEN},
        {
            "id": 2,
            "username": "ivan",
            "password_hash": "h2",
            "role": "instructor",
            "created_at": WHEN,
        },
    ],
    "sections": [{"id": "preamble", "title": "Preamble", "order": 1}],
    "api_tokens": [
        {"id": 1, "user_id": 1, "token_digest": "d" * 64, "created_at": WHEN, "expires_at": LATER}
    ],
    "lessons": [
        {
            "section_id": "preamble",
            "title": "Preamble",
            "body": "# Preamble\n\nText.",
            "html": "<h1>Preamble</h1>",
            "file_digest": "f" * 64,
            "edited_in_browser": True,
            "updated_at": WHEN,
            "updated_by_id": 2,
        },
    ],
    "lesson_revisions": [
        {
            "id": 1,
            "lesson_id": "preamble",
            "number": 1,
            "title": "Preamble",
            "body": "Old.",
            "note": "first",
            "author_id": 2,
            "created_at": WHEN,
        },
    ],
    "questions": [
        {
            "id": "q-1",
            "section_id": "preamble",
            "type": "multiple_choice",
            "status": "approved",
            "origin": "generated",
            "reject_reason": "",
            "retired": False,
            "edited": True,
            "generated_digest": "g" * 64,
            "current_version_id": None,
            "created_at": WHEN,
            "updated_at": LATER,
        },
    ],
    "question_versions": [
        {
            "id": 1,
            "question_id": "q-1",
            "number": 1,
            "stem": "Where was it signed?",
            "choices": ["Moscow", "Geneva"],
            "answer": "Moscow",
            "accepted": [],
            "explanation": "Moscow, 2002.",
            "source": {"section_id": "preamble", "paragraph": 1, "sentence": 1, "quote": "Moscow"},
            "generator": "cloze",
            "difficulty": 0.4,
            "author_id": None,
            "created_at": WHEN,
        },
    ],
    "cohorts": [
        {
            "id": 1,
            "name": "Spring",
            "join_code": "JOIN1234",
            "instructor_id": 2,
            "archived": False,
            "created_at": WHEN,
        },
    ],
    "memberships": [{"cohort_id": 1, "user_id": 1, "joined_at": WHEN}],
    "attempts": [
        {
            "id": 1,
            "user_id": 1,
            "mode": "practice",
            "kind": "section",
            "state": "finished",
            "section_ids": ["preamble"],
            "seed": 2**40,
            "started_at": WHEN,
            "deadline": None,
            "finished_at": LATER,
            "score": 1.0,
            "max_score": 1,
        },
    ],
    "served_questions": [
        {
            "id": 1,
            "attempt_id": 1,
            "position": 1,
            "question_id": "q-1",
            "version_id": 1,
            "choice_order": [1, 0],
        },
    ],
    "responses": [
        {
            "id": 1,
            "attempt_id": 1,
            "served_id": 1,
            "answer": "Moscow",
            "score": 1.0,
            "correct": True,
            "answered_at": WHEN,
        },
    ],
    "section_progress": [
        {
            "user_id": 1,
            "section_id": "preamble",
            "level": "familiar",
            "best_score": 1.0,
            "attempts_count": 1,
            "last_activity": LATER,
        },
    ],
    "review_cards": [
        {
            "user_id": 1,
            "question_id": "q-1",
            "card": {"stability": 2.5, "state": 2},
            "due": LATER,
            "last_review": WHEN,
        },
    ],
}


def _app_on(url: str) -> Flask:
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})


def _migrations_dir(app: Flask) -> str:
    return app.extensions["migrate"].directory


def _current_revision(app: Flask) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _head(app: Flask) -> str:
    config = app.extensions["migrate"].migrate.get_config(_migrations_dir(app))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations have several heads: {heads}"
    return heads[0]


def _schema_differences(app: Flask) -> list:
    """What autogenerate would put in a new revision: nothing when models match migrations."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, db.metadata)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path) -> Iterator[str]:
    """An empty database URL: SQLite always, PostgreSQL when TEST_DATABASE_URL names one."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    server = pgtools.postgres_url()
    if not server:
        pytest.skip(pgtools.SKIP_REASON)
    with pgtools.scratch_database(server, "migrations") as url:
        yield url


@pytest.fixture
def empty_database(empty_database_url: str) -> Iterator[Flask]:
    """An app on the empty database, inside its app context; connections closed afterwards."""
    app = _app_on(empty_database_url)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def test_empty_database_upgrades_to_head_and_matches_models(empty_database):
    app = empty_database
    upgrade(directory=_migrations_dir(app))
    assert _current_revision(app) == _head(app)
    assert set(db.metadata.tables) <= set(sa.inspect(db.engine).get_table_names())
    assert _schema_differences(app) == []


def _normalise(value):
    """Compare rows across dialects: naive datetimes, floats as stored."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def test_upgrade_from_first_revision_keeps_every_row(empty_database):
    app = empty_database
    upgrade(directory=_migrations_dir(app), revision=FIRST_REVISION)
    old = sa.MetaData()
    old.reflect(db.engine)
    assert set(ROWS_AT_0001) == set(old.tables) - {"alembic_version"}, "a table without rows"
    with db.engine.begin() as connection:
        for name, rows in ROWS_AT_0001.items():  # written in foreign-key order
            connection.execute(old.tables[name].insert(), rows)
        connection.execute(old.tables["questions"].update().values(current_version_id=1))

    upgrade(directory=_migrations_dir(app))
    assert _current_revision(app) == _head(app)
    new = sa.MetaData()
    new.reflect(db.engine)
    with db.engine.connect() as connection:
        for name, rows in ROWS_AT_0001.items():
            assert name in new.tables, f"table {name} was dropped"
            table = new.tables[name]
            stored = [row._asdict() for row in connection.execute(sa.select(table))]
            assert len(stored) == len(rows), name
            for expected in rows:
                key = {c.name: expected[c.name] for c in table.primary_key.columns}
                match = [s for s in stored if all(s[k] == v for k, v in key.items())]
                assert match, f"{name} row {key} is gone"
                for column, value in expected.items():
                    if column in match[0] and (name, column) != ("questions", "current_version_id"):
                        assert _normalise(match[0][column]) == value, (name, column)
        questions = new.tables["questions"]
        assert connection.scalar(sa.select(questions.c.current_version_id)) == 1


def test_usernames_differing_only_in_case_are_renamed_and_then_refused(empty_database):
    app = empty_database
    upgrade(directory=_migrations_dir(app), revision="0009")
    users = sa.table("users", *(sa.column(name) for name in ("id", "username", "password_hash")))
    rows = [(1, "Ana"), (2, "ana"), (3, "ivan"), (4, "ANA"), (5, "x" * 64), (6, "X" * 64)]
    with db.engine.begin() as connection:
        for user_id, name in rows:
            connection.execute(
                sa.text(
                    "INSERT INTO users (id, username, password_hash, role, created_at, "
                    "time_zone, time_zone_chosen) "
                    "VALUES (:id, :name, 'h', 'student', :when, 'UTC', false)"
                ),
                {"id": user_id, "name": name, "when": WHEN},
            )
    upgrade(directory=_migrations_dir(app))
    with db.engine.connect() as connection:
        names = dict(connection.execute(sa.select(users.c.id, users.c.username)).all())
    # the oldest keeps its name; later ones get their id, within the 64 characters
    assert names == {1: "Ana", 2: "ana-2", 3: "ivan", 4: "ANA-4", 5: "x" * 64, 6: "X" * 50 + "-6"}
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO users (id, username, password_hash, role, created_at, time_zone, "
                "time_zone_chosen) "
                "VALUES (7, 'IVAN', 'h', 'student', :when, 'UTC', false)"
            ),
            {"when": WHEN},
        )
