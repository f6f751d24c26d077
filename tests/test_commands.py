"""`flask init`: instance folder, secret, migrations, sync, demo accounts; clear errors."""

from __future__ import annotations

import sqlalchemy as sa

from app import create_app
from app.extensions import db
from app.models import Lesson, Role, User


def _fresh_app(tmp_path, **config):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'init.db'}", **config})


def test_init_demo_migrates_syncs_and_prints_logins_idempotently(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = _fresh_app(tmp_path)
    app.instance_path = str(tmp_path / "instance")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init", "--demo"])
    assert result.exit_code == 0, result.output
    assert "Database migrated" in result.output and "lessons added: 8" in result.output
    assert "lesson essays added: 24" in result.output  # the lessons' discussion questions
    for name in ("student", "instructor", "admin"):
        assert f"username: {name}" in result.output
    password = result.output.split("username: student")[1].split("password:")[1].split()[0]
    again = runner.invoke(args=["init", "--demo"])
    assert again.exit_code == 0 and "lessons unchanged: 8" in again.output
    assert "lesson essays unchanged: 24" in again.output
    assert f"password: {password}" in again.output
    with app.app_context():
        users = db.session.scalars(sa.select(User).order_by(User.username)).all()
        assert [(u.username, u.role) for u in users] == [
            ("admin", Role.ADMIN),
            ("instructor", Role.INSTRUCTOR),
            ("student", Role.STUDENT),
        ]
        assert users[2].check_password(password)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Lesson)) == 8
        db.engine.dispose()


def test_first_run_creates_a_private_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from flask import Flask

    from app.config import configure

    flask_app = Flask("probe", instance_path=str(tmp_path / "inst"), instance_relative_config=True)
    configure(flask_app, None)
    key_file = tmp_path / "inst" / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert (
        flask_app.config["SECRET_KEY"] == key_file.read_text() and len(key_file.read_text()) == 64
    )


def test_environment_overrides_instance_config(tmp_path, monkeypatch):
    from flask import Flask

    from app.config import configure

    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text("SECRET_KEY = 'from-file'\nPLATFORM_NAME = 'Civics 101'\n")
    flask_app = Flask("probe", instance_path=str(instance), instance_relative_config=True)
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///elsewhere.db")
    configure(flask_app, None)
    assert flask_app.config["SECRET_KEY"] == "from-env"
    assert flask_app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///elsewhere.db"
    assert flask_app.config["PLATFORM_NAME"] == "Civics 101"


def test_init_on_unreachable_database_exits_2_with_message(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/dir/x.db"})
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 2
    assert "The database cannot be opened" in result.output
    assert "Traceback" not in result.output
