"""Log-in limits count failures in the database: per username and per address for strangers,
per browser for one that logged in before; a class behind one router all gets in."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from app.accounts.limits import (
    KNOWN_BROWSER_COOKIE,
    LOGIN_LIMIT_MESSAGE,
    REAUTH_LIMIT_MESSAGE,
    TAKEN_LIMIT_MESSAGE,
    reserve_failure,
)
from app.extensions import db
from app.models import LoginFailure, Role, User
from tests.conftest import app_on_same_database
from tests.factories import DEFAULT_PASSWORD, clear_of_login_window_end

# the one slow hash of these tests' accounts: every check costs a millisecond, not 70
FAST_HASH = generate_password_hash(DEFAULT_PASSWORD, method="pbkdf2:sha256:1000")
SCHOOL = "198.51.100.7"


def _accounts(app, *names: str) -> None:
    with app.app_context():
        db.session.add_all(
            [User(username=name, role=Role.STUDENT, password_hash=FAST_HASH) for name in names]
        )
        db.session.commit()


@pytest.fixture(autouse=True)
def _one_window():
    """Each test's failures fall in one window of the counter."""
    clear_of_login_window_end()


@pytest.fixture
def limited_app(app):
    """An app on the test database with the log-in limits on, as in production."""
    _accounts(app, "victim", "other")
    yield from app_on_same_database(app, RATELIMIT_ENABLED=True)


