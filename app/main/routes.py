"""The home page and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template

from ..extensions import db
from ..models import Section
from . import bp


@bp.get("/")
def index():
    """Home: what the platform is, and the sections to start with."""
    sections = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
    return render_template("main/index.html", sections=sections)


@bp.get("/healthz")
def healthz():
    """Constant answer for load balancers (and the benchmarks' bare route): no database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
