"""The gradebook: scores, late and missing marks, sorting, paging, CSV, a learner's page."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from app.classes.assignments import start_assignment
from app.extensions import db
from app.models import Assignment, Attempt, User
from app.quiz.engine import finish_attempt
from tests.classes.conftest import login
from tests.classes.test_assignments import NOW, make_assignment


def _take(app, assignment_id: int, user_id: int, when, right: int) -> None:
    """The learner starts at ``when`` and finishes with ``right`` questions scored right."""
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, user_id), when)
        attempt = finish_attempt(db.session, attempt, when)
        db.session.flush()
        attempt.score = float(right)  # as if answered: the gradebook reads stored scores
        db.session.commit()


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_scores_late_and_missing_marks_on_the_page_and_in_the_csv(app, client, world):
    past = {"due_at": NOW - timedelta(hours=2), "opens_at": NOW - timedelta(days=3)}
    first = make_assignment(app, world, title="Week 1", time_limit=None, **past)
    second = make_assignment(app, world, title="Week 2", due_at=NOW + timedelta(days=3))
    ana, ben = world.learner_ids
    _take(app, first, ana, NOW - timedelta(days=1), right=3)  # 3 of 4 on time
    _take(app, first, ben, NOW - timedelta(minutes=5), right=2)  # 2 of 4, late
    login(client, "teacher")
    page = client.get(f"/classes/{world.cohort_id}/gradebook").get_data(as_text=True)
    assert "Week 1" in page and "Week 2" in page and "late" in page
    response = client.get(f"/classes/{world.cohort_id}/gradebook.csv")
    assert response.mimetype == "text/csv"
    rows = _rows(response.get_data(as_text=True))
    assert rows[0] == ["Learner", "Week 1", "Week 2", "Average %", "Missing", "Late"]
    assert rows[1:] == [["ana", "75", "", "75", "0", "0"], ["ben", "50 late", "", "50", "0", "1"]]
    assert second != first


def test_missing_work_counts_zero_and_sorting_orders_rows(app, client, world):
    first = make_assignment(app, world, title="Week 1", due_at=NOW - timedelta(hours=1),
                            opens_at=NOW - timedelta(days=3))  # fmt: skip
    _take(app, first, world.learner_ids[1], NOW - timedelta(days=1), right=4)
    login(client, "teacher")
    rows = _rows(client.get(f"/classes/{world.cohort_id}/gradebook.csv?sort=average&dir=desc")
                 .get_data(as_text=True))  # fmt: skip
    assert rows[1:] == [["ben", "100", "100", "0", "0"], ["ana", "missing", "0", "1", "0"]]
    plain = client.get(f"/classes/{world.cohort_id}/gradebook.csv?bom=0").get_data(as_text=True)
    assert not plain.startswith("\ufeff") and plain.startswith("Learner,")
    assert client.get(f"/classes/{world.cohort_id}/gradebook?sort=nothing").status_code == 400
    assert client.get(f"/classes/{world.cohort_id}/gradebook?dir=up").status_code == 400


def test_a_learners_page_shows_rounded_scores_and_section_titles(app, client, world):
    first = make_assignment(app, world, title="Week 1", due_at=NOW - timedelta(hours=1),
                            opens_at=NOW - timedelta(days=3))  # fmt: skip
    _take(app, first, world.learner_ids[0], NOW - timedelta(days=1), right=3)
    with app.app_context():
        attempt = db.session.query(Attempt).one()
        attempt.score = 2.6667
        db.session.commit()
    login(client, "teacher")
    page = client.get(f"/classes/{world.cohort_id}/gradebook/learners/{world.learner_ids[0]}")
    text = page.get_data(as_text=True)
    assert "2.7 / 4 (67 %)" in text and "Preamble" in text
    assert "preamble" not in text.replace("Preamble", "")  # the title, never the slug
    assert "Reopen this attempt" in text


def test_the_gradebook_is_the_class_instructors_only(app, client, world, auth):
    auth.create("other", role="instructor")
    login(client, "other")
    for path in ("gradebook", "gradebook.csv", f"gradebook/learners/{world.learner_ids[0]}"):
        assert client.get(f"/classes/{world.cohort_id}/{path}").status_code == 403
    login(client, "ana")
    assert client.get(f"/classes/{world.cohort_id}/gradebook").status_code == 403
    login(client, "teacher")
    assert client.get(f"/classes/{world.cohort_id}/gradebook/learners/999").status_code == 404
