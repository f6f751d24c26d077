"""Learners' quiz pages: start, practise one question at a time, take a test, review."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..models import AttemptMode, Section, utcnow
from . import bp
from .answers import save_answer
from .attempts import current_question, served_at
from .deadlines import is_expired
from .errors import AttemptClosed, QuizError
from .finishing import finish_attempt, finish_expired
from .forms import ReviewQuizForm, StartQuizForm
from .pages import (
    form_value,
    keep_picks,
    own_attempt,
    render_test_page,
    save_form_answers,
    start_page_data,
)
from .starting import build_attempt, start_review
from .views import question_view
from .visibility import answers_shown


@bp.errorhandler(IntegrityError)
def concurrent_write(error: IntegrityError):
    """Two requests saved the same answer at once (a double click): the first one counts."""
    db.session.rollback()
    message = "This answer was just saved by another request; reload the page to see it."
    page = render_template("errors/error.html", status=409, title="Conflict", message=message)
    return page, 409


def _start_form(sections) -> StartQuizForm:
    form = StartQuizForm()
    form.section_ids.choices = [SelectChoice(s.id, s.title) for s in sections]
    return form


@bp.get("/")
@login_required
def index():
    """Start a quiz, resume an unfinished one, or review what is due."""
    now = utcnow()
    if finish_expired(db.session, current_user.id, now):  # not offered to resume: time is up
        db.session.commit()
    data = start_page_data(db.session, current_user.id, current_user.time_zone, now)
    form = _start_form(data["sections"])
    return render_template("quiz/index.html", form=form, review=ReviewQuizForm(), **data)


@bp.post("/start")
@login_required
def start():
    """Start a section quiz (one section) or a mixed quiz (several)."""
    now = utcnow()
    form = _start_form(db.session.scalars(sa.select(Section).order_by(Section.order)).all())
    if form.validate_on_submit():
        try:
            finish_expired(db.session, current_user.id, now)
            attempt = build_attempt(
                db.session, current_user, form.section_ids.data, form.mode.data,
                form.count.data, time_limit=form.time_limit.data, now=now,
            )  # fmt: skip
        except QuizError as exc:
            db.session.rollback()
            form.section_ids.errors.append(str(exc))
        else:
            attempt_id = attempt.id
            db.session.commit()
            return redirect(url_for("quiz.take", attempt_id=attempt_id))
    data = start_page_data(db.session, current_user.id, current_user.time_zone, now)
    page = render_template("quiz/index.html", form=form, review=ReviewQuizForm(), **data)
    return page, 400


@bp.post("/review")
@login_required
def review_due():
    """Start a quiz of the questions due for review today."""
    form = ReviewQuizForm()
    if not form.validate_on_submit():
        abort(400, "Choose a mode and a number of questions from 1 to 50.")
    try:
        attempt = start_review(db.session, current_user, form.mode.data, form.count.data, utcnow())
    except QuizError as exc:
        db.session.rollback()
        flash(str(exc), "info")
        return redirect(url_for("quiz.index"))
    attempt_id = attempt.id
    db.session.commit()
    return redirect(url_for("quiz.take", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def take(attempt_id: int):
    """The attempt in progress: the current question (practice) or all of them (test)."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    if attempt.finished:
        return redirect(url_for("quiz.review", attempt_id=attempt.id))
    if is_expired(attempt, utcnow()):
        return _finish_at_deadline(attempt_id)
    if attempt.mode is AttemptMode.PRACTICE:
        served = current_question(attempt)
        view = question_view(attempt, served) if served else None
        return render_template("quiz/practice.html", attempt=attempt, question=view)
    views = [question_view(attempt, s) for s in attempt.served_questions]
    return render_test_page(attempt, views, {}, utcnow())


@bp.post("/attempts/<int:attempt_id>/questions/<int:position>")
@login_required
def answer(attempt_id: int, position: int):
    """Practice: record one answer, then show its feedback."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    served = _served_or_404(attempt, position)
    try:
        save_answer(db.session, attempt, served, form_value(request.form, served), utcnow())
    except AttemptClosed as exc:
        db.session.rollback()
        return _lead_on_from_practice(attempt, served, exc)
    except QuizError as exc:
        db.session.rollback()
        if exc.status != 400:
            abort(exc.status, str(exc))
        view = keep_picks(question_view(attempt, served), request.form)
        page = render_template("quiz/practice.html", attempt=attempt, question=view, error=exc)
        return page, 400
    db.session.commit()
    return redirect(url_for("quiz.feedback", attempt_id=attempt_id, position=position))


@bp.get("/attempts/<int:attempt_id>/questions/<int:position>/feedback")
@login_required
def feedback(attempt_id: int, position: int):
    """Practice: right or wrong, the key, the explanation and the lesson paragraph."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    served = _served_or_404(attempt, position)
    if served.response is None:
        flash("Answer this question first: its feedback comes after your answer.", "info")
        return redirect(url_for("quiz.take", attempt_id=attempt_id))
    if not answers_shown(db.session, attempt, utcnow()).now:  # the assignment keeps them back
        flash("Your answer is saved.", "success")
        return redirect(url_for("quiz.take", attempt_id=attempt_id))
    view = question_view(attempt, served)
    following = current_question(attempt)
    return render_template("quiz/feedback.html", attempt=attempt, q=view, following=following)


