"""An essay as instructors write it (the rubric in the per-type editor, reviewed like any
question) and as a learner answers it in an assignment: awaiting grading, then graded with the
instructor's comment beside the rubric."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import AttemptMode, Question, QuestionStatus, ShowAnswers
from tests.classes.conftest import login
from tests.classes.test_grading import _essay_assignment, _essay_response

FORM = {
    "section": "preamble",
    "type": "essay",
    "stem": "Why might the authors have begun by recalling earlier summits?",
}


def test_an_instructor_writes_an_essay_that_waits_for_review(app, client, world):
    login(client, "teacher")
    page = client.get("/instructor/questions/new?type=essay").text
    assert "Rubric, one criterion per line" in page and "each is worth one point" in page
    refused = client.post("/instructor/questions/new", data={**FORM, "answer": "x" * 301})
    assert refused.status_code == 400 and "rubric is one or more criteria" in refused.text
    rubric = "Names an earlier summit\nSays what recalling it does"
    preview = client.post(
        "/instructor/questions/new", data={**FORM, "answer": rubric, "preview": "y"}
    )
    assert preview.status_code == 200 and "<textarea" in preview.text
    saved = client.post("/instructor/questions/new", data={**FORM, "answer": rubric})
    assert saved.status_code == 302
    with app.app_context():
        question = db.session.scalars(sa.select(Question).where(Question.type == "essay")).one()
        assert question.status is QuestionStatus.NEW and not question.servable
        assert question.current.answer == rubric.splitlines()
    assert "Says what recalling it does" in client.get(saved.location).text


def test_a_learner_answers_an_essay_and_reads_the_grade_and_comment(app, client, world):
    assignment_id, _choice, _essay = _essay_assignment(
        app, world, mode=AttemptMode.PRACTICE, time_limit=None, show_answers=ShowAnswers.AT_ONCE
    )
    login(client, "ana")
    started = client.post(f"/classes/assignments/{assignment_id}/start")
    attempt = started.location
    page = client.get(attempt).text
    position = 1 if 'name="q1" rows="10"' in page else 2
    if position == 2:  # the multiple choice first: answered right
        client.post(f"{attempt}/questions/1", data={"q1": "NATO-Russia Council"})
        page = client.get(attempt).text
    assert f'<textarea id="q{position}-text" name="q{position}"' in page
    answered = client.post(
        f"{attempt}/questions/{position}", data={f"q{position}": "They build on the summits."}
    )
    feedback = client.get(answered.location).text
    assert "Awaiting grading." in feedback and "They build on the summits." in feedback
    if position == 1:
        client.post(f"{attempt}/questions/2", data={"q2": "NATO-Russia Council"})
    attempt_id = int(attempt.rstrip("/").rsplit("/", 1)[1])
    client.post(f"{attempt}/finish")
    review = client.get(f"{attempt}/review").text
    assert "Awaiting grading</strong>: your instructor grades an essay" in review
    response_id = _essay_response(app, attempt_id)
    login(client, "teacher")
    client.post(
        f"/classes/{world.cohort_id}/grading/{response_id}",
        data={"points": "2", "comment": "Good: now cite paragraph 1.", "revision": "0"},
    )
    login(client, "ana")
    review = client.get(f"{attempt}/review").text
    assert "Graded: 2 of 3 points." in review and "Good: now cite paragraph 1." in review
    assert "Score: <strong>1.7 / 2</strong>" in review and "Awaiting grading" not in review
