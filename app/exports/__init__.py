"""Instructors' exports: learners' progress (CSV, summary, JSON, xAPI) and the question bank."""

from flask import Blueprint

bp = Blueprint("exports", __name__)

from . import bank_routes, routes  # noqa: E402, F401
