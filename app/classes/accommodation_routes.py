"""Instructors' accommodations for learners of a class, and reopening an attempt."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Accommodation, Attempt, Membership, User, utcnow
from . import bp
from .accommodations import (
    AccommodationError,
    AccommodationRequest,
    accommodation_log,
    class_accommodations,
    clear_accommodation,
    reopen_attempt,
    set_accommodation,
)
from .assignments import class_assignments
from .guards import accommodation_form, changeable_cohort, class_assignment, managed_cohort


def _choices(cohort):
    learners = db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort.id).order_by(User.username)
    ).all()  # fmt: skip
    return learners, class_assignments(db.session, cohort)


def _page(cohort, form=None, status: int = 200):
    form = form or accommodation_form(cohort, *_choices(cohort))
    page = render_template(
        "classes/accommodations.html", cohort=cohort, form=form,
        current=class_accommodations(db.session, cohort), log=accommodation_log(db.session, cohort),
    )  # fmt: skip
    return page, status


@bp.get("/<int:cohort_id>/accommodations")
@instructor_required
def accommodations(cohort_id: int):
    """Extra time, attempts and due dates per learner, and the log of every change."""
    return _page(managed_cohort(cohort_id))


@bp.post("/<int:cohort_id>/accommodations")
@instructor_required
def accommodate(cohort_id: int):
    """Save an accommodation for one learner; bad input is shown on the form, nothing saved."""
    cohort = changeable_cohort(cohort_id)
    form = accommodation_form(cohort, *_choices(cohort))
    if form.validate_on_submit():
        ask = AccommodationRequest(
            _number(form.learner.data), _number(form.assignment.data), form.extra_percent.data,
            form.extra_minutes.data, form.extra_attempts.data, form.due_local.data,
        )  # fmt: skip
        try:
            set_accommodation(db.session, cohort, current_user, ask)
        except AccommodationError as exc:
            db.session.rollback()
            for name, message in exc.errors.items():
                form[name].errors.append(message)
        else:
            db.session.commit()
            flash("Accommodation saved.", "success")
            return redirect(url_for("classes.accommodations", cohort_id=cohort_id))
    return _page(cohort, form, 400)


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else None


@bp.post("/<int:cohort_id>/accommodations/<int:accommodation_id>/remove")
@instructor_required
def remove_accommodation(cohort_id: int, accommodation_id: int):
    """Remove one accommodation (logged)."""
    cohort = changeable_cohort(cohort_id)
    row = db.session.get(Accommodation, accommodation_id)
    if row is not None and row.cohort_id != cohort.id:
        abort(404)
    if row is not None:  # else removed already (a double click, another tab): nothing to do
        clear_accommodation(db.session, cohort, current_user, row)
        db.session.commit()
    flash("Accommodation removed.", "success")
    return redirect(url_for("classes.accommodations", cohort_id=cohort_id))


@bp.post("/<int:cohort_id>/attempts/<int:attempt_id>/reopen")
@instructor_required
def reopen(cohort_id: int, attempt_id: int):
    """Reopen one learner's finished attempt as a new one built on it (logged)."""
    cohort = changeable_cohort(cohort_id)
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.assignment_id is None:
        abort(404)
    class_assignment(cohort, attempt.assignment_id)  # 404 for another class's attempt
    learner_id = attempt.user_id
    new = reopen_attempt(db.session, cohort, current_user, attempt, utcnow())
    db.session.commit()
    if new is None:
        flash("This learner has an attempt open already.", "success")
    else:
        flash(
            f"Reopened as attempt {new.attempt_number}, starting from the answers of attempt "
            f"{attempt.attempt_number}, which keeps its score and grades.",
            "success",
        )
    return redirect(url_for("classes.learner_grades", cohort_id=cohort_id, user_id=learner_id))
