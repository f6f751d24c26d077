"""A DATABASE_URL that names no usable database: a clear message and status 2, every command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import create_app
from app.database import DatabaseUrlError
from tests.conftest import PROJECT_ROOT

FLASK = [sys.executable, "-m", "flask", "--app", "app"]


def _flask(tmp_path, database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "url-test"}
    return subprocess.run(  # noqa: S603  (this interpreter, fixed arguments)
        [*FLASK, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "DATABASE_URL is not a database URL"),
        ("mysql://tutor:s3cret@db.example/tutor", "needs the Python driver MySQLdb"),
        ("oracle+nosuch://db.example/tutor", "not supported"),
    ],
)
def test_every_command_says_what_is_wrong_and_exits_2(tmp_path, url, message):
    for command in (["init"], ["users", "create", "--username", "ada"], ["routes"]):
        result = _flask(tmp_path, url, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert message in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert "s3cret" not in result.stderr  # a password in the URL is never printed


def test_the_factory_refuses_it_before_any_engine_is_made(tmp_path):
    with pytest.raises(DatabaseUrlError, match="needs the Python driver"):
        create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "mysql://u@h/db"})
