"""Questions proposed from a lesson as stored: pending, kept by sync, exported as generated."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.commands import run_sync
from app.extensions import db
from app.generation.files import read_bank_file
from app.models import Lesson, Question, QuestionStatus
from tests.conftest import PROJECT_ROOT

SECTION = "political-cooperation"
NEW_TERM = (
    "- **Counter-narcotics** — Efforts to stop the growing, making and trafficking of illegal "
    "drugs (paragraph 3).\n"
)


@pytest.fixture
def shipped(app, lessons_dir):
    """The shipped lessons (a copy) and the shipped v2 bank, as `flask sync` loads them."""
    app.config["QUESTION_BANK_DIR"] = str(PROJECT_ROOT / "question_bank")
    with app.app_context():
        run_sync()
        db.session.commit()
    return app


def _section_ids() -> set[str]:
    return set(db.session.scalars(sa.select(Question.id).where(Question.section_id == SECTION)))


def _propose(client):
    response = client.post(f"/instructor/lessons/{SECTION}/propose-questions")
    assert response.status_code == 302
    assert "status=pending" in response.location and f"section={SECTION}" in response.location
    return client.get(response.location).get_data(as_text=True)


def test_an_edited_lesson_gets_its_new_questions_pending_and_unserved(
    shipped, client, auth, tmp_path
):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    assert "No new questions" in _propose(client)  # the bank has what the lessons give
    with shipped.app_context():
        before = _section_ids()
        body = db.session.get(Lesson, SECTION).body
    form = {
        "title": "Political Cooperation",
        "body": body.replace("## Key terms\n\n", "## Key terms\n\n" + NEW_TERM, 1),
        "note": "a key term",
        "save": "Save",
    }
    assert client.post(f"/instructor/lessons/{SECTION}/edit", data=form).status_code == 302
    page = _propose(client)
    assert "new questions proposed from the lesson, pending review" in page
    with shipped.app_context():
        added = _section_ids() - before
        assert added
        for qid in added:
            question = db.session.get(Question, qid)
            assert question.current.source["kind"] == "lesson"  # only the lesson changed
            assert question.status is QuestionStatus.NEW and question.file_status == "pending"
            assert question.approval_required and not question.servable
            assert question.changed_in_browser and question.fact
        report = run_sync()  # the files lack them: a sync keeps them all the same
        db.session.commit()
        assert "questions retired" not in report.counts
        assert _section_ids() == before | added
    assert "No new questions" in _propose(client)
    out = tmp_path / "exported"
    result = shipped.test_cli_runner().invoke(args=["bank", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = read_bank_file(next(out.glob("03-*.json")))
    written = {q["id"]: q for q in exported["questions"]}
    assert added <= set(written)
    for qid in added:
        assert written[qid]["origin"] == "generated"
        assert written[qid]["review"] == {"status": "pending"}
        assert written[qid]["source"]["kind"] == "lesson"


def test_propose_command_and_bad_input(shipped, runner):
    result = runner.invoke(args=["bank", "propose", "no-such-section"])
    assert result.exit_code == 2 and "no-such-section" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(args=["bank", "propose", "closing"])
    assert result.exit_code == 0, result.output
    assert "0 new questions pending review in closing" in result.output


def test_students_cannot_propose(app, client, auth, lessons_dir):
    auth.create("pupil")
    auth.login("pupil")
    assert client.post(f"/instructor/lessons/{SECTION}/propose-questions").status_code == 403
