"""Instructors' question bank pages: the filtered list, a question, and their reviews."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Question, QuestionStatus, Section
from ..questions import type_choices
from . import bp
from .bank_list import BadFilter, BankFilter, bank_page, neighbours
from .forms import AcceptAnswerForm, BulkReviewForm, RejectForm
from .guards import question_or_abort
from .regrade import regrade_log
from .review import ReviewError, approve, reject, review_many
from .review_rules import rule_reason
from .statistics.data import question_analyses
from .versions import version_provenance


def _sections() -> list[Section]:
    return list(db.session.scalars(sa.select(Section).order_by(Section.order)))


def _bank_filter() -> BankFilter:
    """The list's filter from the query string (a question page keeps the list it came from)."""
    try:
        return BankFilter.from_args(request.args)
    except BadFilter as exc:
        abort(400, str(exc))


def _list_page(bank_filter: BankFilter, bulk_form: BulkReviewForm | None = None) -> str:
    return render_template(
        "bank/questions.html",
        page=bank_page(db.session, bank_filter),
        bank_filter=bank_filter,
        sections=_sections(),
        types=type_choices(),
        bulk_form=bulk_form or BulkReviewForm(),
    )


@bp.get("/questions")
@instructor_required
def questions():
    """The bank, filtered by section, type, generator, status and text, a page at a time."""
    return _list_page(_bank_filter())


@bp.post("/questions/review")
@instructor_required
def review_questions():
    """One verdict (approve, or reject by a rule of the guide) for the ticked questions."""
    bank_filter = _bank_filter()
    form = BulkReviewForm()
    if not form.validate_on_submit():
        return _list_page(bank_filter, form), 400
    approving = form.action.data == "approve"
    status = QuestionStatus.APPROVED if approving else QuestionStatus.REJECTED
    reason = "" if approving else rule_reason(int(form.rule.data), form.note.data or "")
    changed = review_many(db.session, form.ids.data, status, reason)
    db.session.commit()
    verdict = "approved" if approving else "rejected"
    left = len(set(form.ids.data)) - len(changed)
    flash(
        f"{len(changed)} {'question' if len(changed) == 1 else 'questions'} {verdict}."
        + (f" {left} left as they were (already {verdict}, or changed meanwhile)." if left else ""),
        "success" if changed else "info",
    )
    return redirect(url_for("bank.questions", **bank_filter.args()))


def _question_page(found: Question, bank_filter: BankFilter, reject_form: RejectForm) -> str:
    before, after = neighbours(db.session, bank_filter, found)
    return render_template(
        "bank/question.html",
        question=found,
        section=db.session.get(Section, found.section_id),
        analyses=question_analyses(db.session, found),
        reject_form=reject_form,
        accept_form=AcceptAnswerForm(),
        regrades=regrade_log(db.session, found),
        version_provenance=version_provenance,
        bank_filter=bank_filter,
        previous_id=before,
        next_id=after,
    )


def _after_review(found: Question, bank_filter: BankFilter):
    """Back to the question, or on to the next one in the list when the reviewer asked."""
    context = bank_filter.args(page=None)
    if request.form.get("then") == "next":
        _, after = neighbours(db.session, bank_filter, found)
        if after is None:
            flash("That was the last question in this list.", "info")
            return redirect(url_for("bank.questions", **context))
        return redirect(url_for("bank.question", question_id=after, **context))
    return redirect(url_for("bank.question", question_id=found.id, **context))


@bp.get("/questions/<question_id>")
@instructor_required
def question(question_id: str):
    """A question: its current content, review state, versions and its item analysis."""
    return _question_page(question_or_abort(question_id), _bank_filter(), RejectForm())


@bp.post("/questions/<question_id>/approve")
@instructor_required
def approve_question(question_id: str):
    """Approve a question."""
    found, bank_filter = question_or_abort(question_id), _bank_filter()
    try:
        approve(db.session, found)
    except ReviewError as exc:
        abort(409, str(exc))
    db.session.commit()
    flash(f"Question {found.label} approved.", "success")
    return _after_review(found, bank_filter)


@bp.post("/questions/<question_id>/reject")
@instructor_required
def reject_question(question_id: str):
    """Reject a question with a reason; it is never served again."""
    found, bank_filter = question_or_abort(question_id), _bank_filter()
    form = RejectForm()
    if not form.validate_on_submit():
        return _question_page(found, bank_filter, form), 400
    try:
        reject(db.session, found, form.reason.data)
    except ReviewError as exc:
        abort(409, str(exc))
    db.session.commit()
    flash(f"Question {found.label} rejected.", "success")
    return _after_review(found, bank_filter)
