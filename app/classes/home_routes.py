"""Instructors' home page: their classes, and links to the lessons and the question bank."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..extensions import db
from . import instructor_bp as bp
from .access import visible_cohorts
from .cohorts import member_counts
from .forms import CohortForm


@bp.get("/")
@instructor_required
def index():
    """The instructor's classes, and links to lessons and the question bank."""
    cohorts = visible_cohorts(db.session, current_user, include_archived=True)
    counts = member_counts(db.session, cohorts)
    return render_template(
        "classes/instructor_home.html", cohorts=cohorts, counts=counts, form=CohortForm()
    )
