"""An instructor in the browser: edits a lesson, approves and edits questions, reads item
statistics and downloads every export; XSS saved in a lesson and a question never runs."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from lxml import etree
from selenium.webdriver.support.ui import Select

from app.extensions import db
from app.models import Cohort, Question, Section

from .conftest import INSTRUCTOR, JOIN_CODE

LEARNER = ("tomas_learner", "learner-password-1")
LESSON_XSS = """

## Notes added in the browser

<script>window.__xss = 'lesson-script'; document.title = 'pwned';</script>

<img src="x" onerror="window.__xss = 'lesson-img'">

<svg onload="window.__xss = 'lesson-svg'"></svg>

<iframe srcdoc="<script>parent.__xss = 'lesson-iframe'</script>"></iframe>

A [harmless-looking link](javascript:window.__xss='lesson-md-link') and
<a href="javascript:window.__xss='lesson-a'" id="evil-a">another link</a>.

<p style="background: url(javascript:window.__xss='lesson-css')"
   onclick="window.__xss='click'">Styled paragraph.</p>
"""
QUESTION_XSS = (
    " <img src=x onerror=\"window.__xss='question-img'\">"
    "<script>window.__xss='question-script'</script>"
)


@pytest.fixture(scope="module")
def seeded(live_server):
    """A learner in the instructor's class with a finished quiz, so statistics have data."""
    from app.accounts.accounts import create_user
    from app.classes.cohorts import join_cohort
    from app.quiz.answers import save_answer
    from app.quiz.finishing import finish_attempt
    from app.quiz.starting import build_attempt

    app = live_server.app
    with app.app_context():
        learner = create_user(db.session, *LEARNER)
        join_cohort(db.session, learner, JOIN_CODE)
        section = db.session.scalars(sa.select(Section).order_by(Section.order)).all()[1]
        now = datetime.now(UTC)
        attempt = build_attempt(db.session, learner, [section.id], "practice", 5, now=now)
        for served in attempt.served_questions:
            save_answer(db.session, attempt, served, served.version.answer, now)
        finish_attempt(db.session, attempt, now)
        # and a test of the same section, for the item analysis
        test = build_attempt(db.session, learner, [section.id], "test", 5, now=now)
        for served in test.served_questions:
            save_answer(db.session, test, served, served.version.answer, now)
        finish_attempt(db.session, test, now)
        question = db.session.scalars(
            sa.select(Question)
            .where(Question.section_id == section.id, Question.type == "multiple_choice")
            .order_by(Question.id)
        ).first()
        cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == JOIN_CODE))
        db.session.commit()
        return {"section": section.id, "question": question.id, "cohort": cohort.id}


def _login(browser, username, password):
    browser.logout()
    browser.get("/auth/login")
    browser.fill({"username": username, "password": password})
    browser.click_button("Log in")
    assert f"Logged in as {username}" in browser.text()


def assert_no_script_ran(browser) -> None:
    """No payload ran: no alert, no marker variable, title untouched, no CSP violation."""
    assert browser.alert_text() is None
    assert browser.driver.execute_script("return window.__xss === undefined"), (
        browser.driver.execute_script("return window.__xss")
    )
    assert "pwned" not in browser.driver.title
    assert not browser.console_errors()


def _no_active_content(browser, css: str) -> None:
    """Inside ``css``: no script/iframe elements, no on* attributes, no javascript: URLs."""
    found = browser.driver.execute_script(
        """
        const root = document.querySelector(arguments[0]);
        const bad = [];
        root.querySelectorAll('script, iframe, object, embed').forEach(e => bad.push(e.tagName));
        root.querySelectorAll('*').forEach(e => {
          for (const a of e.attributes) {
            if (/^(on|style$|srcdoc$)/.test(a.name)) bad.push(a.name);
            if (/^\\s*javascript:/i.test(a.value)) bad.push(a.name + '=' + a.value);
          }
        });
        return bad;
        """,
        css,
    )
    assert found == []


def _instructor_edits_a_lesson_and_its_script_never_runs(live_server, browser, seeded):
    _login(browser, *INSTRUCTOR)
    browser.click_link("Teach")
    assert browser.find("h1").text == "Teach"
    browser.screenshot("teach")
    browser.click_link("Edit lessons")
    browser.screenshot("lessons-admin")
    browser.get(f"/instructor/lessons/{seeded['section']}/edit")
    body = browser.find("[name=body]").get_attribute("value")
    browser.set_value("body", body + LESSON_XSS)
    browser.fill({"note": "Notes with a hostile paste"})
    browser.click_button("Preview")
    assert "Notes added in the browser" in browser.text()
    assert_no_script_ran(browser)
    browser.screenshot("lesson-edit-preview")
    browser.click_button("Save")
    assert "Saved as revision" in browser.text()
    assert browser.path.startswith(f"/lessons/{seeded['section']}")
    assert "Notes added in the browser" in browser.text(".lesson-body")
    _no_active_content(browser, ".lesson-body")
    for text in ("harmless-looking link", "another link", "Styled paragraph"):
        browser.get(f"/lessons/{seeded['section']}")
        found = [e for e in browser.find_all(".lesson-body a, .lesson-body p") if text in e.text]
        assert found, f"{text!r} is shown"
        found[-1].click()
        assert_no_script_ran(browser)
    browser.get(f"/lessons/{seeded['section']}")
    assert_no_script_ran(browser)
    browser.screenshot("lesson-after-edit")


