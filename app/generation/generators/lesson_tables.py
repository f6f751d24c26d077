"""A lesson's comparison tables as questions: a matching question per row, or a statement when
the table compares two things."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..draft import Context, Draft, normalise_fact
from ..ideas import truth_for
from .lesson_terms import PARAGRAPH_NOTE
from .lesson_timeline import REFERS_TO_TEXT

MAX_TABLE_COLUMNS = 5


_FEATURE_HEADER = {"", "feature", "features", "aspect", "aspects", "point", "question"}


def _items_as_columns(header: tuple, rows: tuple) -> tuple[tuple, tuple]:
    """The table with the things compared as columns and their features as rows: a table
    whose first header cell names the things ("Agreement") has them as rows, and is turned."""
    if header[0].strip().lower() in _FEATURE_HEADER or not rows:
        return header, rows
    width = len(header)
    if any(len(row) != width for row in rows):
        return header, rows
    turned_header = ("", *(row[0] for row in rows))
    turned_rows = tuple((header[k], *(row[k] for row in rows)) for k in range(1, width))
    return turned_header, turned_rows  # a matching question of more pairs is a chore, not a test


def comparisons(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "Match each treaty with its limit": one matching question per row of a lesson's
    comparison table (the other columns' cells are the near-misses)."""
    lesson = ctx.lessons.get(section.id)
    if lesson is None:
        return
    for table in lesson.comparisons:
        header, rows = _items_as_columns(table.header, table.rows)
        columns = [c.strip() for c in header[1:]]
        if not 2 <= len(columns) <= MAX_TABLE_COLUMNS or len(set(columns)) != len(columns):
            continue
        title = re.sub(r"^(?:compare|comparison)\s*(?:of)?\s*:?\s*", "", table.title, flags=re.I)
        title = re.sub(r"\s+(?:of|in) (?:paragraphs?|¶)\s*[\d–-]+", "", title)  # read alone
        for n, row in enumerate(rows, 1):
            label, cells = row[0].strip(), [PARAGRAPH_NOTE.sub("", c).strip() for c in row[1:]]
            if not label or len(cells) != len(columns) or len(set(cells)) != len(cells):
                continue
            if any(not c or c.lower() in {"—", "-", "n/a", "none"} for c in cells):
                continue
            if REFERS_TO_TEXT.search(label) or len(
                {c.split()[0].strip(":,;") for c in cells}
            ) < len(cells):
                continue  # "what paragraph 3 says"; "No" beside "No: NATO kept …"
            pairs = [[column, cell] for column, cell in zip(columns, cells, strict=True)]
            fact = f"table:{title}:{label}"
            where = dict(
                section_id=section.id,
                paragraph=table.line + 1 + n,  # the table's line, its rule, then the rows
                sentence=0,
                quote=" | ".join(row),
                fact=fact,
                id_basis=f"table:{normalise_fact(title)}:{normalise_fact(label)}",
                source_kind="lesson",
            )
            if len(columns) == 2:  # two pairs: a statement, true or with the two exchanged
                truth = truth_for(fact)
                column, cell = pairs[0][0], pairs[0 if truth else 1][1]
                yield Draft(
                    type="true_false",
                    generator="lesson-comparison-statement",
                    stem=(
                        f"True or false: In the lesson's table comparing {title}, under "
                        f"“{label}”, {column}: {cell.rstrip('.')}."
                    ),
                    answer=truth,
                    explanation=f"{'True' if truth else 'False'}: the lesson gives "
                    + "; ".join(f"{c}: {v}" for c, v in pairs)
                    + ".",
                    keys=(),
                    score=0.75,
                    difficulty=0.55,
                    **where,
                )
                continue
            yield Draft(
                type="matching",
                generator="lesson-comparison",
                stem=(
                    f"The lesson compares {title}. Match each with its “{label.lower()}”, as "
                    "the lesson gives it."
                ),
                answer=pairs,
                explanation="The lesson's table: "
                + "; ".join(f"{column}: {cell}" for column, cell in pairs)
                + ".",
                keys=tuple(c.lower() for c in cells),
                score=0.8,
                difficulty=0.6,
                **where,
            )
