"""Instructors' exports of learners' progress: CSV, summary, JSON, xAPI (`flask progress` too).

The views are loaded by create_app (app/__init__.py): a package that imports its own views,
which import its blueprint back, is an import cycle. The bank's files are the bank's (app/bank/).
"""

from flask import Blueprint

bp = Blueprint("exports", __name__)
