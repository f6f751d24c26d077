"""`flask backup FILE`: consistent SQLite copies, even while a server writes; PostgreSQL hint."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app import create_app
from app.backup import BackupError, backup_sqlite, sqlite_path
from tests.servers import (
    PROJECT_ROOT,
    init_database,
    learner_run,
    make_learners,
    running_servers,
    server_env,
)


def _sqlite_file_app(tmp_path: Path, url: str | None = None):
    url = url or f"sqlite:///{tmp_path / 'live.db'}"
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})


def test_postgresql_is_told_to_use_pg_dump(tmp_path):
    app = _sqlite_file_app(tmp_path, "postgresql+psycopg://u@127.0.0.1:1/x")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "b.db")])
    assert result.exit_code == 2
    assert "pg_dump" in result.output
    assert not (tmp_path / "b.db").exists()


def test_refuses_to_overwrite_and_missing_folders(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    init_database(url)
    runner = _sqlite_file_app(tmp_path, url).test_cli_runner()
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 2 and "exists already" in result.output
    assert target.read_text() == "keep me"
    result = runner.invoke(args=["backup", str(tmp_path / "nowhere" / "copy.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = runner.invoke(args=["backup", "--force", str(target)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT COUNT(*) FROM lessons").fetchone()[0] == 8
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db")] == []


def test_other_databases_and_missing_files_are_refused(tmp_path):
    with pytest.raises(BackupError, match="in memory"):
        sqlite_path("sqlite://")
    with pytest.raises(BackupError, match="No database file"):
        backup_sqlite(tmp_path / "none.db", tmp_path / "b.db")


@pytest.mark.slow
def test_backup_while_the_server_takes_answers_is_consistent(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    init_database(url)
    tokens = make_learners(url, 12)
    with running_servers(url, tmp_path, 1) as (server,):
        threads = [
            threading.Thread(target=learner_run, args=([server.url], token, n))
            for n, token in enumerate(tokens)
        ]
        for thread in threads:
            thread.start()
        copies = []
        for n in range(3):  # during the burst
            target = tmp_path / f"backup-{n}.db"
            result = subprocess.run(  # noqa: S603  (our own interpreter and command)
                [sys.executable, "-m", "flask", "--app", "app", "backup", str(target)],
                cwd=PROJECT_ROOT,
                env=server_env(url),
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr
            copies.append(target)
        for thread in threads:
            thread.join(timeout=120)
    for target in copies:
        with sqlite3.connect(target) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            # consistent: every finished attempt in the copy has its score = sum of its responses
            rows = copy.execute(
                "SELECT a.score, COALESCE(SUM(r.score), 0) FROM attempts a "
                "LEFT JOIN responses r ON r.attempt_id = a.id WHERE a.state = 'finished' "
                "GROUP BY a.id"
            ).fetchall()
            assert all(abs(score - total) < 1e-9 for score, total in rows)
            orphans = copy.execute("PRAGMA foreign_key_check").fetchall()
            assert orphans == []