def _attempt(client, username, password="wrong-password", address="10.0.0.1"):  # noqa: S107  (a wrong guess on purpose)
    return client.post(
        "/auth/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def _assert_limited(response, message=LOGIN_LIMIT_MESSAGE):
    assert response.status_code == 429, response.status_code
    assert message in response.get_data(as_text=True)
    assert re.search(r"Try again in [1-5] minutes?\.", response.get_data(as_text=True))
    assert 0 < int(response.headers["Retry-After"]) <= 300


def test_sixty_learners_behind_one_router_all_get_in_typos_and_all(app):
    names = [f"pupil{n}" for n in range(60)]
    _accounts(app, *names)
    for limited in app_on_same_database(app, RATELIMIT_ENABLED=True):
        for name in names:
            browser = limited.test_client()
            assert _attempt(browser, name, "pupil-typo", SCHOOL).status_code == 400
            assert _attempt(browser, name, DEFAULT_PASSWORD, SCHOOL).status_code == 302


def test_eleven_wrong_passwords_for_one_username_are_limited_but_not_its_owner(limited_app):
    owner = limited_app.test_client()
    assert _attempt(owner, "victim", DEFAULT_PASSWORD, "192.0.2.1").status_code == 302
    assert owner.get_cookie(KNOWN_BROWSER_COOKIE) is not None
    owner.post("/auth/logout")
    # someone else guesses from ten addresses, then an eleventh time
    guesser = limited_app.test_client()
    for i in range(10):
        assert _attempt(guesser, "victim", address=f"10.0.1.{i}").status_code == 400
    _assert_limited(_attempt(guesser, "VICTIM", address="10.0.2.1"))
    # a stranger waits even with the right password (or it would tell the guesser)
    _assert_limited(_attempt(limited_app.test_client(), "victim", DEFAULT_PASSWORD, "10.0.2.2"))
    # the owner's browser, from yet another address, gets in; and another account is untouched
    assert _attempt(owner, "victim", DEFAULT_PASSWORD, "203.0.113.50").status_code == 302
    other = limited_app.test_client()
    assert _attempt(other, "other", DEFAULT_PASSWORD, "10.0.2.3").status_code == 302


def test_the_owners_browser_has_a_limit_of_its_own(limited_app):
    owner = limited_app.test_client()
    assert _attempt(owner, "victim", DEFAULT_PASSWORD).status_code == 302
    owner.post("/auth/logout")
    for _ in range(10):
        assert _attempt(owner, "victim").status_code == 400
    _assert_limited(_attempt(owner, "victim", DEFAULT_PASSWORD))
    # its failures were its own: a stranger's first try is not refused
    assert _attempt(limited_app.test_client(), "victim", DEFAULT_PASSWORD).status_code == 302


def test_successes_are_not_counted(limited_app):
    for i in range(25):
        browser = limited_app.test_client()
        assert _attempt(browser, "victim", DEFAULT_PASSWORD, f"10.3.0.{i}").status_code == 302


def test_one_address_guessing_many_accounts_is_limited(app):
    _accounts(app, "other")
    for limited in app_on_same_database(app, RATELIMIT_ENABLED=True, LOGIN_FAILURES_PER_ADDRESS=20):
        client = limited.test_client()
        for i in range(20):
            assert _attempt(client, f"guess{i}", address="10.9.9.9").status_code == 400
        _assert_limited(_attempt(client, "other", DEFAULT_PASSWORD, "10.9.9.9"))
        assert _attempt(client, "other", DEFAULT_PASSWORD, "10.9.9.8").status_code == 302


def test_reading_the_login_page_is_not_counted(limited_app):
    client = limited_app.test_client()
    for _ in range(15):
        assert client.get("/auth/login").status_code == 200
    assert _attempt(client, "other", DEFAULT_PASSWORD).status_code == 302


def test_the_fixture_switches_limits_off(app):
    client = app.test_client()
    assert app.config["RATELIMIT_ENABLED"] is False
    for _ in range(12):
        assert _attempt(client, "nobody").status_code == 400


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(app):
    for limited in app_on_same_database(
        app, RATELIMIT_ENABLED=True, TRUSTED_PROXIES=1, LOGIN_FAILURES_PER_ADDRESS=10
    ):
        client = limited.test_client()

        def attempt(forwarded_for, username, client=client):
            return client.post(
                "/auth/login",
                data={"username": username, "password": "wrong-password"},
                environ_base={"REMOTE_ADDR": "127.0.0.1"},
                headers={"X-Forwarded-For": forwarded_for},
            )

        for i in range(10):
            assert attempt("203.0.113.7", f"guess{i}").status_code == 400
        assert attempt("203.0.113.7", "guess-more").status_code == 429
        assert attempt("203.0.113.8", "guess-more").status_code == 400


def test_trusted_proxies_must_be_a_number(app):
    from app import create_app

    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        create_app({**app.config, "TRUSTED_PROXIES": "nginx"})


def test_the_api_token_endpoint_is_limited_per_username_with_a_json_message(limited_app):
    client = limited_app.test_client()

    def attempt(address, password="wrong-password"):  # noqa: S107  (a wrong guess on purpose)
        return client.post(
            "/api/v1/token",
            json={"username": "victim", "password": password},
            environ_base={"REMOTE_ADDR": address},
        )

    for i in range(10):
        assert attempt(f"10.1.0.{i}").status_code == 401
    response = attempt("10.1.1.1", DEFAULT_PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"].startswith(LOGIN_LIMIT_MESSAGE)


def test_registrations_taken_answers_are_limited_per_address(app):
    _accounts(app, "taken1", "taken2", "taken3")
    for limited in app_on_same_database(app, RATELIMIT_ENABLED=True, TAKEN_USERNAMES_PER_ADDRESS=3):
        client = limited.test_client()

        def register(name, address="10.5.0.1", client=client):
            data = {"username": name, "password": "long-enough-1", "confirm": "long-enough-1"}
            return client.post("/auth/register", data=data, environ_base={"REMOTE_ADDR": address})

        for name in ("taken1", "taken2", "taken3"):
            response = register(name)
            assert response.status_code == 400 and "is taken" in response.get_data(as_text=True)
        _assert_limited(register("taken1"), TAKEN_LIMIT_MESSAGE)
        # a free name from there is refused too (else the answer tells), another address is not
        _assert_limited(register("free-name-1"), TAKEN_LIMIT_MESSAGE)
        assert register("free-name-1", "10.5.0.2").status_code == 302


def _signed_in(app, username):
    client = app.test_client()
    response = client.post("/auth/login", data={"username": username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def test_password_checks_of_a_signed_in_account_are_limited(limited_app):
    """Someone at a session left open cannot guess its password by changing it or deleting."""
    client = _signed_in(limited_app, "victim")
    change = {"current": "guess", "password": "new-password-1", "confirm": "new-password-1"}
    for n in range(10):
        if n % 2:
            assert client.post("/auth/password", data=change).status_code == 400
        else:
            response = client.post("/auth/delete", data={"confirm_password": "guess"})
            assert response.status_code == 400
    for path, data in (("/auth/password", change), ("/auth/delete", {"confirm_password": "x"})):
        _assert_limited(client.post(path, data=data), REAUTH_LIMIT_MESSAGE)
    assert client.get("/auth/password").status_code == 200  # reading the page is not a guess
    # another account, from the same address, is not held back
    other = _signed_in(limited_app, "other")
    assert other.post("/auth/password", data=change).status_code == 400


def test_the_count_is_conditional_in_the_database(app):
    with app.app_context():
        taken = [reserve_failure(db.session, "user:race", 10, 1000) for _ in range(15)]
        assert taken == [True] * 10 + [False] * 5
        assert db.session.scalar(sa.select(LoginFailure.failures)) == 10
        # a new window starts the count again
        assert reserve_failure(db.session, "user:race", 10, 1300)
        assert db.session.scalar(sa.select(LoginFailure.failures)) == 1
        db.session.rollback()
