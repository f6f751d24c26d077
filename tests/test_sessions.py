"""Sessions are Flask's signed cookies: forged or altered ones read as empty; forms post."""

from __future__ import annotations

from itsdangerous import URLSafeTimedSerializer

from tests.conftest import PASSWORD


def open_with(app, cookie: str):
    """The session the app reads from ``cookie``."""
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}) as context:
        return app.session_interface.open_session(app, context.request)


def test_a_forged_or_altered_cookie_is_an_empty_session(app, client, auth):
    auth.create("reader")
    auth.login("reader")
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value
    assert open_with(app, cookie).get("_user_id")
    payload, stamp, signature = cookie.rsplit(".", 2)
    altered = f"{payload}.{stamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    assert dict(open_with(app, altered)) == {}
    forged = URLSafeTimedSerializer("not-the-key", salt="cookie-session").dumps({"_user_id": "1"})
    assert dict(open_with(app, forged)) == {}


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
