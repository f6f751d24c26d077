"""Instructors' pages: classes and their dashboards, lesson authoring, question review."""

from flask import Blueprint

bp = Blueprint("instructor", __name__)

from . import routes  # noqa: E402, F401
