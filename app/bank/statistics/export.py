"""The item analysis as CSV: one row per question version, then one for the whole test.

The project's conventions (app/csv_cells.py): RFC 4180, a UTF-8 BOM unless asked not
to, text cells neutralised against spreadsheet formulas, numbers written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ...csv_cells import UTF8_BOM, number_cell, safe_cell
from ...models import QuestionVersion
from .analysis import Analysis, ItemFigures

HEADER = (
    "section", "question_id", "version", "question", "type", "responses", "facility",
    "standard_deviation", "random_guess_score", "discrimination_index",
    "discriminative_efficiency", "flagged", "choices", "alpha", "error_ratio", "standard_error",
)  # fmt: skip
WHOLE_TEST = "(whole test: attempts, mean and standard deviation of the totals, % of the maximum)"


def _choices(item: ItemFigures) -> str:
    parts = []
    for option in item.options:
        groups = f"; upper {option.upper}, lower {option.lower}" if option.upper is not None else ""
        parts.append(f"{option.label}: {option.count}{groups}")
    if item.options and item.no_response:
        parts.append(f"no response: {item.no_response}")
    return " | ".join(parts)


def _item_row(section: str, item: ItemFigures, version: QuestionVersion | None) -> list[str]:
    text = [
        section,
        item.question_id,
        str(version.number) if version else "",
        version.stem if version else "",
        version.question.type if version else "",
    ]
    numbers = [
        item.responses, item.facility, item.sd, item.random_guess, item.discrimination,
        item.efficiency, item.flagged,
    ]  # fmt: skip
    return (
        [safe_cell(t) for t in text]
        + [number_cell(n) for n in numbers]
        + [safe_cell(_choices(item)), "", "", ""]
    )


def analysis_csv(
    section_title: str,
    analysis: Analysis,
    items: list[ItemFigures],
    versions: Mapping[int, QuestionVersion],
    *,
    bom: bool = True,
) -> str:
    """The CSV text of an analysis: ``items`` in the page's order, then the whole test."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for item in items:
        writer.writerow(_item_row(section_title, item, versions.get(item.version_id)))
    test = analysis.test
    writer.writerow(
        [safe_cell(section_title), "", "", WHOLE_TEST, ""]
        + [number_cell(v) for v in (test.attempts, test.mean, test.sd)]
        + ["", "", "", number_cell(test.flagged), ""]
        + [number_cell(v) for v in (test.alpha, test.error_ratio, test.standard_error)]
    )
    return (UTF8_BOM if bom else "") + buffer.getvalue()
