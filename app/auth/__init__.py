from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group="users")

from . import account_routes, commands, routes  # noqa: E402, F401
