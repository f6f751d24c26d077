"""Instructors' home page and the guard every instructor page passes."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ..auth.decorators import instructor_required
from ..classes.access import visible_cohorts
from ..classes.cohorts import member_counts
from ..extensions import db
from . import bp
from .forms import CohortForm


@bp.before_request
@instructor_required
def instructors_only():
    """Every page of this blueprint: log-in required, students get 403."""
    return None


@bp.get("/")
@instructor_required
def index():
    """The instructor's classes, and links to lessons and the question bank."""
    cohorts = visible_cohorts(db.session, current_user, include_archived=True)
    counts = member_counts(db.session, cohorts)
    return render_template(
        "instructor/index.html", cohorts=cohorts, counts=counts, form=CohortForm()
    )


from . import (  # noqa: E402, F401
    authoring_routes,
    class_routes,
    item_routes,
    lesson_routes,
    question_routes,
    regrade_routes,
)
