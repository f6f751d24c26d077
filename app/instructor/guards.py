"""Look-ups for instructors' views: 404 for unknown ids, 403 for others' cohorts."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..classes.access import can_manage_cohort
from ..extensions import db
from ..models import Cohort, Lesson, Membership, Question, User


def cohort_or_abort(cohort_id: int) -> Cohort:
    """The cohort if the current instructor runs it; 404 when unknown, 403 when not theirs."""
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


def lesson_or_abort(section_id: str) -> Lesson:
    """The lesson of a section; 404 when there is none."""
    lesson = db.session.get(Lesson, section_id)
    if lesson is None:
        abort(404)
    return lesson


def question_or_abort(question_id: str) -> Question:
    """A question by id; 404 when there is none."""
    question = db.session.get(Question, question_id)
    if question is None:
        abort(404)
    return question
