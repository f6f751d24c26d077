"""Look-ups for classes' views: 404 for unknown ids, 403 for another instructor's class."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from ..errors import error_response
from ..extensions import db
from ..models import Assignment, Cohort, Membership, QuestionVersion, Section, User
from ..quiz.selection import servable_query
from . import archived_note
from .access import can_manage_cohort
from .forms import AccommodationForm, AssignmentForm


def managed_cohort(cohort_id: int) -> Cohort:
    """The cohort if the current user runs it; 404 when unknown, 403 when not theirs."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    if not can_manage_cohort(current_user, cohort):
        abort(403, "This class is run by another instructor.")
    return cohort


def member_or_abort(cohort: Cohort, user_id: int) -> User:
    """A member of ``cohort``; 404 for anyone else."""
    if db.session.get(Membership, (cohort.id, user_id)) is None:
        abort(404)
    return db.session.get(User, user_id)


def changeable_cohort(cohort_id: int) -> Cohort:
    """The cohort if the current user runs it and it is active; 409 once it is archived.

    An archived class's assignments, accommodations and attempts are read-only: its pages
    still open for its instructor, but nothing on them changes until the class is active again.
    """
    cohort = managed_cohort(cohort_id)
    if cohort.archived:
        abort(error_response(409, "This class is archived", archived_note(cohort)))
    return cohort


def class_assignment(cohort: Cohort, assignment_id: int) -> Assignment:
    """One of ``cohort``'s assignments; 404 for any other id."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.cohort_id != cohort.id:
        abort(404)
    return assignment


def own_assignment(assignment_id: int) -> Assignment:
    """An assignment of an active class the current learner is in; 404 otherwise (like a
    missing one), 410 once the class is archived."""
    assignment = db.session.get(Assignment, assignment_id)
    if (
        assignment is None
        or db.session.get(Membership, (assignment.cohort_id, current_user.id)) is None
    ):
        abort(404)
    cohort = db.session.get(Cohort, assignment.cohort_id)
    if cohort.archived:
        message = (
            f"The class “{cohort.name}” is archived, so its assignment “{assignment.title}” "
            "is closed: it can no longer be started. Your finished attempts stay on your "
            "progress page."
        )
        abort(error_response(410, "This assignment is closed", message))
    return assignment


def assignment_form() -> AssignmentForm:
    """The assignment form with the sections and the approved questions to choose from."""
    form = AssignmentForm()
    sections = db.session.execute(sa.select(Section.id, Section.order, Section.title).order_by(
        Section.order)).all()  # fmt: skip
    form.section_ids.choices = [(s.id, f"{s.order}. {s.title}") for s in sections]
    titles = {s.id: s.title for s in sections}
    rows = db.session.execute(servable_query()).all()
    stems = _stems([row.current_version_id for row in rows])
    order = {s.id: s.order for s in sections}
    form.question_ids.choices = [
        (row.id, f"{titles.get(row.section_id, '')} — {stems.get(row.current_version_id, '')}")
        for row in sorted(rows, key=lambda r: (order.get(r.section_id, 0), r.id))
    ]
    return form


def _stems(version_ids: list[int]) -> dict[int, str]:
    if not version_ids:
        return {}
    query = sa.select(QuestionVersion.id, QuestionVersion.stem).where(
        QuestionVersion.id.in_(version_ids)
    )
    return {vid: (stem if len(stem) <= 110 else stem[:109] + "…") for vid, stem in
            db.session.execute(query)}  # fmt: skip


def accommodation_form(cohort: Cohort, learners, assignments) -> AccommodationForm:
    """The accommodation form with the class's learners and assignments to choose from."""
    form = AccommodationForm()
    form.learner.choices = [("", "Choose a learner")] + [(str(u.id), u.username) for u in learners]
    form.assignment.choices = [("", "Every assignment of the class")] + [
        (str(a.id), a.title) for a in assignments
    ]
    return form
