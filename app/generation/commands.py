"""`flask bank generate|check|report`: write, verify and summarise the generated question bank."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..corpus import DECLARATION_PATH, CorpusError, Document, load_declaration, load_document
from ..lessons.files import LessonFileError
from .bank import build_bank, lesson_texts
from .files import (
    BankFileError,
    bank_filename,
    dump_bank,
    read_bank,
    stale_files,
    validate_bank,
    write_bank,
)
from .reviews import bank_problems, candidate_ids, expected_files, merge_reviews, read_existing
from .twins import giveaways

bank_cli = AppGroup("bank", help="Generate, check and report on the question bank.")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _document(source: str | None) -> Document:
    """The document ``source`` (the declaration by default); exit 2 on bad input."""
    try:
        return load_document(source) if source else load_declaration()
    except CorpusError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _existing(target: Path) -> dict:
    """The folder's bank files by section; exit 2 when one is invalid (its reviews matter)."""
    try:
        return read_existing(target)
    except BankFileError as exc:
        _fail(f"{exc}\n(fix or remove the file: its reviews would be lost)")
        raise  # unreachable: _fail exits


def _lessons(source: str | None, lessons: str | None) -> dict[str, str]:
    """The lessons to generate from: ``lessons``, else the project's own for the declaration
    (another document has none unless named); exit 2 on a malformed lesson file."""
    directory = lessons or (None if source else current_app.config["LESSONS_DIR"])
    if directory is None:
        return {}
    try:
        return lesson_texts(directory)
    except LessonFileError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _default_dir() -> Path:
    return Path(current_app.config["QUESTION_BANK_DIR"])


@bank_cli.command("generate")
@click.option("--source", type=click.Path(dir_okay=False), help="Text file to generate from.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder to write (replaced whole).")
@click.option(
    "--lessons", type=click.Path(file_okay=False), help="Lesson folder (default: the project's)."
)
def generate_command(source: str | None, out: str | None, lessons: str | None) -> None:
    """Generate one JSON file per section (byte-identical on every run), keeping reviews.

    Questions already in the folder keep their review and instructors' edits (by id); the
    files are written in the v2 format.
    """
    document = _document(source)
    target = Path(out) if out else _default_dir()
    existing = _existing(target)
    banks, notes = merge_reviews(
        build_bank(document, _lessons(source, lessons)), [b for _, b in existing.values()]
    )
    try:
        files = {}
        for order, bank in enumerate(banks, 1):
            validate_bank(bank, bank["section_id"])
            files[bank_filename(order, bank["section_id"])] = dump_bank(bank)
        write_bank(files, target)
    except BankFileError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {target}: {exc}")
    for note in notes:
        click.echo(f"Note: {note}")
    total = sum(len(bank["questions"]) for bank in banks)
    click.echo(f"Wrote {len(files)} files, {total} questions, to {target}")


@bank_cli.command("check")
@click.option("--source", type=click.Path(dir_okay=False), help="Text the bank was made from.")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Bank folder.")
def check_command(source: str | None, directory: str | None) -> None:
    """Exit 2 when a bank file is invalid, 1 when it is not what `bank generate` would write.

    Invalid: not the schema (an unknown review status included), an edit without the
    generated original or of a question the generator does not produce, a rejection without
    its reason, a fact or a stem shared by two approved questions. Warns, without failing, of
    an approved question whose stem, options or feedback hold the key of another of its section.
    """
    target = Path(directory) if directory else _default_dir()
    try:
        existing = read_existing(target)
    except BankFileError as exc:
        click.echo(f"Invalid bank: {exc}", err=True)
        sys.exit(2)
    for giveaway in giveaways(list(existing.values())):
        click.echo(f"Warning: {giveaway}", err=True)
    document = _document(source)
    lessons = _lessons(source, None)
    invalid = bank_problems(list(existing.values()), candidate_ids(document, lessons))
    if invalid:
        click.echo("Invalid bank:", err=True)
        for problem in invalid:
            click.echo(f"  {problem}", err=True)
        sys.exit(2)
    problems = stale_files(expected_files(build_bank(document, lessons), existing), target)
    if problems:
        click.echo(f"The bank in {target} is stale; run `flask --app app bank generate`:", err=True)
        for line in problems:
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    click.echo(
        f"The bank in {target} is valid and up to date (source: {source or DECLARATION_PATH.name})."
    )


@bank_cli.command("report")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Bank folder.")
@click.option("--sample", default=2, show_default=True, help="Questions shown per section.")
def report_command(directory: str | None, sample: int) -> None:
    """Counts per section, type and generator, and a sample of questions."""
    try:
        banks = read_bank(Path(directory) if directory else _default_dir())
    except BankFileError as exc:
        _fail(str(exc))
    types: Counter = Counter()
    generators: Counter = Counter()
    for bank in banks:
        questions = bank["questions"]
        counts = Counter(q["type"] for q in questions)
        types.update(counts)
        generators.update(q["generator"] for q in questions)
        detail = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
        click.echo(f"{bank['section_id'][:50]:<50} {len(questions):>3}  ({detail})")
    click.echo(f"{'total':<50} {sum(types.values()):>3}")
    click.echo("By type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    click.echo("By generator: " + ", ".join(f"{g} {n}" for g, n in sorted(generators.items())))
    click.echo("Sample:")
    for bank in banks:
        for question in bank["questions"][:: max(1, len(bank["questions"]) // max(sample, 1))][
            :sample
        ]:
            click.echo(f"- [{question['type']}] {question['stem']}")
            click.echo(f"    answer: {question['answer']}")
