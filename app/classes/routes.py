"""Students' side of classes: join with a code, and the list of one's classes."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..extensions import db
from . import bp
from .cohorts import CohortError, join_cohort, learner_cohorts
from .forms import JoinForm


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
