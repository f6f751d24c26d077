"""Accounts: registration and log-in, the account page, and administrators' people pages.

The views are loaded by create_app (app/__init__.py): a package that imports its own views,
which import its blueprint back, is an import cycle.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group="users")
admin_bp = Blueprint("admin", __name__)
