"""`flask bank export` and `flask bank import`: the bank files, or GIFT, Moodle XML, QTI 2.1."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ...cli import database_guard
from ...extensions import db
from ...filemodes import write_atomically
from ...generation.files import BankFileError
from ...models import Section
from ..bank_export import export_bank
from .bank import IMPORT_FORMATS, bank_questions, import_bank_file, import_format
from .formats import BANK_FORMATS, bank_chunks
from .gift_import import GiftError


@click.command("export")
@click.option(
    "--format",
    "name",
    type=click.Choice(["files", *BANK_FORMATS]),
    default="files",
    show_default=True,
    help="files: the bank files with reviews and edits (like `flask lessons export`).",
)
@click.option("--section", "section_id", default=None, help="Only this section (its id).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None)
@with_appcontext
@database_guard
def export_command(name: str, section_id: str | None, output: Path | None) -> None:
    """Export the bank: to its files (reviews and edits), or the servable questions as GIFT,
    Moodle XML or QTI (written whole or not at all)."""
    if name == "files":
        _export_files(section_id, output)
        return
    if output is None:
        raise click.BadParameter(f"say where to write the {name} file.", param_hint="-o")
    if section_id and db.session.get(Section, section_id) is None:
        raise click.BadParameter(f"no section has the id {section_id!r}.", param_hint="--section")
    if output.is_dir() or not output.parent.is_dir():
        raise click.BadParameter(f"{output} is not a file in an existing folder.", param_hint="-o")
    questions = bank_questions(db.session, section_id)
    size = write_atomically(output, bank_chunks(name, questions))
    click.echo(f"Wrote {len(questions)} questions ({size} bytes) to {output}.")


def _export_files(section_id: str | None, output: Path | None) -> None:
    """`flask bank export`: the live reviews and edits back to the bank folder (v2)."""
    if section_id:
        raise click.BadParameter("the bank files are written whole.", param_hint="--section")
    bank_dir = Path(current_app.config["QUESTION_BANK_DIR"]).resolve()
    target = (output or bank_dir).resolve()
    try:
        written = export_bank(db.session, bank_dir, target, mark_synced=target == bank_dir)
    except (OSError, BankFileError) as exc:
        db.session.rollback()
        click.echo(f"Error: cannot export the bank to {target}: {exc}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"{len(written)} bank files exported to {target}")


@click.command("import")
@click.option(
    "--format",
    "name",
    type=click.Choice(IMPORT_FORMATS),
    default=None,
    help="gift or moodle (Moodle XML); by default from the file's name (.xml: moodle).",
)
@click.option("--section", "section_id", default=None, help="Section for uncategorised questions.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
@database_guard
def import_command(name: str | None, section_id: str | None, file: Path) -> None:
    """Import a GIFT or Moodle XML file: all its questions, or none if any is wrong. A question
    already in the bank (matched by id: its ::name:: or idnumber) is updated or left alone,
    never copied."""
    try:
        report = import_bank_file(
            db.session,
            file.read_bytes(),
            name or import_format(file.name),
            author=None,
            default_section=section_id,
        )
    except GiftError as exc:
        db.session.rollback()
        click.echo(f"Error: {file} was not imported (nothing was added):", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"Imported {len(report)} questions from {file}: {report.summary()}.")
