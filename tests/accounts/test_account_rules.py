"""One set of username and password rules for registration, `flask users create` and resets."""

from __future__ import annotations

import statistics
import time

import sqlalchemy as sa

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD

GOOD = "long-enough-1"


def _usernames(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(User.username)))


def test_registration_refuses_a_name_with_a_trailing_newline(client, app):
    response = client.post(
        "/auth/register", data={"username": "ada\n", "password": GOOD, "confirm": GOOD}
    )
    assert response.status_code == 400
    assert "Use letters, digits" in response.get_data(as_text=True)
    assert _usernames(app) == []


def test_users_create_enforces_the_registration_rules(runner, app):
    for name, message in [
        ("", "3 to 64 characters"),
        ("ab", "3 to 64 characters"),
        ("bad name!", "Use letters, digits"),
        ("x" * 100, "3 to 64 characters"),
        ("ada\n", "Use letters, digits"),
    ]:
        result = runner.invoke(args=["users", "create", "--username", name], input=GOOD + "\n")
        assert result.exit_code == 2, (name, result.output)
        assert message in result.output, (name, result.output)
        assert "Traceback" not in result.output
    too_long = runner.invoke(args=["users", "create", "--username", "ada"], input="y" * 129 + "\n")
    assert too_long.exit_code == 2 and "8 to 128" in too_long.output
    assert _usernames(app) == []
    ok = runner.invoke(args=["users", "create", "--username", "ada"], input=GOOD + "\n")
    assert ok.exit_code == 0, ok.output
    assert _usernames(app) == ["ada"]


def _median_login_seconds(client, username: str, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.post("/auth/login", data={"username": username, "password": "wrong-1"})
        times.append(time.perf_counter() - started)
        assert response.status_code == 400
    return statistics.median(times)


def test_log_in_takes_as_long_for_an_unknown_username_as_for_a_known_one(client, auth):
    auth.create("ada")
    client.post("/auth/login", data={"username": "nobody", "password": "warm-up"})
    known = _median_login_seconds(client, "ada")
    unknown = _median_login_seconds(client, "nobody-here")
    # both check one password hash of the same cost (tens of milliseconds); without the dummy
    # hash an unknown name answered some twenty times faster
    assert unknown > known / 2, (unknown, known)


GUESSABLE = ["password", "12345678", "qwerty123", "iloveyou", "aaaaaaaaaa", "declaration1"]
TOO_EASY = "This password is too easy to guess."


def test_registration_refuses_common_and_breached_passwords(client, app):
    for password in GUESSABLE:
        response = client.post(
            "/auth/register", data={"username": "ada", "password": password, "confirm": password}
        )
        assert response.status_code == 400, password
        assert TOO_EASY in response.get_data(as_text=True), password
    assert _usernames(app) == []
    response = client.post(
        "/auth/register", data={"username": "ada", "password": GOOD, "confirm": GOOD}
    )
    assert response.status_code == 302


def test_a_password_change_refuses_them(client, auth, app):
    auth.create("ada")
    auth.login("ada")
    for password in GUESSABLE:
        data = {"current": PASSWORD, "password": password, "confirm": password}
        response = client.post("/auth/password", data=data)
        assert response.status_code == 400, password
        assert TOO_EASY in response.get_data(as_text=True), password
    auth.logout()
    assert auth.login("ada", PASSWORD).status_code == 302  # unchanged


def test_an_administrators_reset_refuses_them(client, auth, app):
    auth.create("boss", role="admin")
    ada = auth.create("ada")
    auth.login("boss")
    response = client.post(
        f"/admin/people/{ada}/password", data={"password": "password1", "confirm": "password1"}
    )
    assert response.status_code == 400
    assert TOO_EASY in response.get_data(as_text=True)
    auth.logout()
    assert auth.login("ada", PASSWORD).status_code == 302  # unchanged


def test_users_create_refuses_them(runner, app):
    for password in ["password", "12345678", "teach-teach"[:5] + "1234"]:
        result = runner.invoke(
            args=["users", "create", "--username", "teach"], input=password + "\n"
        )
        assert result.exit_code == 2, (password, result.output)
        assert TOO_EASY in result.output
    assert _usernames(app) == []
