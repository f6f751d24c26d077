"""A lesson's discussion question through the pages: the instructor hand-picks its essay into
an assignment, a learner answers it, and the answer waits in the class's grading queue."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.commands import run_sync
from app.extensions import db
from app.models import Assignment, Role, utcnow
from tests.classes.conftest import login
from tests.factories import make_cohort, make_user

ESSAY = "preamble-discussion-1"
STEM = "Why might the authors have begun by recalling earlier summits and statements"


def _local(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_an_instructor_assigns_a_lesson_essay_and_the_answer_waits_for_grading(
    app, client, lessons_dir
):
    with app.app_context():
        run_sync()
        teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
        ana = make_user(username="ana")
        cohort = make_cohort(instructor=teacher, name="Period 3", members=[ana])
        db.session.commit()
        cohort_id = cohort.id
    login(client, "teacher")
    page = client.get(f"/classes/{cohort_id}/assignments").text
    assert f'<option value="{ESSAY}">Preamble — {STEM}' in page  # the picker lists it
    now = utcnow()
    form = {
        "title": "Discussion: the preamble",
        "question_ids": [ESSAY],
        "count": "1",
        "mode": "practice",
        "opens_local": _local(now - timedelta(days=1)),
        "due_local": _local(now + timedelta(days=2)),
        "attempts_allowed": "1",
        "show_answers": "at_once",
    }
    assert client.post(f"/classes/{cohort_id}/assignments", data=form).status_code == 302
    with app.app_context():
        assignment = db.session.scalars(sa.select(Assignment)).one()
        assert assignment.question_ids == [ESSAY]
        assignment_id = assignment.id

    login(client, "ana")
    assert "Discussion: the preamble" in client.get("/next").text
    attempt = client.post(f"/classes/assignments/{assignment_id}/start").location
    page = client.get(attempt).text
    assert STEM in page and '<textarea id="q1-text" name="q1"' in page
    answer = "They recall Ljubljana and Genoa to show the declaration builds on earlier work."
    answered = client.post(f"{attempt}/questions/1", data={"q1": answer})
    assert "Awaiting grading." in client.get(answered.location).text
    client.post(f"{attempt}/finish")

    login(client, "teacher")
    queue = client.get(f"/classes/{cohort_id}/grading").text
    assert "Grade the next one (1 waiting)" in queue
    assert ">ana</a>" in queue and "awaiting grading" in queue and STEM[:60] in queue
    grade = client.get(f"/classes/{cohort_id}/grading/next", follow_redirects=True).text
    assert answer in grade and "Names at least two of the four summits" in grade
