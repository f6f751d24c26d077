"""A student's whole journey, three times: on a desktop with JavaScript, on a desktop without
it, and on a phone (390 px, dark theme) with it. Register → what's next → lesson → a practice
quiz with one question of every type → a timed test run to its deadline with its short answer
left blank → the review → the dashboard, with axe-core (tests/e2e/vendor) on every page state.

The first and the last runs save the screenshots of the README (docs/screenshots/), so that
they show what this test sees.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app.extensions import db
from app.models import Attempt, Response, ServedQuestion, utcnow

from .browser import DESKTOP, PHONE, Browser, answer_question
from .conftest import CHROMEDRIVER, CHROMIUM, PROJECT_ROOT, SCREENSHOTS
from .every_type import auto_graded_types, every_type_section

pytestmark = pytest.mark.slow
DOCS = PROJECT_ROOT / "docs" / "screenshots"
# every type a quiz drawn at random serves, from the registry; a quiz of that many serves one
# of each in the section every_type_section finds (the timed test leaves the short one blank)
ALL_TYPES = auto_graded_types()
QUIZ_LENGTH = len(ALL_TYPES)
BLANK_TYPE = "short_answer"
DEADLINE_SECONDS = 6
DOCS_TALLEST = 1800  # px: the README's screenshots stay small

VARIANTS = {
    # name: (screen, phone, JavaScript, dark theme, screenshots for the README)
    "desktop": (DESKTOP, False, True, False, "desktop"),
    "no-javascript": (DESKTOP, False, False, False, None),
    "phone": (PHONE, True, True, True, "phone-dark"),
}


class Journey:
    """One learner in one browser: each page state is checked with axe, some are shot."""

    def __init__(self, browser: Browser, app, docs_prefix: str | None, variant: str):
        self.browser = browser
        self.app = app
        self.section = every_type_section(app)
        self.docs_prefix = docs_prefix
        self.variant = variant
        self.states: list[str] = []

    def check(self, state: str, docs: bool = False) -> None:
        """axe finds nothing on the page; the browser logged no error (a CSP refusal shows)."""
        self.states.append(state)
        violations = self.browser.axe_violations()
        assert violations == [], f"{self.variant} / {state}: {violations}"
        assert self.browser.console_errors() == [], f"{self.variant} / {state}"
        if docs and self.docs_prefix:  # the top of a long page: what a reader needs to see
            self.browser.shoot(DOCS / f"{self.docs_prefix}-{state}.png", tallest=DOCS_TALLEST)
        else:
            self.browser.shoot(SCREENSHOTS / f"journey-{self.variant}-{state}.png")

    def served(self, attempt_id: int) -> dict[int, str]:
        return {position: kind for position, (kind, _key) in self.keys(attempt_id).items()}

    def keys(self, attempt_id: int) -> dict[int, tuple[str, object]]:
        """Each question's type and key by position (the test plays a learner who knows some)."""
        with self.app.app_context():
            rows = db.session.scalars(
                sa.select(ServedQuestion).where(ServedQuestion.attempt_id == attempt_id)
            ).all()
            return {s.position: (s.version.question.type, s.version.answer) for s in rows}

    def attempt_id(self) -> int:
        return int(self.browser.path.split("/attempts/")[1].split("/")[0].split("?")[0])

    def nav(self, text: str) -> None:
        """Follow a link of the main navigation (behind the Menu button on a phone)."""
        menu = self.browser.find("details.menu")
        if menu.get_attribute("open") is None:
            self.browser.find(".menu-button").click()
        self.browser.click_link(text)


