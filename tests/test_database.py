"""SQLite tuning (WAL, busy timeout, foreign keys) for the single-machine case."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from app.database import SQLITE_BUSY_TIMEOUT_MS
from app.extensions import db
from app.models import ApiToken
from app.models.types import utcnow


@pytest.fixture
def sqlite_app(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite settings (this pass runs on PostgreSQL)")
    return app


def test_every_connection_gets_wal_busy_timeout_and_foreign_keys(sqlite_app):
    with sqlite_app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(sqlite_app):
    with sqlite_app.app_context():
        db.session.add(ApiToken(user_id=999, token_digest="x" * 64, expires_at=utcnow()))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_a_writer_commits_while_a_reader_holds_its_snapshot(sqlite_app):
    """WAL: an open read does not hold up a commit (with a rollback journal it would)."""
    with sqlite_app.app_context():
        reader = db.engine.connect()
        try:
            reader.exec_driver_sql("BEGIN")
            assert reader.exec_driver_sql("SELECT COUNT(*) FROM sections").scalar() == 0
            with db.engine.connect() as writer:
                writer.exec_driver_sql("PRAGMA busy_timeout=500")
                writer.exec_driver_sql(
                    "INSERT INTO sections (id, title, \"order\") VALUES ('s', 'S', 1)"
                )
                writer.commit()
            # the reader still sees its snapshot; a new read sees the row
            assert reader.exec_driver_sql("SELECT COUNT(*) FROM sections").scalar() == 0
            reader.exec_driver_sql("COMMIT")
            assert reader.exec_driver_sql("SELECT COUNT(*) FROM sections").scalar() == 1
        finally:
            reader.close()
