"""An archived class's assignments: closed to its learners, read-only for its instructor."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.classes.assignments import StartRefused, start_assignment
from app.extensions import db
from app.models import Accommodation, Assignment, Attempt, AttemptState, Cohort, User
from app.quiz.finishing import finish_attempt
from tests.classes.conftest import login
from tests.classes.test_assignments import NOW, form, make_assignment


def _archive(app, world, archived: bool = True) -> None:
    with app.app_context():
        db.session.get(Cohort, world.cohort_id).archived = archived
        db.session.commit()


def _attempts(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Attempt))


def test_a_learner_finds_an_archived_class_assignment_closed_and_cannot_start_it(
    app, client, world
):
    assignment_id = make_assignment(app, world)
    _archive(app, world)
    login(client, "ana")
    page = client.get(f"/classes/assignments/{assignment_id}")
    assert page.status_code == 410
    text = page.get_data(as_text=True)
    assert "This assignment is closed" in text
    assert "“Period 3” is archived" in text and "can no longer be started" in text
    assert "Start" not in text.split("<main", 1)[1]
    started = client.post(f"/classes/assignments/{assignment_id}/start")
    assert started.status_code == 410
    assert _attempts(app) == 0
    with app.app_context(), pytest.raises(StartRefused, match="archived"):
        assignment = db.session.get(Assignment, assignment_id)
        start_assignment(db.session, assignment, db.session.get(User, world.learner_ids[0]), NOW)
    assert _attempts(app) == 0
    _archive(app, world, archived=False)  # active again: open again
    assert client.get(f"/classes/assignments/{assignment_id}").status_code == 200


def test_the_instructor_reads_an_archived_class_assignments_but_changes_nothing(app, client, world):
    assignment_id = make_assignment(app, world)
    ana = world.learner_ids[0]
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, ana), NOW)
        finish_attempt(db.session, attempt, NOW)
        db.session.commit()
        attempt_id = attempt.id
    _archive(app, world)
    login(client, "teacher")
    base = f"/classes/{world.cohort_id}"
    listing = client.get(f"{base}/assignments")
    assert listing.status_code == 200
    text = listing.get_data(as_text=True)
    assert "Quiz" in text and "is archived: its assignments" in text
    assert "Give the class an assignment" not in text and "Use this time zone" not in text
    accommodations = client.get(f"{base}/accommodations").get_data(as_text=True)
    assert "is archived" in accommodations and "Give an accommodation" not in accommodations
    learner = client.get(f"{base}/gradebook/learners/{ana}")
    assert learner.status_code == 200
    assert "Reopen this attempt" not in learner.get_data(as_text=True)
    assert client.get(f"{base}/gradebook").status_code == 200

    refused = [
        client.post(f"{base}/assignments", data=form(world, title="After the end")),
        client.post(f"{base}/time-zone", data={"time_zone": "UTC"}),
        client.post(f"{base}/accommodations", data={"learner": str(ana), "extra_percent": "50"}),
        client.post(f"{base}/attempts/{attempt_id}/reopen"),
    ]
    assert [r.status_code for r in refused] == [409] * 4
    assert "is archived" in refused[-1].get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 1
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Accommodation)) == 0
        assert db.session.get(Cohort, world.cohort_id).time_zone == "Europe/Paris"
        assert db.session.get(Attempt, attempt_id).state is AttemptState.FINISHED
