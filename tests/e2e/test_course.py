"""Issue 17's course, end to end in Chromium, as one test: an instructor writes an essay question
and assigns a timed test due tomorrow through the pages, gives one learner 50 % extra time and
moves another's due date to one already past; both take the test (the second late), the
instructor grades their essays in the grading queue, reads the gradebook and the item analysis
and downloads both as CSV; learners see answers only when the review option allows."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app.extensions import db
from app.models import Attempt, Cohort, Question, Section, User

from .conftest import INSTRUCTOR, JOIN_CODE

pytestmark = pytest.mark.slow
ANA = ("ana_course", "ana-course-password-1")
BEN = ("ben_course", "ben-course-password-1")
LOCAL = "%Y-%m-%dT%H:%M"
RUBRIC = ["Names the charter", "Says what it commits states to", "Gives a reason"]
ANA_ESSAY = "The charter binds the parties to consult; trust is why."
BEN_ESSAY = "Because it is short."


@pytest.fixture(scope="module")
def course(live_server):
    """Two learners in the instructor's class; a section with three approved multiple-choice
    questions (their ids and keys, to answer them right or wrong as a learner would know)."""
    from app.accounts.accounts import create_user
    from app.classes.cohorts import join_cohort
    from app.quiz.selection import one_per_fact, servable_query

    with live_server.app.app_context():
        for username, password in (ANA, BEN):
            join_cohort(db.session, create_user(db.session, username, password), JOIN_CODE)
        cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == JOIN_CODE))
        servable = servable_query().where(Question.type == "multiple_choice").order_by(Question.id)
        for section in db.session.scalars(sa.select(Section).order_by(Section.order)):
            rows = one_per_fact(
                db.session.execute(servable.where(Question.section_id == section.id))
            )
            picked = [db.session.get(Question, row.id) for row in rows[:3]]
            if len(picked) == 3:
                break
        keys = {q.current.stem: q.current.answer for q in picked}
        db.session.commit()
        assert len(picked) == 3
        return {"cohort": cohort.id, "section": section.id, "title": section.title,
                "order": section.order, "ids": [q.id for q in picked], "keys": keys}  # fmt: skip


def _login(browser, username, password):
    browser.logout()
    browser.get("/auth/login")
    browser.fill({"username": username, "password": password})
    browser.click_button("Log in")
    assert f"Logged in as {username}" in browser.text()


def _assign(browser, cohort_id, fields, *, section=None, questions=(), opens, due, show):
    """Give the class an assignment through its form, as the instructor would."""
    browser.get(f"/classes/{cohort_id}/assignments")
    browser.fill(fields)
    if section:
        browser.find(f"input[name=section_ids][value='{section}']").click()
    picker = Select(browser.find("select[name=question_ids]"))
    for question_id in questions:
        picker.select_by_value(question_id)
    browser.set_value("opens_local", opens.strftime(LOCAL))
    browser.set_value("due_local", due.strftime(LOCAL))
    browser.find(f"input[name=show_answers][value='{show}']").click()
    browser.click_button("Give the class this assignment")
    assert f"“{fields['title']}” is assigned to" in browser.text(), browser.text()


def _start(browser, title):
    browser.get("/next")
    browser.click_link(title)
    browser.click_button("Start")


def _answer(browser, keys, right: bool, essay: str | None = None) -> None:
    """Pick the key (or another choice) of each multiple-choice question; write the essay."""
    for fieldset in browser.find_all("fieldset.question"):
        boxes = fieldset.find_elements(By.CSS_SELECTOR, "textarea")
        if boxes:
            boxes[0].send_keys(essay)
            continue
        stem = next(s for s in keys if s in fieldset.text)
        labels = fieldset.find_elements(By.CSS_SELECTOR, "label")
        label = next(x for x in labels if (x.text.strip() == keys[stem]) is right)
        browser.click(label.find_element(By.CSS_SELECTOR, "input"))
    browser.click_button("Save and finish")


def _download(browser, link_text):
    since = time.time() - 1
    browser.driver.find_element(By.PARTIAL_LINK_TEXT, link_text).click()
    text = browser.wait_for_download(".csv", since).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _deadlines(live_server, title) -> dict[str, timedelta]:
    from app.models import Assignment

    with live_server.app.app_context():
        rows = db.session.execute(
            sa.select(User.username, Attempt.started_at, Attempt.deadline)
            .join(User, User.id == Attempt.user_id)
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.title == title)
        ).all()
        return {name: deadline - started for name, started, deadline in rows}


def _grade_next(browser, essay, points, comment):
    """The queue's next essay is ``essay``: grade it against the rubric shown beside it."""
    text = browser.text()
    assert essay in text and all(criterion in text for criterion in RUBRIC)
    browser.fill({"points": points, "comment": comment})
    browser.click_button("Save the grade and go to the next")


