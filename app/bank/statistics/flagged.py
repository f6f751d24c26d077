"""Questions the item analysis flags, across every class: the bank list's "Flagged" filter.

A question is flagged when the version it serves now is a dubious item (Moodle's rule:
discriminative efficiency below 15 %) in a test of its section, counted over all learners'
first finished attempts, as the question's own page shows it. Only the current version counts:
a question edited since its old version was flagged starts again with no figures.
"""

from __future__ import annotations

from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ...models import Question, Section
from .analysis import ServedRow, analyse
from .data import _rows_query, _section_infos


def flagged_version_ids(session: Session, section_id: str = "") -> set[int]:
    """Ids of the versions flagged in some test of their section (all sections, or one).

    One pass over the test responses of each section (two queries a section), as the item
    analysis pages make it.
    """
    if section_id:
        sections = [section_id]
    else:
        sections = list(session.scalars(sa.select(Section.id).order_by(Section.order)))
    flagged: set[int] = set()
    for section in sections:
        _versions, info = _section_infos(session, section)
        rows = session.execute(_rows_query(None, section))
        for _length, group in groupby(rows, key=lambda row: row[0]):
            analysis = analyse((ServedRow(*row[1:]) for row in group), info)
            flagged.update(item.version_id for item in analysis.items if item.flagged)
    return flagged


def flagged_condition(session: Session, section_id: str = "") -> sa.ColumnElement[bool]:
    """SQL true for questions whose current version is flagged (see flagged_version_ids)."""
    return Question.current_version_id.in_(sorted(flagged_version_ids(session, section_id)))
