"""Administrators' pages: the people who use the platform, their roles and passwords."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes  # noqa: E402, F401
