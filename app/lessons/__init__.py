from flask import Blueprint

bp = Blueprint("lessons", __name__)

from . import commands, routes  # noqa: E402, F401
