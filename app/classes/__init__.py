"""Classes (cohorts): instructors run them, students join them with a code."""

from datetime import datetime

from flask import Blueprint

from ..accounts.decorators import instructors_only
from .terms import in_zone

bp = Blueprint("classes", __name__)
# the instructors' home page and class dashboards, under /instructor (their endpoints keep the
# blueprint's old name, "instructor")
instructor_bp = Blueprint("instructor", __name__)
instructor_bp.before_request(instructors_only)
# Its views are loaded by create_app (app/__init__.py), not here: exports and instructor import
# classes.access, and loading the views from there (assignments start quizzes) would come back
# round through quiz → progress → exports before those had loaded.


@bp.app_template_filter("in_zone")
def in_zone_filter(moment: datetime | None, zone: str) -> str:
    """A time on the wall clock of a class's time zone (the instructors' assignment pages)."""
    return in_zone(moment, zone) if moment else ""


@bp.app_template_global()
def archived_note(cohort) -> str:
    """What an instructor reads on an archived class's pages (and when a change is refused)."""
    return (
        f"“{cohort.name}” is archived: its assignments, accommodations and attempts can be read "
        "but not changed. To change them, unarchive the class on its page."
    )
