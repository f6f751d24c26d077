"""The JSON API (/api/v1): tokens, sections and lessons, attempts, responses, progress."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, g, jsonify
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from ..accounts.accounts import authenticate
from ..accounts.limits import count_failure, limit_logins
from ..accounts.tokens import issue_token
from ..extensions import db
from ..models import Attempt, Lesson, Section, utcnow
from ..progress.dashboard import section_levels
from ..progress.schedule import due_count, review_horizon
from ..quiz.answers import save_answer
from ..quiz.attempts import load_attempt, load_one_served
from ..quiz.errors import QuizError
from ..quiz.finishing import finish_attempt
from ..quiz.starting import build_attempt
from ..quiz.visibility import answers_shown
from . import bp
from .auth import json_body, token_required
from .openapi import OPENAPI
from .present import attempt_json, question_json


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException):
    """Every API error is {"error": message} with its status."""
    response = jsonify(error=error.description or error.name)
    if error.code == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response, error.code


@bp.errorhandler(QuizError)
def quiz_error(error: QuizError):
    db.session.rollback()
    return jsonify(error=str(error)), error.status


@bp.errorhandler(IntegrityError)
def concurrent_write(error: IntegrityError):
    """Two requests saved the same answer at once: the first one counts."""
    db.session.rollback()
    return jsonify(error="This was just saved by another request; fetch the attempt again."), 409


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return jsonify(OPENAPI)


@bp.post("/token")
@limit_logins
def token():
    """Exchange a username and password for a bearer token."""
    body = json_body()
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(400, "Send username and password as texts.")
    user = authenticate(db.session, username[:64], password[:128])
    if user is None:
        count_failure()
        abort(401, "Unknown username or wrong password.")
    raw, row = issue_token(db.session, user, utcnow())
    db.session.commit()
    kind = "Bearer"
    return jsonify(token=raw, token_type=kind, expires_at=row.expires_at.isoformat())


@bp.get("/sections")
def sections():
    """Every section in order."""
    rows = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
    return jsonify(sections=[{"id": s.id, "title": s.title, "order": s.order} for s in rows])


@bp.get("/sections/<section_id>")
def section(section_id: str):
    """One section with its lesson (sanitised HTML and the Markdown it comes from)."""
    lesson = db.session.get(Lesson, section_id)
    if lesson is None:
        abort(404, f"There is no section {section_id!r}.")
    return jsonify(
        id=lesson.section_id, title=lesson.title, order=lesson.section.order,
        lesson={"title": lesson.title, "html": lesson.html, "markdown": lesson.body},
    )  # fmt: skip


@bp.post("/attempts")
@token_required
def start_attempt():
    """Start a practice or test attempt over one or more sections."""
    body = json_body()
    attempt = build_attempt(
        db.session, g.api_user, body.get("section_ids"), body.get("mode"), body.get("count"),
        time_limit=body.get("time_limit"), now=utcnow(),
    )  # fmt: skip
    attempt_id = attempt.id
    db.session.commit()
    attempt = load_attempt(db.session, attempt_id, g.api_user.id)
    return jsonify(attempt_json(attempt, utcnow())), 201


@bp.get("/attempts/<int:attempt_id>")
@token_required
def get_attempt(attempt_id: int):
    """An attempt of yours as it stands (resume from any device)."""
    attempt = load_attempt(db.session, attempt_id, g.api_user.id)
    shown = answers_shown(db.session, attempt, utcnow()).now
    return jsonify(attempt_json(attempt, utcnow(), shown))


@bp.put("/attempts/<int:attempt_id>/responses/<question_id>")
@token_required
def put_response(attempt_id: int, question_id: str):
    """Save the answer to one question; in practice the feedback comes back with it."""
    # whose attempt first: another learner's is a 404 whatever the body says
    attempt, served = load_one_served(db.session, attempt_id, g.api_user.id, question_id)
    body = json_body()
    if "answer" not in body:
        abort(400, 'Send {"answer": ...} in the shape of the question type.')
    save_answer(db.session, attempt, served, body["answer"], utcnow())
    shown = answers_shown(db.session, attempt, utcnow()).now
    payload = question_json(attempt, served, shown)
    db.session.commit()
    return jsonify(payload)


@bp.post("/attempts/<int:attempt_id>/finish")
@token_required
def finish(attempt_id: int):
    """Finish (again: nothing changes) and return the score and per-question results."""
    attempt = load_attempt(db.session, attempt_id, g.api_user.id)
    attempt = finish_attempt(db.session, attempt, utcnow())
    payload = attempt_json(attempt, utcnow(), answers_shown(db.session, attempt, utcnow()).now)
    db.session.commit()
    return jsonify(payload)


@bp.get("/me/progress")
@token_required
def my_progress():
    """Your level per section and the number of questions due for review today."""
    user_id = g.api_user.id
    levels = section_levels(db.session, user_id)
    due = due_count(db.session, user_id, review_horizon(utcnow(), g.api_user.time_zone))
    attempts = db.session.scalar(
        sa.select(sa.func.count()).select_from(Attempt).where(Attempt.user_id == user_id)
    )
    sections = [
        {
            "section_id": s["id"], "title": s["title"], "level": s["level"].value,
            "best_score": s["best_score"], "attempts": s["attempts"],
        }
        for s in levels
    ]  # fmt: skip
    return jsonify(sections=sections, due_reviews=due, attempts=attempts)
