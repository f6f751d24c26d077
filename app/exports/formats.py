"""The progress export formats: what each is called, its file name and type, and its chunks."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from ..csv_cells import UTF8_BOM
from ..downloads import DownloadFormat
from . import csv_rows, progress, summary, xapi
from .progress import ExportScope
from .writers import (
    csv_cell_chunks,
    csv_chunks,
    iso_utc,
    json_array_chunks,
    json_chunks,
)

JSON_FIELDS = progress.RESPONSE_COLUMNS + ("question_type",)
# Formats opened in spreadsheets: they start with a UTF-8 byte-order mark unless asked not to.
SPREADSHEET_FORMATS = frozenset({"csv", "summary"})


FORMATS = {
    f.name: f
    for f in (
        DownloadFormat("csv", "Responses (CSV, one row per response)", "csv", "text/csv"),
        DownloadFormat(
            "summary", "Summary (CSV, a row per learner and section)", "csv", "text/csv"
        ),
        DownloadFormat("json", "Responses (JSON)", "json", "application/json"),
        DownloadFormat("xapi", "xAPI 1.0.3 statements (JSON)", "json", "application/json"),
    )
}


@dataclass(frozen=True)
class SiteIdentity:
    """This site as xAPI statements name it: its URL and name (not an LMS platform)."""

    url: str
    name: str

    @property
    def base(self) -> str:
        return self.url.rstrip("/")


COUNT_EVERY = 1000  # rows between two calls of an export's on_rows


def _counted(rows: Iterable[Any], on_rows: Callable[[int], None] | None) -> Iterator:
    """``rows``, telling ``on_rows`` how many went by, COUNT_EVERY at a time (not a call a row)."""
    rows = iter(rows)
    if on_rows is None:
        return rows
    return _counting(rows, on_rows)


def _counting(rows: Iterator[Any], on_rows: Callable[[int], None]) -> Iterator:
    def counted_batches() -> Iterator[list[Any]]:
        while batch := list(itertools.islice(rows, COUNT_EVERY)):
            yield batch
            on_rows(len(batch))  # runs once the batch has been taken

    return itertools.chain.from_iterable(counted_batches())  # no generator step a row


def row_count(session: Session, scope: ExportScope, name: str) -> int:
    """How many rows (responses, summary lines, or statements' sources) an export goes through."""
    if name == "summary":
        return progress.count_rows(session, summary.summary_query(scope))
    total = progress.count_rows(session, progress.response_query(scope))
    if name == "xapi":
        total += progress.count_rows(session, progress.attempt_query(scope))
    return total


def file_name(name: str, scope: ExportScope, now: datetime | None = None) -> str:
    """A download name such as ``progress-responses-period-3-20261127.csv``."""
    label = {"csv": "responses", "summary": "summary", "json": "responses", "xapi": "xapi"}[name]
    where = scope.cohort.join_code.lower() if scope.cohort else "mine" if scope.learner else "all"
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d")
    return f"progress-{label}-{where}-{stamp}.{FORMATS[name].extension}"


def export_chunks(
    session: Session,
    scope: ExportScope,
    name: str,
    platform: SiteIdentity,
    on_rows: Callable[[int], None] | None = None,
    *,
    bom: bool = True,
) -> Iterator[str]:
    """The text of the ``name`` export, in chunks, running one query per stream; ``on_rows``
    hears how many rows went by, every so often. The CSV formats start with a UTF-8 BOM (so
    that Excel and LibreOffice do not read "Zürich" as "ZÃ¼rich") unless ``bom`` is false."""
    chunks = _export_chunks(session, scope, name, platform, on_rows)
    if bom and name in SPREADSHEET_FORMATS:
        return itertools.chain([UTF8_BOM], chunks)
    return chunks


def _export_chunks(
    session: Session,
    scope: ExportScope,
    name: str,
    platform: SiteIdentity,
    on_rows: Callable[[int], None] | None,
) -> Iterator[str]:
    if name == "summary":
        header, rows = summary.summary_rows(session, scope)
        return csv_chunks(header, _counted(rows, on_rows))
    if name == "csv":
        header, cells = csv_rows.response_csv_rows(session, scope)
        return csv_cell_chunks(header, _counted(cells, on_rows))
    header, rows = progress.response_rows(session, scope, content=name == "xapi")
    rows = _counted(rows, on_rows)
    if name == "json":
        meta = {
            "format": "declaration-tutor/progress-responses",
            "version": 1,
            "generated_at": iso_utc(datetime.now(UTC)),
            "cohort": scope.cohort.name if scope.cohort else None,
            "since": iso_utc(scope.since) or None,
            "fields": list(JSON_FIELDS),
        }
        return json_chunks(meta, "responses", JSON_FIELDS, rows)
    if name == "xapi":
        answered = (xapi.answered_statement(row, platform.base, platform.name) for row in rows)
        attempts = (
            statement
            for row in _counted(progress.attempt_rows(session, scope), on_rows)
            for statement in xapi.attempt_statements(row, platform.base, platform.name)
        )
        return json_array_chunks(itertools.chain(answered, attempts))
    raise KeyError(name)
