"""Every main page of both roles fits a 390 × 844 phone: nothing wider than the screen
(a wide table scrolls inside its own wrapper), and the accuracy chart's labels are inside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Cohort, Question, Role, Section

from .browser import PHONE
from .conftest import INSTRUCTOR, JOIN_CODE

LEARNER = ("phone_learner_with_a_rather_long_name", "learner-password-1")
ADMIN = ("phone_admin", "admin-password-1")
CLASSMATES = ("amira", "bob", "consuelo_de_la_fuente")  # names of 3 to 64 characters
# the page's width, and the first elements reaching past the screen or whose text spills out of
# them (outside scrolling wrappers, which clip all but absolutely positioned descendants)
PAGE_FITS = """
const scrolled = e => e.parentElement.closest('.table-scroll')
                      && getComputedStyle(e).position !== 'absolute';
const spills = e => e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX === 'visible';
return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        wide: [...document.querySelectorAll('body *')]
          .filter(e => (e.getBoundingClientRect().right > arguments[0] + 1 || spills(e))
                       && !scrolled(e))
          .slice(0, 4).map(e => `${e.tagName}.${e.className} ${e.textContent.slice(0, 30)}`)};
"""
# each text of the chart (the axis labels) inside the SVG's viewBox, measured by the browser
CHART_LABELS_OUTSIDE = """
const svg = document.querySelector('svg.accuracy-chart');
const box = svg.viewBox.baseVal;
return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
  .filter(([_, b]) => b.x < box.x || b.y < box.y
          || b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height)
  .map(([text, b]) => `${text}: x ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)}`
                      + ` y ${b.y.toFixed(1)}..${(b.y + b.height).toFixed(1)}`);
"""


def _questions_of_each_type(session, section_id: str) -> list[str]:
    """One question of each type in a section (the widest inputs: matching, ordering)."""
    by_type: dict[str, str] = {}
    for question in session.scalars(
        sa.select(Question).where(Question.section_id == section_id).order_by(Question.id)
    ):
        by_type.setdefault(question.type, question.id)
    return list(by_type.values())


@pytest.fixture(scope="module")
def pages(live_server):
    """A class with learners and their finished quizzes; the paths of the pages to check."""
    from app.accounts.accounts import create_user
    from app.classes.cohorts import join_cohort
    from app.quiz.answers import save_answer
    from app.quiz.finishing import finish_attempt
    from app.quiz.starting import build_attempt

    with live_server.app.app_context():
        sections = db.session.scalars(sa.select(Section).order_by(Section.order)).all()
        learner = create_user(db.session, *LEARNER)
        create_user(db.session, *ADMIN, role=Role.ADMIN)
        for name in CLASSMATES:
            classmate = create_user(db.session, name, "classmate-password-1")
            join_cohort(db.session, classmate, JOIN_CODE)
        join_cohort(db.session, learner, JOIN_CODE)
        start = datetime.now(UTC) - timedelta(days=3)
        finished = None
        for number, section in enumerate(sections[:4]):  # right, half right, ... (one 100 %)
            when = start + timedelta(hours=number)
            attempt = build_attempt(db.session, learner, [section.id], "practice", 4, now=when)
            for position, served in enumerate(attempt.served_questions):
                answer = served.version.answer if position >= number % 3 else None
                if answer is not None:
                    save_answer(db.session, attempt, served, answer, when)
            finish_attempt(db.session, attempt, when)
            finished = finished or attempt
        section = sections[1]
        every_type = _questions_of_each_type(db.session, section.id)
        test = build_attempt(
            db.session, learner, [section.id], "test", len(every_type),
            question_ids=every_type, now=datetime.now(UTC),
        )  # fmt: skip
        practice = build_attempt(
            db.session, learner, [section.id], "practice", 1,
            question_ids=every_type[-1:], now=datetime.now(UTC),
        )  # fmt: skip
        cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == JOIN_CODE))
        question = every_type[0]
        db.session.commit()
        learner_pages = {
            "home": "/",
            "lessons": "/lessons/",
            "lesson": f"/lessons/{section.id}",
            "lesson-highlighted": f"/lessons/{section.id}?p=2#p-2",
            "my-classes": "/classes/",
            "quiz-start": "/quiz/",
            "practice-question": f"/quiz/attempts/{practice.id}",
            "test-every-type": f"/quiz/attempts/{test.id}",
            "attempt-review": f"/quiz/attempts/{finished.id}/review",
            "dashboard": "/progress/",
            "account": "/auth/password",
        }
        class_url = f"/instructor/classes/{cohort.id}"
        instructor_pages = {
            "teach-cohort-list": "/instructor/",
            "cohort-dashboard": class_url,
            "learner-page": f"{class_url}/learners/{learner.id}",
            "item-statistics": f"{class_url}/items",
            "question-bank": "/instructor/questions",
            "question-review": f"/instructor/questions/{question}",
            "question-edit": f"/instructor/questions/{question}/edit",
            "lessons-admin": "/instructor/lessons",
            "lesson-edit": f"/instructor/lessons/{section.id}/edit",
            "lesson-history": f"/instructor/lessons/{section.id}/history",
            "exports": "/instructor/exports/",
        }
        admin_pages = {"people": "/admin/people", "person": f"/admin/people/{learner.id}"}
        return {LEARNER: learner_pages, INSTRUCTOR: instructor_pages, ADMIN: admin_pages}


def _login(browser, username: str, password: str) -> None:
    browser.logout()
    browser.get("/auth/login")
    browser.fill({"username": username, "password": password})
    browser.click_button("Log in")
    assert f"Logged in as {username}" in browser.text()


def _phone_screenshot(browser, name: str) -> None:
    """A full-page PNG at phone width next to the journeys' screenshots."""
    driver = browser.driver
    height = driver.execute_script("return document.documentElement.scrollHeight")
    metrics = {"width": PHONE[0], "height": max(PHONE[1], min(int(height), 6000))}
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {**metrics, "deviceScaleFactor": 1, "mobile": True}
    )
    driver.save_screenshot(str(browser.shots / f"phone-{name}-phone.png"))
    _phone(browser)


def _phone(browser) -> None:
    width, height = PHONE
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
    )


def test_every_main_page_fits_a_phone(live_server, browser, pages):
    """Both roles' pages at 390 × 844: the page is never wider than the screen."""
    too_wide = {}
    measured = {}
    chart_labels_outside = None
    try:
        _phone(browser)
        for (username, password), paths in pages.items():
            _login(browser, username, password)
            for name, path in paths.items():
                browser.get(path)
                assert browser.path == path, f"{name}: not redirected"
                assert browser.find("h1").text and not browser.console_errors(), name  # no 4xx
                fit = browser.driver.execute_script(PAGE_FITS, PHONE[0])
                measured[name] = fit["scroll"]
                # a mobile Chromium widens innerWidth to an overflowing page (it zooms out):
                # the screen's own width is the bound that can fail
                if fit["scroll"] > min(fit["inner"], PHONE[0]):
                    too_wide[name] = fit
                if name == "dashboard":
                    chart_labels_outside = browser.driver.execute_script(CHART_LABELS_OUTSIDE)
                    chart = browser.shots / "phone-dashboard-chart-phone.png"
                    browser.find("figure.chart svg").screenshot(str(chart))
                _phone_screenshot(browser, name)
    finally:
        browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print("document widths at 390 px:", measured)  # shown with pytest -s
    assert not too_wide, too_wide
    assert chart_labels_outside == [], "the chart's labels are all inside its viewBox"
