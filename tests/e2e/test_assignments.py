"""An assignment's own due date passing, in Chromium: an instructor assigns a timed test drawn
from a section; a learner who finished in time sees the answers only once the class's due date
has passed; a learner who had not started is missing, then late, in What's next and the
gradebook. (tests/e2e/test_course.py runs the rest of a course: extra time, one learner's due
date moved by an accommodation, hand-picked questions, grading, the CSV downloads.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Assignment, Cohort, Section, utcnow

from .browser import answer_question
from .conftest import INSTRUCTOR, JOIN_CODE

pytestmark = pytest.mark.slow
ANA = ("ana_e2e", "ana-e2e-password-1")
BEN = ("ben_e2e", "ben-e2e-password-1")
LOCAL = "%Y-%m-%dT%H:%M"
TITLE = "Timed test"


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
    browser.click_link(TITLE)
    browser.click_button("Start")
    for fieldset in browser.find_all("fieldset.question"):
        answer_question(fieldset)
    browser.click_button("Save and finish")


def _due_now(live_server) -> None:
    """The class's due date brought to this moment. The form takes whole minutes, so a due date
    typed a minute ahead kept this test waiting up to two minutes for it; an accommodation moves
    one learner's due date only (test_course.py), and here it is the class's that passes."""
    with live_server.app.app_context():
        db.session.execute(
            sa.update(Assignment).where(Assignment.title == TITLE).values(due_at=utcnow())
        )
        db.session.commit()


def test_the_class_due_date_passes_the_answers_show_and_late_work_is_marked(
    live_server, browser, seeded
):
    assert seeded["zone"] == "UTC"  # the instructor's zone when the class was made
    now = datetime.now(UTC).replace(second=0, microsecond=0)

    _login(browser, *INSTRUCTOR)
    browser.get(f"/instructor/classes/{seeded['cohort']}")
    browser.click_link("Assignments")
    browser.fill({"title": TITLE, "count": "4", "time_limit": "10"})
    browser.find(f"input[name=section_ids][value='{seeded['section']}']").click()
    browser.set_value("opens_local", (now - timedelta(hours=1)).strftime(LOCAL))
    browser.set_value("due_local", (now + timedelta(days=1)).strftime(LOCAL))
    browser.click_button("Give the class this assignment")
    assert f"“{TITLE}” is assigned to" in browser.text()
    browser.screenshot("assignments")

    _login(browser, *ANA)
    assert TITLE in browser.text()  # What's next, after the log-in
    _take_the_test(browser)
    review = browser.path
    assert "shown after its due date" in browser.text()  # the review option holds them back
    assert not browser.find_all("ol.questions")
    browser.screenshot("assignment-review-before-due")

    _due_now(live_server)
    browser.get(review)
    assert browser.find_all("ol.questions") and "shown after its due date" not in browser.text()
    browser.screenshot("assignment-review-after-due")

    _login(browser, *BEN)
    assert "Missing" in browser.text()
    _take_the_test(browser)
    browser.get("/next")
    assert "Late" in browser.text()

    _login(browser, *INSTRUCTOR)
    browser.get(f"/classes/{seeded['cohort']}/gradebook")
    rows = {row.find_element("css selector", "th").text: row.text
            for row in browser.find_all("table.grid tbody tr")}  # fmt: skip
    assert "late" not in rows[ANA[0]] and "late" in rows[BEN[0]]
    browser.screenshot("gradebook")
    assert not browser.console_errors()
