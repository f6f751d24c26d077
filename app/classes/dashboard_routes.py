"""Instructors' class pages: create, archive, the dashboard, a learner."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import MasteryLevel
from ..urls import whole_number
from . import instructor_bp as bp
from .access import visible_cohorts
from .cohorts import CohortError, create_cohort, member_counts, set_archived
from .dashboard import BadSort, class_grid, format_duration, learner_history, sort_rows
from .forms import CohortForm
from .guards import managed_cohort, member_or_abort

GRID_PAGE_SIZE = 100


@bp.post("/classes")
@instructor_required
def create_class():
    """Create a class with a fresh join code."""
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = create_cohort(db.session, current_user, form.name.data)
        except CohortError as exc:
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"Class “{cohort.name}” created. Its join code is {cohort.join_code}.", "success")
            return redirect(url_for("instructor.dashboard", cohort_id=cohort.id))
    cohorts = visible_cohorts(db.session, current_user, include_archived=True)
    counts = member_counts(db.session, cohorts)
    page = render_template(
        "classes/instructor_home.html", cohorts=cohorts, counts=counts, form=form
    )
    return page, 400


@bp.post("/classes/<int:cohort_id>/archive")
@instructor_required
def archive_class(cohort_id: int):
    """Archive a class (or bring it back with ?undo=1 in the form)."""
    cohort = managed_cohort(cohort_id)
    archived = request.form.get("archived", "1") == "1"
    set_archived(db.session, cohort, archived)
    db.session.commit()
    flash(f"Class “{cohort.name}” {'archived' if archived else 'is active again'}.", "success")
    return redirect(url_for("instructor.dashboard", cohort_id=cohort.id))


@bp.get("/classes/<int:cohort_id>")
@instructor_required
def dashboard(cohort_id: int):
    """Learner × section grid of mastery, attempts and time; ?sort=&dir=&page=."""
    cohort = managed_cohort(cohort_id)
    sort, direction = request.args.get("sort", "name"), request.args.get("dir", "asc")
    page = request.args.get("page", 1, type=whole_number)
    if direction not in ("asc", "desc") or page < 1:
        abort(400, "Use dir=asc or dir=desc, and a page number from 1.")
    sections, rows = class_grid(db.session, cohort)
    try:
        rows = sort_rows(rows, sort, direction == "desc", [s.id for s in sections])
    except BadSort as exc:
        abort(400, str(exc))
    pages = max(1, -(-len(rows) // GRID_PAGE_SIZE))
    shown = rows[(page - 1) * GRID_PAGE_SIZE : page * GRID_PAGE_SIZE]
    return render_template(
        "classes/dashboard.html",
        cohort=cohort,
        sections=sections,
        rows=shown,
        total=len(rows),
        sort=sort,
        direction=direction,
        page=min(page, pages),
        pages=pages,
        levels=list(MasteryLevel),
        duration=format_duration,
    )


@bp.get("/classes/<int:cohort_id>/learners/<int:user_id>")
@instructor_required
def learner(cohort_id: int, user_id: int):
    """A learner's attempts, scores and level per section."""
    cohort = managed_cohort(cohort_id)
    history = learner_history(db.session, member_or_abort(cohort, user_id))
    return render_template(
        "classes/learner.html", cohort=cohort, history=history, duration=format_duration
    )
