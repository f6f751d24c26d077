"""Accounts an LMS launch made have no password: their account page says so, and they delete
themselves by typing their username (the path of every account deletion)."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.lti.models import LtiUser
from app.models import Cohort, Membership, User
from tests.lti.conftest import launch
from tests.lti.platform import INSTRUCTOR


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_lms_learner_deletes_the_account_by_typing_the_username(app, client, registered):
    assert launch(client, registered, sub="learner-1").status_code == 302
    page = client.get("/auth/password").text
    assert 'id="no-password"' in page and 'id="current"' not in page
    assert 'id="confirm_username"' in page and 'id="confirm_password"' not in page
    assert "type your username, Person-learner-1, to confirm" in page
    for typed in ("", "person-learner-1", "Person-learner-2"):
        refused = client.post("/auth/delete", data={"confirm_username": typed})
        assert refused.status_code == 400
        assert _count(app, User) == 1 and _count(app, Membership) == 1
    assert "Type your username, Person-learner-1, exactly" in refused.text
    deleted = client.post("/auth/delete", data={"confirm_username": "Person-learner-1"})
    assert deleted.status_code == 302 and deleted.location == "/"
    assert _count(app, User) == 0 and _count(app, LtiUser) == 0 and _count(app, Membership) == 0
    assert client.get("/next").status_code == 302  # logged out
    assert _count(app, Cohort) == 1  # the course's class stays
    # the same person launching again gets a new account
    assert launch(app.test_client(), registered, sub="learner-1").status_code == 302
    assert _count(app, User) == 1


def test_lms_instructor_who_runs_the_class_is_refused(app, client, registered):
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    response = client.post("/auth/delete", data={"confirm_username": "Person-teacher-1"})
    assert response.status_code == 400 and "teaches 1 class" in response.text
    assert _count(app, User) == 1 and _count(app, Cohort) == 1
