"""The learner's dashboard and the review quiz built from questions due today."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from lxml import etree

from app.extensions import db
from app.models import Attempt, AttemptKind, QuestionVersion, ReviewCard, User, utcnow
from app.progress.schedule import review_horizon
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.factories import make_bank, make_question, make_section


@pytest.fixture
def history(app, auth):
    """A learner with three finished quizzes (100 %, 0 %, 50 %) on one section, and another
    learner with an attempt of their own."""
    auth.create("learner")
    auth.create("someone-else")
    with app.app_context():
        section = make_bank(make_section(id="preamble", title="Preamble"))
        learner = db.session.scalar(sa.select(User).where(User.username == "learner"))
        other = db.session.scalar(sa.select(User).where(User.username == "someone-else"))
        start = utcnow() - timedelta(days=3)
        for day, right in enumerate((6, 0, 3)):
            when = start + timedelta(days=day)
            attempt = build_attempt(db.session, learner, [section.id], "test", 6, now=when)
            for served in attempt.served_questions[:right]:
                save_answer(db.session, attempt, served, served.version.answer, when)
            finish_attempt(db.session, attempt, when)
        other_attempt = build_attempt(db.session, other, [section.id], "test", 6, now=start)
        finish_attempt(db.session, other_attempt, start)
        db.session.commit()
        return {"other_attempt": other_attempt.id}


def test_dashboard_needs_a_login(client):
    assert client.get("/progress/").status_code == 302


def test_dashboard_shows_levels_chart_table_due_and_history(app, client, auth, history):
    auth.login("learner")
    page = client.get("/progress/").get_data(as_text=True)
    assert re.search(r'<progress max="4" value="3"[^>]*aria-label="Preamble: Proficient"', page)
    assert "best section quiz 100 %" in page
    # the chart: well-formed SVG with a title and a description, and its data as a table
    svg = re.search(r'<svg[^>]*class="accuracy-chart".*?</svg>', page, re.S).group(0)
    tree = etree.fromstring(svg.encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert tree.find("s:title", ns).text.startswith("Accuracy over your last 3")
    assert (
        "from 100 %" in tree.find("s:desc", ns).text and "to 50 %" in tree.find("s:desc", ns).text
    )
    assert len(tree.findall("s:circle", ns)) == 3
    assert tree.get("role") == "img" and tree.get("aria-labelledby") == "chart-title chart-desc"
    table = re.search(r"<caption>Accuracy per finished quiz.*?</table>", page, re.S).group(0)
    assert [cell for cell in re.findall(r"<td>(\d+) %</td>", table)] == ["100", "0", "50"]
    # wrong answers are due for review today: a count and one button, not their stems;
    # the history links every attempt's review
    assert "Due for review today" in page
    assert re.search(r"<strong>\d+</strong> questions? due for review today", page)
    assert page.count('action="/quiz/review"') == 1 and "Review them now" in page
    with app.app_context():
        stems = db.session.scalars(sa.select(QuestionVersion.stem)).all()
    assert not [stem for stem in stems if stem in page]
    assert page.count('/review">Review') == 3
    assert f"/quiz/attempts/{history['other_attempt']}/review" not in page


def test_review_quiz_serves_the_questions_due(app, client, auth, history):
    auth.login("learner")
    with app.app_context():
        learner = db.session.scalar(sa.select(User).where(User.username == "learner"))
        due = set(
            db.session.scalars(
                sa.select(ReviewCard.question_id).where(
                    ReviewCard.user_id == learner.id, ReviewCard.due <= utcnow() + timedelta(days=1)
                )
            )
        )
    assert due
    response = client.post("/quiz/review", data={"mode": "practice", "count": 50})
    assert response.status_code == 302
    attempt_id = int(re.search(r"/attempts/(\d+)", response.location).group(1))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.kind is AttemptKind.REVIEW
        assert {s.question_id for s in attempt.served_questions} <= due


def test_review_quiz_with_nothing_due_says_so(client, auth, app):
    auth.create("fresh")
    auth.login("fresh")
    response = client.post("/quiz/review", data={"mode": "practice", "count": 5})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Nothing is due for review today." in page
    assert client.post("/quiz/review", data={"mode": "exam", "count": 5}).status_code == 400


def test_dashboard_of_a_new_learner(client, auth, app):
    with app.app_context():
        make_section(id="preamble", title="Preamble")
        db.session.commit()
    auth.create("fresh")
    auth.login("fresh")
    page = client.get("/progress/").get_data(as_text=True)
    assert 'aria-label="Preamble: Not started"' in page
    assert "Finish a quiz to see your accuracy here." in page and "accuracy-chart" not in page
    assert "No attempts yet." in page


def test_due_today_ends_at_the_learners_own_midnight(app, client, auth):
    """Kiritimati is UTC+14: its day never ends when the UTC day does, so a page that ignored
    the learner's zone would list the later card or miss the earlier one."""
    user_id = auth.create("learner")
    with app.app_context():
        learner = db.session.get(User, user_id)
        learner.time_zone = "Pacific/Kiritimati"
        section = make_section(id="preamble", title="Preamble")
        horizon = review_horizon(utcnow(), "Pacific/Kiritimati")
        for stem, due in (("Due before midnight?", horizon - timedelta(minutes=1)),
                          ("Due after midnight?", horizon + timedelta(minutes=1))):  # fmt: skip
            question = make_question(type="true_false", section=section, status="approved",
                                     stem=stem)  # fmt: skip
            db.session.add(ReviewCard(user_id=user_id, question_id=question.id, card={}, due=due))
        db.session.commit()
    auth.login("learner")
    page = client.get("/progress/").get_data(as_text=True)
    assert "<strong>1</strong> question due for review today" in page


