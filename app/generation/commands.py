"""`flask bank generate|check|report`: write, verify and summarise the generated question bank."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..corpus import DECLARATION_PATH, CorpusError, load_declaration, load_document
from .bank import build_bank
from .files import BankFileError, read_bank, render_banks, stale_files, write_bank

bank_cli = AppGroup("bank", help="Generate, check and report on the question bank.")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _render(source: str | None) -> dict[str, str]:
    """The bank files for ``source`` (the declaration by default); exit 2 on bad input."""
    try:
        document = load_document(source) if source else load_declaration()
        return render_banks(build_bank(document))
    except (CorpusError, BankFileError) as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _default_dir() -> Path:
    return Path(current_app.config["QUESTION_BANK_DIR"])


@bank_cli.command("generate")
@click.option("--source", type=click.Path(dir_okay=False), help="Text file to generate from.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder to write (replaced whole).")
def generate_command(source: str | None, out: str | None) -> None:
    """Generate one JSON file per section (byte-identical on every run)."""
    files = _render(source)
    target = Path(out) if out else _default_dir()
    try:
        write_bank(files, target)
    except OSError as exc:
        _fail(f"cannot write {target}: {exc}")
    total = sum(text.count('"type": ') for text in files.values())
    click.echo(f"Wrote {len(files)} files, {total} questions, to {target}")


@bank_cli.command("check")
@click.option("--source", type=click.Path(dir_okay=False), help="Text the bank was made from.")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Bank folder.")
def check_command(source: str | None, directory: str | None) -> None:
    """Exit non-zero when the bank folder is invalid or not what `bank generate` would write."""
    target = Path(directory) if directory else _default_dir()
    try:
        read_bank(target)
    except BankFileError as exc:
        click.echo(f"Invalid bank: {exc}", err=True)
        sys.exit(1)
    problems = stale_files(_render(source), target)
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
