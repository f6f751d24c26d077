"""Learners' lesson pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, render_template, request
from markupsafe import Markup

from ..extensions import db
from ..models import Lesson, Section
from . import bp
from .render import highlight_paragraph


@bp.get("/")
def index():
    """All sections in order, with their lessons."""
    sections = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
    return render_template("lessons/index.html", sections=sections)


@bp.get("/<section_id>")
def show(section_id: str):
    """One lesson; ``?p=N`` highlights source paragraph N."""
    lesson = db.session.get(Lesson, section_id)
    if lesson is None:
        abort(404)
    html = lesson.html
    paragraph = request.args.get("p", type=int)
    if paragraph is not None and paragraph > 0:
        html = highlight_paragraph(html, paragraph)
    section = lesson.section
    neighbours = db.session.execute(
        sa.select(Section.id, Section.title, Section.order).order_by(Section.order)
    ).all()
    position = next(i for i, row in enumerate(neighbours) if row.id == section.id)
    previous = neighbours[position - 1] if position > 0 else None
    following = neighbours[position + 1] if position + 1 < len(neighbours) else None
    return render_template(
        "lessons/show.html",
        lesson=lesson,
        section=section,
        html=Markup(html),  # noqa: S704  (sanitised by nh3)  # nosec B704
        paragraph=paragraph,
        previous=previous,
        following=following,
    )
