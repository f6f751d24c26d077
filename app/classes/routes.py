"""Learners' side of classes: join with a code, one's classes, and one's assignments."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import utcnow
from ..quiz.errors import QuizError
from ..quiz.finishing import finish_expired
from . import bp
from .assignments import StartRefused, start_assignment
from .cohorts import CohortError, join_cohort, learner_cohorts
from .forms import JoinForm
from .guards import own_assignment
from .status import assignment_status


@bp.get("/")
@login_required
def mine():
    """The classes the current user belongs to, with the join form."""
    cohorts = learner_cohorts(db.session, current_user)
    return render_template("classes/mine.html", cohorts=cohorts, form=JoinForm())


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join():
    """Join a class with its code."""
    form = JoinForm()
    if form.validate_on_submit():
        try:
            cohort, joined = join_cohort(db.session, current_user, form.code.data)
        except CohortError as exc:
            form.code.errors.append(str(exc))
        else:
            db.session.commit()
            message = "You joined" if joined else "You are already in"
            flash(f"{message} the class “{cohort.name}”.", "success")
            return redirect(url_for("classes.mine"))
    return render_template("classes/join.html", form=form), 400 if form.errors else 200


@bp.get("/assignments/<int:assignment_id>")
@login_required
def assignment(assignment_id: int):
    """A learner's own assignment: its terms, their attempts, and Start or Resume."""
    now = utcnow()
    found = own_assignment(assignment_id)
    if finish_expired(db.session, current_user.id, now):  # time is up: not to resume
        db.session.commit()
    status = assignment_status(db.session, found, current_user, now)
    return render_template("classes/assignment.html", status=status)


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
def start(assignment_id: int):
    """Start the next attempt (or resume the one in progress) and go to it."""
    now, found = utcnow(), own_assignment(assignment_id)
    try:
        finish_expired(db.session, current_user.id, now)
        attempt_id = start_assignment(db.session, found, current_user, now).id
        db.session.commit()
    except (StartRefused, QuizError) as exc:
        db.session.rollback()
        flash(str(exc), "info")
        return redirect(url_for("classes.assignment", assignment_id=assignment_id))
    except IntegrityError:  # another start (a double click, a second tab) made this attempt
        db.session.rollback()
        flash("This assignment was just started in another tab; here it is.", "info")
        attempt_id = start_assignment(db.session, found, current_user, now).id
    return redirect(url_for("quiz.take", attempt_id=attempt_id))
