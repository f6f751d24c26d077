"""Questions of the live bank as plain dicts (the bank-file shape), and GIFT import into it."""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..curriculum.sync import new_version, question_fact
from ..models import (
    Question,
    QuestionOrigin,
    QuestionStatus,
    QuestionVersion,
    Section,
    User,
    servable_condition,
)
from .gift_import import GiftError, ParsedQuestion, parse_gift

IMPORT_GENERATOR = "gift-import"


def bank_questions(session: Session, section_id: str | None = None) -> list[dict[str, Any]]:
    """The servable questions' current versions (what students may be served), by section, in
    one query."""
    query = (
        sa.select(Question.id, Question.type, Section.id, Section.title, QuestionVersion)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(Section, Section.id == Question.section_id)
        .where(servable_condition())
        .order_by(Section.order, Question.id)
    )
    if section_id is not None:
        query = query.where(Section.id == section_id)
    return [
        {
            "id": qid,
            "type": qtype,
            "section_id": sid,
            "section_title": title,
            "stem": version.stem,
            "choices": list(version.choices or []),
            "answer": version.answer,
            "accepted": list(version.accepted or []),
            "explanation": version.explanation or "",
            "source": dict(version.source or {}),
            "generator": version.generator,
        }
        for qid, qtype, sid, title, version in session.execute(query)
    ]


def import_gift(
    session: Session, text: str, *, author: User | None, default_section: str | None = None
) -> list[Question]:
    """Create an instructor question for each question of a GIFT file, all or none.

    A question's section is its category's last part, else ``default_section``. GiftError lists
    every problem (with line numbers); then nothing is added.
    """
    parsed = parse_gift(text)
    sections = set(session.scalars(sa.select(Section.id)))
    problems = []
    for item in parsed:
        section = item.category or default_section
        if section is None:
            problems.append(f"line {item.line}: no $CATEGORY names its section; choose one")
        elif section not in sections:
            problems.append(f"line {item.line}: no section has the id {section!r}")
    if problems:
        raise GiftError(problems)
    questions = [
        _create(session, item, item.category or default_section, author) for item in parsed
    ]
    session.flush()
    return questions


def _create(
    session: Session, item: ParsedQuestion, section_id: str, author: User | None
) -> Question:
    question = Question(
        id=f"i-{secrets.token_hex(6)}",
        section_id=section_id,
        type=item.data["type"],
        origin=QuestionOrigin.INSTRUCTOR,
        status=QuestionStatus.APPROVED,
        fact=question_fact(item.data),
        approval_required=True,
        changed_in_browser=True,  # `flask bank export` writes it to the bank files
    )
    session.add(question)
    data = dict(item.data, generator=IMPORT_GENERATOR, source={"section_id": section_id})
    new_version(question, data, author_id=author.id if author else None)
    return question
