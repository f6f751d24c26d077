"""Administrators' pages: finding accounts, changing roles, setting new passwords."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.accounts.people import PEOPLE_PER_PAGE
from app.extensions import db
from app.models import ApiToken, Cohort, Role, User
from tests.conftest import PASSWORD
from tests.factories import make_cohort, make_user

NEW_PASSWORD = "a-brand-new-secret"


def _user(app, username: str) -> User:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        db.session.expunge(user)
        return user


def _as_admin(auth, username: str = "boss") -> None:
    auth.create(username, role="admin")
    auth.login(username)


def test_people_lists_searches_and_filters(client, auth, app):
    _as_admin(auth)
    for name, role in [("ada_l", "student"), ("adam", "student"), ("grace", "instructor")]:
        auth.create(name, role=role)
    page = client.get("/admin/people").text
    assert "2 students, 1 instructor and 1 administrator." in page
    assert "4 accounts." in page and 'boss</a> <span class="muted">(you)</span>' in page
    found = client.get("/admin/people?q=ADA").text
    assert "ada_l" in found and "adam" in found and "grace" not in found
    # "_" and "%" are searched for as themselves, not as SQL wildcards
    assert "1 account." in client.get("/admin/people?q=a_l").text
    assert "0 accounts." in client.get("/admin/people?q=%25").text
    only = client.get("/admin/people?role=instructor").text
    assert "grace" in only and "adam" not in only and "1 account." in only


def test_people_pages(client, auth, app):
    _as_admin(auth)
    with app.app_context():
        for n in range(PEOPLE_PER_PAGE + 5):
            make_user(username=f"learner{n:03d}")
        db.session.commit()
    first = client.get("/admin/people").text
    assert f"{PEOPLE_PER_PAGE + 6} accounts, page 1 of 2." in first and 'rel="next"' in first
    second = client.get("/admin/people?page=2").text
    assert "learner054" in second and "learner000" not in second and 'rel="prev"' in second


def test_bad_list_arguments_are_a_clear_400(client, auth):
    _as_admin(auth)
    for query, message in [
        ("role=wizard", "no role called"),
        ("page=0", "whole number"),
        ("page=two", "whole number"),
        ("q=" + "x" * 65, "at most 64"),
    ]:
        response = client.get(f"/admin/people?{query}")
        assert response.status_code == 400 and message in response.text, query


def test_promoting_a_student_opens_the_instructors_pages(client, auth, app):
    _as_admin(auth)
    ada = auth.create("ada")
    response = client.post(f"/admin/people/{ada}/role", data={"role": "instructor"})
    assert response.status_code == 302
    assert "ada is now an instructor." in client.get(response.headers["Location"]).text
    assert _user(app, "ada").role is Role.INSTRUCTOR
    auth.logout()
    auth.login("ada")
    assert client.get("/instructor/").status_code == 200
    assert client.get("/admin/people").status_code == 403


def test_role_flash_reads_well(client, auth):
    _as_admin(auth)
    ada = auth.create("ada")
    page = client.post(f"/admin/people/{ada}/role", data={"role": "admin"}, follow_redirects=True)
    assert "ada is now an admin." in page.text
    page = client.post(f"/admin/people/{ada}/role", data={"role": "student"}, follow_redirects=True)
    assert "ada is now a student." in page.text


def test_the_last_administrator_keeps_the_role(client, auth, app):
    _as_admin(auth)
    boss = _user(app, "boss").id
    response = client.post(f"/admin/people/{boss}/role", data={"role": "student"})
    assert response.status_code == 400
    assert "boss is the only administrator" in response.text
    assert _user(app, "boss").role is Role.ADMIN


def test_an_administrator_may_step_down_when_another_remains(client, auth, app):
    auth.create("other", role="admin")
    _as_admin(auth)
    boss = _user(app, "boss").id
    response = client.post(f"/admin/people/{boss}/role", data={"role": "instructor"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert _user(app, "boss").role is Role.INSTRUCTOR
    assert "People</a>" not in client.get("/").text


def test_bad_role_or_missing_account(client, auth, app):
    _as_admin(auth)
    ada = auth.create("ada")
    assert client.post(f"/admin/people/{ada}/role", data={"role": "wizard"}).status_code == 400
    assert _user(app, "ada").role is Role.STUDENT
    assert client.get("/admin/people/99999").status_code == 404
    assert client.post("/admin/people/99999/role", data={"role": "admin"}).status_code == 404


def test_person_page_shows_classes(client, auth, app):
    _as_admin(auth)
    with app.app_context():
        teacher = make_user(username="grace", role="instructor")
        learner = make_user(username="ada")
        make_cohort(instructor=teacher, members=[learner])
        db.session.commit()
        teacher_id, learner_id = teacher.id, learner.id
    assert "<dt>Classes taught</dt><dd>1</dd>" in client.get(f"/admin/people/{teacher_id}").text
    page = client.get(f"/admin/people/{learner_id}").text
    assert "<dt>Classes joined</dt><dd>1</dd>" in page and "<dt>Role</dt><dd>Student</dd>" in page


def test_setting_a_new_password_replaces_the_old_and_revokes_tokens(client, auth, app):
    _as_admin(auth)
    ada = auth.create("ada")
    assert client.post("/api/v1/token", json={"username": "ada", "password": PASSWORD}).is_json
    response = client.post(
        f"/admin/people/{ada}/password",
        data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        follow_redirects=True,
    )
    assert "New password set for ada and 1 API token revoked." in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
    auth.logout()
    assert auth.login("ada").status_code == 400
    assert auth.login("ada", NEW_PASSWORD).status_code == 302


def test_a_bad_new_password_changes_nothing(client, auth, app):
    _as_admin(auth)
    ada = auth.create("ada")
    before = _user(app, "ada").password_hash
    for data, message in [
        ({"password": "short", "confirm": "short"}, "8 to 128"),
        ({"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}, "differ"),
    ]:
        response = client.post(f"/admin/people/{ada}/password", data=data)
        assert response.status_code == 400 and message in response.text
    assert _user(app, "ada").password_hash == before


def test_deleting_an_account_takes_its_classes_but_not_their_learners(client, auth, app):
    _as_admin(auth)
    with app.app_context():
        teacher = make_user(username="grace", role="instructor")
        learner = make_user(username="ada")
        make_cohort(instructor=teacher, members=[learner])
        db.session.commit()
        teacher_id = teacher.id
    page = client.get(f"/admin/people/{teacher_id}").text
    assert "and the 1 class it teaches" in page
    wrong = client.post(f"/admin/people/{teacher_id}/delete", data={"username": "Grace"})
    assert wrong.status_code == 400 and "Type grace exactly" in wrong.text
    assert _user(app, "grace") is not None
    response = client.post(f"/admin/people/{teacher_id}/delete", data={"username": "grace"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/people"
    with app.app_context():
        assert db.session.get(User, teacher_id) is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 0
        assert db.session.scalar(sa.select(User).where(User.username == "ada")) is not None
    assert "The account grace is deleted." in client.get("/admin/people").text


def test_the_only_administrator_cannot_delete_themselves(client, auth, app):
    _as_admin(auth)
    boss = _user(app, "boss").id
    response = client.post(f"/admin/people/{boss}/delete", data={"username": "boss"})
    assert response.status_code == 400 and "only administrator" in response.text
    auth.create("deputy", role="admin")
    response = client.post(f"/admin/people/{boss}/delete", data={"username": "boss"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/admin/people").status_code == 302  # logged out: sent to log in


def test_handing_over_classes_keeps_their_learners_and_frees_the_teacher(client, auth, app):
    _as_admin(auth)
    with app.app_context():
        teacher = make_user(username="grace", role="instructor")
        successor = make_user(username="hopper", role="instructor")
        make_user(username="ada")  # a student: not offered
        learner = make_user(username="lin")
        kept = make_cohort(instructor=teacher, members=[learner], name="Period 1")
        make_cohort(instructor=teacher, name="Last year", archived=True)
        db.session.commit()
        teacher_id, successor_id, code = teacher.id, successor.id, kept.join_code
    page = client.get(f"/admin/people/{teacher_id}").text
    assert "Hand over classes" in page
    offered = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', page.split("hand-over")[0])
    assert offered == ["boss", "hopper"]  # instructors and administrators, not grace herself
    response = client.post(f"/admin/people/{teacher_id}/classes", data={"successor": successor_id})
    assert response.status_code == 302
    assert "hopper now runs 2 classes of grace." in client.get(response.location).text
    with app.app_context():
        cohorts = db.session.scalars(sa.select(Cohort).order_by(Cohort.name)).all()
        assert {c.instructor_id for c in cohorts} == {successor_id}
        assert [len(c.memberships) for c in cohorts] == [0, 1] and code in {
            c.join_code for c in cohorts
        }
    page = client.get(f"/admin/people/{teacher_id}").text
    assert "<dt>Classes taught</dt><dd>0</dd>" in page and "Hand over classes" not in page
    deleted = client.post(f"/admin/people/{teacher_id}/delete", data={"username": "grace"})
    assert deleted.status_code == 302  # the classes are not deleted with the account
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 2


def test_classes_go_only_to_another_instructor(client, auth, app):
    _as_admin(auth)
    with app.app_context():
        teacher = make_user(username="grace", role="instructor")
        student = make_user(username="ada")
        make_cohort(instructor=teacher)
        db.session.commit()
        teacher_id, student_id = teacher.id, student.id
    url = f"/admin/people/{teacher_id}/classes"
    for successor in (teacher_id, student_id, "nobody", ""):
        response = client.post(url, data={"successor": successor})
        assert response.status_code == 400, successor
        assert "Not a valid choice" in response.text or "This field is required" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(Cohort.instructor_id)) == teacher_id
    assert (
        client.post("/admin/people/999/classes", data={"successor": teacher_id}).status_code == 404
    )
