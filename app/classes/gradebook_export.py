"""The gradebook as CSV, written from its (header, rows) table.

The project's conventions (app/csv_cells.py): RFC 4180 with CRLF, a UTF-8 BOM unless asked
not to (so that spreadsheets read it as UTF-8), text cells neutralised against formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ..csv_cells import UTF8_BOM, safe_cell

CHUNK_ROWS = 500


def csv_chunks(header: list[str], rows: Iterable[list[str]], *, bom: bool = True) -> Iterator[str]:
    """The CSV text of a table in chunks of rows, the BOM first unless ``bom`` is false."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(UTF8_BOM)
    writer.writerow([safe_cell(h) for h in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(cell) for cell in row])
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
