"""Instructors' lesson pages: edit with a server-rendered preview, history, diff, restore."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from ..accounts.decorators import instructor_required
from ..extensions import db
from ..models import Lesson, LessonRevision, Section
from ..urls import whole_number
from . import manage_bp as bp
from .editing import (
    StaleEdit,
    edit_differences,
    latest_revision_number,
    restore_revision,
    revision_diff,
    save_lesson,
)
from .forms import LessonForm
from .guards import lesson_or_abort
from .render import render_lesson
from .structure import Problem, parse_lesson


def _revision_or_abort(lesson: Lesson, number: int) -> LessonRevision:
    revision = db.session.scalar(
        sa.select(LessonRevision).where(
            LessonRevision.lesson_id == lesson.section_id, LessonRevision.number == number
        )
    )
    if revision is None:
        abort(404)
    return revision


@bp.get("/lessons")
@instructor_required
def lessons():
    """Every lesson, with whether it was edited in the browser."""
    rows = db.session.scalars(sa.select(Lesson).join(Lesson.section).order_by(Section.order))
    return render_template("lessons/lessons.html", lessons=rows.all())


def _save_from_form(lesson: Lesson, form: LessonForm):
    """Save the form as a revision and redirect; None (with a field error) on a stale edit."""
    base = int(form.base_revision.data) if form.base_revision.data else None
    try:
        revision = save_lesson(
            db.session,
            lesson,
            title=form.title.data,
            body=form.body.data,
            author=current_user,
            note=form.note.data or "",
            base_revision=base,
        )
    except StaleEdit as exc:
        form.body.errors.append(
            f"{exc} Your text is kept below, and what differs from theirs is shown above it; "
            "merge what you want to keep and save again."
        )
        form.base_revision.data = latest_revision_number(lesson)
        return None
    db.session.commit()
    if revision:
        flash(f"Saved as revision {revision.number}.", "success")
    else:
        flash("Nothing changed.", "info")
    _flash_structure_problems(parse_lesson(form.body.data).problems)
    return redirect(url_for("lessons.show", section_id=lesson.section_id))


# more than this and the rest is in `flask lessons check --live`; a page of warnings helps no one
PROBLEMS_FLASHED = 10


def _flash_structure_problems(problems: list[Problem]) -> None:
    """Warn (the lesson is saved all the same) about structured parts that were left out."""
    if not problems:
        return
    flash(
        f"{len(problems)} structured {'part is' if len(problems) == 1 else 'parts are'} "
        "malformed and left out of the timeline, the generated questions and the essays "
        "until fixed (lines of the lesson text; an essay made before stays as it was):",
        "warning",
    )
    for problem in problems[:PROBLEMS_FLASHED]:
        flash(str(problem), "warning")
    if len(problems) > PROBLEMS_FLASHED:
        flash(f"… and {len(problems) - PROBLEMS_FLASHED} more.", "warning")


@bp.route("/lessons/<section_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_lesson(section_id: str):
    """Edit a lesson's Markdown; "Preview" renders it with the lesson page's sanitiser."""
    lesson = lesson_or_abort(section_id)
    form = LessonForm(obj=lesson)
    if request.method == "GET":
        form.base_revision.data = latest_revision_number(lesson)
    preview, status, body = None, 200, lesson.body
    if form.validate_on_submit():
        body = form.body.data
        if form.preview.data:
            preview = Markup(render_lesson(body))  # noqa: S704  (sanitised by nh3)  # nosec B704
        else:
            saved = _save_from_form(lesson, form)
            if saved is not None:
                return saved
            status = 409
    status = 400 if form.errors and status == 200 else status
    problems = parse_lesson(body).problems
    label = f"saved revision {latest_revision_number(lesson)}"
    differences = edit_differences(lesson.body, body, label) if status == 409 else []
    page = render_template(
        "lessons/lesson_edit.html",
        lesson=lesson,
        form=form,
        preview=preview,
        problems=problems,
        differences=differences,
    )
    return page, status


@bp.get("/lessons/<section_id>/history")
@instructor_required
def lesson_history(section_id: str):
    """The lesson's revisions, newest first: who, when, and what changed."""
    lesson = lesson_or_abort(section_id)
    revisions = sorted(lesson.revisions, key=lambda r: r.number, reverse=True)
    return render_template("lessons/lesson_history.html", lesson=lesson, revisions=revisions)


@bp.get("/lessons/<section_id>/revisions/<int:number>")
@instructor_required
def lesson_revision(section_id: str, number: int):
    """One revision and its diff against the previous one (or ?against=N)."""
    lesson = lesson_or_abort(section_id)
    revision = _revision_or_abort(lesson, number)
    against = request.args.get("against", number - 1, type=whole_number)
    older = _revision_or_abort(lesson, against) if against >= 1 else None
    diff = revision_diff(older.body if older else "", revision.body)
    return render_template(
        "lessons/lesson_revision.html",
        lesson=lesson,
        revision=revision,
        older=older,
        diff=diff,
        latest=latest_revision_number(lesson),
    )


@bp.post("/lessons/<section_id>/revisions/<int:number>/restore")
@instructor_required
def restore_lesson_revision(section_id: str, number: int):
    """Make an older revision current again, as a new revision."""
    lesson = lesson_or_abort(section_id)
    revision = _revision_or_abort(lesson, number)
    restored = restore_revision(db.session, lesson, revision, current_user)
    db.session.commit()
    if restored:
        flash(f"Revision {number} restored as revision {restored.number}.", "success")
    else:
        flash(f"Revision {number} is already the current text.", "info")
    return redirect(url_for("lesson_editing.lesson_history", section_id=lesson.section_id))
