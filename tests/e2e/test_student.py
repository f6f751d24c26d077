"""A student in the browser: registers, joins a class, reads a lesson, practises, takes a timed
test, resumes after a reload, and sees the dashboard."""

from __future__ import annotations

import csv
import io
import time

import sqlalchemy as sa
from selenium.webdriver.support.ui import Select

from app.extensions import db
from app.models import Section, User

from .browser import answer_question
from .conftest import JOIN_CODE

STUDENT = ("rosa_learner", "student-password-1")


def _sections(live_server):
    with live_server.app.app_context():
        return [
            (s.id, s.title) for s in db.session.scalars(sa.select(Section).order_by(Section.order))
        ]


BROWSER_TIME_ZONE = "Asia/Tokyo"


def _register_join_and_read_a_lesson(live_server, browser):
    # a learner far from UTC: the registration form sends the zone the browser reports
    browser.driver.execute_cdp_cmd(
        "Emulation.setTimezoneOverride", {"timezoneId": BROWSER_TIME_ZONE}
    )
    browser.get("/")
    assert "Declaration Tutor" in browser.driver.title
    browser.screenshot("home")
    browser.click_link("Register")
    browser.fill({"username": STUDENT[0], "password": STUDENT[1], "confirm": STUDENT[1]})
    browser.screenshot("register")
    browser.click_button("Create account")
    assert "Your account is ready" in browser.text()
    with live_server.app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == STUDENT[0]))
        assert user.time_zone == BROWSER_TIME_ZONE
    # production cookies: Secure, HttpOnly, SameSite=Lax -- and Chromium keeps them on 127.0.0.1
    session_cookie = browser.cookies()["session"]
    assert session_cookie["secure"] and session_cookie["httpOnly"]
    assert session_cookie["sameSite"] == "Lax"

    browser.click_link("My classes")
    browser.fill({"code": JOIN_CODE.lower()})
    browser.click_button("Join")
    assert "Strategic Relations 101" in browser.text()
    browser.screenshot("my-classes")

    sections = _sections(live_server)
    browser.click_link("Lessons")
    assert all(title in browser.text() for _, title in sections)
    browser.screenshot("lesson-list")
    section_id, title = sections[1]
    browser.click_link(title)
    assert browser.find("h1").text == title
    assert browser.find_all(".lesson-body p"), "the lesson has paragraphs"
    browser.screenshot("lesson")
    assert not browser.console_errors()


def _start_quiz(browser, section_id, mode, count, time_limit=None):
    browser.get("/quiz/")
    browser.find(f"input[name=section_ids][value='{section_id}']").click()
    browser.find(f"input[name=mode][value={mode}]").click()
    fields = {"count": str(count)}
    if time_limit:
        fields["time_limit"] = str(time_limit)
    browser.fill(fields)
    browser.click_button("Start")


def _practice_quiz_shows_feedback_and_the_highlighted_paragraph(live_server, browser):
    section_id, title = _sections(live_server)[1]
    browser.get("/quiz/")
    browser.screenshot("quiz-start")
    _start_quiz(browser, section_id, "practice", 3)
    assert browser.find("h1").text == "Practice"
    assert "Question 1 of 3" in browser.text()
    browser.screenshot("practice-question")
    answer_question(browser.find("fieldset.question"))
    browser.click_button("Check my answer")
    verdict = browser.find(".feedback .verdict strong").text
    assert verdict.rstrip(".") in {"Right", "Wrong"} or verdict.startswith("Partly right")
    # the key: in words, or every option and item marked with a tick or a cross
    assert "The answer:" in browser.text(".feedback") or browser.find_all(".feedback .marks li")
    browser.screenshot("practice-feedback")
    # the paragraph opens beside the quiz (a new tab), which stays where it was
    quiz_tab = browser.driver.current_window_handle
    browser.find(".feedback a[target=_blank]").click()
    browser.wait_until(lambda: len(browser.driver.window_handles) == 2)
    browser.driver.switch_to.window(next(h for h in browser.driver.window_handles if h != quiz_tab))
    browser.wait_until(lambda: browser.path.startswith("/lessons/"))
    assert browser.path.startswith(f"/lessons/{section_id}")

    def back_to_the_quiz():
        browser.driver.close()
        browser.driver.switch_to.window(quiz_tab)

    # a question from the lesson's notes links the lesson itself; a ¶ the lesson lacks (seen
    # with the v2 bank, not yet explained) is not announced (issue 16, bug 4)
    if "?p=" not in browser.path or not browser.find_all("p.highlight"):
        assert "is the one your question came from" not in browser.text()
        back_to_the_quiz()
        browser.click_link("Next question")
        assert "Question 2 of 3" in browser.text()
        return
    number = browser.path.split("?p=")[1].split("#")[0]
    highlighted = browser.find("p.highlight")
    assert highlighted.get_attribute("id") == f"p-{number}"
    assert highlighted.is_displayed()
    # the highlight is visible: its background differs from an ordinary paragraph's
    ordinary = [
        p for p in browser.find_all(".lesson-body p") if "highlight" not in p.get_attribute("class")
    ]
    assert highlighted.value_of_css_property("background-color") != ordinary[
        0
    ].value_of_css_property("background-color")
    browser.screenshot("lesson-highlighted")
    back_to_the_quiz()
    browser.click_link("Next question")
    assert "Question 2 of 3" in browser.text()
    assert not browser.console_errors()


