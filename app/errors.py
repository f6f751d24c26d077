"""Friendly error pages, and JSON errors under /api/."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, make_response, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .extensions import db

log = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (
    "The database cannot be opened. Check DATABASE_URL (or instance/config.py) and that "
    "the database server is running, then run `flask --app app init`."
)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(status: int, title: str, message: str):
    if _wants_json():
        return jsonify(error=message), status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def error_response(status: int, title: str, message: str) -> Response:
    """The error page (or, under /api/, the JSON error) as a response."""
    return make_response(_render(status, title, message))


def register_error_handlers(app: Flask) -> None:
    """Install handlers for HTTP errors and for an unreachable database."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 404:
            message = "There is no page at this address. Try the lessons or the home page."
        else:
            message = error.description or error.name
        response = error_response(error.code or 500, error.name, message)
        if error.code == 405 and error.valid_methods:  # a page's is a text, not a response
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        log.error("database unavailable: %s", error.orig)
        db.session.rollback()
        return _render(503, "Database unavailable", DATABASE_UNAVAILABLE)
