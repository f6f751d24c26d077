"""Question bank review: approve, reject, edit and write questions (flush, never commit)."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy.orm import Session

from ..curriculum.sync import new_version, question_fact
from ..models import Question, QuestionOrigin, QuestionStatus, QuestionVersion, User

INSTRUCTOR_GENERATOR = "instructor"

# The review moves allowed; anything else is refused.
STATUS_MOVES: dict[QuestionStatus, set[QuestionStatus]] = {
    QuestionStatus.NEW: {QuestionStatus.APPROVED, QuestionStatus.REJECTED},
    QuestionStatus.APPROVED: {QuestionStatus.REJECTED},
    QuestionStatus.REJECTED: {QuestionStatus.APPROVED},
}


class ReviewError(ValueError):
    """A review action that is not allowed (an illegal status move, a missing reason)."""


def move_status(question: Question, status: QuestionStatus) -> None:
    """Change a question's review status, refusing moves STATUS_MOVES does not list."""
    if status not in STATUS_MOVES[question.status]:
        raise ReviewError(
            f"A question that is {question.status.value} cannot become {status.value}."
        )
    question.status = status


def approve(session: Session, question: Question) -> None:
    """Approve a question: it stays in the bank and is served."""
    move_status(question, QuestionStatus.APPROVED)
    question.reject_reason = ""
    question.changed_in_browser = True  # kept by a sync until `flask bank export` writes it
    session.flush()


def reject(session: Session, question: Question, reason: str) -> None:
    """Reject a question with a reason: it is never served again."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Say why the question is rejected.")
    move_status(question, QuestionStatus.REJECTED)
    question.reject_reason = reason[:500]
    question.changed_in_browser = True
    session.flush()


def _comparable(version: QuestionVersion) -> dict[str, Any]:
    return {
        "stem": version.stem,
        "choices": version.choices,
        "answer": version.answer,
        "accepted": version.accepted,
        "explanation": version.explanation,
        "source": version.source,
    }


def edit_question(
    session: Session,
    question: Question,
    *,
    section_id: str,
    question_type: str,
    content: dict[str, Any],
    author: User,
) -> QuestionVersion | None:
    """Store checked content as a new version (None when nothing changed); marks it edited.

    Attempts keep the version they served, so their grading and statistics do not move.
    """
    if question_type != question.type:
        # attempts are graded and reviewed by the question's type: it cannot change under them
        raise ReviewError(
            "A question's type cannot change once it exists; write a new question instead."
        )
    current = question.current
    unchanged = question.section_id == section_id
    if current is not None and unchanged and _comparable(current) == content:
        return None
    data = dict(content)
    data["generator"] = current.generator if current else INSTRUCTOR_GENERATOR
    data["difficulty"] = current.difficulty if current else None
    question.section_id, question.edited = section_id, True
    question.changed_in_browser = True
    version = new_version(question, data, author_id=author.id)
    session.flush()
    return version


def create_question(
    session: Session, *, section_id: str, question_type: str, content: dict[str, Any], author: User
) -> Question:
    """A new instructor-written question (approved, id "i-" + random hex) with its first version."""
    question = Question(
        id=f"i-{secrets.token_hex(6)}",
        section_id=section_id,
        type=question_type,
        origin=QuestionOrigin.INSTRUCTOR,
        status=QuestionStatus.APPROVED,
        fact=question_fact(content),
        approval_required=True,  # served because approved; a later rejection takes it out
        changed_in_browser=True,
    )
    session.add(question)
    new_version(question, dict(content, generator=INSTRUCTOR_GENERATOR), author_id=author.id)
    session.flush()
    return question
