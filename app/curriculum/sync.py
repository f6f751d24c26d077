"""Sync lesson and bank files into the database without overwriting instructors' work.

Plain functions over a session: they flush, never commit (the caller owns the commit).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..generation.draft import normalise_fact
from ..lessons.files import LessonFile
from ..lessons.render import render_lesson
from ..lessons.structure import parse_lesson
from ..models import (
    STATUS_FROM_FILE,
    Lesson,
    LessonRevision,
    Question,
    QuestionOrigin,
    QuestionStatus,
    QuestionVersion,
    Section,
)

CONTENT_FIELDS = ("stem", "choices", "answer", "accepted", "explanation", "source", "generator")


@dataclass
class SyncReport:
    """What a sync did, by kind of thing and outcome."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(
            n
            for key, n in self.counts.items()
            if not key.endswith(("unchanged", "kept edit", "kept browser change"))
        )

    def lines(self) -> list[str]:
        lines = [f"{key}: {n}" for key, n in sorted(self.counts.items())]
        lines += [f"skipped {item}" for item in self.skipped]
        lines += [f"warning: {item}" for item in self.warnings]
        return lines or ["nothing to sync"]


def _upsert_section(
    session: Session,
    sections: dict[str, Section],
    sid: str,
    title: str,
    order: int,
    report: SyncReport,
) -> Section:
    section = sections.get(sid)
    if section is None:
        section = Section(id=sid, title=title, order=order)
        session.add(section)
        sections[sid] = section
        report.add("sections added")
    elif (section.title, section.order) != (title, order):
        section.title, section.order = title, order
        report.add("sections updated")
    return section


def lesson_problems(file: LessonFile) -> list[str]:
    """The malformed structured parts of a lesson file, lines counted in the file."""
    if file.path is None:
        return [str(problem) for problem in parse_lesson(file.body).problems]
    text = file.path.read_text(encoding="utf-8")
    return [str(problem) for problem in parse_lesson(text).problems]


def _rerender(lesson: Lesson, report: SyncReport) -> None:
    # the HTML is derived from the body: a newer renderer (the timeline figure) applies to
    # lessons whose text did not change, browser edits included, without touching their text
    html = render_lesson(lesson.body)
    if html != lesson.html:
        lesson.html = html
        report.add("lessons re-rendered")


def sync_lessons(
    session: Session,
    files: list[LessonFile],
    *,
    force: bool = False,
    report: SyncReport | None = None,
) -> SyncReport:
    """Load lesson files; a lesson edited in the browser is kept unless ``force``."""
    report = report or SyncReport()
    sections = {s.id: s for s in session.scalars(sa.select(Section))}
    lessons = {lesson.section_id: lesson for lesson in session.scalars(sa.select(Lesson))}
    for file in files:
        _upsert_section(session, sections, file.id, file.title, file.order, report)
        where = str(file.path) if file.path else f"lesson {file.id}"
        report.warnings += [f"{where}, {problem}" for problem in lesson_problems(file)]
        lesson = lessons.get(file.id)
        if lesson is None:
            lesson = Lesson(
                section_id=file.id,
                title=file.title,
                body=file.body,
                html=render_lesson(file.body),
                file_digest=file.digest,
            )
            lesson.revisions.append(
                LessonRevision(
                    number=1, title=file.title, body=file.body, note="loaded from lesson file"
                )
            )
            session.add(lesson)
            report.add("lessons added")
            continue
        if lesson.file_digest == file.digest and not (force and lesson.edited_in_browser):
            report.add("lessons unchanged")
            _rerender(lesson, report)
            continue
        if lesson.edited_in_browser and not force:
            report.skipped.append(
                f"lesson {file.id}: edited in the browser (use --force to replace)"
            )
            report.add("lessons kept edit")
            _rerender(lesson, report)
            continue
        lesson.title, lesson.body, lesson.html = file.title, file.body, render_lesson(file.body)
        lesson.file_digest, lesson.edited_in_browser, lesson.updated_by_id = (
            file.digest,
            False,
            None,
        )
        number = len(lesson.revisions) + 1
        lesson.revisions.append(
            LessonRevision(
                number=number, title=file.title, body=file.body, note="loaded from lesson file"
            )
        )
        report.add("lessons updated")
    session.flush()
    return report


def question_digest(question: dict[str, Any]) -> str:
    """SHA-256 of a bank question's content fields, canonically serialised.

    ``source.kind`` "document" is the default a v1 file leaves out: a bank moving to v2 does not
    make a new version of every question for it.
    """
    content = {key: question.get(key) for key in CONTENT_FIELDS + ("difficulty",)}
    source = content.get("source")
    if isinstance(source, dict) and source.get("kind") == "document":
        content["source"] = {k: v for k, v in source.items() if k != "kind"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def question_fact(data: dict[str, Any]) -> str:
    """The file's fact, or for a v1 question (none) its stem: twins of one stem are one fact."""
    return normalise_fact(data.get("fact") or data["stem"])[:500]


def new_version(
    question: Question, data: dict[str, Any], author_id: int | None = None
) -> QuestionVersion:
    """Append a version built from ``data`` (bank-file fields) and make it current."""
    version = QuestionVersion(
        number=len(question.versions) + 1,
        stem=data["stem"],
        choices=list(data.get("choices", [])),
        answer=data["answer"],
        accepted=list(data.get("accepted", [])),
        explanation=data.get("explanation", ""),
        source=dict(data.get("source", {})),
        generator=data.get("generator", ""),
        difficulty=data.get("difficulty"),
        author_id=author_id,
    )
    question.versions.append(version)
    question.current = version
    return version


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
            _upsert_section(session, sections, sid, bank["section_title"], next_order, report)
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
