"""Writers that turn export rows into text chunks: CSV (RFC 4180, spreadsheet-safe) and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from ..csv_cells import FORMULA_STARTS, number_cell, safe_cell

CHUNK_ROWS = 2000  # rows per chunk handed to the response or the file
NUMERIC_COLUMNS = frozenset({"attempt_id", "correct", "score", "accuracy", "attempts", "responses"})


def iso_utc(moment: datetime | None, *, millis: bool = False) -> str:
    """ISO 8601 in UTC with a Z suffix ("" for None)."""
    if moment is None:
        return ""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds" if millis else "seconds")[:-6] + "Z"


def response_text(answer: Any) -> str:
    """A response as one cell: text as typed, true/false, anything else as compact JSON."""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, bool):
        return "true" if answer else "false"
    return json.dumps(answer, ensure_ascii=False)


def _text_cell(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime):
        return iso_utc(value)
    return safe_cell("" if value is None else str(value))


def _response_cell(value: Any) -> str:
    return safe_cell(response_text(value))


def cell_writer(column: str) -> Callable[[Any], str]:
    """The function that turns a value of ``column`` into its CSV text (escaped if text)."""
    if column in NUMERIC_COLUMNS:
        return number_cell
    return _response_cell if column == "response" else _text_cell


def csv_cell(column: str, value: Any) -> str:
    """The text of one CSV cell, escaped if it is text."""
    return cell_writer(column)(value)


class CellCache(dict[Hashable, str]):
    """Memoised cells of a value → text function: a repeated value (a score, a common answer)
    costs one dict lookup instead of a Python call. Bounded: emptied when it holds ``limit``
    cells (a stored answer is at most a few kB, so a few MB at worst)."""

    def __init__(self, convert: Callable[[Any], str], limit: int = 1024) -> None:
        super().__init__()
        self.convert, self.limit = convert, limit

    def __missing__(self, value: Hashable) -> str:
        if len(self) >= self.limit:
            self.clear()
        cell = self[value] = self.convert(value)
        return cell


def csv_chunks(header: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with a header row, in chunks."""
    header = tuple(header)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    cells = [(column, cell_writer(column)) for column in header]
    for count, row in enumerate(rows, 1):
        writer.writerow([write(row.get(column)) for column, write in cells])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_cell_chunks(header: Iterable[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """RFC 4180 CSV, like ``csv_chunks``, of rows whose cells are finished text (already
    formatted and escaped), in chunks of CHUNK_ROWS rows.

    A chunk in which no cell holds a comma, quote or line break is the same text whether
    csv.writer writes it or the cells are simply joined, and joining is several times faster;
    counting the separators in the joined text tells which case a chunk is, and any other chunk
    goes through csv.writer. Either way the bytes are csv.writer's.
    """
    header = tuple(header)
    width = len(header)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield buffer.getvalue()
    rows = iter(rows)
    while batch := list(islice(rows, CHUNK_ROWS)):
        text = "\r\n".join(map(",".join, batch)) + "\r\n"
        count = len(batch)
        if (
            width > 1  # csv.writer quotes the empty cell of a one-column row
            and '"' not in text
            and text.count(",") == count * (width - 1)
            and text.count("\n") == count
            and text.count("\r") == count
        ):
            yield text
        else:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(batch)
            yield buffer.getvalue()


def json_value(column: str, value: Any) -> Any:
    """A value as it appears in the JSON export (datetimes as ISO 8601 UTC)."""
    return iso_utc(value) if isinstance(value, datetime) else value


def json_chunks(
    meta: dict[str, Any], key: str, header: Iterable[str], rows: Iterable[dict[str, Any]]
) -> Iterator[str]:
    """One JSON object: ``meta`` fields, then ``key``: an array of row objects, streamed."""
    header = tuple(header)
    opening = json.dumps({**meta, key: []}, ensure_ascii=False)
    yield opening[: opening.rindex("[") + 1] + "\n"
    parts: list[str] = []
    for count, row in enumerate(rows):
        record = {column: json_value(column, row.get(column)) for column in header}
        parts.append(("," if count else "") + json.dumps(record, ensure_ascii=False) + "\n")
        if len(parts) >= CHUNK_ROWS:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts) + "]}\n"


def json_array_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of objects, streamed a chunk of items at a time."""
    yield "["
    parts: list[str] = []
    first = True
    for item in items:
        parts.append(("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
        if len(parts) >= CHUNK_ROWS:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts) + "\n]\n"
