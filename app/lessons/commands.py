"""`flask lessons build`, `export` and `check`: lesson files and the lessons' structure."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from ..corpus import DECLARATION_PATH, CorpusError, load_document
from . import bp
from .files import LessonFileError, build_lessons, read_lessons
from .structure import parse_lesson


@bp.cli.command("build")
@click.option(
    "--source",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Document to build from (default: the declaration).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Lesson folder (default: lessons/).",
)
def build_command(source: Path | None, out: Path | None) -> None:
    """Create a lesson file for each section that lacks one; never overwrite."""
    out = out or Path(current_app.config["LESSONS_DIR"])
    try:
        document = load_document(source or DECLARATION_PATH)
        written, kept = build_lessons(document, out)
    except (CorpusError, LessonFileError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(written)} written, {len(kept)} already present (kept as they are)")


@bp.cli.command("export")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: lessons/, the folder `flask sync` reads).",
)
def export_command(out: Path | None) -> None:
    """Write the live lessons, browser edits included, back to lesson files."""
    from sqlalchemy.exc import OperationalError

    from ..extensions import db
    from .editing import export_lessons

    lessons_dir = Path(current_app.config["LESSONS_DIR"]).resolve()
    target = out or lessons_dir
    try:
        written = export_lessons(db.session, target, mark_synced=target.resolve() == lessons_dir)
        db.session.commit()
    except (OSError, OperationalError) as exc:
        db.session.rollback()
        click.echo(f"Error: cannot export the lessons to {target}: {exc}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(written)} lessons exported to {target}")


@bp.cli.command("check")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Lesson folder (default: lessons/).",
)
@click.option("--live", is_flag=True, help="Check the live lessons (browser edits) instead.")
def check_command(directory: Path | None, live: bool) -> None:
    """Check the structured parts of each lesson; exit status 2 when one is malformed."""
    try:
        texts = _live_lessons() if live else _lesson_files(directory)
    except (LessonFileError, OSError, UnicodeDecodeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    problems = [f"{where}: {problem}" for where, text in texts for problem in check_lesson(text)]
    for line in problems:
        click.echo(line, err=True)
    if problems:
        click.echo(f"{len(problems)} problems in {len(texts)} lessons", err=True)
        sys.exit(2)
    click.echo(f"{len(texts)} lessons checked: no problems")


def check_lesson(text: str) -> list[str]:
    """The problems of one lesson's text, as ``line N: message``."""
    return [str(problem) for problem in parse_lesson(text).problems]


def _lesson_files(directory: Path | None) -> list[tuple[str, str]]:
    directory = directory or Path(current_app.config["LESSONS_DIR"])
    if not directory.is_dir():
        raise LessonFileError(f"{directory} is not a folder")
    read_lessons(directory)  # front matter and ids first: the same errors as `flask sync`
    paths = sorted(directory.glob("*.md"))
    return [(str(path), path.read_text(encoding="utf-8")) for path in paths]


def _live_lessons() -> list[tuple[str, str]]:
    import sqlalchemy as sa

    from ..extensions import db
    from ..models import Lesson

    lessons = db.session.scalars(sa.select(Lesson).order_by(Lesson.section_id)).all()
    return [(f"lesson {lesson.section_id} (live)", lesson.body) for lesson in lessons]
