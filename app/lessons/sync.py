"""Sync lesson files into the database without overwriting lessons edited in the browser.

Plain functions over a session: they flush, never commit (the caller owns the commit).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Lesson, LessonRevision, Section
from ..syncing import SyncReport, upsert_section
from .files import LessonFile
from .render import render_lesson
from .structure import parse_lesson


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
        upsert_section(session, sections, file.id, file.title, file.order, report)
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
