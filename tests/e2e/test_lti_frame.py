"""Inside an LMS frame in Chromium: a course page of the test LMS (on 127.0.0.1) frames the tool
(on localhost, another site), and a learner launched into a test takes it in the iframe; the
answers are saved as they are given, the test finished and the score sent to the LMS."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from werkzeug.serving import make_server

from app.extensions import db
from app.lti.keys import http_session
from app.lti.models import LtiGradeSend
from app.lti.platforms import register_platform
from app.models import Attempt, AttemptState, Response, ServedQuestion, utcnow
from tests.e2e.browser import Browser
from tests.e2e.conftest import CHROMEDRIVER, CHROMIUM, SCREENSHOTS, _require_browser
from tests.lti import platform as test_lms
from tests.lti.conftest import platform_fields
from tests.lti.platform import LEARNER, RunningLms

pytestmark = pytest.mark.slow


@pytest.fixture
def lms() -> Iterator[test_lms.TestLms]:
    running = RunningLms()
    yield running.lms
    running.stop()


@pytest.fixture
def tool(app, lms, bank) -> Iterator[str]:
    """The tool on localhost, as over HTTPS (Secure cookies: Chromium keeps them on
    http://localhost), CSRF on, the test LMS registered."""
    _require_browser()
    app.config.update(SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://localhost:{server.server_port}"
    with app.app_context():
        register_platform(db.session, platform_fields(lms), http_session(), utcnow())
        db.session.commit()
    lms.tool_jwks = app.test_client().get("/lti/jwks").get_json()
    lms.tool_url = url
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def browser(lms, tool) -> Iterator[Browser]:
    with Browser.start(lms.url, CHROMIUM, CHROMEDRIVER, SCREENSHOTS) as session:
        yield session


def _responses(app, attempt_id: int) -> int:
    with app.app_context():
        count = (
            sa.select(sa.func.count())
            .select_from(Response)
            .join(ServedQuestion, ServedQuestion.id == Response.served_id)
            .where(ServedQuestion.attempt_id == attempt_id)
        )
        return db.session.scalar(count)


def test_learner_takes_a_test_inside_the_lms_frame(app, lms, tool, browser):
    lms.launch_claims = {"sub": "learner-9", "roles": (LEARNER,), "resource": "test:preamble:10"}
    browser.get("/course")
    frame = browser.wait_for("iframe#tool")
    browser.driver.switch_to.frame(frame)
    # the cookie check, the OIDC log-in, the platform's auth and the launch, all in the frame
    browser.wait_for("form.test-form", timeout=20)
    assert browser.driver.execute_script("return window.top !== window.self")
    # Chromium kept the frame's own cookie (Secure over http://localhost) and no Lax one
    cookies = {c["name"]: c for c in browser.driver.get_cookies()}
    assert "session" not in cookies
    assert cookies["lti_session"]["sameSite"] == "None" and cookies["lti_session"]["secure"]
    with app.app_context():
        attempt_id = db.session.scalar(sa.select(Attempt.id))
    radio = browser.find("form.test-form input[type=radio]")
    browser.click(radio)
    browser.wait_until(lambda: _responses(app, attempt_id) == 1)  # autosaved in the frame
    browser.click_button("Save and finish")
    review = f"{tool}/quiz/attempts/{attempt_id}/review"
    browser.wait_until(lambda: browser.driver.execute_script("return location.href") == review)
    assert "score" in browser.text("main").lower()
    browser.driver.switch_to.default_content()
    assert browser.find("h1").text == "Course page"  # still the LMS's page around it
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.state is AttemptState.FINISHED
        # sent once the finishing response has gone (a busy machine may take a while)
        try:
            browser.wait_until(lambda: len(lms.scores) == 1, timeout=60)
        except TimeoutException:
            log = db.session.execute(sa.select(LtiGradeSend.status, LtiGradeSend.last_error))
            pytest.fail(f"no score at the LMS; the grade log: {log.all()}")
    (score,) = lms.scores
    assert score["userId"] == "learner-9" and score["scoreGiven"] == attempt.score
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "body > a[target=_blank]")
