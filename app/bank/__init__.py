"""The question bank: its write layer, review, authoring, regrades, import and export of its
files, proposals from a lesson, and item statistics. Learners meet its questions in app/quiz/.

The views are loaded by create_app (app/__init__.py): a package that imports its own views,
which import its blueprint back, is an import cycle.
"""

from flask import Blueprint

from ..accounts.decorators import instructors_only

bp = Blueprint("bank", __name__)
bp.before_request(instructors_only)
