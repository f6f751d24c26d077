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
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
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
        # log-in limits (app/security.py): when the shared store (RATELIMIT_STORAGE_URI) cannot
        # be reached, each process counts in its own memory until the store answers again, so
        # log-in keeps working and stays limited (per process) instead of failing or going open
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    }


# A Redis that hangs would otherwise hold every log-in until gunicorn kills the worker: give up
# after a second and count in memory (above). The options suit Redis only (memcached's differ).
REDIS_STORAGE_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
REDIS_SCHEMES = ("redis://", "rediss://", "redis+unix://")


def limiter_storage_options(config: dict[str, Any]) -> None:
    """Time-outs for a Redis limiter store unless RATELIMIT_STORAGE_OPTIONS says otherwise."""
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith(REDIS_SCHEMES):
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", dict(REDIS_STORAGE_OPTIONS))


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
    limiter_storage_options(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)
