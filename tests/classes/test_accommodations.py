"""Accommodations: extra time and attempts, a moved due date, a reopened attempt; all logged."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.classes.assignments import learner_terms, start_assignment
from app.extensions import db
from app.models import Accommodation, AccommodationChange, Assignment, Attempt, AttemptState, User
from app.quiz.finishing import finish_attempt
from tests.classes.conftest import login
from tests.classes.test_assignments import NOW, make_assignment


def _post(client, world, **data):
    return client.post(f"/classes/{world.cohort_id}/accommodations", data=data)


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(sa.select(sa.func.count()).select_from(Accommodation)),
            db.session.scalar(sa.select(sa.func.count()).select_from(AccommodationChange)),
        )


def test_half_as_much_time_again_for_one_learner_is_applied_and_logged(app, client, world):
    assignment_id = make_assignment(app, world, time_limit=25)
    ana, ben = world.learner_ids
    login(client, "teacher")
    response = _post(client, world, learner=str(ana), assignment="", extra_percent="50")
    assert response.status_code == 302
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert learner_terms(db.session, assignment, ana).time_limit == 38  # 37.5 rounded up
        assert learner_terms(db.session, assignment, ben).time_limit == 25
        attempt = start_assignment(db.session, assignment, db.session.get(User, ana), NOW)
        assert attempt.deadline - NOW == timedelta(minutes=38)
    page = client.get(f"/classes/{world.cohort_id}/accommodations").get_data(as_text=True)
    assert "extra time 50 % on every assignment" in page and "teacher" in page


def test_extra_attempts_and_a_moved_due_date_on_one_assignment(app, client, world):
    assignment_id = make_assignment(app, world, attempts_allowed=1)
    ana = world.learner_ids[0]
    login(client, "teacher")
    due = (NOW + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    data = {"learner": str(ana), "assignment": str(assignment_id), "extra_attempts": "2"}
    response = _post(client, world, **data, due_local=due)
    assert response.status_code == 302
    with app.app_context():
        terms = learner_terms(db.session, db.session.get(Assignment, assignment_id), ana)
        assert terms.attempts_allowed == 3
        assert terms.due_at > NOW + timedelta(days=8)
    assert _counts(app) == (1, 1)


def test_bad_accommodations_are_refused_with_a_message_and_nothing_saved(app, client, world, auth):
    outsider = auth.create("outsider")
    assignment_id = make_assignment(app, world)
    login(client, "teacher")
    cases = [
        ({"learner": str(outsider), "extra_percent": "50"}, "That learner is not in this class."),
        ({"learner": "99999", "extra_percent": "50"}, "That learner is not in this class."),
        ({"learner": str(world.learner_ids[0])}, "Give extra time, extra attempts or a new due"),
        ({"learner": str(world.learner_ids[0]), "extra_percent": "0"}, "from 1 to 300 %"),
        ({"learner": str(world.learner_ids[0]), "due_local": "2027-01-01T10:00"},
         "A due date moves for one assignment"),
        ({"learner": str(world.learner_ids[0]), "assignment": str(assignment_id),
          "due_local": "2020-01-01T10:00"}, "must come after the assignment opens"),
    ]  # fmt: skip
    for data, message in cases:
        response = _post(client, world, **data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert _counts(app) == (0, 0)


def test_reopening_an_attempt_opens_it_once_and_is_logged(app, client, world):
    assignment_id = make_assignment(app, world, time_limit=20)
    ana = world.learner_ids[0]
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        attempt = start_assignment(db.session, assignment, db.session.get(User, ana), NOW)
        finish_attempt(db.session, attempt, NOW)
        db.session.commit()
        attempt_id = attempt.id
    login(client, "teacher")
    url = f"/classes/{world.cohort_id}/attempts/{attempt_id}/reopen"
    page = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "Reopened as attempt 2, starting from the answers of attempt 1" in page
    with app.app_context():
        attempts = db.session.scalars(sa.select(Attempt).order_by(Attempt.attempt_number)).all()
        first, second = attempts  # a new attempt; the finished one stays finished
        assert first.id == attempt_id and first.state is AttemptState.FINISHED
        assert second.state is AttemptState.IN_PROGRESS and second.finished_at is None
        assert second.deadline is not None and second.deadline > NOW
    assert "open already" in client.post(url, follow_redirects=True).get_data(as_text=True)
    page = client.get(f"/classes/{world.cohort_id}/accommodations").get_data(as_text=True)
    assert "reopened attempt 1 of “Quiz” as attempt 2" in page
    login(client, "ana")  # the reopened attempt is one more than the one allowed
    page = client.get(f"/classes/assignments/{assignment_id}").get_data(as_text=True)
    assert "Attempts: 2 of 2 used" in page and "Resume" in page
    assert _counts(app) == (0, 1)


def test_only_the_class_instructor_gives_accommodations(app, client, world, auth):
    make_assignment(app, world)
    auth.create("other", role="instructor")
    login(client, "other")
    assert client.get(f"/classes/{world.cohort_id}/accommodations").status_code == 403
    data = {"learner": str(world.learner_ids[0]), "extra_percent": "50"}
    assert _post(client, world, **data).status_code == 403
    login(client, "ana")
    assert _post(client, world, **data).status_code == 403
    assert _counts(app) == (0, 0)
