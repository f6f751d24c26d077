"""app.sessions: a cookie's signature checked once per process, CSRF tokens signed once a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import session
from flask_wtf.csrf import validate_csrf
from itsdangerous import URLSafeTimedSerializer

from app import sessions
from app.sessions import VerifiedCookieSessions
from tests.conftest import PASSWORD


@pytest.fixture
def clock(monkeypatch):
    """Time as both this module and itsdangerous read it, moved by hand."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(sessions.time, "time", lambda: now["t"])
    return now


def _cookie(client, app) -> str:
    return client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value


def open_with(app, cookie: str):
    """The session the app reads from ``cookie``."""
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}) as context:
        return app.session_interface.open_session(app, context.request)


def signed_in_cookie(app, client, auth) -> str:
    auth.create("reader")
    auth.login("reader")
    return _cookie(client, app)


def test_the_app_reads_sessions_this_way(app):
    assert isinstance(app.session_interface, VerifiedCookieSessions)


def test_a_known_cookie_reads_the_same_and_each_reader_gets_its_own_copy(app, client, auth):
    cookie = signed_in_cookie(app, client, auth)
    first = open_with(app, cookie)
    assert first.get("_user_id")
    first["_user_id"] = "someone else"
    first["extra"] = [1]
    again = open_with(app, cookie)
    assert again["_user_id"] != "someone else" and "extra" not in again
    assert dict(again) == dict(open_with(app, cookie))
    assert client.get("/progress/").status_code == 200  # still signed in


def test_a_forged_or_altered_cookie_is_an_empty_session(app, client, auth):
    cookie = signed_in_cookie(app, client, auth)
    open_with(app, cookie)  # known now
    payload, stamp, signature = cookie.rsplit(".", 2)
    altered = f"{payload}.{stamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    assert dict(open_with(app, altered)) == {}
    forged = URLSafeTimedSerializer("not-the-key", salt="cookie-session").dumps({"_user_id": "1"})
    assert dict(open_with(app, forged)) == {}


def test_a_cookie_too_old_is_refused_even_when_known(app, client, auth, clock):
    app.permanent_session_lifetime = timedelta(hours=1)
    cookie = signed_in_cookie(app, client, auth)
    assert open_with(app, cookie).get("_user_id")
    clock["t"] += 3599
    assert open_with(app, cookie).get("_user_id")
    clock["t"] += 2
    assert dict(open_with(app, cookie)) == {}
    clock["t"] -= 3 * 3600  # a clock set back: a cookie from the future is refused as well
    assert dict(open_with(app, cookie)) == {}


def test_the_cache_is_bounded(app, monkeypatch):
    monkeypatch.setattr(sessions, "VERIFIED_COOKIES", 4)
    reader = VerifiedCookieSessions()
    for n in range(9):
        reader._remember(f"cookie-{n}", 0, "{}")
    assert len(reader._verified) <= 4 and "cookie-8" in reader._verified


def test_a_csrf_token_is_reused_within_a_minute_and_always_valid(app, clock):
    with app.test_request_context("/"):
        first = sessions.csrf_token()  # the session had no raw token: Flask-WTF makes one
        raw = session["csrf_token"]
    with app.test_request_context("/"):
        session["csrf_token"] = raw
        validate_csrf(first)
        again = sessions.csrf_token()
        validate_csrf(again)
        clock["t"] += sessions.CSRF_TOKEN_REUSE_SECONDS
        later = sessions.csrf_token()
        validate_csrf(later)
    assert again != later
    with app.test_request_context("/"):
        session["csrf_token"] = raw
        clock["t"] += 1
        assert sessions.csrf_token() == later
        session["csrf_token"] = "another session's raw token"
        assert sessions.csrf_token() != later


def test_pages_carry_tokens_that_post(app, client, auth):
    app.config["WTF_CSRF_ENABLED"] = True
    auth.create("poster")
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/auth/login", data={"csrf_token": token, "username": "poster", "password": PASSWORD}
    )
    assert response.status_code == 302
    page = client.get("/progress/").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/progress/").status_code == 302  # logged out: sent to the log-in page
