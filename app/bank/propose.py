"""New questions for a section from its lesson as stored: proposed, pending an instructor's review.

When an instructor edits a lesson in the browser, the next generation should ask about the new
content. This runs the generators on the document with the lessons as the database holds them
and adds the section's questions that the bank does not have yet, as pending. Nothing else
changes: existing questions keep their review and edits. Plain functions: flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..corpus import Document
from ..generation.bank import build_bank
from ..models import Lesson, Question, QuestionOrigin, QuestionStatus, Section
from .versions import new_version, question_digest, question_fact


class ProposalError(ValueError):
    """The section cannot have questions proposed (unknown, or not in the document)."""


@dataclass
class Proposal:
    """What a proposal added, and how many of the generator's questions the bank had already."""

    added: list[str] = field(default_factory=list)
    known: int = 0


def propose_questions(session: Session, section_id: str, document: Document) -> Proposal:
    """Add, as pending, the questions the generators now make for ``section_id`` that are new.

    The lessons' Markdown comes from the database (browser edits included), so an edited
    lesson's new content gets its questions. They are marked as changed in the browser: a
    sync keeps them and `flask bank export` writes them to the bank files.
    """
    if session.get(Section, section_id) is None:
        raise ProposalError(f"No section has the id {section_id!r}.")
    rows = session.execute(sa.select(Lesson.section_id, Lesson.body))
    lessons = {sid: body for sid, body in rows}
    bank = next((b for b in build_bank(document, lessons) if b["section_id"] == section_id), None)
    if bank is None:
        raise ProposalError(f"The document has no section {section_id!r} to generate from.")
    ids = [q["id"] for q in bank["questions"]]
    known = set(session.scalars(sa.select(Question.id).where(Question.id.in_(ids))))
    proposal = Proposal(known=len(known))
    for data in bank["questions"]:
        if data["id"] not in known and _add(session, section_id, data):
            proposal.added.append(data["id"])
    session.flush()
    return proposal


def _add(session: Session, section_id: str, data: dict) -> bool:
    """Insert one pending question; False when another request added it first."""
    question = Question(
        id=data["id"],
        section_id=section_id,
        type=data["type"],
        status=QuestionStatus.NEW,
        origin=QuestionOrigin.GENERATED,
        fact=question_fact(data),
        approval_required=True,
        changed_in_browser=True,
        generated_digest=question_digest(data),
    )
    try:
        with session.begin_nested():  # the primary key decides a race between two proposals
            session.add(question)
            new_version(question, data)
            session.flush()
    except IntegrityError:
        return False
    return True
