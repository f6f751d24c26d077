"""Wiring of the LTI tool into the app: framing, the grade passback after a finish, and the
`flask lti send-grades` command (late passback, e.g. from cron)."""

from __future__ import annotations

import click
from flask import Flask, Response, current_app
from flask.cli import AppGroup

from ..extensions import db
from ..models import utcnow
from ..quiz.awaiting import attempt_graded
from ..quiz.finishing import attempt_finished
from .framing import init_framing
from .grades import SESSION_KEY, _on_finished, _on_graded, due_grades, send_due
from .keys import http_session


def send_after_response(response: Response) -> Response:
    """Grades queued by this request go once the response has been sent (the learner does
    not wait on the LMS); any that fail wait for their next try."""
    ids = db.session.info.pop(SESSION_KEY, None)
    if ids and response.status_code < 400:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        response.call_on_close(lambda: send_in_context(app, ids))
    return response


def send_in_context(app: Flask, ids: list[int]) -> int:
    """Send these grades in an app context of their own; how many went."""
    with app.app_context():
        try:
            return send_due(db.session, ids, http_session(), utcnow())
        finally:
            db.session.remove()


lti_group = AppGroup("lti", help="LTI 1.3 tool: grades for the LMS platforms.")


@lti_group.command("send-grades")
def send_grades_command() -> None:
    """Send every grade whose next try is due (scores the LMS could not take before)."""
    total = sent = 0
    while ids := due_grades(db.session, utcnow()):
        total += len(ids)
        sent += send_due(db.session, ids, http_session(), utcnow())
        if total >= 10_000:  # a bound: the rest waits for the next run
            break
    click.echo(f"{sent} of {total} due grades sent; the others wait for their next try.")


def init_lti(app: Flask) -> None:
    """Framing of the LTI pages, grade passback on finished attempts, the CLI command."""
    init_framing(app)
    attempt_finished.connect(_on_finished)
    attempt_graded.connect(_on_graded)
    app.after_request(send_after_response)
    app.cli.add_command(lti_group)
