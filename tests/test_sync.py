"""Sync of lesson and bank files into the database: idempotent, and it keeps instructors' work."""

from __future__ import annotations

import sqlalchemy as sa

from app.bank.sync import sync_bank
from app.commands import run_sync
from app.extensions import db
from app.lessons.files import LessonFile, read_lessons
from app.lessons.sync import sync_lessons
from app.models import Lesson, LessonRevision, Question, QuestionStatus, Section
from tests.conftest import PROJECT_ROOT


def _lesson(body: str = "## Summary\n\nFirst.\n", title: str = "Trade in Grain") -> LessonFile:
    return LessonFile("trade-in-grain", title, 2, body)


def _bank(questions: list[dict]) -> dict:
    return {
        "section_id": "trade-in-grain",
        "section_title": "Trade in Grain",
        "questions": questions,
    }


def _question(qid: str = "q-0001", stem: str = "Which grain is named first?") -> dict:
    return {
        "id": qid,
        "type": "multiple_choice",
        "stem": stem,
        "choices": ["wheat", "barley", "oats", "rye"],
        "answer": "wheat",
        "source": {
            "section_id": "trade-in-grain",
            "paragraph": 1,
            "sentence": 1,
            "quote": "The parties will lower tariffs on wheat and barley.",
        },
        "generator": "test",
        "explanation": "Paragraph 1 names wheat first.",
    }


def test_shipped_curriculum_syncs_idempotently(app):
    with app.app_context():
        first = run_sync()
        db.session.commit()
        assert first.counts["lessons added"] == len(read_lessons(PROJECT_ROOT / "lessons"))
        second = run_sync()
        db.session.commit()
        assert not second.changed
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Section)) == 8


def test_sync_command_reports_what_it_did(runner):
    result = runner.invoke(args=["sync"])
    assert result.exit_code == 0, result.output
    assert "lessons added: 8" in result.output
    result = runner.invoke(args=["sync"])
    assert "lessons unchanged: 8" in result.output
    assert "added" not in result.output


def test_changed_file_updates_lesson_and_adds_revision(app):
    with app.app_context():
        sync_lessons(db.session, [_lesson()])
        report = sync_lessons(db.session, [_lesson("## Summary\n\nSecond.\n")])
        lesson = db.session.get(Lesson, "trade-in-grain")
        assert report.counts == {"lessons updated": 1}
        assert "Second." in lesson.html
        assert [r.number for r in lesson.revisions] == [1, 2]


def test_browser_edit_is_kept_unless_forced(app):
    with app.app_context():
        sync_lessons(db.session, [_lesson()])
        lesson = db.session.get(Lesson, "trade-in-grain")
        lesson.body, lesson.edited_in_browser = "Edited by an instructor.", True
        db.session.flush()
        report = sync_lessons(db.session, [_lesson("## Summary\n\nChanged file.\n")])
        assert report.skipped and "edited in the browser" in report.skipped[0]
        assert lesson.body == "Edited by an instructor."
        report = sync_lessons(db.session, [_lesson("## Summary\n\nChanged file.\n")], force=True)
        assert report.counts == {"lessons updated": 1}
        assert "Changed file." in lesson.body and not lesson.edited_in_browser
        count = db.session.scalar(sa.select(sa.func.count()).select_from(LessonRevision))
        assert count == 2


def test_bank_sync_keeps_review_status_and_edits_and_retires_missing(app):
    with app.app_context():
        sync_lessons(db.session, [_lesson()])
        sync_bank(
            db.session, [_bank([_question("q-0001"), _question("q-0002", "Which comes second?")])]
        )
        first = db.session.get(Question, "q-0001")
        first.status = QuestionStatus.APPROVED
        second = db.session.get(Question, "q-0002")
        second.edited = True
        db.session.flush()
        report = sync_bank(
            db.session, [_bank([_question("q-0001"), _question("q-0002", "Reworded?")])]
        )
        assert report.counts == {"questions unchanged": 1, "questions kept edit": 1}
        assert first.status is QuestionStatus.APPROVED and len(first.versions) == 1
        assert second.current.stem == "Which comes second?"
        report = sync_bank(db.session, [_bank([_question("q-0001", "Which grain, exactly?")])])
        assert report.counts == {"questions updated": 1, "questions retired": 1}
        assert first.current.stem == "Which grain, exactly?" and first.current.number == 2
        assert first.status is QuestionStatus.APPROVED
        assert second.retired and not second.servable
