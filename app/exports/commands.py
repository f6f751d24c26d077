"""`flask progress export`: learners' progress as CSV, summary CSV, JSON or xAPI statements."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from ..cli import database_guard
from ..extensions import db
from ..filemodes import write_atomically
from ..models import Cohort
from .formats import FORMATS, SiteIdentity, export_chunks, row_count
from .progress import ExportScope

progress_cli = AppGroup("progress", help="Export learners' progress.")
DEFAULT_PLATFORM_URL = "http://localhost:5000"


def platform_from_config(url: str | None = None) -> SiteIdentity:
    """The platform's URL (option, else PLATFORM_URL, else localhost) and name."""
    url = url or current_app.config.get("PLATFORM_URL") or DEFAULT_PLATFORM_URL
    return SiteIdentity(url=url, name=current_app.config.get("PLATFORM_NAME", "Declaration Tutor"))


def _cohort(code: str | None) -> Cohort | None:
    if code is None:
        return None
    cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == code.strip().upper()))
    if cohort is None:
        raise click.BadParameter(f"no cohort has the code {code!r}.", param_hint="--cohort")
    return cohort


def _output(path: Path) -> Path:
    if path.is_dir() or not path.parent.is_dir():
        raise click.BadParameter(f"{path} is not a file in an existing folder.", param_hint="-o")
    return path


@progress_cli.command("export")
@click.option(
    "--format", "name", type=click.Choice(list(FORMATS)), default="csv", show_default=True
)
@click.option("--cohort", "code", default=None, help="Only this cohort (its join code).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    help="Only responses from this date (UTC) on.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write."
)
@click.option("--platform-url", default=None, help="The platform's URL (xAPI ids and actors).")
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="Start CSV with a UTF-8 byte-order mark (for spreadsheets); --no-bom for programs.",
)
@with_appcontext
@database_guard
def export_command(
    name: str,
    code: str | None,
    since: datetime | None,
    output: Path,
    platform_url: str | None,
    bom: bool,
) -> None:
    """Export progress to a file (written whole or not at all)."""
    scope = ExportScope(cohort=_cohort(code), since=since.replace(tzinfo=UTC) if since else None)
    output = _output(output)
    platform = platform_from_config(platform_url)
    done = [0]
    if not sys.stderr.isatty():  # no bar to draw: spare the counting query
        chunks = export_chunks(db.session, scope, name, platform, lambda n: _tick(done, n), bom=bom)
        size = write_atomically(output, chunks)
    else:
        total = row_count(db.session, scope, name)
        with click.progressbar(length=total, label=f"Exporting {name}", file=sys.stderr) as bar:

            def step(count: int) -> None:
                _tick(done, count)
                bar.update(count)

            size = write_atomically(
                output, export_chunks(db.session, scope, name, platform, step, bom=bom)
            )
    click.echo(f"Wrote {done[0]} rows ({size} bytes) to {output}.")


def _tick(counter: list[int], count: int) -> None:
    counter[0] += count
