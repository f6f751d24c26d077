"""Helpers shared by the quiz views: loading the learner's attempt, reading answer forms."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, render_template
from markupsafe import Markup
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from ..models import Attempt, AttemptState, Section
from ..progress.schedule import due_count, review_horizon
from ..questions import get_type
from .answers import save_answers
from .attempts import AttemptRow, ServedRow, load_attempt, question_type
from .deadlines import is_expired, seconds_until
from .errors import QuizError
from .fragments import questions_html


def own_attempt(session: Session, attempt_id: int, user_id: int) -> AttemptRow:
    """The learner's attempt, or a 404 page (another learner's looks exactly like a missing one)."""
    try:
        return load_attempt(session, attempt_id, user_id)
    except QuizError as exc:
        abort(exc.status, str(exc))


def form_value(form: MultiDict, served: ServedRow) -> Any:
    """The raw answer a form gives for ``served`` (None when that question was left blank)."""
    return question_type(served).from_form(form, f"q{served.position}", served.choice_order)


def keep_picks(view: dict[str, Any], form: MultiDict) -> dict[str, Any]:
    """A refused matching or ordering answer's choices, item by item, to show them again."""
    items = view.get("left") or view.get("items")
    if get_type(view["type"]).picks_by_position and items:
        name = f"q{view['position']}"
        view["picks"] = [str(form.get(f"{name}-{i}", "")) for i in range(len(items))]
    return view


def save_form_answers(
    session: Session, attempt: AttemptRow, form: MultiDict, now
) -> tuple[int, dict[int, str], dict[int, Any]]:
    """Save every answer in ``form``: (answers given, errors by position, answers shown).

    A bad answer saves nothing (see answers.save_answers); the caller commits.
    """
    given = [(s, form_value(form, s)) for s in attempt.served_questions]
    given = [(served, raw) for served, raw in given if raw is not None]
    shown = {s.position: s.response.answer for s in attempt.served_questions if s.response}
    answers, errors = save_answers(session, attempt, given, now)
    return len(given), errors, shown | answers


def start_page_data(session: Session, user_id: int, time_zone: str, now) -> dict[str, Any]:
    """Sections, unfinished attempts and the number of reviews due (three queries)."""
    sections = session.scalars(sa.select(Section).order_by(Section.order)).all()
    unfinished = session.scalars(
        sa.select(Attempt)
        .where(Attempt.user_id == user_id, Attempt.state == AttemptState.IN_PROGRESS)
        .order_by(Attempt.started_at.desc())
        .limit(20)
    ).all()
    due = due_count(session, user_id, review_horizon(now, time_zone))
    return {"sections": sections, "unfinished": unfinished, "due_count": due}


def render_test_page(
    attempt: AttemptRow, views: list[dict[str, Any]], errors: dict[int, str], now
) -> str:
    """The test page as it is now, with ``errors`` shown by position."""
    expired = is_expired(attempt, now)
    time_left = None if expired or attempt.deadline is None else _time_left(attempt.deadline, now)
    answered = [(view["position"], view["answered"]) for view in views]
    return render_template(
        "quiz/test.html", attempt=attempt, errors=errors, expired=expired, time_left=time_left,
        answered=answered, questions_html=questions_html(views, errors),
    )  # fmt: skip


def _time_left(deadline, now) -> Markup:
    """The timer's element, counted down by quiz.js."""
    left = seconds_until(deadline, now)
    element = (
        f'<time id="time-left" data-seconds="{left}" datetime="PT{left}S">'
        f"{left // 60} min {left % 60} s</time>"
    )
    return Markup(element)  # noqa: S704  (integers only)  # nosec B704
