"""Instructors' gradebook of a class: the grid, its CSV, and one learner's results."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, render_template, request

from ..accounts.decorators import instructor_required
from ..downloads import stream_download
from ..extensions import db
from ..models import Membership, Section, User, utcnow
from ..urls import whole_number
from . import bp
from .gradebook import BadSort, class_gradebook, gradebook_table, sort_grades
from .gradebook_export import csv_chunks
from .guards import managed_cohort
from .status import class_statuses

PAGE_SIZE = 100


def _sorted_gradebook(cohort):
    sort, direction = request.args.get("sort", "name"), request.args.get("dir", "asc")
    if direction not in ("asc", "desc"):
        abort(400, "Use dir=asc or dir=desc.")
    assignments, rows = class_gradebook(db.session, cohort, utcnow())
    try:
        rows = sort_grades(rows, sort, direction == "desc")
    except BadSort as exc:
        abort(400, str(exc))
    return assignments, rows, sort, direction


@bp.get("/<int:cohort_id>/gradebook")
@instructor_required
def gradebook(cohort_id: int):
    """Learners × assignments: best score in %, late and missing marks; ?sort=&dir=&page=."""
    cohort = managed_cohort(cohort_id)
    assignments, rows, sort, direction = _sorted_gradebook(cohort)
    page = request.args.get("page", 1, type=whole_number)
    if page < 1:
        abort(400, "Give a page number from 1.")
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(page, pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return render_template(
        "classes/gradebook.html", cohort=cohort, assignments=assignments, rows=shown,
        total=len(rows), sort=sort, direction=direction, page=page, pages=pages,
    )  # fmt: skip


@bp.get("/<int:cohort_id>/gradebook.csv")
@instructor_required
def gradebook_csv(cohort_id: int):
    """The gradebook's columns as CSV, every learner, in the page's order (?bom=0: no BOM)."""
    cohort = managed_cohort(cohort_id)
    assignments, rows, _sort, _direction = _sorted_gradebook(cohort)
    header, lines = gradebook_table(assignments, rows)
    chunks = csv_chunks(header, lines, bom=request.args.get("bom") != "0")
    return stream_download(chunks, f"gradebook-class-{cohort.id}.csv", "text/csv")


@bp.get("/<int:cohort_id>/gradebook/learners/<int:user_id>")
@instructor_required
def learner_grades(cohort_id: int, user_id: int):
    """One learner's assignments: terms, each attempt's score, late marks, reopen buttons."""
    cohort = managed_cohort(cohort_id)
    if db.session.get(Membership, (cohort.id, user_id)) is None:
        abort(404)
    learner = db.session.get(User, user_id)
    statuses = class_statuses(db.session, cohort, learner, utcnow())
    titles = {sid: title for sid, title in db.session.execute(sa.select(Section.id, Section.title))}
    return render_template(
        "classes/gradebook_learner.html", cohort=cohort, learner=learner, statuses=statuses,
        titles=titles,
    )  # fmt: skip
