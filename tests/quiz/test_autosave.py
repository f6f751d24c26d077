"""quiz.js in Chromium: a half-filled matching or ordering question is not sent until complete."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from selenium.webdriver.support.ui import Select
from werkzeug.serving import make_server

from app.extensions import db
from app.models import Response, ServedQuestion, utcnow
from app.quiz.starting import build_attempt
from tests.conftest import PASSWORD
from tests.e2e.browser import Browser
from tests.e2e.conftest import CHROMEDRIVER, CHROMIUM, SCREENSHOTS, _require_browser
from tests.factories import make_bank, make_user

pytestmark = pytest.mark.slow


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


def saved(app, attempt_id: int, position: int):
    with app.app_context():
        return db.session.scalar(
            sa.select(Response.answer)
            .join(ServedQuestion, ServedQuestion.id == Response.served_id)
            .where(ServedQuestion.attempt_id == attempt_id, ServedQuestion.position == position)
        )


def test_autosave_waits_for_every_item_of_matching_and_ordering(app, served_app):
    with app.app_context():
        user = make_user(username="sorter", password=PASSWORD)
        attempt = build_attempt(db.session, user, [make_bank().id], "test", 6, now=utcnow())
        positions = {s.version.question.type: s.position for s in attempt.served_questions}
        attempt_id = attempt.id
        db.session.commit()
    with Browser.start(served_app, CHROMIUM, CHROMEDRIVER, SCREENSHOTS) as browser:
        browser.get("/auth/login")
        browser.fill({"username": "sorter", "password": PASSWORD})
        browser.click_button("Log in")
        browser.get(f"/quiz/attempts/{attempt_id}")
        for qtype in ("matching", "ordering"):
            position = positions[qtype]
            fieldset = browser.find(f"fieldset[data-position='{position}']")
            note = fieldset.find_element("css selector", ".saved-note")
            if qtype == "ordering":  # js/arrange.js: a list to drag, its selects hidden;
                # one move places every item at once, so it is saved at once
                move = fieldset.find_element("css selector", ".sortable .move-down")
                # as a reader scrolls to it: WebDriver's own scroll puts it under the sticky bar
                centre = "arguments[0].scrollIntoView({block: 'center'})"
                browser.driver.execute_script(centre, move)
                move.click()
                browser.wait_until(lambda note=note: note.text == "Saved.")
                assert saved(app, attempt_id, position) is not None, qtype
                continue
            selects = [Select(s) for s in fieldset.find_elements("css selector", "select")]
            assert len(selects) >= 2
            for index, select in enumerate(selects[:-1]):
                select.select_by_index(1 + index)
                browser.wait_until(lambda note=note: "Not saved yet" in note.text)
            assert saved(app, attempt_id, position) is None
            selects[-1].select_by_index(len(selects))
            browser.wait_until(lambda note=note: note.text == "Saved.")
            assert saved(app, attempt_id, position) is not None, qtype
        # nothing was refused on the way: no 400 (or any other error) in the console
        assert not browser.console_errors()
