"""An essay in Chromium: a learner writes one in an assignment and sees it awaiting grading;
the instructor grades it from the grading queue against its rubric, with a comment; the
learner reads the grade and the comment, and the gradebook counts it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Cohort, Section

from .conftest import INSTRUCTOR, JOIN_CODE
from .test_assignments import _login

pytestmark = pytest.mark.slow
CARA = ("cara_e2e", "cara-e2e-password-1")
ESSAY = "The summits came first.\nRecalling them shows the new text builds on trust."


@pytest.fixture(scope="module")
def essay_assignment(live_server):
    """Cara in the instructor's class; an approved essay, hand-picked by an open assignment."""
    from app.accounts.accounts import create_user
    from app.bank.versions import new_version
    from app.classes.cohorts import join_cohort
    from app.models import Assignment, AttemptMode, Question, QuestionStatus, ShowAnswers

    with live_server.app.app_context():
        join_cohort(db.session, create_user(db.session, *CARA), JOIN_CODE)
        cohort = db.session.scalar(sa.select(Cohort).where(Cohort.join_code == JOIN_CODE))
        section = db.session.scalars(sa.select(Section).order_by(Section.order)).first()
        question = Question(id="essay-e2e", section_id=section.id, type="essay",
                            status=QuestionStatus.APPROVED)  # fmt: skip
        db.session.add(question)
        new_version(question, {
            "stem": "Why might the authors have begun by recalling earlier summits?",
            "answer": ["Names an earlier summit", "Says what recalling it does",
                       "Gives a reason from diplomacy"],
            "explanation": "", "source": {"section_id": section.id},
        })  # fmt: skip
        now = datetime.now(UTC)
        db.session.add(
            Assignment(cohort_id=cohort.id, title="Essay week", section_ids=[section.id],
                       question_ids=[question.id], count=1, mode=AttemptMode.TEST,
                       time_limit=None, opens_at=now - timedelta(hours=1),
                       due_at=now + timedelta(days=1), attempts_allowed=1,
                       show_answers=ShowAnswers.AT_ONCE)
        )  # fmt: skip
        db.session.commit()
        return cohort.id


def test_an_instructor_grades_an_essay_and_the_learner_reads_it(browser, essay_assignment):
    _login(browser, *CARA)
    browser.get("/next")
    browser.click_link("Essay week")
    browser.click_button("Start")
    browser.find("textarea[name=q1]").send_keys(ESSAY)
    browser.click_button("Save and finish")
    assert "Awaiting grading" in browser.text()
    assert not browser.axe_violations()
    browser.screenshot("essay-awaiting")

    _login(browser, *INSTRUCTOR)
    browser.get(f"/classes/{essay_assignment}/grading")
    assert "1 waiting" in browser.text()
    assert not browser.axe_violations()
    browser.click_link("Grade the next one (1 waiting)")
    assert "Gives a reason from diplomacy" in browser.text()  # the rubric beside the answer
    assert "builds on trust" in browser.text()
    assert not browser.console_errors()
    browser.fill({"points": "4"})
    browser.click_button("Save the grade and go to the next")
    assert "cannot be above the maximum, 3" in browser.text()  # nothing saved
    (refused,) = browser.console_errors()  # the form's 400, and nothing else
    assert "/grading/" in refused and "400" in refused
    browser.fill({"points": "2.5", "comment": "Clear. Name the summit you mean."})
    assert not browser.axe_violations()
    browser.screenshot("essay-grading")
    browser.click_button("Save the grade and go to the next")
    assert "Graded: 2.5 of 3 points." in browser.text()
    browser.get(f"/classes/{essay_assignment}/gradebook")
    row = next(r for r in browser.find_all("table.grid tbody tr") if CARA[0] in r.text)
    assert "83" in row.text and "awaiting" not in row.text

    _login(browser, *CARA)
    browser.get("/next")
    browser.click_link("Essay week")
    browser.click_link("Review")
    text = browser.text()
    assert "Graded: 2.5 of 3 points." in text and "Name the summit you mean." in text
    assert not browser.axe_violations()
    browser.screenshot("essay-graded")
    assert not browser.console_errors()
