"""Essays from the lessons' discussion questions, kept in step with the lessons.

Each discussion question of a lesson, with its rubric (``lessons/discussion.py``), is an essay
of the lesson's section: the lesson's own text, so written by an instructor
(``QuestionOrigin.INSTRUCTOR``), approved as its author wrote it, ``source.kind`` "lesson". Its
id is the section's and the question's place in the list (``essay_id``). A sync follows the
lesson: a question whose text or rubric changed gets a new version, one gone from the lesson is
retired (one come back is restored), and a malformed one is left as it was. An essay that an
instructor edited in the browser keeps that edit (``Question.edited``), as a bank question's
edit survives a bank file's change; its review (a rejection, say) is never touched.

Essays are never served at random nor in a review (``questions.self_graded_types``): only an
assignment that hand-picks one serves it. The bank files' schema has no essay, so they live in
the database only; GIFT, Moodle XML and QTI exports carry them as essays.

Plain functions over a session: they go through the questions' write layer (``versions``),
flush, never commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..lessons.editing import lesson_saved
from ..lessons.structure import DiscussionQuestion, parse_lesson
from ..models import Lesson, Question, User
from ..questions import ContentError, validate_content
from ..syncing import SyncReport
from .versions import (
    LESSON_GENERATOR,
    create_question,
    new_version,
    question_digest,
    question_fact,
)

ESSAY = "essay"
_SECTION_PART = 40  # characters of the section id kept in an essay's id (ids are at most 64)


def essay_id(section_id: str, position: int) -> str:
    """The id of the essay made from the ``position``-th discussion question of a lesson."""
    return f"{_id_prefix(section_id)}{position}"


def _id_prefix(section_id: str) -> str:
    part = section_id
    if len(part) > _SECTION_PART:  # a long section id: its start and a digest of the whole
        digest = hashlib.sha256(section_id.encode()).hexdigest()[:10]
        part = f"{section_id[: _SECTION_PART - 11]}-{digest}"
    return f"{part}-discussion-"


def essay_content(section_id: str, question: DiscussionQuestion) -> dict[str, Any]:
    """The essay's content in bank-file fields: the question, its rubric as the answer."""
    return {
        "stem": question.text,
        "answer": list(question.rubric),
        "explanation": "",
        "source": {"section_id": section_id, "kind": "lesson"},
        "generator": LESSON_GENERATOR,
    }


def sync_lesson_essays(
    session: Session, lessons: Iterable[Lesson], report: SyncReport | None = None
) -> SyncReport:
    """Create, version, retire or restore the essays of ``lessons``' discussion questions."""
    report = report or SyncReport()
    for lesson in lessons:
        _sync_lesson(session, lesson, report)
    session.flush()
    return report


def _sync_lesson(session: Session, lesson: Lesson, report: SyncReport) -> None:
    section_id = lesson.section_id
    structure = parse_lesson(lesson.body)
    existing = {
        q.id: q
        for q in session.scalars(
            sa.select(Question).where(
                Question.id.startswith(_id_prefix(section_id), autoescape=True)
            )
        )
    }
    author = session.get(User, lesson.updated_by_id) if lesson.updated_by_id else None
    wanted = set()
    for question in structure.discussion:
        qid = essay_id(section_id, question.position)
        wanted.add(qid)
        content = essay_content(section_id, question)
        try:
            validate_content(ESSAY, content)
        except ContentError as error:
            report.warnings.append(f"lesson {section_id}, line {question.line}: {error}")
            continue
        try:
            with session.begin_nested():  # a sync and a browser save at once: the first wins
                _sync_essay(session, existing.get(qid), qid, section_id, content, author, report)
        except IntegrityError:
            report.warnings.append(
                f"lesson {section_id}: the essay {qid} was changed meanwhile; the next sync or "
                "save of the lesson brings it up to date"
            )
    kept = {essay_id(section_id, position) for position in structure.discussion_skipped}
    for qid, question in existing.items():
        if qid not in wanted and qid not in kept and not question.retired:
            question.retired = True
            report.add("lesson essays retired")


def _sync_essay(
    session: Session,
    question: Question | None,
    qid: str,
    section_id: str,
    content: dict[str, Any],
    author: User | None,
    report: SyncReport,
) -> None:
    digest = question_digest(content)
    if question is None:
        question = create_question(
            session,
            section_id=section_id,
            question_type=ESSAY,
            content=content,
            author=author,
            approve_now=True,  # the lesson's author wrote it
            question_id=qid,
            generator=LESSON_GENERATOR,
        )
        question.generated_digest = digest
        question.changed_in_browser = False  # the lesson holds it, not the browser's bank
        report.add("lesson essays added")
        return
    if question.type != ESSAY:
        report.warnings.append(f"lesson {section_id}: the question {qid} is not an essay: skipped")
        return
    if question.retired:
        question.retired = False
        report.add("lesson essays restored")
    if question.generated_digest == digest:
        report.add("lesson essays unchanged")
        return
    question.generated_digest = digest
    if question.edited:  # an instructor's edit of the essay itself is theirs to keep
        report.add("lesson essays kept edit")
        return
    question.fact = question_fact(content)
    new_version(question, content, author_id=author.id if author else None)
    report.add("lesson essays updated")


def _on_lesson_saved(session: Session, *, lesson: Lesson) -> None:
    sync_lesson_essays(session, [lesson])


def follow_lesson_saves() -> None:
    """Keep a lesson's essays in step each time it is saved in the browser (or restored)."""
    lesson_saved.connect(_on_lesson_saved)
