"""Every main page of both roles fits a 390 × 844 phone: nothing wider than the screen
(a wide table scrolls inside its own wrapper), and the accuracy chart's labels are inside it.
A class's pages fit a 360-px phone too, and on a 1280-px screen the class grid and the
gradebook use the page's width and keep the learner column in view as they scroll."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Cohort, Question, Role, Section

from .browser import DESKTOP, PHONE
from .conftest import INSTRUCTOR, JOIN_CODE

LEARNER = ("phone_learner_with_a_rather_long_name", "learner-password-1")
ADMIN = ("phone_admin", "admin-password-1")
CLASSMATES = ("amira", "bob", "consuelo_de_la_fuente")  # names of 3 to 64 characters
SMALL_PHONE = (360, 780)
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
    from app.classes.accommodations import AccommodationRequest, set_accommodation
    from app.classes.assignments import start_assignment
    from app.classes.cohorts import join_cohort
    from app.models import Assignment, AttemptMode, ShowAnswers, User
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
        # an assignment with a long title, a finished attempt at it and two accommodations:
        # the accommodations and gradebook pages' tables have rows to lay out
        now = datetime.now(UTC)
        assignment = Assignment(
            cohort_id=cohort.id, title="Week one: the preamble and the new strategic relationship",
            section_ids=[section.id], question_ids=None, count=2, mode=AttemptMode.TEST,
            time_limit=20, opens_at=now - timedelta(days=1), due_at=now + timedelta(days=2),
            attempts_allowed=2, show_answers=ShowAnswers.AFTER_DUE,
        )  # fmt: skip
        db.session.add(assignment)
        db.session.flush()
        finish_attempt(db.session, start_assignment(db.session, assignment, learner, now), now)
        teacher = db.session.scalar(sa.select(User).where(User.username == INSTRUCTOR[0]))
        later = (now + timedelta(days=5)).replace(tzinfo=None, second=0, microsecond=0)
        set_accommodation(db.session, cohort, teacher, AccommodationRequest(
            learner.id, assignment.id, extra_percent=50, due_local=later))  # fmt: skip
        set_accommodation(db.session, cohort, teacher,
                          AccommodationRequest(learner.id, None, extra_attempts=2))  # fmt: skip
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
            **class_pages(cohort.id, learner.id),
        }
        admin_pages = {"people": "/admin/people", "person": f"/admin/people/{learner.id}"}
        return {LEARNER: learner_pages, INSTRUCTOR: instructor_pages, ADMIN: admin_pages}


def class_pages(cohort_id: int, learner_id: int) -> dict[str, str]:
    """A class's own pages: assignments, gradebook, a learner's grades, accommodations."""
    base = f"/classes/{cohort_id}"
    return {
        "assignments": f"{base}/assignments",
        "gradebook": f"{base}/gradebook",
        "learner-grades": f"{base}/gradebook/learners/{learner_id}",
        "accommodations": f"{base}/accommodations",
    }


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


def _screen(browser, size: tuple[int, int], mobile: bool) -> None:
    width, height = size
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def test_the_class_pages_fit_a_360_px_phone(live_server, browser, pages):
    """The class's own pages at 360 px: no sideways scroll (the accommodations were 586 px)."""
    cohort_id = int(pages[INSTRUCTOR]["cohort-dashboard"].rsplit("/", 1)[1])
    paths = {"cohort-dashboard": pages[INSTRUCTOR]["cohort-dashboard"]}
    paths.update((name, pages[INSTRUCTOR][name]) for name in class_pages(cohort_id, 0))
    too_wide, measured = {}, {}
    try:
        _screen(browser, SMALL_PHONE, mobile=True)
        _login(browser, *INSTRUCTOR)
        for name, path in paths.items():
            browser.get(path)
            assert browser.path == path and not browser.console_errors(), name
            fit = browser.driver.execute_script(PAGE_FITS, SMALL_PHONE[0])
            measured[name] = fit["scroll"]
            if fit["scroll"] > SMALL_PHONE[0]:
                too_wide[name] = fit
            browser.driver.save_screenshot(str(browser.shots / f"phone360-{name}.png"))
    finally:
        browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print("document widths at 360 px:", measured)
    assert not too_wide, too_wide


# The learner column's heading and first cell, against the left edge of their scrolling box,
# once the box is scrolled all the way right; and the widths of the box and of <main>.
STICKY = """
const box = document.querySelector('.table-scroll');
box.scrollLeft = box.scrollWidth;
const left = e => Math.round(e.getBoundingClientRect().left);
return {scrolled: box.scrollLeft, box: left(box), boxWidth: box.clientWidth,
        table: box.scrollWidth, main: document.querySelector('main').clientWidth,
        head: left(box.querySelector('thead th')), cell: left(box.querySelector('tbody th'))};
"""


def test_the_class_grid_keeps_the_learner_column_in_view_at_1280_px(live_server, browser, pages):
    """Scrolled to its last column, the grid still shows the learner column (heading and
    names) at its left edge; the grid and the gradebook use the page's width, not 62rem."""
    base = pages[INSTRUCTOR]["cohort-dashboard"]
    cohort_id = int(base.rsplit("/", 1)[1])
    found = {}
    try:
        _screen(browser, DESKTOP, mobile=False)
        _login(browser, *INSTRUCTOR)
        for name, path in (("grid", base), ("gradebook", f"/classes/{cohort_id}/gradebook")):
            browser.get(path)
            found[name] = browser.driver.execute_script(STICKY)
            browser.driver.save_screenshot(str(browser.shots / f"desktop-{name}-scrolled.png"))
    finally:
        browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    grid = found["grid"]
    assert grid["table"] > grid["boxWidth"] and grid["scrolled"] > 0, grid  # it does scroll
    for name, seen in found.items():
        assert seen["head"] == seen["box"] and seen["cell"] == seen["box"], (name, seen)
        assert seen["main"] > 62 * 16, (name, seen)  # wider than the other pages' column
