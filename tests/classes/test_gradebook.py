"""The gradebook: scores, late and missing marks, sorting, paging, CSV, a learner's page."""

from __future__ import annotations

import csv
import io
import time
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import event

from app.classes.assignments import start_assignment
from app.extensions import db
from app.models import Assignment, Attempt, Membership, User
from app.quiz.finishing import finish_attempt
from tests.classes.conftest import login
from tests.classes.test_assignments import NOW, make_assignment


def _take(app, assignment_id: int, user_id: int, when, right: int) -> None:
    """The learner starts at ``when`` and finishes with ``right`` questions scored right."""
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, user_id), when)
        attempt = finish_attempt(db.session, attempt, when)
        # as if answered: the gradebook reads stored scores
        score = sa.update(Attempt).where(Attempt.id == attempt.id).values(score=float(right))
        db.session.execute(score)
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
    assert 'aria-current="page">My classes' not in page  # an instructor's page, not the learner's
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


class QueryCounter:
    """Counts the SQL statements run on ``engine`` while active."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def _count(self, *args):
        self.statements.append(args[2])

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def _seed_big_class(cohort_id: int, section_id: str, learners: int) -> int:
    """``learners`` members, six assignments, four finished (some late) and one open each."""
    t0 = NOW - timedelta(days=60)
    people = [{"username": f"big{i:05d}", "password_hash": "!", "role": "student"}
              for i in range(learners)]  # fmt: skip
    users = list(db.session.scalars(
        sa.insert(User).returning(User.id, sort_by_parameter_order=True), people))  # fmt: skip
    db.session.execute(sa.insert(Membership), [
        {"cohort_id": cohort_id, "user_id": u, "joined_at": t0} for u in users])  # fmt: skip
    assignments = list(db.session.scalars(
        sa.insert(Assignment).returning(Assignment.id, sort_by_parameter_order=True),
        [{"cohort_id": cohort_id, "title": f"Week {n + 1}", "section_ids": [section_id],
          "count": 4, "mode": "test", "opens_at": t0 + timedelta(days=7 * n),
          "due_at": t0 + timedelta(days=7 * n + 5), "attempts_allowed": 1,
          "show_answers": "after_due"} for n in range(6)],
    ))  # fmt: skip
    db.session.execute(sa.insert(Attempt), [
        {"user_id": u, "mode": "test", "kind": "section",
         "state": "finished" if n < 4 else "in_progress", "section_ids": [section_id],
         "seed": 1, "started_at": t0 + timedelta(days=7 * n),
         "finished_at": t0 + timedelta(days=7 * n + (6 if u % 5 == 0 else 1)) if n < 4 else None,
         "score": float(u % 5) if n < 4 else None, "max_score": 4,
         "assignment_id": a, "attempt_number": 1}
        for u in users for n, a in enumerate(assignments[:5])
    ])  # fmt: skip
    db.session.commit()
    return assignments[1]


def test_the_gradebook_of_1000_learners_runs_a_bounded_number_of_queries(app, client, world):
    with app.app_context():
        assignment_id = _seed_big_class(world.cohort_id, world.section_id, 1000)
        engine = db.engine
    login(client, "teacher")
    base = f"/classes/{world.cohort_id}/gradebook"
    timings = {}
    for url in (base, f"{base}?sort=a{assignment_id}&dir=desc", f"{base}?sort=average&page=11",
                f"/classes/{world.cohort_id}/gradebook.csv"):  # fmt: skip
        started = time.perf_counter()
        with QueryCounter(engine) as counter:
            response = client.get(url)
            body = response.get_data(as_text=True)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        timings[url] = (len(counter.statements), f"{elapsed:.2f}s")
        assert len(counter.statements) <= 10, counter.statements
        assert elapsed < 3, elapsed  # the benchmark holds the 0.5 s target; this machine is shared
    assert len(_rows(body)) == 1 + 1002  # the header, 1,000 learners and ana and ben
    print(f"gradebook of 1002 learners (queries, time): {timings}")
