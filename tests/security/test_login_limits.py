"""Log-in attempts are limited per address and per username, with a clear message."""

from __future__ import annotations

import pytest

from app import create_app
from app.extensions import db, limiter
from app.security import LOGIN_LIMIT_MESSAGE, REAUTH_LIMIT_MESSAGE
from tests.factories import DEFAULT_PASSWORD, make_user


@pytest.fixture
def limited_app(app):
    """An app on the test database with the limiter switched on (fresh memory storage)."""
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True})
    limiter.reset()
    with limited.app_context():
        make_user(username="victim")
        make_user(username="other")
        db.session.commit()
    yield limited
    limiter.reset()
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


def _attempt(client, username, password="wrong-password", address="10.0.0.1"):  # noqa: S107  (a wrong guess on purpose)
    return client.post(
        "/auth/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_ten_attempts_then_429_with_a_clear_message_per_username(limited_app):
    client = limited_app.test_client()
    # the same account guessed from ten different addresses
    for i in range(10):
        assert _attempt(client, "victim", address=f"10.0.1.{i}").status_code == 400
    response = _attempt(client, "VICTIM", address="10.0.2.1")
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.get_data(as_text=True)
    assert "Retry-After" in response.headers
    # even the right password waits, but another account from a fresh address is unaffected
    assert _attempt(client, "victim", DEFAULT_PASSWORD, address="10.0.3.1").status_code == 429
    assert _attempt(client, "other", DEFAULT_PASSWORD, address="10.0.3.2").status_code == 302


def test_one_address_trying_many_accounts_is_limited(limited_app):
    client = limited_app.test_client()
    for i in range(10):
        assert _attempt(client, f"guess{i}", address="10.9.9.9").status_code == 400
    response = _attempt(client, "other", DEFAULT_PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.get_data(as_text=True)
    assert _attempt(client, "other", DEFAULT_PASSWORD, address="10.9.9.8").status_code == 302


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


def test_storage_comes_from_the_configuration(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'l.db'}",
        }
    )
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["RATELIMIT_ENABLED"] is True


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(app):
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True, "TRUSTED_PROXIES": 1})
    limiter.reset()
    client = limited.test_client()

    def attempt(forwarded_for, username):
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
    limiter.reset()
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


def test_trusted_proxies_must_be_a_number(app):
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
    assert response.status_code == 429
    assert response.get_json() == {"error": LOGIN_LIMIT_MESSAGE}


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
        response = client.post(path, data=data)
        assert response.status_code == 429
        assert REAUTH_LIMIT_MESSAGE in response.get_data(as_text=True)
    assert client.get("/auth/password").status_code == 200  # reading the page is not a guess
    # another account, from the same address, is not held back
    other = _signed_in(limited_app, "other")
    assert other.post("/auth/password", data=change).status_code == 400
