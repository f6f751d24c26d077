"""Writing and editing questions: a form with only the fields of the question's type, and a
preview of what a learner will see before anything is saved."""

from __future__ import annotations

import random

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Question, Section
from ..questions import ContentError, QuestionType, get_type, type_choices
from ..questions.base import QuestionContent
from . import bp
from .authoring import QuestionDraft, answer_as_text, draft_content
from .forms import QuestionForm
from .guards import question_or_abort
from .review import StaleQuestionEdit, edit_question
from .versions import create_question


def _chosen_type(name: str | None) -> QuestionType | None:
    try:
        return get_type(name or "")
    except KeyError:
        return None


def _question_form(qtype: QuestionType, question: Question | None = None) -> QuestionForm:
    form = QuestionForm()
    sections = db.session.scalars(sa.select(Section).order_by(Section.order))
    form.section.choices = [SelectChoice(s.id, f"{s.order}. {s.title}") for s in sections]
    # one type per form: its fields only; and once a question exists attempts are graded by it
    form.type.choices = [c for c in form.type.choices if c.value == qtype.name]
    form.answer.label.text = qtype.answer_label
    if question is not None and request.method == "GET":
        version = question.current
        form.section.data, form.type.data, form.stem.data = (
            question.section_id,
            question.type,
            version.stem,
        )
        form.choices.data = "\n".join(version.choices)
        form.answer.data = answer_as_text(question.type, version.answer)
        form.accepted.data = "\n".join(version.accepted)
        form.explanation.data = version.explanation
        form.paragraph.data = version.source.get("paragraph")
        form.base_version.data = version.number
    return form


def _show_problems(form: QuestionForm, problems: list[str]) -> None:
    """Put each content problem under the field it is about."""
    for problem in problems:
        lowered = problem.lower()
        if lowered.startswith("choices"):
            form.choices.errors.append(problem)
        elif lowered.startswith("the stem"):
            form.stem.errors.append(problem)
        elif lowered.startswith("accepted"):
            form.accepted.errors.append(problem)
        elif lowered.startswith("section"):
            form.paragraph.errors.append(problem)
        else:
            form.answer.errors.append(problem)


def _content(form: QuestionForm, question: Question | None = None) -> dict | None:
    """The form's checked content, or None with each problem shown under its field."""
    draft = QuestionDraft(
        section_id=form.section.data,
        type=form.type.data,
        stem=form.stem.data,
        choices=form.choices.data,
        answer=form.answer.data,
        accepted=form.accepted.data,
        explanation=form.explanation.data,
        paragraph=form.paragraph.data,
    )
    try:
        return draft_content(draft, question.current.source if question else None)
    except ContentError as exc:
        _show_problems(form, exc.problems)
        return None


def _preview(qtype: QuestionType, content: dict) -> dict:
    """The question as a learner's page shows it (options shuffled as a quiz would), and the
    feedback that follows an answer."""
    version = QuestionContent.from_dict(content)
    order = qtype.shuffle(version, random.Random())  # noqa: S311  (display order, not a secret)  # nosec B311
    return {
        "question": {"position": 0, **qtype.public(version, order)},
        "key_text": qtype.in_words(qtype.key(version)),
        "explanation": version.explanation,
    }


def _form_page(form: QuestionForm, qtype: QuestionType, question=None, preview=None):
    page = render_template(
        "bank/question_form.html",
        form=form,
        qtype=qtype,
        question=question,
        preview=preview,
    )
    return page, 400 if form.errors else 200


@bp.route("/questions/<question_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_question_page(question_id: str):
    """Edit a question: a new version, the old one kept for the attempts that served it."""
    found = question_or_abort(question_id)
    qtype = get_type(found.type)
    form = _question_form(qtype, found)
    if not form.validate_on_submit() or (content := _content(form, found)) is None:
        return _form_page(form, qtype, found)
    if form.preview.data:
        return _form_page(form, qtype, found, _preview(qtype, content))
    base = int(form.base_version.data) if form.base_version.data else None
    try:
        version = edit_question(
            db.session, found, section_id=form.section.data, question_type=found.type,
            content=content, author=current_user, base_version=base,
        )  # fmt: skip
    except StaleQuestionEdit as exc:
        db.session.rollback()
        form.stem.errors.append(f"{exc} Your text is kept below; compare and save again.")
        form.base_version.data = question_or_abort(question_id).current.number
        return _form_page(form, qtype, question_or_abort(question_id))[0], 409
    db.session.commit()
    flash(f"Saved as version {version.number}." if version else "Nothing changed.", "info")
    return redirect(url_for("bank.question", question_id=found.id))


@bp.route("/questions/new", methods=["GET", "POST"])
@instructor_required
def new_question():
    """Write a question: first its type, then a form with that type's fields only."""
    qtype = _chosen_type(request.form.get("type") or request.args.get("type"))
    if qtype is None:
        chosen = request.args.get("section", "")
        page = render_template("bank/question_type.html", types=type_choices(), chosen=chosen)
        return page, 400 if request.method == "POST" else 200  # a POST names no known type
    form = _question_form(qtype)
    if request.method == "GET":
        form.type.data, form.section.data = qtype.name, request.args.get("section")
    if not form.validate_on_submit() or (content := _content(form)) is None:
        return _form_page(form, qtype)
    if form.preview.data:
        return _form_page(form, qtype, preview=_preview(qtype, content))
    created = create_question(
        db.session,
        section_id=form.section.data,
        question_type=qtype.name,
        content=content,
        author=current_user,
        approve_now=form.approve_now.data,
    )
    db.session.commit()
    state = "approved" if form.approve_now.data else "pending review (not served yet)"
    flash(f"Question {created.label} added to the bank, {state}.", "success")
    return redirect(url_for("bank.question", question_id=created.id))
