"""Every instructor page refuses students and others' cohorts, and every form needs CSRF."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Cohort, Role
from tests.factories import make_cohort, make_question, make_section, make_user


@pytest.fixture
def world(app, auth, lessons_dir, curriculum):
    """Two instructors, a cohort of the other one with a member, a question; the ids."""
    auth.create("teacher", "instructor")
    auth.create("pupil")
    with app.app_context():
        other = make_user(username="other", role=Role.INSTRUCTOR)
        member = make_user(username="member")
        theirs = make_cohort(instructor=other, members=[member])
        question = make_question(section=make_section(id="extra-section"))
        db.session.commit()
        return {
            "cohort_id": theirs.id,
            "user_id": member.id,
            "section_id": "preamble",
            "number": 1,
            "question_id": question.id,
        }


INSTRUCTOR_BLUEPRINTS = ("instructor", "lesson_editing", "bank")  # classes', lessons', bank's


def instructor_routes(app):
    """(method, rule) of every instructor route."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in INSTRUCTOR_BLUEPRINTS:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule


def teacher_user():
    from app.models import User

    return db.session.scalar(sa.select(User).where(User.username == "teacher"))


def _fill(rule, values):
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule.rule)


def test_the_route_list_is_complete(app):
    endpoints = {rule.endpoint for _, rule in instructor_routes(app)}
    assert {"instructor.index", "instructor.dashboard", "lesson_editing.edit_lesson"} <= endpoints
    assert len(endpoints) >= 17


def test_anonymous_visitors_are_sent_to_log_in(client, app, world):
    for method, rule in instructor_routes(app):
        response = client.open(_fill(rule, world), method=method)
        assert response.status_code == 302, (method, rule.rule)
        assert "/auth/login" in response.headers["Location"]


def test_students_get_403_on_every_instructor_page(client, auth, app, world):
    auth.login("pupil")
    for method, rule in instructor_routes(app):
        response = client.open(_fill(rule, world), method=method)
        assert response.status_code == 403, (method, rule.rule, response.status_code)


def test_other_instructors_cohorts_are_403_and_unknown_ones_404(client, auth, app, world):
    auth.login("teacher")
    cohort_rules = [(m, r) for m, r in instructor_routes(app) if "cohort_id" in r.arguments]
    assert len(cohort_rules) >= 4
    for method, rule in cohort_rules:
        response = client.open(_fill(rule, world), method=method)
        assert response.status_code == 403, (method, rule.rule)
        missing = client.open(_fill(rule, {**world, "cohort_id": 999999}), method=method)
        assert missing.status_code == 404, (method, rule.rule)
    with app.app_context():
        assert db.session.get(Cohort, world["cohort_id"]).archived is False


def test_a_learner_outside_the_cohort_is_404(client, auth, app, world):
    auth.login("teacher")
    with app.app_context():
        mine = make_cohort(instructor=teacher_user())
        db.session.commit()
        url = f"/instructor/classes/{mine.id}/learners/{world['user_id']}"
    assert client.get(url).status_code == 404


def test_an_admin_may_open_any_cohort(client, auth, app, world):
    auth.create("boss", "admin")
    auth.login("boss")
    assert client.get(f"/instructor/classes/{world['cohort_id']}").status_code == 200


def test_every_post_needs_a_csrf_token(client, auth, app, world):
    auth.login("teacher")
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        mine_id = make_cohort(instructor=teacher_user()).id
        db.session.commit()
    values = {**world, "cohort_id": mine_id}
    posts = [rule for method, rule in instructor_routes(app) if method == "POST"]
    assert len(posts) >= 7
    for rule in posts:
        response = client.post(_fill(rule, values), data={"name": "x", "reason": "x"})
        assert response.status_code == 400, rule.rule
        assert "CSRF" in response.get_data(as_text=True)
    assert client.post("/classes/join", data={"code": "ABC"}).status_code == 400
    # with the token from the page, the same request goes through
    page = client.get("/instructor/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    created = client.post("/instructor/classes", data={"name": "Real", "csrf_token": token})
    assert created.status_code == 302


def test_forms_carry_a_csrf_token(client, auth, app, world):
    auth.login("teacher")
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        mine_id = make_cohort(instructor=teacher_user()).id
        db.session.commit()
    pages = [
        "/instructor/",
        f"/instructor/classes/{mine_id}",
        "/instructor/lessons/preamble/edit",
        "/instructor/lessons/preamble/history",
        f"/instructor/questions/{world['question_id']}",
        f"/instructor/questions/{world['question_id']}/edit",
        "/instructor/questions/new",
        "/classes/",
        "/classes/join",
    ]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        post_forms = len(re.findall(r'<form method="post"', html))
        assert post_forms >= 1, url
        assert html.count('name="csrf_token"') >= post_forms, url
