"""Register, log in, log out, change password, and `flask users create`."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Role, User
from tests.factories import DEFAULT_PASSWORD as PASSWORD


def test_register_logs_in_and_hashes_the_password(client, app):
    response = client.post(
        "/auth/register",
        data={"username": "ada", "password": "long-enough-1", "confirm": "long-enough-1"},
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "ada"))
        assert user.role is Role.STUDENT
        assert user.password_hash != "long-enough-1" and user.check_password("long-enough-1")
    assert "Account (ada)" in client.get("/").get_data(as_text=True)


def test_register_refuses_taken_names_and_bad_input(client, auth):
    auth.create("ada")
    for data, message in [
        ({"username": "ADA", "password": "long-enough-1", "confirm": "long-enough-1"}, "is taken"),
        ({"username": "bob", "password": "short", "confirm": "short"}, "8 to 128"),
        ({"username": "bob", "password": "long-enough-1", "confirm": "different-1"}, "differ"),
        (
            {"username": "b b<script>", "password": "long-enough-1", "confirm": "long-enough-1"},
            "Use letters",
        ),
    ]:
        response = client.post("/auth/register", data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)


def test_login_logout(client, auth):
    auth.create("ada")
    response = auth.login("ada", "wrong-password")
    assert response.status_code == 400
    assert "Unknown username or wrong password" in response.get_data(as_text=True)
    assert auth.login("ada").status_code == 302
    assert "Log out" in client.get("/").get_data(as_text=True)
    auth.logout()
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_login_redirects_only_to_local_next(client, auth):
    auth.create("ada")
    response = client.post(
        "/auth/login?next=https://evil.example/",
        data={"username": "ada", "password": "correct-horse-battery"},
    )
    assert response.headers["Location"] == "/next"
    auth.logout()
    response = client.post(
        "/auth/login?next=/lessons/", data={"username": "ada", "password": "correct-horse-battery"}
    )
    assert response.headers["Location"] == "/lessons/"


def test_change_password(client, auth, app):
    auth.create("ada")
    auth.login("ada")
    bad = client.post(
        "/auth/password",
        data={"current": "nope-nope", "password": "new-password-1", "confirm": "new-password-1"},
    )
    assert bad.status_code == 400 and "not right" in bad.get_data(as_text=True)
    ok = client.post(
        "/auth/password",
        data={
            "current": "correct-horse-battery",
            "password": "new-password-1",
            "confirm": "new-password-1",
        },
    )
    assert ok.status_code == 302
    auth.logout()
    assert auth.login("ada", "new-password-1").status_code == 302


def test_password_page_needs_login(client):
    response = client.get("/auth/password")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_users_create_reads_password_from_stdin(runner, app):
    result = runner.invoke(
        args=["users", "create", "--username", "teach", "--role", "instructor"],
        input="a-good-password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "teach"))
        assert user.role is Role.INSTRUCTOR and user.check_password("a-good-password")
    again = runner.invoke(
        args=["users", "create", "--username", "teach"], input="a-good-password\n"
    )
    assert again.exit_code == 2 and "taken" in again.output
    short = runner.invoke(args=["users", "create", "--username", "other"], input="short\n")
    assert short.exit_code == 2 and "8 to 128" in short.output


def _time_zone_of(app, username: str) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(User.time_zone).where(User.username == username))


def test_login_and_register_keep_the_browsers_time_zone(client, auth, app):
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'name="time_zone" type="hidden"' in page and "js/time-zone.js" in page
    auth.create("learner")
    assert _time_zone_of(app, "learner") == "UTC"
    response = client.post(
        "/auth/login",
        data={"username": "learner", "password": PASSWORD, "time_zone": "America/Los_Angeles"},
    )
    assert response.status_code == 302
    assert _time_zone_of(app, "learner") == "America/Los_Angeles"
    auth.logout()
    response = client.post(
        "/auth/register",
        data={"username": "kenji", "password": "long-enough-1", "confirm": "long-enough-1",
              "time_zone": "Asia/Tokyo"},
    )  # fmt: skip
    assert response.status_code == 302 and _time_zone_of(app, "kenji") == "Asia/Tokyo"


def test_an_unknown_time_zone_changes_nothing_and_still_logs_in(client, auth, app):
    auth.create("learner")
    client.post("/auth/login", data={"username": "learner", "password": PASSWORD,
                                     "time_zone": "Europe/Paris"})  # fmt: skip
    auth.logout()
    for name in ("Mars/Olympus_Mons", "../../etc/passwd", "x" * 500):
        response = client.post(
            "/auth/login", data={"username": "learner", "password": PASSWORD, "time_zone": name}
        )
        assert response.status_code == 302, name
        auth.logout()
    assert _time_zone_of(app, "learner") == "Europe/Paris"
