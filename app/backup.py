"""`flask backup FILE`: a consistent copy of the SQLite database while the server runs."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

PG_DUMP_HINT = (
    "This database is PostgreSQL: back it up with pg_dump, e.g. "
    '`pg_dump --format=custom --file=backup.dump "$DATABASE_URL"` '
    "(drop the '+psycopg' part of the URL for pg_dump)."
)


class BackupError(Exception):
    """The backup cannot be made; the message says why."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL, or BackupError for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            PG_DUMP_HINT
            if url.get_backend_name() == "postgresql"
            else f"Backups are made for SQLite only, not {url.get_backend_name()}."
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("The database is in memory: there is no file to back up.")
    return Path(url.database)


def backup_sqlite(source: Path, target: Path, *, overwrite: bool = False) -> int:
    """Copy ``source`` to ``target`` with SQLite's online backup API; return the page count.

    Writers may keep going meanwhile: the API copies one consistent snapshot. The copy is made
    in a temporary file beside the target, checked, then renamed, so that a failure never
    leaves a half-written backup.
    """
    if not source.is_file():
        raise BackupError(f"No database file at {source}: run `flask --app app init` first.")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists already: choose another name or pass --force.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    if target.resolve() == source.resolve():
        raise BackupError("The backup must not be the database file itself.")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        src = sqlite3.connect(source)
        copy = sqlite3.connect(temp_name)
        try:
            src.execute("PRAGMA busy_timeout=15000")
            # in steps of 1024 pages, so that writers are never held up for long
            src.backup(copy, pages=1024)
            # a WAL database copies as WAL; the backup is a plain single file
            copy.execute("PRAGMA journal_mode=DELETE")
            status = copy.execute("PRAGMA integrity_check").fetchone()[0]
            pages = copy.execute("PRAGMA page_count").fetchone()[0]
        finally:
            copy.close()
            src.close()
        if status != "ok":
            raise BackupError(f"The copy failed its integrity check: {status}")
        os.replace(temp_name, target)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup failed: {exc}") from exc
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return pages


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@with_appcontext
def backup_command(target: Path, force: bool) -> None:
    """Write a consistent copy of the SQLite database to TARGET (safe while the server runs)."""
    try:
        source = sqlite_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
        pages = backup_sqlite(source, target, overwrite=force)
    except BackupError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Backed up {source} to {target} ({pages} pages).")
