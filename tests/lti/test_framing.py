"""Inside an LMS frame, over HTTPS: the framed launch's own SameSite=None; Secure; Partitioned
session, and a framing policy naming the platform on its pages only."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.lti.models import GradeStatus, LtiGradeSend
from app.models import Attempt, AttemptState, Response
from tests.lti.conftest import oidc_login
from tests.lti.platform import LEARNER
from tests.quiz.helpers import right_form

FRAMED = {"Sec-Fetch-Dest": "iframe"}
TOP = {"Sec-Fetch-Dest": "document"}


@pytest.fixture
def https_client(app, registered):
    """A browser on the HTTPS site (cookies Secure, as in production)."""
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    return _browser(app)


def _browser(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def _cookies(response, name: str) -> list[str]:
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]


def _cookie(response, name: str) -> str:
    found = _cookies(response, name)
    assert found, response.headers.getlist("Set-Cookie")
    return found[0]


def _launch(client, lms, headers, **claims):
    auth = oidc_login(client, lms)
    claims.setdefault("roles", (LEARNER,))
    token = lms.sign(lms.claims(auth["nonce"], **claims))
    data = {"id_token": token, "state": auth["state"]}
    return client.post("/lti/launch", data=data, headers=headers)


def _frames_for(response, lms) -> bool:
    policy = response.headers["Content-Security-Policy"]
    return f"frame-ancestors {lms.url}" in policy and "X-Frame-Options" not in response.headers


def _denies_frames(response) -> bool:
    policy = response.headers["Content-Security-Policy"]
    return "frame-ancestors 'none'" in policy and response.headers["X-Frame-Options"] == "DENY"


def test_state_cookie_is_cross_site_and_kept_to_the_lti_paths(https_client, registered):
    data = {"iss": registered.issuer, "login_hint": "h", "client_id": registered.client_id}
    response = https_client.post("/lti/login?cookies=1", data=data, headers=FRAMED)
    (state,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("lti1p3-state-")]
    for part in ("Secure", "HttpOnly", "SameSite=None", "Partitioned", "Path=/lti/"):
        assert part in state


def test_framed_launch_begins_the_frames_own_session(https_client, registered):
    response = _launch(https_client, registered, FRAMED)
    assert response.status_code == 302 and response.location == "/next"  # in the frame
    framed = _cookie(response, "lti_session")
    for part in ("Secure", "HttpOnly", "SameSite=None", "Partitioned", "Path=/"):
        assert part in framed
    assert not _cookies(response, "session")  # the site's own log-in cookie is not touched
    page = https_client.get("/next", headers=FRAMED)
    assert page.status_code == 200 and "Log out" in page.get_data(as_text=True)
    assert _frames_for(page, registered)


def test_framed_session_is_never_read_by_a_top_level_page(https_client, registered):
    _launch(https_client, registered, FRAMED)
    top = https_client.get("/next", headers=TOP)  # a browser without partitioned cookies
    assert top.status_code == 302 and "/auth/login" in top.location
    assert _denies_frames(top)


def test_learner_takes_a_quiz_in_the_frame_and_the_score_goes_back(
    app, https_client, registered, bank
):
    started = _launch(https_client, registered, FRAMED, resource="test:preamble:10")
    assert started.location.startswith("/quiz/attempts/")
    attempt_id = int(started.location.rsplit("/", 1)[1])
    page = https_client.get(started.location, headers=FRAMED)
    assert page.status_code == 200 and _frames_for(page, registered)
    with app.app_context():
        served = db.session.get(Attempt, attempt_id).served_questions
        answers = {k: v for item in served for k, v in right_form(item).items()}
    url = f"/quiz/attempts/{attempt_id}/answers"
    saved = https_client.post(url, data=answers, headers=FRAMED)
    assert saved.status_code in (302, 303) and _frames_for(saved, registered)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == len(served)
    finished = https_client.post(url, data={"finish": "1"}, headers=FRAMED)
    assert finished.status_code in (302, 303), finished.get_data(as_text=True)
    finished.close()  # the grade goes once the response is sent
    review = https_client.get(finished.location, headers=FRAMED)
    assert review.status_code == 200 and _frames_for(review, registered)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.state is AttemptState.FINISHED and attempt.score == attempt.max_score
        assert db.session.scalar(sa.select(LtiGradeSend.status)) is GradeStatus.SENT
    (score,) = registered.scores
    assert score["userId"] == "learner-1" and score["scoreGiven"] == attempt.score


def test_log_out_in_the_frame_ends_the_frames_session(https_client, registered):
    _launch(https_client, registered, FRAMED)
    out = https_client.post("/auth/logout", headers=FRAMED)
    assert "SameSite=None" in _cookie(out, "lti_session")
    assert https_client.get("/next", headers=FRAMED).status_code == 302  # logged out


def test_top_level_launch_and_other_pages_keep_lax_cookies(app, https_client, registered, auth):
    response = _launch(https_client, registered, TOP)
    assert response.status_code == 302
    session = _cookie(response, "session")
    assert "SameSite=Lax" in session and "Partitioned" not in session
    assert not _cookies(response, "lti_session")
    assert _denies_frames(https_client.get("/next"))  # a top-level session: not framed
    other = _browser(app)
    auth.create("ana")
    login = other.post("/auth/login", data={"username": "ana", "password": "correct-horse-battery"},
                       headers=FRAMED)  # fmt: skip
    assert "SameSite=Lax" in _cookie(login, "session")  # not an LTI path: unchanged
    assert login.headers["X-Frame-Options"] == "DENY"


def test_plain_http_site_opens_a_framed_launch_in_a_new_window(client, registered):
    # no Secure cookies, so no cross-site ones: the frame could keep no session
    response = _launch(client, registered, FRAMED)
    assert response.status_code == 200
    assert 'href="/lti/enter/' in response.get_data(as_text=True)
    assert not _cookies(response, "lti_session")
