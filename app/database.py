"""Engine tuning per database: SQLite gets WAL, a busy timeout and foreign keys."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from .extensions import db

SQLITE_BUSY_TIMEOUT_MS = 15000


def _configure_sqlite(dbapi_connection, connection_record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


DATABASE_URL_EXAMPLES = (
    "sqlite:////srv/tutor/platform.db or postgresql+psycopg://user:password@host:5432/name"
)


class DatabaseUrlError(click.ClickException):
    """DATABASE_URL names no database this installation can open.

    A ClickException, so every `flask` command prints the message and exits with status 2
    instead of a traceback (the app is built before any command runs); gunicorn shows it too.
    """

    exit_code = 2


def checked_database_url(value: str | URL) -> URL:
    """``value`` parsed, once its dialect and driver are known to load; DatabaseUrlError else."""
    try:
        url = make_url(value)
    except (ArgumentError, TypeError, ValueError):
        # the text itself is not repeated: a malformed URL may still hold a password
        raise DatabaseUrlError(
            f"DATABASE_URL is not a database URL. Give one such as {DATABASE_URL_EXAMPLES}."
        ) from None
    shown = url.render_as_string(hide_password=True)
    try:
        url.get_dialect().import_dbapi()
    except ArgumentError:  # NoSuchModuleError: no such dialect or driver name in SQLAlchemy
        raise DatabaseUrlError(
            f"DATABASE_URL {shown} names a database or driver that is not supported. "
            f"Give one such as {DATABASE_URL_EXAMPLES}."
        ) from None
    except ImportError as exc:
        raise DatabaseUrlError(
            f"DATABASE_URL {shown} needs the Python driver {exc.name or 'for it'}, which is not "
            f"installed. Use the drivers this platform ships: {DATABASE_URL_EXAMPLES}."
        ) from None
    return url


def init_database(app: Flask) -> None:
    """Bind the SQLAlchemy extension and tune the engine for its dialect."""
    if checked_database_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "sqlite":
        # a database file cannot drop a connection the way a server can: pinging it before every
        # request would cost a query per request for nothing
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        options.pop("pool_pre_ping", None)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _configure_sqlite)
