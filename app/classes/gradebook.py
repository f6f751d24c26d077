"""The gradebook: learners × assignments with the best score, late and missing marks.

A handful of queries whatever the class size: the assignments, the members, one aggregate of
the attempts per learner and assignment, and the moved due dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Accommodation, Assignment, Attempt, AttemptState, Cohort, Membership, User

FIXED_SORTS = ("name", "average", "missing", "late")


class BadSort(ValueError):
    """The ?sort= value names no column of the gradebook."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One learner's result on one assignment (frozen: blank ones are shared)."""

    best: float | None = None  # the best finished attempt's share of the marks
    attempts: int = 0
    late: bool = False
    missing: bool = False
    in_progress: bool = False
    awaiting: bool = False  # a finished attempt waits for an instructor's grade

    @property
    def percent(self) -> int | None:
        return None if self.best is None else round(self.best * 100)

    @property
    def text(self) -> str:
        """The cell as the page and the CSV show it: "70", "70 late", "missing", "in progress",
        "awaiting grading"."""
        if self.best is not None:
            return f"{self.percent} late" if self.late else str(self.percent)
        if self.awaiting:
            return "awaiting grading late" if self.late else "awaiting grading"
        if self.in_progress:
            return "in progress"
        return "missing" if self.missing else ""


NOTHING_YET, MISSING = Cell(), Cell(missing=True)


@dataclass
class GradeRow:
    user_id: int
    username: str
    cells: dict[int, Cell] = field(default_factory=dict)

    def cell(self, assignment_id: int) -> Cell:
        return self.cells.get(assignment_id) or NOTHING_YET

    @property
    def average(self) -> float | None:
        """Mean of the scores in %, a missing assignment counting 0; None before any."""
        counted = [c.percent or 0 for c in self.cells.values() if c.best is not None or c.missing]
        return sum(counted) / len(counted) if counted else None

    @property
    def missing(self) -> int:
        return sum(1 for c in self.cells.values() if c.missing)

    @property
    def late(self) -> int:
        return sum(1 for c in self.cells.values() if c.late)


def _share(session: Session):
    return sa.case((Attempt.max_score > 0, Attempt.score * 1.0 / Attempt.max_score), else_=0.0)


def class_gradebook(
    session: Session, cohort: Cohort, now: datetime
) -> tuple[list[Assignment], list[GradeRow]]:
    """The class's assignments (soonest due first) and one row per member (four queries)."""
    assignments = list(
        session.scalars(
            sa.select(Assignment)
            .where(Assignment.cohort_id == cohort.id)
            .order_by(Assignment.due_at, Assignment.id)
        )
    )
    rows = {
        user_id: GradeRow(user_id, username)
        for user_id, username in session.execute(
            sa.select(User.id, User.username)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.cohort_id == cohort.id)
        )
    }
    if not assignments:
        return assignments, list(rows.values())
    ids = [a.id for a in assignments]
    finished = Attempt.state == AttemptState.FINISHED
    graded = sa.and_(finished, Attempt.ungraded == 0)  # an ungraded attempt has no score yet
    results = (
        sa.select(
            Attempt.user_id,
            Attempt.assignment_id,
            sa.func.count(),
            sa.func.max(sa.case((graded, _share(session)))),
            sa.func.min(sa.case((finished, Attempt.finished_at))),
            sa.func.sum(sa.case((finished, 0), else_=1)),
            sa.func.sum(sa.case((graded, 0), (finished, 1), else_=0)),
        )
        .where(Attempt.assignment_id.in_(ids))
        .group_by(Attempt.user_id, Attempt.assignment_id)
    )
    moved = dict(
        ((user_id, assignment_id), due)
        for user_id, assignment_id, due in session.execute(
            sa.select(
                Accommodation.user_id, Accommodation.assignment_id, Accommodation.due_at
            ).where(Accommodation.cohort_id == cohort.id, Accommodation.due_at.is_not(None))
        )
    )
    due = {a.id: a.due_at for a in assignments}
    for user_id, assignment_id, count, best, first_done, open_count, waiting in session.execute(
        results
    ):
        row = rows.get(user_id)
        if row is None:  # no longer in the class: the gradebook lists members
            continue
        first = _aware(first_done)
        deadline = moved.get((user_id, assignment_id)) or due[assignment_id]
        row.cells[assignment_id] = Cell(
            best=None if best is None else float(best),
            attempts=count,
            late=first is not None and first > deadline,
            in_progress=bool(open_count),
            awaiting=bool(waiting),
            missing=first is None and now > deadline,
        )
    # nothing started: one shared cell per kind (a thousand learners make thousands of these)
    for row in rows.values():
        cells = row.cells
        for assignment_id, deadline in due.items():
            if assignment_id not in cells:
                late = now > moved.get((row.user_id, assignment_id), deadline)
                cells[assignment_id] = MISSING if late else NOTHING_YET
    return assignments, list(rows.values())


def _aware(moment: datetime | str | None) -> datetime | None:
    """An aggregate's time as aware UTC (MIN() over a UTC column comes back naive or as text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def sort_grades(rows: list[GradeRow], sort: str, descending: bool) -> list[GradeRow]:
    """Rows by a fixed column or by an assignment ("a12"); ties by name, empty cells last."""
    by_name = sorted(rows, key=lambda r: (r.username.casefold(), r.user_id))
    if sort == "name":
        return list(reversed(by_name)) if descending else by_name
    if sort in ("average", "missing", "late"):
        key = lambda r: getattr(r, sort)  # noqa: E731
    elif sort.startswith("a") and sort[1:].isdigit():
        assignment_id = int(sort[1:])
        key = lambda r: r.cell(assignment_id).best  # noqa: E731
    else:
        raise BadSort(f"Cannot sort by “{sort}”: use {', '.join(FIXED_SORTS)} or an assignment.")
    known = [r for r in by_name if key(r) is not None]
    empty = [r for r in by_name if key(r) is None]
    return sorted(known, key=key, reverse=descending) + empty


def gradebook_table(
    assignments: list[Assignment], rows: list[GradeRow]
) -> tuple[list[str], Iterator[list[str]]]:
    """(header, rows) of the gradebook as the page shows it: the CSV export's columns."""
    header = ["Learner", *(a.title for a in assignments), "Average %", "Missing", "Late"]

    def lines() -> Iterator[list[str]]:
        for row in rows:
            average = "" if row.average is None else f"{row.average:.0f}"
            cells = [row.cell(a.id).text for a in assignments]
            yield [row.username, *cells, average, str(row.missing), str(row.late)]

    return header, lines()
