"""Deleting one's own account: everything it recorded goes, nothing else does."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Attempt, Membership, Response, User
from tests.conftest import PASSWORD
from tests.factories import (
    make_cohort,
    make_finished_attempt,
    make_question,
    make_section,
    make_user,
)


def _count(app, model, **where) -> int:
    with app.app_context():
        query = sa.select(sa.func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def _learners_with_answers(app) -> tuple[int, int]:
    with app.app_context():
        question = make_question(type="true_false", section=make_section())
        ada, bo = make_user(username="ada"), make_user(username="bo")
        make_cohort(members=[ada, bo])
        for learner in (ada, bo):
            make_finished_attempt(user=learner, answers=[(question, 1.0, question.current.answer)])
        db.session.commit()
        return ada.id, bo.id


def test_deleting_removes_the_account_and_what_it_recorded(client, auth, app):
    ada, bo = _learners_with_answers(app)
    auth.login("ada")
    response = client.post("/auth/delete", data={"confirm_password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Your account, your answers and your progress are deleted." in client.get("/").text
    assert _count(app, User, id=ada) == 0
    assert _count(app, Attempt, user_id=ada) == 0 and _count(app, Membership, user_id=ada) == 0
    assert _count(app, Response) == 1  # bo's
    assert _count(app, Attempt, user_id=bo) == 1 and _count(app, Membership, user_id=bo) == 1
    assert auth.login("ada").status_code == 400
    assert client.get("/progress/").status_code == 302  # logged out


def test_a_wrong_or_missing_password_deletes_nothing(client, auth, app):
    ada, _ = _learners_with_answers(app)
    auth.login("ada")
    for data in ({"confirm_password": "not-my-password"}, {}):
        response = client.post("/auth/delete", data=data)
        assert response.status_code == 400
        assert "Please correct the error below." in response.text
    assert (
        "The password is not right."
        in client.post("/auth/delete", data={"confirm_password": "nope-nope"}).text
    )
    assert _count(app, User, id=ada) == 1 and _count(app, Attempt, user_id=ada) == 1


def test_an_instructor_who_teaches_a_class_is_refused(client, auth, app):
    with app.app_context():
        teacher = make_user(username="grace", role="instructor")
        make_cohort(instructor=teacher)
        db.session.commit()
    auth.login("grace")
    response = client.post("/auth/delete", data={"confirm_password": PASSWORD})
    assert response.status_code == 400 and "grace teaches 1 class:" in response.text
    assert _count(app, User, username="grace") == 1


def test_the_only_administrator_is_refused_until_there_is_another(client, auth, app):
    auth.create("boss", role="admin")
    auth.login("boss")
    response = client.post("/auth/delete", data={"confirm_password": PASSWORD})
    assert response.status_code == 400 and "only administrator" in response.text
    auth.create("deputy", role="admin")
    assert client.post("/auth/delete", data={"confirm_password": PASSWORD}).status_code == 302
    assert _count(app, User, username="boss") == 0


def test_the_account_page_has_the_three_forms_and_unique_ids(client, auth):
    auth.create("ada")
    auth.login("ada")
    page = client.get("/auth/password").text
    for action in ("/auth/time-zone", "/auth/password", "/auth/delete"):
        assert f'action="{action}"' in page
    assert 'id="confirm_password"' in page


def test_an_account_without_a_password_confirms_with_its_username(app):
    from app.accounts.accounts import AccountError, WrongPassword, delete_account
    from app.models import NO_PASSWORD

    with app.app_context():
        linked = make_user(username="lms-ada")
        linked.password_hash = NO_PASSWORD  # made by an LMS launch
        with_password = make_user(username="bo")
        db.session.commit()
        for typed in ("", "LMS-ADA", "someone-else"):
            with pytest.raises(AccountError, match="Type your username, lms-ada"):
                delete_account(db.session, linked, typed_name=typed)
        # no password stands in for the username (nor matches the LMS account's hash)
        with pytest.raises(AccountError, match="Type your username"):
            delete_account(db.session, linked, password=NO_PASSWORD, typed_name="")
        # an account with a password is not deleted by typing its username
        with pytest.raises(WrongPassword):
            delete_account(db.session, with_password, typed_name="bo")
        delete_account(db.session, linked, typed_name=" lms-ada ")
        db.session.commit()
        assert _count(app, User, username="lms-ada") == 0
        assert _count(app, User, username="bo") == 1
