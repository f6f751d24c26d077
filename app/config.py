"""Configuration: defaults < instance/config.py < environment < test_config."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

SECRET_KEY_FILE = "secret_key"  # noqa: S105  (a file name, not a secret)  # nosec B105
ENVIRONMENT_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",  # the name of a setting, not a secret  # nosec B105
    # security settings (app/security.py; README "Security in production")
    "PLAIN_HTTP": "PLAIN_HTTP",
    "TRUSTED_PROXIES": "TRUSTED_PROXIES",
}


def default_config(instance_path: str) -> dict[str, Any]:
    """Settings that hold unless the instance config or the environment say otherwise."""
    return {
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "platform.db"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "LESSONS_DIR": str(Path(__file__).resolve().parent.parent / "lessons"),
        "QUESTION_BANK_DIR": str(Path(__file__).resolve().parent.parent / "question_bank"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "PLATFORM_NAME": "Declaration Tutor",
        # log-in limits (app/accounts/limits.py): failures counted in the database per window
        "LOGIN_FAILURE_WINDOW": 300,  # seconds
        "LOGIN_FAILURES_PER_USERNAME": 10,  # from browsers that never logged in to it
        "LOGIN_FAILURES_PER_ADDRESS": 150,  # a class of 60 behind one router, typos and all
        "LOGIN_FAILURES_PER_BROWSER": 10,  # a browser that has logged in to the username
        "TAKEN_USERNAMES_PER_ADDRESS": 30,  # registration's "taken" answers
        # wrong passwords when changing it or deleting the account (a count, not a secret)
        "PASSWORD_CHECKS_PER_ACCOUNT": 10,  # nosec B105
    }


def load_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it (owner-only) on first run."""
    path = Path(instance_path) / SECRET_KEY_FILE
    if not path.exists():
        # several gunicorn workers may start together on a new instance: each writes a key to a
        # file of its own and links it into place; the first link wins and all read that key
        # (never a half-written file)
        temp = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return path.read_text().strip()


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Apply the configuration layers to ``app`` and make sure it has a secret key."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    for env_key, config_key in ENVIRONMENT_KEYS.items():
        if os.environ.get(env_key):
            app.config[config_key] = os.environ[env_key]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)
