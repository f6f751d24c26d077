"""Set-up commands: `flask init` and `flask sync`."""

from __future__ import annotations

import secrets
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .backup import backup_command
from .bank.lesson_essays import sync_lesson_essays
from .bank.sync import sync_bank
from .cli import database_guard
from .corpus import load_declaration
from .extensions import db
from .generation.reviews import read_existing, refuse_unusable
from .lessons.files import read_lessons
from .lessons.sync import sync_lessons
from .models import Lesson, Role, User
from .syncing import SyncReport

DEMO_ACCOUNTS = (
    ("student", Role.STUDENT),
    ("instructor", Role.INSTRUCTOR),
    ("admin", Role.ADMIN),
)
DEMO_FILE = "demo-logins.txt"


def run_sync(*, force: bool = False) -> SyncReport:
    """Load the lesson and bank folders into the database, and the live lessons' discussion
    questions as essays (flushes, the caller commits)."""
    lessons = read_lessons(current_app.config["LESSONS_DIR"])
    files = list(read_existing(current_app.config["QUESTION_BANK_DIR"]).values())
    # before any change: all or nothing (the bank was generated with the lesson files)
    refuse_unusable(files, load_declaration, {lesson.id: lesson.body for lesson in lessons})
    banks = [bank for _, bank in files]
    report = sync_lessons(db.session, lessons, force=force)
    sync_bank(db.session, banks, report)
    # the lessons as they now stand, browser edits kept by the sync included
    live = db.session.scalars(sa.select(Lesson).order_by(Lesson.section_id)).all()
    return sync_lesson_essays(db.session, live, report)


def ensure_demo_accounts() -> list[tuple[str, str, str]]:
    """Create the demo accounts once; return (username, password, role) for each."""
    path = Path(current_app.instance_path) / DEMO_FILE
    saved = (
        dict(line.split(" ", 1) for line in path.read_text().splitlines()) if path.exists() else {}
    )
    logins = []
    for username, role in DEMO_ACCOUNTS:
        user = db.session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            password = saved.get(username) or secrets.token_urlsafe(9)
            user = User(username=username, role=role)
            user.set_password(password)
            db.session.add(user)
            saved[username] = password
        logins.append((username, saved.get(username, "(set before; unchanged)"), role.value))
    db.session.flush()
    path.write_text("".join(f"{name} {pw}\n" for name, pw in saved.items()))
    path.chmod(0o600)
    return logins


@click.command("sync")
@click.option("--force", is_flag=True, help="Replace lessons edited in the browser too.")
@with_appcontext
@database_guard
def sync_command(force: bool) -> None:
    """Load lessons/ and question_bank/ into the database (idempotent)."""
    report = run_sync(force=force)
    db.session.commit()
    for line in report.lines():
        click.echo(line)


@click.command("init")
@click.option("--demo", is_flag=True, help="Create demo accounts and print their log-ins.")
@with_appcontext
@database_guard
def init_command(demo: bool) -> None:
    """Create the instance folder and secret, migrate to the head, sync, and add demo accounts."""
    Path(current_app.instance_path).mkdir(parents=True, exist_ok=True)
    click.echo(f"Instance folder: {current_app.instance_path}")
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo("Database migrated to the latest revision.")
    report = run_sync()
    for line in report.lines():
        click.echo(f"  {line}")
    logins = ensure_demo_accounts() if demo else []
    db.session.commit()
    if logins:
        click.echo(f"Demo log-ins (also in instance/{DEMO_FILE}):")
        for username, password, role in logins:
            click.echo(f"  {role:<10} username: {username:<12} password: {password}")


def register_commands(app: Flask) -> None:
    """Add the top-level commands to ``flask``."""
    app.cli.add_command(sync_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(init_command)

    from .exports.commands import progress_cli  # here: the exports import the models

    app.cli.add_command(progress_cli)
    from .generation.commands import bank_cli  # here, like progress_cli below

    app.cli.add_command(bank_cli)
    from .bank.interchange.commands import export_command, import_command  # bank interchange
    from .bank.propose_command import propose_command

    bank_cli.add_command(export_command)
    bank_cli.add_command(import_command)
    bank_cli.add_command(propose_command)