def _timed_test_saves_answers_as_given_and_resumes_after_a_reload(live_server, browser):
    section_id, _ = _sections(live_server)[2]
    _start_quiz(browser, section_id, "test", 3, time_limit=10)
    assert browser.find("h1").text == "Test"
    timer = browser.find("#time-left")
    first = timer.text
    browser.wait_until(lambda: browser.find("#time-left").text != first, timeout=5)
    questions = browser.find_all("fieldset.question")
    assert len(questions) == 3
    answer_question(questions[0])
    # quiz.js saves the changed answer at once (fetch with the CSRF token)
    browser.wait_until(lambda: browser.find_all(".saved-note")[0].text == "Saved.")
    chosen = _answer_state(browser.find_all("fieldset.question")[0])
    browser.screenshot("test-in-progress")
    browser.driver.refresh()
    assert _answer_state(browser.find_all("fieldset.question")[0]) == chosen
    # the quiz page offers to resume it
    browser.get("/quiz/")
    browser.click_link("Resume the")
    assert browser.find("h1").text == "Test"
    assert _answer_state(browser.find_all("fieldset.question")[0]) == chosen
    for fieldset in browser.find_all("fieldset.question")[1:]:
        answer_question(fieldset)
    browser.click_button("Save and finish")
    assert browser.find("h1").text.startswith("Review of your")
    assert "Score:" in browser.text()
    assert len(browser.find_all(".feedback")) == 3
    browser.screenshot("test-review")
    # autosave waits until a matching or ordering question is complete: no request failed
    assert not browser.console_errors()


def _answer_state(fieldset):
    inputs = fieldset.find_elements("css selector", "input[type=radio], input[type=checkbox]")
    if inputs:
        return [i.get_attribute("value") for i in inputs if i.is_selected()]
    texts = fieldset.find_elements("css selector", "input[type=text]")
    if texts:
        return [t.get_attribute("value") for t in texts]
    return [s.get_attribute("value") for s in fieldset.find_elements("css selector", "select")]


def _the_dashboard_shows_the_progress_made(live_server, browser):
    browser.click_link("My progress")
    assert browser.find("h1").text == "My progress"
    levels = browser.text(".levels")
    assert (
        "attempted" in levels.lower()
        or "familiar" in levels.lower()
        or "proficient" in levels.lower()
    )
    assert "Finish a quiz to see your accuracy here." not in browser.text()
    assert f"Your day ends at midnight in {BROWSER_TIME_ZONE}" in browser.text()
    browser.screenshot("dashboard")
    assert not browser.console_errors()


def _my_data_downloads_and_a_chosen_time_zone_stays(live_server, browser):
    since = time.time() - 1
    browser.find("form[action$='/progress/my-data'] button[type=submit]").click()  # CSV first
    rows = list(csv.DictReader(io.StringIO(browser.wait_for_download(".csv", since).read_text(
        encoding="utf-8-sig"))))  # fmt: skip
    assert rows and {row["learner"] for row in rows} == {STUDENT[0]}
    browser.click_link(f"Account ({STUDENT[0]})")
    Select(browser.find("select[name=time_zone]")).select_by_value("Europe/Lisbon")
    browser.click_button("Save time zone")
    assert "Times are now shown in Europe/Lisbon." in browser.text()
    browser.screenshot("account")
    browser.logout()
    browser.get("/auth/login")  # the browser still reports Asia/Tokyo
    browser.fill({"username": STUDENT[0], "password": STUDENT[1]})
    browser.click_button("Log in")
    with live_server.app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == STUDENT[0]))
        assert user.time_zone == "Europe/Lisbon"
    assert not browser.console_errors()


def test_student_journey(live_server, browser):
    """One student from registration to the dashboard (one test: the steps build on each other)."""
    _register_join_and_read_a_lesson(live_server, browser)
    _practice_quiz_shows_feedback_and_the_highlighted_paragraph(live_server, browser)
    _timed_test_saves_answers_as_given_and_resumes_after_a_reload(live_server, browser)
    _the_dashboard_shows_the_progress_made(live_server, browser)
    _my_data_downloads_and_a_chosen_time_zone_stays(live_server, browser)
