"""Classes (cohorts): instructors run them, students join them with a code."""

from flask import Blueprint

bp = Blueprint("classes", __name__)

from . import routes  # noqa: E402, F401
