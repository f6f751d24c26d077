"""Inside an LMS frame, over HTTPS: SameSite=None; Secure cookies on the LTI paths only."""

from __future__ import annotations

import pytest

from tests.lti.conftest import oidc_login
from tests.lti.platform import LEARNER

FRAMED = {"Sec-Fetch-Dest": "iframe"}


@pytest.fixture
def https_client(app, registered):
    """A browser on the HTTPS site (cookies Secure, as in production)."""
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def _cookie(response, name: str) -> str:
    found = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name)]
    assert found, response.headers.getlist("Set-Cookie")
    return found[0]


def _launch(client, lms, headers):
    auth = oidc_login(client, lms)
    token = lms.sign(lms.claims(auth["nonce"], roles=(LEARNER,)))
    data = {"id_token": token, "state": auth["state"]}
    return client.post("/lti/launch", data=data, headers=headers)


def test_state_cookie_is_cross_site_and_kept_to_the_lti_paths(https_client, registered):
    data = {"iss": registered.issuer, "login_hint": "h", "client_id": registered.client_id}
    response = https_client.post("/lti/login?cookies=1", data=data, headers=FRAMED)
    state = _cookie(response, "lti1p3-state-")  # named after the state itself
    for part in ("Secure", "HttpOnly", "SameSite=None", "Partitioned", "Path=/lti/"):
        assert part in state


def test_framed_launch_sets_a_cross_site_session_cookie(https_client, registered):
    response = _launch(https_client, registered, FRAMED)
    assert response.status_code == 200, response.get_data(as_text=True)
    session = _cookie(response, "session=")
    assert "SameSite=None" in session and "Secure" in session and "Partitioned" in session


def test_top_level_launch_and_other_pages_keep_lax_cookies(https_client, registered, auth):
    response = _launch(https_client, registered, {"Sec-Fetch-Dest": "document"})
    assert response.status_code == 302
    session = _cookie(response, "session=")
    assert "SameSite=Lax" in session and "Partitioned" not in session
    other = https_client.application.test_client()
    other.environ_base["wsgi.url_scheme"] = "https"
    auth.create("ana")
    login = other.post("/auth/login", data={"username": "ana", "password": "correct-horse-battery"},
                       headers=FRAMED)  # fmt: skip
    assert "SameSite=Lax" in _cookie(login, "session=")  # not an LTI path: unchanged
    assert login.headers["X-Frame-Options"] == "DENY"
