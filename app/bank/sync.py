"""Sync bank files into the database without overwriting instructors' work.

Plain functions over a session: they flush, never commit (the caller owns the commit).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import STATUS_FROM_FILE, Question, QuestionOrigin, QuestionStatus, Section
from ..syncing import SyncReport, upsert_section
from .versions import new_version, question_digest, question_fact


def sync_bank(
    session: Session, banks: list[dict[str, Any]], report: SyncReport | None = None
) -> SyncReport:
    """Load bank files: add new questions, update the others, retire generated ones gone.

    v1 questions (no ``review``) keep their review status and a browser edit. A v2 question
    takes its review, origin and content from the file, unless an instructor changed it in the
    browser since the files last had it (``changed_in_browser``): that change is kept until
    `flask bank export` writes it out. The caller checks the files first (reviews.bank_problems).
    """
    report = report or SyncReport()
    sections = {s.id: s for s in session.scalars(sa.select(Section))}
    existing = {q.id: q for q in session.scalars(sa.select(Question))}
    seen: set[str] = set()
    next_order = max((s.order for s in sections.values()), default=0) + 1
    for bank in banks:
        sid = bank["section_id"]
        if sid not in sections:
            upsert_section(session, sections, sid, bank["section_title"], next_order, report)
            session.flush()  # before its questions: nothing orders the two inserts otherwise
            next_order += 1
        for data in bank["questions"]:
            seen.add(data["id"])
            _sync_question(session, existing.get(data["id"]), data, sid, report)
    for qid, question in existing.items():
        generated = question.origin == QuestionOrigin.GENERATED
        # a v2 question changed in the browser and not yet exported (proposed from a lesson,
        # say) is in no file yet; a v1 one gone from its file is retired as before
        proposed = question.changed_in_browser and question.approval_required
        if generated and qid not in seen and not question.retired and not proposed:
            question.retired = True
            report.add("questions retired")
    session.flush()
    return report


def _sync_question(
    session: Session, question: Question | None, data: dict[str, Any], sid: str, report: SyncReport
) -> None:
    digest = question_digest(data)
    if question is None:
        question = Question(
            id=data["id"], section_id=sid, type=data["type"], generated_digest=digest
        )
        if "review" in data:
            _take_review(question, data)
        else:
            question.fact = question_fact(data)
        session.add(question)
        new_version(question, data)
        report.add("questions added")
        return
    if question.retired:
        question.retired = False
        report.add("questions restored")
    if "review" in data:
        _sync_reviewed(question, data, digest, report)
        return
    if question.generated_digest == digest:
        report.add("questions unchanged")
        return
    question.generated_digest = digest
    if question.edited:
        report.add("questions kept edit")
        return
    question.type, question.fact = data["type"], question_fact(data)
    new_version(question, data)
    report.add("questions updated")


def _take_review(question: Question, data: dict[str, Any]) -> None:
    """Review state, origin and fact of a v2 file's question."""
    review = data["review"]
    question.status = STATUS_FROM_FILE[review["status"]]
    rejected = question.status == QuestionStatus.REJECTED
    question.reject_reason = review.get("reason", "")[:500] if rejected else ""
    origin = data.get("origin", "generated")
    authored = origin == "authored"
    question.origin = QuestionOrigin.INSTRUCTOR if authored else QuestionOrigin.GENERATED
    question.edited = origin == "edited"
    question.fact = question_fact(data)
    question.approval_required = True


def _sync_reviewed(question: Question, data: dict[str, Any], digest: str, report: SyncReport):
    """A v2 question already in the database: the file wins unless the browser changed it."""
    if question.changed_in_browser:
        report.add("questions kept browser change")
        return
    before = (
        question.status,
        question.reject_reason,
        question.origin,
        question.edited,
        question.fact,
        question.approval_required,
    )
    _take_review(question, data)
    after = (
        question.status,
        question.reject_reason,
        question.origin,
        question.edited,
        question.fact,
        question.approval_required,
    )
    if question.generated_digest != digest:
        question.generated_digest = digest
        question.type = data["type"]
        new_version(question, data)
        report.add("questions updated")
    elif before != after:
        report.add("questions reviews updated")
    else:
        report.add("questions unchanged")
