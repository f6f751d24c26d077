"""Questions proposed from a lesson as stored: pending, kept by sync, exported as generated."""

from __future__ import annotations

import sqlalchemy as sa

from app.commands import run_sync
from app.extensions import db
from app.generation.files import read_bank_file
from app.models import Question, QuestionStatus


def _preamble_questions() -> list[Question]:
    return db.session.scalars(
        sa.select(Question).where(Question.section_id == "preamble").order_by(Question.id)
    ).all()


def test_propose_adds_the_sections_new_questions_pending_and_not_served(
    app, client, auth, lessons_dir, curriculum, tmp_path
):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        assert not _preamble_questions()  # no bank files: nothing yet
    response = client.post("/instructor/lessons/preamble/propose-questions")
    assert response.status_code == 302
    assert "status=pending" in response.location and "section=preamble" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "new questions proposed from the lesson, pending review" in page
    with app.app_context():
        proposed = _preamble_questions()
        assert len(proposed) >= 5
        for question in proposed:
            assert question.status is QuestionStatus.NEW and question.file_status == "pending"
            assert question.approval_required and not question.servable
            assert question.changed_in_browser and question.fact
    again = client.post("/instructor/lessons/preamble/propose-questions")
    assert "No new questions" in client.get(again.location).get_data(as_text=True)
    with app.app_context():
        assert len(_preamble_questions()) == len(proposed)
        report = run_sync()  # the files lack them: a sync keeps them all the same
        db.session.commit()
        assert "questions retired" not in report.counts
        assert all(not q.retired for q in _preamble_questions())
    out = tmp_path / "exported"
    result = app.test_cli_runner().invoke(args=["bank", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = read_bank_file(next(out.glob("*preamble*.json")))
    assert {q["id"] for q in exported["questions"]} == {q.id for q in proposed}
    assert all(q["origin"] == "generated" for q in exported["questions"])
    assert all(q["review"] == {"status": "pending"} for q in exported["questions"])


def test_propose_command_and_bad_input(app, runner, lessons_dir, curriculum):
    result = runner.invoke(args=["bank", "propose", "no-such-section"])
    assert result.exit_code == 2 and "no-such-section" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(args=["bank", "propose", "closing"])
    assert result.exit_code == 0, result.output
    assert "new questions pending review in closing" in result.output


def test_students_cannot_propose(app, client, auth, lessons_dir, curriculum):
    auth.create("pupil")
    auth.login("pupil")
    assert client.post("/instructor/lessons/preamble/propose-questions").status_code == 403
    with app.app_context():
        assert not _preamble_questions()
