"""Instructors' side of a class's assignments: the list, a new one, the class's time zone."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..timezones import time_zone_choices
from . import bp
from .assignments import AssignmentDraft, AssignmentError, class_assignments, create_assignment
from .cohorts import CohortError, set_time_zone
from .guards import assignment_form, changeable_cohort, managed_cohort


def _assignments_page(cohort, form, status: int = 200):
    assignments = class_assignments(db.session, cohort)
    page = render_template("classes/assignments.html", cohort=cohort, form=form,
                           assignments=assignments, zones=time_zone_choices())  # fmt: skip
    return page, status


@bp.get("/<int:cohort_id>/assignments")
@instructor_required
def assignments(cohort_id: int):
    """The class's assignments, soonest due first, and the form for a new one."""
    return _assignments_page(managed_cohort(cohort_id), assignment_form())


@bp.post("/<int:cohort_id>/assignments")
@instructor_required
def create(cohort_id: int):
    """Give the class an assignment; a bad one is shown again with its reasons, nothing saved."""
    cohort, form = changeable_cohort(cohort_id), assignment_form()
    if form.validate_on_submit():
        fields = {name: form[name].data for name in AssignmentDraft.__dataclass_fields__
                  if name != "errors"}  # fmt: skip
        try:
            assignment = create_assignment(
                db.session, cohort, current_user, AssignmentDraft(**fields)
            )
        except AssignmentError as exc:
            db.session.rollback()
            for name, message in exc.errors.items():
                form[name].errors.append(message)
        else:
            db.session.commit()
            flash(f"“{assignment.title}” is assigned to {cohort.name}.", "success")
            return redirect(url_for("classes.assignments", cohort_id=cohort_id))
    return _assignments_page(cohort, form, 400)


@bp.post("/<int:cohort_id>/time-zone")
@instructor_required
def time_zone(cohort_id: int):
    """Set the time zone in which the class's opening and due times are given."""
    cohort = changeable_cohort(cohort_id)
    try:
        set_time_zone(db.session, cohort, request.form.get("time_zone", ""))
    except CohortError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _assignments_page(cohort, assignment_form(), 400)
    db.session.commit()
    flash(f"Times of {cohort.name} are now given in {cohort.time_zone}.", "success")
    return redirect(url_for("classes.assignments", cohort_id=cohort_id))
