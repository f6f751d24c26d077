"""Fixtures: app, client, runner, auth, a fresh database per test, and factories."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from app import create_app
from app.extensions import db
from tests import pgtools
from tests.factories import make_bank, make_section, make_user

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def postgres_test_url() -> str | None:
    """TEST_DATABASE_URL's PostgreSQL database with the tables created once, or None."""
    url = pgtools.postgres_url()
    if url:
        url = pgtools.worker_database_url(url)
        pgtools.reset_schema(url)
    return url


@pytest.fixture
def app(tmp_path: Path, postgres_test_url: str | None) -> Flask:
    """An app on a fresh database (SQLite in tmp_path, or TEST_DATABASE_URL's server)."""
    database_url = (
        postgres_test_url
        or os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{tmp_path / 'test.db'}"
    )
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    if not postgres_test_url:
        with app.app_context():
            db.drop_all()
            db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        if postgres_test_url:
            # PostgreSQL: tables made once per session, emptied after each test (fast)
            pgtools.truncate_all(db.engine)
        else:
            _drop_sqlite_tables()
        db.engine.dispose()


def _drop_sqlite_tables() -> None:
    """Drop every table; SQLite checks foreign keys while dropping (questions ⇄ versions)."""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        db.metadata.drop_all(connection)
        connection.commit()


def app_on_same_database(app: Flask, **overrides):
    """Yield another app on ``app``'s database (another worker or server), then close it."""
    other = create_app({**app.config, **overrides})
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


V2_FIELDS = ("fact", "review", "origin", "generated", "objective")


def v1_copy_of_the_shipped_bank(folder: Path) -> Path:
    """The shipped bank's questions as v1 files (without reviews, served as they are): the
    platform's tests need servable questions whatever the instructors' review has decided."""
    import json

    from app.generation.files import dump_bank

    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((PROJECT_ROOT / "question_bank").glob("*.json")):
        bank = json.loads(path.read_text(encoding="utf-8"))
        for question in bank["questions"]:
            for name in V2_FIELDS:
                question.pop(name, None)
            question["source"].pop("kind", None)
        (folder / path.name).write_text(dump_bank(bank), encoding="utf-8")
    return folder


@pytest.fixture
def lessons_dir(app: Flask, tmp_path: Path) -> Path:
    """A copy of the shipped lessons that this test's app syncs from and exports to."""
    folder = tmp_path / "lessons"
    shutil.copytree(PROJECT_ROOT / "lessons", folder)
    app.config["LESSONS_DIR"] = str(folder)
    app.config["QUESTION_BANK_DIR"] = str(tmp_path / "no-bank")
    return folder


@pytest.fixture
def curriculum(app: Flask, tmp_path: Path) -> Flask:
    """The shipped lessons and the shipped bank's questions (as v1, served as they are) loaded
    into the test database."""
    from app.commands import run_sync

    shipped = PROJECT_ROOT / "question_bank"
    if Path(app.config["QUESTION_BANK_DIR"]).resolve() == shipped.resolve():  # not a test's own
        app.config["QUESTION_BANK_DIR"] = str(v1_copy_of_the_shipped_bank(tmp_path / "bank"))
    with app.app_context():
        run_sync()
        db.session.commit()
    return app


@pytest.fixture
def bank(app: Flask) -> str:
    """A small bank of every question type in one section; its id."""
    with app.app_context():
        section = make_bank(make_section(id="preamble", title="Preamble"), per_type=2)
        db.session.commit()
        return section.id


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client: FlaskClient, app: Flask):
        self._client = client
        self._app = app

    def create(self, username: str = "learner", role: str = "student", password: str = PASSWORD):
        with self._app.app_context():
            user = make_user(username=username, role=role, password=password)
            db.session.commit()
            return user.id

    def login(self, username: str = "learner", password: str = PASSWORD):
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient, app: Flask) -> AuthActions:
    return AuthActions(client, app)
