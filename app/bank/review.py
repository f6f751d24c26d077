"""Question bank review: approve, reject, edit and write questions (flush, never commit)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Question, QuestionStatus, QuestionVersion, User, utcnow
from .versions import INSTRUCTOR_GENERATOR, new_version

# The review moves allowed; anything else is refused.
STATUS_MOVES: dict[QuestionStatus, set[QuestionStatus]] = {
    QuestionStatus.NEW: {QuestionStatus.APPROVED, QuestionStatus.REJECTED},
    QuestionStatus.APPROVED: {QuestionStatus.REJECTED},
    QuestionStatus.REJECTED: {QuestionStatus.APPROVED},
}


class ReviewError(ValueError):
    """A review action that is not allowed (an illegal status move, a missing reason)."""


class StaleQuestionEdit(ReviewError):
    """Someone saved another version of the question since this edit started: nothing saved."""


def _refuse_illegal(current: QuestionStatus, status: QuestionStatus) -> None:
    if status not in STATUS_MOVES[current]:
        raise ReviewError(f"A question that is {current.value} cannot become {status.value}.")


def move_status(question: Question, status: QuestionStatus) -> None:
    """Change a question's review status, refusing moves STATUS_MOVES does not list."""
    _refuse_illegal(question.status, status)
    question.status = status


def _move_in_database(
    session: Session, question: Question, status: QuestionStatus, reason: str
) -> None:
    """Move the review status only if no one else moved it since it was read (compare-and-set).

    The change is marked as made in the browser: a sync keeps it until `flask bank export`
    writes it to the bank files.
    """
    before = question.status
    _refuse_illegal(before, status)
    session.flush()  # nothing pending on the question before the conditional update
    done = session.execute(
        sa.update(Question)
        .where(Question.id == question.id, Question.status == before)
        .values(status=status, reject_reason=reason, changed_in_browser=True, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.expire(question, ["status", "reject_reason", "changed_in_browser", "updated_at"])
    if done.rowcount != 1:
        raise ReviewError("Someone else reviewed this question meanwhile: reload the page.")


def approve(session: Session, question: Question) -> None:
    """Approve a question: it stays in the bank and is served."""
    _move_in_database(session, question, QuestionStatus.APPROVED, "")


def reject(session: Session, question: Question, reason: str) -> None:
    """Reject a question with a reason: it is never served again."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Say why the question is rejected.")
    _move_in_database(session, question, QuestionStatus.REJECTED, reason[:500])


# The statuses a question may be reviewed from, for each review verdict given to many at once.
_MOVES_INTO = {
    target: [current for current, moves in STATUS_MOVES.items() if target in moves]
    for target in (QuestionStatus.APPROVED, QuestionStatus.REJECTED)
}


def review_many(
    session: Session, question_ids: list[str], status: QuestionStatus, reason: str = ""
) -> list[str]:
    """Give many questions one verdict in one conditional statement; the ids it changed.

    A question already in that state, retired, or moved by someone else meanwhile is left as it
    is (the caller reports it): the database decides, so two reviewers never both "win".
    """
    if status == QuestionStatus.REJECTED and not reason.strip():
        raise ReviewError("Say why the questions are rejected.")
    if status not in _MOVES_INTO:
        raise ReviewError(f"Questions cannot be moved to {status.value} here.")
    session.flush()
    changed = session.scalars(
        sa.update(Question)
        .where(
            Question.id.in_(question_ids),
            Question.status.in_(_MOVES_INTO[status]),
            Question.retired.is_(False),
        )
        .values(
            status=status,
            reject_reason=reason.strip()[:500] if status == QuestionStatus.REJECTED else "",
            changed_in_browser=True,
            updated_at=utcnow(),
        )
        .returning(Question.id)
        .execution_options(synchronize_session=False)
    ).all()
    for question in [o for o in session.identity_map.values() if isinstance(o, Question)]:
        if question.id in changed:
            session.expire(question)
    return sorted(changed)


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
    base_version: int | None = None,
) -> QuestionVersion | None:
    """Store checked content as a new version (None when nothing changed); marks it edited.

    Attempts keep the version they served, so their grading and statistics do not move.
    ``base_version`` is the version number the editor started from (else the one ``question``
    holds): StaleQuestionEdit when another version was saved since, even a moment ago.
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
    _claim_current_version(session, question, base_version)
    data = dict(content)
    data["generator"] = current.generator if current else INSTRUCTOR_GENERATOR
    data["difficulty"] = current.difficulty if current else None
    question.section_id, question.edited = section_id, True
    question.changed_in_browser = True
    version = new_version(question, data, author_id=author.id)
    session.flush()
    return version


def _claim_current_version(session: Session, question: Question, base: int | None) -> None:
    """Take the question for this edit only if its current version is still ``base``.

    One conditional UPDATE: of two edits at once, the second waits for the first (a row lock on
    PostgreSQL, the write lock on SQLite), then finds another version current and matches no
    row, so it never adds a version of the same number (an IntegrityError, a 500, before).
    """
    if base is not None:
        started_from = Question.current_version_id == (
            sa.select(QuestionVersion.id)
            .where(QuestionVersion.question_id == question.id, QuestionVersion.number == base)
            .scalar_subquery()
        )
    elif question.current_version_id is None:
        started_from = Question.current_version_id.is_(None)
    else:
        started_from = Question.current_version_id == question.current_version_id
    claimed = session.execute(
        sa.update(Question)
        .where(Question.id == question.id, started_from)
        .values(changed_in_browser=True)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        latest = session.scalar(
            sa.select(sa.func.max(QuestionVersion.number)).where(
                QuestionVersion.question_id == question.id
            )
        )
        started = base if base is not None else question.current.number if question.current else 0
        raise StaleQuestionEdit(
            f"Someone saved version {latest} of this question while you were editing version "
            f"{started}: nothing was saved."
        )
    # what was read before the claim may be stale: the versions as stored now
    session.refresh(question, ["versions"])