def answer_right(fieldset, kind: str, key) -> None:
    """Give the right answer as a learner would: clicks, typing, the lists or the drag list."""
    css = fieldset.find_element
    if kind in ("multiple_choice", "multiple_response"):
        for option in key if isinstance(key, list) else [key]:
            css(By.XPATH, f".//label[normalize-space()={_xpath_text(option)}]").click()
    elif kind == "true_false":
        css(By.CSS_SELECTOR, f"input[value={'true' if key else 'false'}]").click()
    elif kind == "short_answer":
        css(By.CSS_SELECTOR, "input[type=text]").send_keys(key)
    elif kind == "matching":
        for index, (_left, right) in enumerate(key):
            Select(css(By.CSS_SELECTOR, f"select[name$='-{index}']")).select_by_value(right)
    elif fieldset.find_elements(By.CSS_SELECTOR, ".sortable"):  # ordering by its arrow buttons
        for place, item in enumerate(key):
            while True:
                rows = fieldset.find_elements(By.CSS_SELECTOR, ".sortable-item")
                texts = [r.find_element(By.CSS_SELECTOR, ".sortable-text").text for r in rows]
                if texts.index(item) == place:
                    break
                rows[texts.index(item)].find_element(By.CSS_SELECTOR, ".move-up").click()
        if fieldset.find_elements(By.CSS_SELECTOR, ".keep-order:not([hidden])"):
            css(By.CSS_SELECTOR, ".keep-order").click()  # already in order: keep it
    else:
        for select in fieldset.find_elements(By.CSS_SELECTOR, "select"):
            label = fieldset.find_element(
                By.CSS_SELECTOR, f"label[for='{select.get_attribute('id')}']"
            )
            Select(select).select_by_value(str(key.index(label.text) + 1))


