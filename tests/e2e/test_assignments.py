"""An instructor assigns a timed test in Chromium: 50 % extra time for one learner, two learners
take it (one late), the answers wait for the due date, and the gradebook and its CSV show it."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Attempt, Cohort, Section

from .browser import answer_question
from .conftest import INSTRUCTOR, JOIN_CODE

pytestmark = pytest.mark.slow
ANA = ("ana_e2e", "ana-e2e-password-1")
BEN = ("ben_e2e", "ben-e2e-password-1")
LOCAL = "%Y-%m-%dT%H:%M"


@pytest.fixture(scope="module")
def seeded(live_server):
    """Two learners in the instructor's class; the class and a section's ids."""
    from app.accounts.accounts import create_user
    from app.classes.cohorts import join_cohort

    with live_server.app.app_context():
        for username, password in (ANA, BEN):
            join_cohort(db.session, create_user(db.session, username, password), JOIN_CODE)
        cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == JOIN_CODE))
        section = db.session.scalars(sa.select(Section).order_by(Section.order)).all()[1]
        db.session.commit()
        return {"cohort": cohort.id, "zone": cohort.time_zone, "section": section.id}


def _login(browser, username, password):
    browser.logout()
    browser.get("/auth/login")
    browser.fill({"username": username, "password": password})
    browser.click_button("Log in")
    assert f"Logged in as {username}" in browser.text()


def _take_the_test(browser) -> None:
    browser.get("/next")
    browser.click_link("Timed test")
    browser.click_button("Start")
    for fieldset in browser.find_all("fieldset.question"):
        answer_question(fieldset)
    browser.click_button("Save and finish")


def _deadlines(live_server) -> dict[str, timedelta]:
    from app.models import User

    with live_server.app.app_context():
        rows = db.session.execute(
            sa.select(User.username, Attempt.started_at, Attempt.deadline)
            .join(User, User.id == Attempt.user_id)
            .where(Attempt.assignment_id.is_not(None))
        ).all()
        return {name: deadline - started for name, started, deadline in rows}


def test_a_timed_assignment_with_extra_time_late_work_and_the_gradebook(
    live_server, browser, seeded
):
    assert seeded["zone"] == "UTC"  # the instructor's zone when the class was made
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    # due at a minute's turn far enough ahead for the first learner, soon enough to wait for
    due = now + timedelta(minutes=2 if datetime.now(UTC).second > 30 else 1)

    _login(browser, *INSTRUCTOR)
    browser.get(f"/instructor/classes/{seeded['cohort']}")
    browser.click_link("Assignments")
    browser.fill({"title": "Timed test", "count": "4", "time_limit": "10"})
    browser.find(f"input[name=section_ids][value='{seeded['section']}']").click()
    browser.set_value("opens_local", (now - timedelta(hours=1)).strftime(LOCAL))
    browser.set_value("due_local", due.strftime(LOCAL))
    browser.click_button("Give the class this assignment")
    assert "“Timed test” is assigned to" in browser.text()
    browser.screenshot("assignments")

    browser.click_link("Accommodations")
    browser.fill({"learner": ANA[0], "extra_percent": "50"})
    browser.click_button("Save the accommodation")
    assert "extra time 50 % on every assignment" in browser.text()
    browser.screenshot("accommodations")

    _login(browser, *ANA)
    assert "Timed test" in browser.text()  # What's next, after the log-in
    _take_the_test(browser)
    assert "shown after its due date" in browser.text()  # the review option holds them back
    browser.screenshot("assignment-review-before-due")

    time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 1)
    _login(browser, *BEN)
    assert "Missing" in browser.text()
    _take_the_test(browser)
    browser.get("/next")
    assert "Late" in browser.text()
    assert _deadlines(live_server) == {ANA[0]: timedelta(minutes=15), BEN[0]: timedelta(minutes=10)}

    _login(browser, *INSTRUCTOR)
    browser.get(f"/classes/{seeded['cohort']}/gradebook")
    rows = {row.find_element("css selector", "th").text: row.text
            for row in browser.find_all("table.grid tbody tr")}  # fmt: skip
    assert "late" not in rows[ANA[0]] and "late" in rows[BEN[0]]
    browser.screenshot("gradebook")
    since = time.time() - 1
    browser.driver.find_element("partial link text", "Download the gradebook").click()
    text = browser.wait_for_download(".csv", since).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert table[0] == ["Learner", "Timed test", "Average %", "Missing", "Late"]
    by_name = {row[0]: row for row in table[1:]}
    assert by_name[ANA[0]][4] == "0" and by_name[BEN[0]][4] == "1"
    assert by_name[BEN[0]][1].endswith(" late")
    assert not browser.console_errors()