def test_times_are_shown_in_the_learners_time_zone(app, client, auth, history):
    with app.app_context():
        learner = db.session.scalar(sa.select(User).where(User.username == "learner"))
        started = db.session.scalars(
            sa.select(Attempt.started_at).where(Attempt.user_id == learner.id)
        ).all()
        learner.time_zone = "Asia/Tokyo"
        db.session.commit()
    auth.login("learner")
    page = client.get("/progress/").get_data(as_text=True)
    for moment in started:
        tokyo = moment + timedelta(hours=9)  # JST has no summer time
        assert f"<td>{tokyo.strftime('%d %b %Y %H:%M')} JST</td>" in page
    assert " UTC</td>" not in page and "(UTC)" not in page


def test_a_section_of_a_mixed_test_only_shows_its_accuracy_as_the_export_does(app, client, auth):
    """No "best section quiz 0 %" for a section no section quiz touched (issue 16, bug 5)."""
    from app.exports.progress import ExportScope
    from app.exports.summary import summary_rows

    user_id = auth.create("learner")
    with app.app_context():
        learner = db.session.get(User, user_id)
        first, second = make_bank(), make_bank()
        now = utcnow()
        attempt = build_attempt(db.session, learner, [first.id, second.id], "test", 12, now=now)
        in_first = [
            s for s in attempt.served_questions if s.version.question.section_id == first.id
        ]
        wrong = next(s for s in in_first if s.version.question.type == "true_false")
        save_answer(db.session, attempt, wrong, not wrong.version.answer, now)
        for served in [s for s in in_first if s is not wrong][:3]:  # 3 of 4 answers right
            save_answer(db.session, attempt, served, served.version.answer, now)
        finish_attempt(db.session, attempt, now)
        db.session.commit()
        _header, rows = summary_rows(db.session, ExportScope(learner=learner))
        exported = [row for row in rows if row["section_id"] == first.id][0]
        title = first.title
    auth.login("learner")
    page = client.get("/progress/").get_data(as_text=True)
    assert exported["accuracy"] == 0.75
    assert "best section quiz" not in page
    line = re.search(rf">{title}</a>.*?</li>", page, re.S).group(0)
    assert "75 % of 4 answers right" in line
