"""Instructors' grading queue of a class: essays by assignment or by question, next ungraded
first, and the page that grades one with the rubric beside the answer."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Assignment, Attempt, Cohort, GradingState, Response, utcnow
from ..questions import get_type
from ..urls import whole_number
from . import bp
from .forms import GradeForm
from .grading import GradingConflict, GradingError, grade_response, maximum_of
from .grading_queue import (
    QueueFilter,
    grading_queue,
    next_ungraded,
    queue_choices,
)
from .guards import class_assignment, managed_cohort


def _queue_filter(cohort: Cohort) -> QueueFilter:
    """?assignment= (one of the class's) and ?question= from the query string; 400 if bad."""
    assignment = request.args.get("assignment")
    question = request.args.get("question") or None
    if question is not None and len(question) > 64:
        abort(400, "No question has an id that long.")
    if assignment in (None, ""):
        return QueueFilter(question_id=question)
    try:
        number = whole_number(assignment)
    except ValueError:
        abort(400, "Give the assignment as its number.")
    return QueueFilter(class_assignment(cohort, number).id, question)


@bp.get("/<int:cohort_id>/grading")
@instructor_required
def grading(cohort_id: int):
    """The answers to grade by hand, the waiting ones first; ?assignment= or ?question=."""
    cohort = managed_cohort(cohort_id)
    wanted = _queue_filter(cohort)
    items = grading_queue(db.session, cohort, wanted)
    assignments, questions = queue_choices(db.session, cohort)
    title = None
    if wanted.assignment_id is not None:
        title = db.session.get(Assignment, wanted.assignment_id).title
    return render_template(
        "classes/grading.html", cohort=cohort, items=items, wanted=wanted, title=title,
        assignments=assignments, questions=questions,
        waiting=sum(1 for item in items if item.waiting),
    )  # fmt: skip


@bp.get("/<int:cohort_id>/grading/next")
@instructor_required
def grade_next(cohort_id: int):
    """The next answer waiting for its grade in the queue as filtered, or the queue."""
    cohort = managed_cohort(cohort_id)
    wanted = _queue_filter(cohort)
    found = next_ungraded(db.session, cohort, wanted)
    if found is None:
        flash("Every answer in this queue is graded.", "success")
        return redirect(url_for("classes.grading", cohort_id=cohort.id, **wanted.args()))
    return redirect(url_for("classes.grade", cohort_id=cohort.id, response_id=found,
                            **wanted.args()))  # fmt: skip


def _class_response(cohort: Cohort, response_id: int) -> Response:
    """An answer graded by hand in one of the class's assignments; 404 for any other."""
    response = db.session.get(Response, response_id)
    if response is None or response.grading is GradingState.AUTO:
        abort(404)
    attempt = db.session.get(Attempt, response.attempt_id)
    assignment = db.session.get(Assignment, attempt.assignment_id) if attempt else None
    if assignment is None or assignment.cohort_id != cohort.id or not attempt.finished:
        abort(404)
    return response


def _grade_page(cohort: Cohort, response: Response, form: GradeForm, wanted: QueueFilter,
                status: int = 200):  # fmt: skip
    version = response.served.version
    qtype = get_type(version.question.type)
    attempt = db.session.get(Attempt, response.attempt_id)
    page = render_template(
        "classes/grade.html", cohort=cohort, response=response, form=form, wanted=wanted,
        attempt=attempt, assignment=db.session.get(Assignment, attempt.assignment_id),
        version=version, rubric=qtype.in_words(qtype.key(version)),
        answer=qtype.in_words(response.answer), maximum=maximum_of(response),
    )  # fmt: skip
    return page, status


@bp.get("/<int:cohort_id>/grading/<int:response_id>")
@instructor_required
def grade(cohort_id: int, response_id: int):
    """One answer beside its question's rubric, with the grade form (the latest grade in it)."""
    cohort = managed_cohort(cohort_id)
    response = _class_response(cohort, response_id)
    return _grade_page(cohort, response, _filled_form(response), _queue_filter(cohort))


@bp.post("/<int:cohort_id>/grading/<int:response_id>")
@instructor_required
def save_grade(cohort_id: int, response_id: int):
    """Save the grade, then go to the next answer waiting in the same queue."""
    cohort = managed_cohort(cohort_id)
    response = _class_response(cohort, response_id)
    wanted = _queue_filter(cohort)
    form = GradeForm()
    if not form.validate_on_submit():
        return _grade_page(cohort, response, form, wanted, 400)
    try:
        revision = whole_number(form.revision.data or "0")
    except ValueError:
        abort(400, "The form's revision is not a number: open the answer again.")
    try:
        saved = grade_response(
            db.session, response, points=form.points.data, comment=form.comment.data,
            revision=revision, grader=current_user, now=utcnow(),
        )  # fmt: skip
    except GradingConflict as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        db.session.expire_all()  # the other grader's grade, as stored now
        fresh = _class_response(cohort, response_id)
        return _grade_page(cohort, fresh, _filled_form(fresh), wanted, 409)
    except GradingError as exc:
        db.session.rollback()
        form.points.errors = [*form.points.errors, str(exc)]
        return _grade_page(cohort, _class_response(cohort, response_id), form, wanted, 400)
    db.session.commit()
    flash(f"Graded: {saved.points:g} of {saved.max_points} points.", "success")
    following = next_ungraded(db.session, cohort, wanted, skip=response_id)
    if following is None:
        return redirect(url_for("classes.grading", cohort_id=cohort.id, **wanted.args()))
    return redirect(url_for("classes.grade", cohort_id=cohort.id, response_id=following,
                            **wanted.args()))  # fmt: skip


def _filled_form(response: Response) -> GradeForm:
    """The form as the latest grade fills it (revision 0 and empty when never graded)."""
    form = GradeForm(formdata=None)
    latest = response.grade
    form.revision.data = str(latest.revision if latest else 0)
    if latest is not None:
        form.points.data, form.comment.data = f"{latest.points:g}", latest.comment
    return form
