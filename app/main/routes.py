"""The home page and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, render_template, send_from_directory
from flask_login import current_user, login_required

from ..classes.status import learner_assignments
from ..extensions import db
from ..models import Section, utcnow
from ..progress.next_steps import next_steps
from ..quiz.finishing import finish_expired
from . import bp


@bp.get("/")
def index():
    """Home: what the platform is, and the sections to start with."""
    sections = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
    return render_template("main/index.html", sections=sections)


@bp.get("/next")
@login_required
def whats_next():
    """The learner's own start page: assignments due first, what to resume, review and read."""
    now = utcnow()
    if finish_expired(db.session, current_user.id, now):  # time is up: not to resume
        db.session.commit()
    steps = next_steps(db.session, current_user, now)
    assignments = learner_assignments(db.session, current_user, now)
    return render_template("main/next.html", assignments=assignments, **steps)


@bp.get("/healthz")
def healthz():
    """Constant answer for load balancers (and the benchmarks' bare route): no database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it before any page names one (no 404 per visit)."""
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)
