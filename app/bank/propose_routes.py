"""Questions proposed from a lesson: the button on the lesson's editing page."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for

from ..accounts.decorators import instructor_required
from ..corpus import load_declaration
from ..extensions import db
from ..lessons.guards import lesson_or_abort
from . import bp
from .propose import ProposalError, propose_questions


@bp.post("/lessons/<section_id>/propose-questions")
@instructor_required
def propose_lesson_questions(section_id: str):
    """Generate the section's questions from the lesson as saved; add the new ones, pending."""
    lesson = lesson_or_abort(section_id)
    try:
        proposal = propose_questions(db.session, lesson.section_id, load_declaration())
    except ProposalError as exc:
        abort(400, str(exc))
    db.session.commit()
    if proposal.added:
        flash(
            f"{len(proposal.added)} new questions proposed from the lesson, pending review "
            f"({proposal.known} the bank had already).",
            "success",
        )
    else:
        flash(f"No new questions: the bank has all {proposal.known} the generator makes.", "info")
    return redirect(url_for("bank.questions", section=lesson.section_id, status="pending"))