def _xpath_text(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    return "concat('" + text.replace("'", "', \"'\", '") + "')"


def start_quiz(browser: Browser, section_id: str, mode: str, count: int, minutes=None):
    browser.find(f"input[name=section_ids][value='{section_id}']").click()
    browser.find(f"input[name=mode][value={mode}]").click()
    browser.fill({"count": str(count), **({"time_limit": str(minutes)} if minutes else {})})
    browser.click_button("Start")


def register(journey: Journey, username: str) -> None:
    browser = journey.browser
    browser.get("/")
    journey.check("home")
    browser.get("/auth/register")
    password = "student-pass-81"
    browser.fill({"username": username, "password": password, "confirm": password})
    journey.check("register")
    browser.click_button("Create account")
    assert browser.path == "/next"
    assert f"What's next, {username}" in browser.text()
    journey.check("next", docs=True)


def read_the_next_lesson(journey: Journey) -> None:
    browser = journey.browser
    browser.click_link("Read the lesson")
    assert browser.path.startswith("/lessons/")
    assert browser.find_all(".lesson-body p")
    journey.check("lesson")


def practise_every_type(journey: Journey) -> None:
    browser = journey.browser
    journey.nav("Quizzes")
    journey.check("quizzes")
    start_quiz(browser, journey.section, "practice", QUIZ_LENGTH)
    keys = journey.keys(journey.attempt_id())
    assert sorted(kind for kind, _key in keys.values()) == sorted(ALL_TYPES)
    for position in range(1, QUIZ_LENGTH + 1):
        kind, key = keys[position]
        assert f"Question {position} of {QUIZ_LENGTH}" in browser.text()
        journey.check(f"practice-{kind}", docs=kind == "matching")
        # right on every type but two: feedback with ticks, and with crosses
        if kind in ("multiple_response", "matching"):
            answer_question(browser.find("fieldset.question"))
        else:
            answer_right(browser.find("fieldset.question"), kind, key)
        browser.click_button("Check my answer")
        assert browser.find(".feedback .verdict strong").text
        journey.check(f"feedback-{kind}", docs=kind == "multiple_response")
        if position == 1:
            the_paragraph_opens_beside_the_quiz(journey)
        if position < QUIZ_LENGTH:
            browser.click_link("Next question")
    browser.click_button("Finish and see my score")
    assert browser.find("h1").text.startswith("Review of your")
    journey.check("practice-review")


def the_paragraph_opens_beside_the_quiz(journey: Journey) -> None:
    browser = journey.browser
    quiz = browser.driver.current_window_handle
    feedback = browser.path
    browser.find(".feedback a[target=_blank]").click()
    browser.wait_until(lambda: len(browser.driver.window_handles) == 2)
    browser.driver.switch_to.window(next(h for h in browser.driver.window_handles if h != quiz))
    browser.wait_until(lambda: browser.path.startswith("/lessons/"))
    journey.check("lesson-from-feedback")
    browser.driver.close()
    browser.driver.switch_to.window(quiz)
    assert browser.path == feedback


def timed_test_to_its_deadline(journey: Journey) -> None:
    """A test of one question of each type, every answer given but the short one; nobody
    presses Finish (with JavaScript the page finishes itself; without, the learner's late Save
    leads to the score).

    The test has a minute while the learner answers; then its deadline is brought to a few
    seconds away, so that the run waits for no more than that whatever the machine's load."""
    browser = journey.browser
    journey.nav("Quizzes")
    start_quiz(browser, journey.section, "test", QUIZ_LENGTH, minutes=1)
    attempt_id = journey.attempt_id()
    keys = journey.keys(attempt_id)
    types = {position: kind for position, (kind, _key) in keys.items()}
    assert sorted(types.values()) == sorted(ALL_TYPES)  # so exactly one is left blank
    answered = str(QUIZ_LENGTH - 1)
    assert browser.text("#answered-count") == "0"
    for fieldset in browser.find_all("fieldset.question"):
        kind, key = keys[int(fieldset.get_attribute("data-position"))]
        if kind != BLANK_TYPE:
            answer_right(fieldset, kind, key)
    blank = next(p for p, kind in types.items() if kind == BLANK_TYPE)
    journey.check("test", docs=True)
    if browser.javascript:  # the bar counts the answers as they are given; each is saved
        assert browser.text("#answered-count") == answered
        assert browser.find("#next-unanswered").get_attribute("href").endswith(f"#q-{blank}")
        browser.wait_until(lambda: _saved_notes(browser) == QUIZ_LENGTH - 1)
    else:
        browser.click_button("Save my answers")
        assert browser.text("#answered-count") == answered
        journey.check("test-saved")
    _deadline_in(journey.app, attempt_id, DEADLINE_SECONDS)
    if browser.javascript:  # reloaded with the new deadline, the page finishes by itself
        browser.driver.refresh()
        assert browser.text("#answered-count") == answered
        browser.wait_until(lambda: "/review" in browser.path, timeout=DEADLINE_SECONDS + 15)
    else:  # the learner presses Finish too late: the answers saved in time count
        browser.wait_until(lambda: _past_deadline(journey.app, attempt_id), DEADLINE_SECONDS + 5)
        browser.click_button("Save and finish")
        assert "Time was up" in browser.text()
    assert browser.find("h1").text == "Review of your section test"
    with journey.app.app_context():
        saved = db.session.scalar(
            sa.select(sa.func.count(Response.id)).where(Response.attempt_id == attempt_id)
        )
    assert saved == QUIZ_LENGTH - 1
    assert "Not answered" in browser.text(f"#review-q-{blank}")
    journey.check("review", docs=True)


def _saved_notes(browser: Browser) -> int:
    return sum(1 for note in browser.find_all(".saved-note") if note.text == "Saved.")


def _deadline_in(app, attempt_id: int, seconds: int) -> None:
    with app.app_context():
        db.session.execute(
            sa.update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(deadline=utcnow() + timedelta(seconds=seconds))
        )
        db.session.commit()


def _past_deadline(app, attempt_id: int) -> bool:
    with app.app_context():
        return db.session.get(Attempt, attempt_id).deadline < utcnow()


def the_dashboard(journey: Journey) -> None:
    browser = journey.browser
    journey.nav("My progress")
    assert browser.find("h1").text == "My progress"
    assert browser.find_all(".level-card")
    journey.check("dashboard", docs=True)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_student_journey_with_axe(live_server, variant):
    (width, height), phone, javascript, dark, docs = VARIANTS[variant]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with Browser.start(live_server.url, CHROMIUM, CHROMEDRIVER, SCREENSHOTS) as browser:
        browser.set_screen(width, height, phone, dark=dark)
        browser.set_javascript(javascript)
        journey = Journey(browser, live_server.app, docs, variant)
        register(journey, f"learner_{variant.replace('-', '_')}")
        read_the_next_lesson(journey)
        practise_every_type(journey)
        timed_test_to_its_deadline(journey)
        the_dashboard(journey)
        assert len(journey.states) >= 20


def test_the_readme_shows_the_screenshots_this_test_saves():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    shown = {Path(link).name for link in _image_links(readme)}
    assert shown, "the README shows the student's pages"
    assert all((DOCS / name).is_file() for name in shown), shown


def _image_links(markdown: str) -> list[str]:
    import re

    return re.findall(r"!\[[^\]]*\]\((docs/screenshots/[^)]+)\)", markdown)
