"""`flask lessons build`: lesson skeletons for sections that have no lesson file."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from ..corpus import DECLARATION_PATH, CorpusError, load_document
from . import bp
from .files import LessonFileError, build_lessons


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
    from ..instructor.lessons_admin import export_lessons

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
