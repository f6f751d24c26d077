"""Cohorts: join codes, joining, archiving, and the students' pages."""

from __future__ import annotations

import pytest

from app.classes.access import visible_cohorts
from app.classes.cohorts import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    CohortError,
    create_cohort,
    join_cohort,
    learner_cohorts,
    normalise_code,
    set_archived,
)
from app.extensions import db
from app.models import Membership, Role
from tests.factories import make_cohort, make_user


def test_join_codes_are_random_unambiguous_and_unique(app):
    with app.app_context():
        teacher = make_user(role=Role.INSTRUCTOR)
        codes = [create_cohort(db.session, teacher, f"Class {i}").join_code for i in range(60)]
        assert len(set(codes)) == 60
        for code in codes:
            assert len(code) == JOIN_CODE_LENGTH
            assert set(code) <= set(JOIN_CODE_ALPHABET)
        assert not set("01OILSZ25") & set(JOIN_CODE_ALPHABET)


def test_only_instructors_create_classes_and_names_are_required(app):
    with app.app_context():
        with pytest.raises(CohortError, match="Only instructors"):
            create_cohort(db.session, make_user(), "Mine")
        with pytest.raises(CohortError, match="name"):
            create_cohort(db.session, make_user(role=Role.INSTRUCTOR), "   ")


def test_join_normalises_the_typed_code_and_is_idempotent(app):
    with app.app_context():
        cohort = make_cohort()
        student = make_user()
        typed = " " + cohort.join_code[:4].lower() + "-" + cohort.join_code[4:].lower() + " "
        assert normalise_code(typed) == cohort.join_code
        assert join_cohort(db.session, student, typed) == (cohort, True)
        assert join_cohort(db.session, student, cohort.join_code) == (cohort, False)
        assert db.session.query(Membership).count() == 1
        assert learner_cohorts(db.session, student) == [cohort]


def test_unknown_and_archived_codes_are_refused(app):
    with app.app_context():
        cohort = make_cohort(archived=True)
        student = make_user()
        with pytest.raises(CohortError, match="No class has this code"):
            join_cohort(db.session, student, "ZZZZ")
        with pytest.raises(CohortError, match="archived"):
            join_cohort(db.session, student, cohort.join_code)
        set_archived(db.session, cohort, False)
        assert join_cohort(db.session, student, cohort.join_code)[1] is True


def test_an_instructor_sees_only_their_own_cohorts_and_an_admin_all(app):
    with app.app_context():
        alice, bob = make_user(role=Role.INSTRUCTOR), make_user(role=Role.INSTRUCTOR)
        admin = make_user(role=Role.ADMIN)
        mine = make_cohort(instructor=alice, name="Alice's")
        old = make_cohort(instructor=alice, name="Alice's old", archived=True)
        theirs = make_cohort(instructor=bob, name="Bob's")
        assert visible_cohorts(db.session, alice) == [mine]
        assert set(visible_cohorts(db.session, alice, include_archived=True)) == {mine, old}
        assert set(visible_cohorts(db.session, admin)) == {mine, theirs}


def test_student_joins_through_the_page_and_sees_the_class(client, auth, app):
    with app.app_context():
        cohort = make_cohort(name="Evening class")
        code = cohort.join_code
        db.session.commit()
    auth.create("pupil")
    auth.login("pupil")
    response = client.post("/classes/join", data={"code": code.lower()}, follow_redirects=True)
    assert response.status_code == 200
    assert "You joined the class “Evening class”" in response.get_data(as_text=True)
    page = client.get("/classes/").get_data(as_text=True)
    assert "Evening class" in page
    again = client.post("/classes/join", data={"code": code}, follow_redirects=True)
    assert "already in" in again.get_data(as_text=True)


def test_a_wrong_code_gets_a_clear_message_and_changes_nothing(client, auth, app):
    auth.create("pupil")
    auth.login("pupil")
    response = client.post("/classes/join", data={"code": "NOPE1234"})
    assert response.status_code == 400
    assert "No class has this code" in response.get_data(as_text=True)
    assert client.post("/classes/join", data={"code": ""}).status_code == 400
    with app.app_context():
        assert db.session.query(Membership).count() == 0


def test_class_pages_need_a_log_in(client):
    for url in ("/classes/", "/classes/join"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_nav_shows_my_classes_to_users_and_teach_to_instructors_only(client, auth):
    auth.create("pupil")
    auth.create("teacher", "instructor")
    auth.login("pupil")
    page = client.get("/").get_data(as_text=True)
    assert "My classes" in page and "/instructor/" not in page
    auth.logout()
    auth.login("teacher")
    assert "/instructor/" in client.get("/").get_data(as_text=True)
