"""The home page."""

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
