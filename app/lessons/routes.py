"""Learners' lesson pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, render_template, request, session
from flask_login import current_user
from markupsafe import Markup

from ..extensions import db
from ..models import Section
from ..urls import whole_number
from . import bp
from .pages import LessonPage, load_lesson_page, public_page_cache
from .render import highlight_paragraph


@bp.get("/")
def index():
    """All sections in order, with their lessons."""
    sections = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
    return render_template("lessons/index.html", sections=sections)


@bp.get("/<section_id>")
def show(section_id: str):
    """One lesson; ``?p=N`` highlights source paragraph N."""
    # a connection of its own, not the ORM session: an anonymous visitor's request needs nothing
    # else from the database, and the session's set-up cost as much as the query (web benchmark)
    with db.engine.connect() as connection:
        page = load_lesson_page(connection, section_id)
    if page is None:
        abort(404)
    paragraph = request.args.get("p", type=whole_number)
    if paragraph is not None and paragraph < 1:
        paragraph = None
    if current_user.is_authenticated or session.get("_flashes"):
        return _render_lesson(page, paragraph)
    # anonymous visitors all see the same page: render it once per content and paragraph
    return public_page_cache(current_app, _render_public_lesson)(
        page, paragraph, request.script_root
    )


def _render_public_lesson(page: LessonPage, paragraph: int | None, script_root: str) -> str:
    # script_root is part of the cache key: the page's links depend on where the app is mounted
    return _render_lesson(page, paragraph)


def _render_lesson(page: LessonPage, paragraph: int | None) -> str:
    html = page.html if paragraph is None else highlight_paragraph(page.html, paragraph)
    if html == page.html:  # no such paragraph (?p=999): nothing to announce
        paragraph = None
    return render_template(
        "lessons/show.html",
        lesson=page,
        html=Markup(html),  # noqa: S704  (sanitised by nh3)  # nosec B704
        paragraph=paragraph,
    )
