"""Instructors accept another short answer and regrade past responses: preview, then apply."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Question, utcnow
from . import bp
from .forms import AcceptAnswerForm, RegradeForm
from .guards import question_or_abort
from .regrade import (
    RegradeError,
    accept_answer,
    apply_regrade,
    plan_regrade,
    taught_learners,
)


def _preview(question: Question, form: RegradeForm, status: int = 200):
    try:
        plan = plan_regrade(db.session, question)
    except RegradeError as exc:
        abort(409, str(exc))
    form.token.data = plan.token
    named = taught_learners(db.session, current_user, {c.user_id for c in plan.changes})
    page = render_template(
        "bank/regrade.html", question=question, plan=plan, form=form, named=named
    )
    return page, status


@bp.get("/questions/<question_id>/regrade")
@instructor_required
def regrade_preview(question_id: str):
    """Whose scores a regrade by the current version changes (learner, attempt, old → new)."""
    return _preview(question_or_abort(question_id), RegradeForm())


@bp.post("/questions/<question_id>/regrade")
@instructor_required
def regrade_apply(question_id: str):
    """Apply the previewed regrade; 409 and a fresh preview when anything changed since."""
    question = question_or_abort(question_id)
    form = RegradeForm()
    if not form.validate_on_submit():
        return _preview(question, form, 400)
    try:
        log = apply_regrade(
            db.session, question, token=form.token.data, instructor=current_user, now=utcnow()
        )
    except RegradeError as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        return _preview(question_or_abort(question_id), RegradeForm(), 409)
    db.session.commit()
    flash(f"Regraded: {len(log.changes)} responses changed score.", "success")
    return redirect(url_for("bank.question", question_id=question.id))


@bp.post("/questions/<question_id>/accepted")
@instructor_required
def accept_answer_page(question_id: str):
    """Accept another answer to a short-answer question (a new version), then preview."""
    question = question_or_abort(question_id)
    form = AcceptAnswerForm()
    if not form.validate_on_submit():
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    try:
        added = accept_answer(db.session, question, form.answer.data, instructor=current_user)
    except RegradeError as exc:
        abort(400, str(exc))
    db.session.commit()
    message = "Accepted as a new version." if added else "The question already accepts that."
    flash(message, "info")
    return redirect(url_for("bank.regrade_preview", question_id=question.id))