def test_an_instructor_runs_a_course_from_assignment_to_exports(live_server, browser, course):
    cohort = course["cohort"]
    now = datetime.now(UTC).replace(second=0, microsecond=0)  # the class's zone is UTC
    tomorrow = now + timedelta(days=1)

    # the instructor writes an essay question for the section and approves it at once
    _login(browser, *INSTRUCTOR)
    browser.get("/instructor/questions")
    browser.click_link("Write a question")
    browser.find("input[name=type][value=essay]").click()
    browser.click_button("Continue")
    browser.fill({"section": f"{course['order']}. {course['title']}",
                  "stem": "Why does the charter matter to the parties?",
                  "answer": "\n".join(RUBRIC)})  # fmt: skip
    browser.find("input[name=approve_now]").click()
    browser.click_button("Save the question")
    assert "approved" in browser.text()
    essay_id = browser.path.rsplit("/", 1)[-1]

    # a timed test due tomorrow: the three questions and the essay, answers after the due date
    questions = [*course["ids"], essay_id]
    _assign(browser, cohort, {"title": "Timed test", "count": "4", "time_limit": "10"},
            questions=questions, opens=now - timedelta(hours=2), due=tomorrow,
            show="after_due")  # fmt: skip
    _assign(browser, cohort, {"title": "Quick check", "count": "2", "time_limit": ""},
            section=course["section"], opens=now - timedelta(hours=2), due=tomorrow,
            show="never")  # fmt: skip
    _assign(browser, cohort, {"title": "Warm-up", "count": "2", "time_limit": ""},
            section=course["section"], opens=now - timedelta(hours=2), due=tomorrow,
            show="at_once")  # fmt: skip
    rows = [r.text for r in browser.find_all("table tbody tr")]
    assert any("Timed test" in r and tomorrow.strftime("%d %b %Y, %H:%M") in r for r in rows)

    # accommodations: Ana 50 % more time; Ben's due date for the test moved to one now past
    browser.click_link("Accommodations")
    browser.fill({"learner": ANA[0], "extra_percent": "50"})
    browser.click_button("Save the accommodation")
    assert "extra time 50 % on every assignment" in browser.text()
    browser.fill({"learner": BEN[0], "assignment": "Timed test"})
    browser.set_value("due_local", (now - timedelta(hours=1)).strftime(LOCAL))
    browser.click_button("Save the accommodation")
    assert "on “Timed test”" in browser.text()

    # Ana takes it on time with 15 minutes; her answers wait for the due date
    _login(browser, *ANA)
    _start(browser, "Timed test")
    assert browser.find("#time-left").text.startswith(("14 min", "15 min"))
    _answer(browser, course["keys"], right=True, essay=ANA_ESSAY)
    text = browser.text()
    assert "Awaiting grading" in text
    assert "shown after its due date" in text and not browser.find_all("ol.questions")

    # Ben's due date has passed: the test is missing, then late; 10 minutes, no extra time
    _login(browser, *BEN)
    browser.get("/next")
    assert "Missing" in browser.text()
    _start(browser, "Timed test")
    assert browser.find("#time-left").text.startswith(("9 min", "10 min"))
    _answer(browser, course["keys"], right=False, essay=BEN_ESSAY)
    # his own due date is past, Ana's is not: the keys stay hidden until the latest one
    assert "shown after its due date" in browser.text() and not browser.find_all("ol.questions")
    browser.get("/next")
    assert "Late" in browser.text()
    assert _deadlines(live_server, "Timed test") == {
        ANA[0]: timedelta(minutes=15),
        BEN[0]: timedelta(minutes=10),
    }

    # review options: "never" shows no key, "at once" shows them
    for title, shown in (("Quick check", False), ("Warm-up", True)):
        _start(browser, title)
        browser.click_button("Save and finish")
        assert bool(browser.find_all("ol.questions")) is shown, title
        if not shown:
            assert "Answers and feedback are not shown for this assignment." in browser.text()

    # the instructor grades both essays from the queue, oldest first
    _login(browser, *INSTRUCTOR)
    browser.get(f"/instructor/classes/{cohort}")
    browser.click_link("Gradebook")
    browser.click_link("Essays to grade")
    assert "2 waiting" in browser.text()
    browser.click_link("Grade the next one (2 waiting)")
    _grade_next(browser, ANA_ESSAY, "3", "All three, well argued.")
    _grade_next(browser, BEN_ESSAY, "1", "Give a reason from the text.")
    assert "Graded: 1 of 3 points." in browser.text()

    # the gradebook: Ana 4 of 4 on time, Ben 1/3 of 4 late; the CSV has the same
    browser.get(f"/classes/{cohort}/gradebook")
    header = [th.text.split("\n")[0].strip(" ▲▼") for th in browser.find_all("table.grid thead th")]
    page = {}
    for row in browser.find_all("table.grid tbody tr"):
        name = row.find_element(By.CSS_SELECTOR, "th").text
        cells = [td.text for td in row.find_elements(By.CSS_SELECTOR, "td")]
        page[name] = dict(zip(header, [name, *cells], strict=True))
    assert header[1:4] == ["Timed test", "Quick check", "Warm-up"]  # due first, then made first
    assert (page[ANA[0]]["Timed test"], page[ANA[0]]["Late"]) == ("100", "0")
    assert (page[BEN[0]]["Timed test"], page[BEN[0]]["Late"]) == ("8 late", "1")
    assert page[BEN[0]]["Quick check"] == "0" and page[ANA[0]]["Quick check"] == ""
    table = _download(browser, "Download the gradebook")
    assert table[0] == header
    by_name = {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    for name in (ANA[0], BEN[0]):
        for column in ("Timed test", "Quick check", "Warm-up", "Missing", "Late"):
            assert by_name[name][column] == page[name][column], (name, column)

    # the item analysis of the test: each question answered right by Ana only
    browser.get(f"/instructor/classes/{cohort}")
    browser.click_link("Item statistics")
    (test_row,) = [row for row in browser.find_all("table.item-tests tbody tr")
                   if row.find_element(By.CSS_SELECTOR, "td").text == "4"]  # fmt: skip
    browser.click(test_row.find_element(By.CSS_SELECTOR, "a"))
    browser.wait_for("table.item-stats")
    text = browser.text()
    assert f"Item analysis: {course['title']}" in text
    assert "with 4 questions from the section, drawn at random or hand-picked" in text
    figures = {}
    for row in browser.find_all("table.item-stats tbody tr"):
        cells = [td.text for td in row.find_elements(By.CSS_SELECTOR, "td")]
        figures[row.find_element(By.CSS_SELECTOR, "th a").get_attribute("href")] = cells
    assert len(figures) == 4
    by_id = {href.rsplit("/", 1)[-1]: cells for href, cells in figures.items()}
    for question_id in course["ids"]:
        assert by_id[question_id][:2] == ["2", "50.0 %"]  # responses, facility: 1 of 2 right
    assert by_id[essay_id][:2] == ["2", "66.7 %"]  # (3/3 + 1/3) / 2
    table = _download(browser, "Download the item analysis")
    rows = {row[1]: dict(zip(table[0], row, strict=True)) for row in table[1:] if row[1]}
    assert set(rows) == set(questions)
    for question_id in course["ids"]:
        assert float(rows[question_id]["facility"]) == pytest.approx(50)
    assert float(rows[essay_id]["facility"]) == pytest.approx(200 / 3)
    assert rows[essay_id]["type"] == "essay"
    assert not browser.console_errors()

    # Ana reads her grade and comment; the keys still wait for the due date
    _login(browser, *ANA)
    browser.get("/next")
    browser.click_link("Timed test")
    browser.click_link("Review")
    text = browser.text()
    assert "Score: 4.0 / 4" in text and "shown after its due date" in text
    assert not browser.find_all("ol.questions")
