"""The learner's progress dashboard (its "Your data" download is the exports': exports/my_data)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from ..extensions import db
from ..models import utcnow
from . import bp
from .chart import ACCURACY_CHART
from .dashboard import accuracy_points, attempt_history, section_levels
from .schedule import due_count, review_horizon


@bp.get("/")
@login_required
def dashboard():
    """Levels per section, accuracy over time, reviews due and the attempt history."""
    due = due_count(db.session, current_user.id, review_horizon(utcnow(), current_user.time_zone))
    return render_template(
        "progress/dashboard.html",
        sections=section_levels(db.session, current_user.id),
        points=accuracy_points(db.session, current_user.id, ACCURACY_CHART),
        chart=ACCURACY_CHART,
        due_count=due,
        history=attempt_history(db.session, current_user.id),
    )
