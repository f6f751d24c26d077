"""quiz.js in Chromium at a test's deadline (issue 16, bugs 2, 9, 10): the page finishes itself,
a short answer typed but not left is saved, a late autosave leads to the score, and a note that
is not "Saved." does not look like one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from selenium.webdriver.support.ui import Select
from werkzeug.serving import make_server

from app.extensions import db
from app.models import Attempt, Response, ServedQuestion, utcnow
from tests.conftest import PASSWORD
from tests.e2e.browser import Browser
from tests.e2e.conftest import CHROMEDRIVER, CHROMIUM, SCREENSHOTS, _require_browser
from tests.factories import make_bank, make_user

pytestmark = pytest.mark.slow
WARNING_RED = "rgba(164, 38, 44, 1)"  # site.css --bad


@pytest.fixture
def served_app(app) -> Iterator[str]:
    """The test app on a local port (its own SQLite file), for a real browser."""
    _require_browser()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def browser(served_app) -> Iterator[Browser]:
    with Browser.start(served_app, CHROMIUM, CHROMEDRIVER, SCREENSHOTS) as session:
        yield session


def timed_test(app, username: str, seconds: int) -> tuple[int, dict[str, int]]:
    """A six-question test (one of each type) ending ``seconds`` from now; positions by type."""
    from app.quiz.starting import build_attempt

    with app.app_context():
        user = make_user(username=username, password=PASSWORD)
        now = utcnow()
        deadline = now + timedelta(seconds=seconds)
        attempt = build_attempt(
            db.session, user, [make_bank().id], "test", 6, time_limit=1, now=now, deadline=deadline
        )
        positions = {s.version.question.type: s.position for s in attempt.served_questions}
        db.session.commit()
        return attempt.id, positions


def log_in(browser: Browser, username: str) -> None:
    browser.get("/auth/login")
    browser.fill({"username": username, "password": PASSWORD})
    browser.click_button("Log in")


def attempt_state(app, attempt_id: int):
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        answers = dict(
            db.session.execute(
                sa.select(ServedQuestion.position, Response.answer)
                .join(Response, Response.served_id == ServedQuestion.id)
                .where(ServedQuestion.attempt_id == attempt_id)
            ).all()
        )
        return attempt.finished_at, attempt.deadline, answers


def test_the_page_finishes_itself_at_the_deadline_with_a_typed_answer_saved(app, browser):
    # 12 s: time for the log-in and the page to load on a busy machine before the deadline
    attempt_id, positions = timed_test(app, "racer", seconds=12)
    log_in(browser, "racer")
    browser.get(f"/quiz/attempts/{attempt_id}")
    assert browser.find("#time-left").text.endswith(" s")
    box = browser.find(f"input[name='q{positions['short_answer']}']")
    box.send_keys("Moscow")  # typed, never left: no "change" event
    browser.wait_until(lambda: browser.find_all(".saved-note")[positions["short_answer"] - 1]
                       .text == "Saved.")  # fmt: skip
    browser.screenshot("students-test-before-deadline")
    # nobody presses anything: at the deadline the page finishes the test by itself
    browser.wait_until(lambda: browser.path.endswith(f"/attempts/{attempt_id}/review"), timeout=25)
    assert "Score:" in browser.text()
    browser.screenshot("students-test-finished-by-deadline")
    finished_at, deadline, answers = attempt_state(app, attempt_id)
    assert finished_at is not None and finished_at <= deadline
    assert answers == {positions["short_answer"]: "Moscow"}
    assert not browser.console_errors()


def test_a_click_after_the_deadline_leads_to_the_score(app, browser):
    attempt_id, positions = timed_test(app, "late", seconds=600)
    log_in(browser, "late")
    browser.get(f"/quiz/attempts/{attempt_id}")
    with app.app_context():  # time runs out while the page is open (the laptop slept)
        db.session.execute(
            sa.update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(deadline=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    fieldset = browser.find(f"fieldset[data-position='{positions['true_false']}']")
    browser.click(fieldset.find_element("css selector", "input[type=radio]"))
    browser.wait_until(lambda: browser.path.endswith(f"/attempts/{attempt_id}/review"))
    assert "Time was up" in browser.text() and "Score:" in browser.text()
    finished_at, deadline, answers = attempt_state(app, attempt_id)
    assert finished_at == deadline and answers == {}


def test_a_note_that_is_not_saved_is_not_green(app, browser):
    attempt_id, positions = timed_test(app, "sorter", seconds=600)
    log_in(browser, "sorter")
    browser.get(f"/quiz/attempts/{attempt_id}")
    fieldset = browser.find(f"fieldset[data-position='{positions['matching']}']")
    note = fieldset.find_element("css selector", ".saved-note")
    Select(fieldset.find_element("css selector", "select")).select_by_index(1)
    browser.wait_until(lambda: "Not saved yet" in note.text)
    assert note.value_of_css_property("color") == WARNING_RED
    choice = browser.find(f"fieldset[data-position='{positions['multiple_choice']}']")
    browser.click(choice.find_element("css selector", "input[type=radio]"))
    saved_note = choice.find_element("css selector", ".saved-note")
    browser.wait_until(lambda: saved_note.text == "Saved.")
    assert saved_note.value_of_css_property("color") != WARNING_RED
