"""Lessons: learners' pages (``bp``), instructors' editing with history and restore
(``manage_bp``), the lesson files, their sync into the database and the `flask lessons` commands.

The views and commands are loaded by create_app (app/__init__.py): a package that imports its
own views, which import its blueprint back, is an import cycle.
"""

from flask import Blueprint

from ..accounts.decorators import instructors_only

bp = Blueprint("lessons", __name__)
manage_bp = Blueprint("lesson_editing", __name__)
manage_bp.before_request(instructors_only)
