"""An instructor's LMS page of a class: its linked courses, the roster pull, and the log of
grades sent to the LMS (with "Send again")."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..classes.access import owned_cohort
from ..extensions import db
from ..models import Cohort, utcnow
from ..urls import whole_number
from . import bp
from .forms import ActionForm
from .grades import class_log, retry_now, send_due
from .keys import http_session
from .models import LtiContext, LtiGradeSend, LtiResourceLink
from .roster import RosterError, pull_roster


def _cohort(cohort_id: int) -> Cohort:
    cohort = owned_cohort(db.session, current_user, cohort_id)
    if cohort is None:
        abort(404)
    return cohort


def _contexts(cohort: Cohort) -> list[LtiContext]:
    query = sa.select(LtiContext).where(LtiContext.cohort_id == cohort.id)
    return list(db.session.scalars(query.order_by(LtiContext.id)))


@bp.get("/classes/<int:cohort_id>")
@instructor_required
def class_page(cohort_id: int):
    """The class's LMS courses and the grades sent to them."""
    cohort = _cohort(cohort_id)
    return render_template(
        "lti/class.html", cohort=cohort, contexts=_contexts(cohort), form=ActionForm(),
        grades=class_log(db.session, cohort.id),
    )  # fmt: skip


@bp.post("/classes/<int:cohort_id>/roster")
@instructor_required
def pull(cohort_id: int):
    """Pull each linked course's roster into the class (NRPS)."""
    cohort = _cohort(cohort_id)
    contexts = [c for c in _contexts(cohort) if c.memberships_url]
    if not ActionForm().validate_on_submit() or not contexts:
        abort(400, "This class has no LMS course with a roster service.")
    try:
        results = [pull_roster(db.session, c, http_session(), utcnow()) for c in contexts]
        db.session.commit()
    except RosterError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("lti.class_page", cohort_id=cohort.id))
    learners, joined = sum(r.learners for r in results), sum(r.joined for r in results)
    flash(f"Roster pulled: {learners} learners, {joined} newly added to the class.", "success")
    return redirect(url_for("lti.class_page", cohort_id=cohort.id))


@bp.post("/classes/<int:cohort_id>/grades/retry")
@instructor_required
def retry(cohort_id: int):
    """Send a grade that failed (or waits) again, now."""
    cohort = _cohort(cohort_id)
    grade_id = request.form.get("grade", -1, type=whole_number)
    if not ActionForm().validate_on_submit() or grade_id < 0:
        abort(400, "Choose a grade to send again.")
    grade = db.session.scalar(
        sa.select(LtiGradeSend)
        .join(LtiResourceLink, LtiResourceLink.id == LtiGradeSend.link_id)
        .join(LtiContext, LtiContext.id == LtiResourceLink.context_pk)
        .where(LtiGradeSend.id == grade_id, LtiContext.cohort_id == cohort.id)
    ) or abort(404)
    retry_now(db.session, grade, utcnow())
    db.session.commit()
    sent = send_due(db.session, [grade.id], http_session(), utcnow())
    flash("The grade is sent." if sent else "The LMS did not take it; see the log.", "info")
    return redirect(url_for("lti.class_page", cohort_id=cohort.id))
