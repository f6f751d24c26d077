"""PostgreSQL helpers for the tests: one schema per session, TRUNCATE between tests, scratch DBs."""

from __future__ import annotations

import importlib
import os
import pkgutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

import app
from app.extensions import db

# Register every table with the metadata before the schema is made: the shared models and each
# feature's own models module (app/lti/models.py, …), which only create_app would import.
for _module in pkgutil.walk_packages(app.__path__, "app."):
    if _module.name.rsplit(".", 1)[-1] == "models":
        importlib.import_module(_module.name)

SKIP_REASON = "needs PostgreSQL: set TEST_DATABASE_URL=postgresql+psycopg://... (CI's second pass)"


def postgres_url() -> str | None:
    """TEST_DATABASE_URL when it names a PostgreSQL database, else None."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


def _render(url: sa.URL) -> str:
    return url.render_as_string(hide_password=False)


def _admin_execute(url: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def create_database(url: str, name: str) -> str:
    """Create database ``name`` on the server of ``url`` (if missing); return its URL."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            exists = connection.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
    finally:
        engine.dispose()
    if not exists:
        _admin_execute(url, f'CREATE DATABASE "{name}"')
    return _render(make_url(url).set(database=name))


def drop_database(url: str, name: str) -> None:
    """Drop database ``name``, ending any session still connected to it."""
    _admin_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(url: str, prefix: str = "scratch") -> Iterator[str]:
    """An empty database of its own for one test (servers, migrations); dropped afterwards."""
    name = f"{make_url(url).database}_{prefix}_{uuid.uuid4().hex[:8]}"
    scratch_url = create_database(url, name)
    try:
        yield scratch_url
    finally:
        drop_database(url, name)


def worker_database_url(url: str) -> str:
    """Under pytest-xdist each worker gets a database of its own on the same server."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    return create_database(url, f"{make_url(url).database}_{worker}")


def reset_schema(url: str) -> None:
    """Drop whatever an earlier run left and create the models' tables once for the session."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
            db.metadata.create_all(connection)
    finally:
        engine.dispose()


def truncate_all(engine: Engine) -> None:
    """Empty every table and restart the id sequences: a fresh database for the next test."""
    names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    if not names:
        return
    with engine.begin() as connection:
        # a test that left a transaction open would otherwise make this wait forever
        connection.exec_driver_sql("SET LOCAL lock_timeout = '20s'")
        connection.exec_driver_sql(f"TRUNCATE TABLE {names} RESTART IDENTITY CASCADE")
