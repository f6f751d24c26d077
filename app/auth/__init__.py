from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group="users")

from . import commands, routes  # noqa: E402, F401