def _instructor_approves_and_edits_a_question_whose_script_never_runs(live_server, browser, seeded):
    browser.get("/instructor/questions")
    assert browser.find("h1").text == "Question bank"
    browser.screenshot("question-bank")
    browser.get(f"/instructor/questions/{seeded['question']}")
    browser.click_button("Approve")
    assert "Approved" in browser.text(".status")
    browser.click_link("Edit (makes a new version)")
    stem = browser.find("[name=stem]").get_attribute("value")
    browser.set_value("stem", stem + QUESTION_XSS)
    browser.screenshot("question-edit")
    browser.click_button("Save the question")
    assert browser.path == f"/instructor/questions/{seeded['question']}"
    assert "<script>window.__xss='question-script'</script>" in browser.text()
    _no_active_content(browser, "main")
    assert_no_script_ran(browser)
    browser.screenshot("question")


def _a_learner_sees_the_edited_question_as_text(live_server, browser, seeded):
    from app.models import User
    from app.quiz.starting import build_attempt

    with live_server.app.app_context():  # a review quiz of exactly that question
        learner = db.session.scalar(sa.select(User).where(User.username == LEARNER[0]))
        attempt = build_attempt(
            db.session, learner, [seeded["section"]], "test", 1,
            question_ids=[seeded["question"]], now=datetime.now(UTC),
        )  # fmt: skip
        db.session.commit()
        attempt_id = attempt.id
    _login(browser, *LEARNER)
    browser.get(f"/quiz/attempts/{attempt_id}")
    assert browser.find("h1").text == "Test"
    assert "<script>window.__xss='question-script'</script>" in browser.text()
    _no_active_content(browser, "main")
    assert_no_script_ran(browser)
    browser.get(f"/lessons/{seeded['section']}")
    _no_active_content(browser, ".lesson-body")
    assert_no_script_ran(browser)


def _item_statistics_and_the_class_dashboard(live_server, browser, seeded):
    _login(browser, *INSTRUCTOR)
    browser.get(f"/instructor/classes/{seeded['cohort']}")
    assert LEARNER[0] in browser.text()
    browser.screenshot("class-dashboard")
    browser.click_link("Item statistics")
    assert browser.find("h1").text.startswith("Item statistics")
    assert browser.find_all("table"), "a table of the class's section tests"
    browser.screenshot("item-statistics")
    browser.click_link(browser.find("table th[scope=row] a").text)
    assert browser.find("h1").text.startswith("Item analysis")
    assert browser.find_all("table.item-stats"), "a table of items"
    assert "Cronbach's alpha" in browser.text() and "Discriminative efficiency" in browser.text()
    browser.screenshot("item-analysis")
    assert not browser.console_errors()


def _download(browser, click, suffix):
    since = time.time() - 1
    click()
    path = browser.wait_for_download(suffix, since)
    data = path.read_bytes()
    path.unlink()
    return data


def _every_export_downloads(live_server, browser, seeded):
    _login(browser, *INSTRUCTOR)
    browser.click_link("Exports")
    browser.screenshot("exports")
    form_css = f"form[action$='/progress/{seeded['cohort']}']"

    def progress(fmt):
        def click():
            browser.get("/instructor/exports/")
            Select(browser.find(f"{form_css} select[name=format]")).select_by_value(fmt)
            browser.find(f"{form_css} button[type=submit]").click()

        return click

    rows = list(
        csv.DictReader(io.StringIO(_download(browser, progress("csv"), ".csv").decode("utf-8-sig")))
    )
    assert rows and {"learner", "question_id", "correct"} <= set(rows[0])
    assert {row["learner"] for row in rows} == {LEARNER[0]}
    summary = _download(browser, progress("summary"), ".csv").decode("utf-8-sig")
    assert LEARNER[0] in summary
    responses = json.loads(_download(browser, progress("json"), ".json"))
    assert responses
    statements = json.loads(_download(browser, progress("xapi"), ".json"))
    assert statements and all("verb" in s and "actor" in s for s in statements)

    def bank(label):
        def click():
            browser.get("/instructor/exports/")
            browser.driver.find_element("partial link text", label).click()  # a download

        return click

    gift = _download(browser, bank("GIFT"), ".gift.txt").decode("utf-8")
    assert "::" in gift and "{" in gift
    moodle = etree.fromstring(_download(browser, bank("Moodle XML"), ".xml"))
    assert moodle.tag == "quiz" and len(moodle.findall("question")) > 10
    qti = zipfile.ZipFile(io.BytesIO(_download(browser, bank("QTI 2.1"), ".zip")))
    assert "imsmanifest.xml" in qti.namelist()
    assert not browser.console_errors()


def test_instructor_journey(live_server, browser, seeded):
    """An instructor's day, then what a learner sees (one test: each step builds on the last)."""
    _instructor_edits_a_lesson_and_its_script_never_runs(live_server, browser, seeded)
    _instructor_approves_and_edits_a_question_whose_script_never_runs(live_server, browser, seeded)
    _a_learner_sees_the_edited_question_as_text(live_server, browser, seeded)
    _item_statistics_and_the_class_dashboard(live_server, browser, seeded)
    _every_export_downloads(live_server, browser, seeded)