@bp.post("/attempts/<int:attempt_id>/answers")
@login_required
def save(attempt_id: int):
    """Test: save the answers given (all or some); "Finish" also finishes the attempt."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    now = utcnow()
    wants_json = request.accept_mimetypes.best == "application/json"
    if attempt.finished or is_expired(attempt, now):
        return _closed_test(attempt_id, now, wants_json)
    try:
        saved, errors, shown = save_form_answers(db.session, attempt, request.form, now)
    except AttemptClosed:  # finished meanwhile (another tab, a double click)
        db.session.rollback()
        return _closed_test(attempt_id, now, wants_json)
    except QuizError as exc:
        db.session.rollback()
        abort(exc.status, str(exc))
    if errors:
        db.session.rollback()
        if wants_json:
            return jsonify(error=" ".join(errors.values()), errors=errors), 400
        return _test_page_with_errors(attempt_id, errors, shown), 400
    finishing = "finish" in request.form
    if finishing:
        finish_attempt(db.session, attempt, now)
    db.session.commit()
    if wants_json:
        return jsonify(saved=saved)
    if finishing:
        return redirect(url_for("quiz.review", attempt_id=attempt_id))
    flash(f"Saved {saved} answer{'s' if saved != 1 else ''}.", "success")
    return redirect(url_for("quiz.take", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>/finish")
@login_required
def confirm_finish(attempt_id: int):
    """Practice: finishing early, asked once more (what counts, and the way back)."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    if attempt.finished:
        return redirect(url_for("quiz.review", attempt_id=attempt_id))
    answered = sum(1 for s in attempt.served_questions if s.response is not None)
    total = len(attempt.served_questions)
    return render_template("quiz/finish.html", attempt=attempt, answered=answered, total=total)


@bp.post("/attempts/<int:attempt_id>/finish")
@login_required
def finish(attempt_id: int):
    """Finish the attempt (again: nothing changes) and show its review."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    finish_attempt(db.session, attempt, utcnow())
    db.session.commit()
    return redirect(url_for("quiz.review", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>/review")
@login_required
def review(attempt_id: int):
    """A finished attempt: score, and for each question the answer, key and explanation."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    if is_expired(attempt, utcnow()):
        attempt = finish_attempt(db.session, attempt, utcnow())
        db.session.commit()
    if not attempt.finished:
        flash("This attempt is not finished yet: its review comes when you finish it.", "info")
        return redirect(url_for("quiz.take", attempt_id=attempt_id))
    shown = answers_shown(db.session, attempt, utcnow())
    views = [question_view(attempt, s, shown.now) for s in attempt.served_questions]
    return render_template("quiz/review.html", attempt=attempt, questions=views, shown=shown)


def _finish_at_deadline(attempt_id: int):
    """An attempt read after its deadline is finished then (once, see finishing) and reviewed."""
    finish_expired(db.session, current_user.id, utcnow())
    db.session.commit()
    flash(TIME_UP, "info")
    return redirect(url_for("quiz.review", attempt_id=attempt_id))


TIME_UP = "Time was up: the answers you saved before the deadline count. Here is your score."
FINISHED = "This attempt was already finished, so that answer was not saved. Here is your score."


def _closed_test(attempt_id: int, now, wants_json: bool):
    """A save into a finished or timed-out test: finish it if need be, then lead to its score."""
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    timed_out = is_expired(attempt, now)
    if timed_out:
        attempt = finish_attempt(db.session, attempt, now)
        db.session.commit()
    elif not attempt.finished:  # the save was refused for another reason: say it plainly
        abort(409, "This answer could not be saved; reload the page and try again.")
    message = TIME_UP if timed_out or _ended_at_deadline(attempt) else FINISHED
    review_url = url_for("quiz.review", attempt_id=attempt_id)
    flash(message, "info")  # on the review, whether quiz.js or the browser goes there
    if wants_json:
        return jsonify(error=message, finished=True, review_url=review_url), 409
    return redirect(review_url)


def _ended_at_deadline(attempt) -> bool:
    return attempt.deadline is not None and attempt.finished_at == attempt.deadline


def _lead_on_from_practice(attempt, served, error: AttemptClosed):
    """A practice answer that can no longer count: to its feedback, or to the score."""
    if attempt.finished:
        flash(FINISHED, "info")
        return redirect(url_for("quiz.review", attempt_id=attempt.id))
    if served.response is not None:  # the back button: this question was answered already
        flash("You answered this question already; your first answer counts.", "info")
        return redirect(url_for("quiz.feedback", attempt_id=attempt.id, position=served.position))
    abort(error.status, str(error))


def _served_or_404(attempt, position):
    try:
        return served_at(attempt, position)
    except QuizError as exc:
        abort(exc.status, str(exc))


def _test_page_with_errors(attempt_id, errors, shown):
    attempt = own_attempt(db.session, attempt_id, current_user.id)
    views = [question_view(attempt, s) for s in attempt.served_questions]
    for view in views:
        view["answer"] = shown.get(view["position"], view.get("answer"))
        if view["position"] in errors:
            keep_picks(view, request.form)
    return render_test_page(attempt, views, errors, utcnow())
