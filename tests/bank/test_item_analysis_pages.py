"""The item analysis pages and CSV of a class: figures, flags, sorting, access, bounded queries."""

from __future__ import annotations

import csv
import io
import math
import statistics
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.extensions import db
from app.models import Membership, Question, User
from tests.factories import make_cohort, make_finished_attempt, make_question, make_section

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
# learner -> marks of q0, q1, q2 (test mode, one attempt each)
MATRIX = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (0, 1, 0), (1, 0, 0), (0, 0, 0)]
WRONG = "Quartet"


class QueryCounter:
    """Counts the SQL statements the engine runs while active."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def _count(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def student(name):
    user = User(username=name, password_hash="-", role="student")
    db.session.add(user)
    db.session.flush()
    return user


def take(user, questions, marks, *, mode="test", when=T0):
    answers = [
        (q, float(m), q.current.answer if m else WRONG)
        for q, m in zip(questions, marks, strict=True)
    ]
    make_finished_attempt(user=user, answers=answers, started_at=when, mode=mode)


@pytest.fixture
def seeded(app, auth):
    """A teacher's class of six learners who each took a 3-question test of one section."""
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        teacher = db.session.scalar(sa.select(User).where(User.username == "teacher"))
        section = make_section(id="sec-items", title="Strategic stability")
        questions = [make_question(section=section, id=f"qa{k}") for k in range(3)]
        questions[2].current.stem = "=HYPERLINK(1) which body?"
        learners = [student(f"learner{k}") for k in range(len(MATRIX))]
        cohort = make_cohort(instructor=teacher, name="Year 11", members=learners)
        for k, (user, marks) in enumerate(zip(learners, MATRIX, strict=True)):
            take(user, questions, marks, when=T0 + timedelta(minutes=k))
        # a later attempt, a practice attempt and an outsider's attempt do not count
        take(learners[5], questions, (1, 1, 1), when=T0 + timedelta(days=1))
        take(learners[5], questions, (1, 1, 1), mode="practice", when=T0 - timedelta(days=1))
        take(student("outsider"), questions, (1, 1, 1))
        db.session.commit()
        return {"cohort": cohort.id, "engine": db.engine}


def url(seeded, suffix=""):
    return f"/instructor/classes/{seeded['cohort']}/items{suffix}"


def expected():
    """Moodle's figures for MATRIX, from the statistics module."""
    totals = [sum(row) for row in MATRIX]
    k2, p = statistics.variance(totals), 3
    columns = zip(*MATRIX, strict=True)
    alpha = 100 * p / (p - 1) * (1 - sum(statistics.variance(col) for col in columns) / k2)
    error_ratio = 100 * math.sqrt(1 - alpha / 100)
    items = []
    for k in range(3):
        xs = [row[k] for row in MATRIX]
        rs = [t - x for t, x in zip(totals, xs, strict=True)]
        cov = statistics.covariance(xs, rs)
        items.append(
            {
                "facility": 100 * statistics.mean(xs),
                "sd": 100 * statistics.stdev(xs),
                "discrimination": 100 * statistics.correlation(xs, rs),
                "efficiency": 100 * cov / statistics.covariance(sorted(xs), sorted(rs)),
            }
        )
    return {
        "alpha": alpha,
        "error_ratio": error_ratio,
        "standard_error": 100 * (error_ratio * math.sqrt(k2) / 100) / p,
        "items": items,
    }


def test_the_class_lists_its_section_tests(client, seeded):
    html = client.get(url(seeded)).get_data(as_text=True)
    assert "Strategic stability" in html and ">sec-items<" not in html
    assert "?questions=3" in html
    assert "<td>6</td>" in html  # six learners, the outsider left out


def test_the_page_shows_moodles_figures_and_names_the_formulas(client, seeded):
    response = client.get(url(seeded, "/sec-items?questions=3"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    figures = expected()
    assert f"{figures['alpha']:.1f} %" in html
    assert f"{figures['error_ratio']:.1f} %" in html
    assert f"{figures['standard_error']:.1f} %" in html
    for item in figures["items"]:
        assert f"{item['facility']:.1f} %" in html
        assert f"{item['efficiency']:.1f} %" in html
    assert "25.0 %" in html  # random guess of a four-choice question
    for name in ("Facility index", "Discriminative efficiency", "Cronbach", "Error ratio"):
        assert name in html
    assert "cov(x, r)" in html and "covmax" in html
    assert "qa0" not in html.replace('href="/instructor/questions/qa0"', "")


def test_the_test_with_most_learners_is_the_default(client, seeded):
    plain = client.get(url(seeded, "/sec-items")).get_data(as_text=True)
    assert "with 3 questions" in plain


def test_flagged_items_come_first_whatever_the_sort(client, seeded):
    figures = expected()["items"]
    flagged = [k for k, item in enumerate(figures) if item["efficiency"] < 15]
    for sort in ("facility", "discrimination", "responses"):
        for direction in ("asc", "desc"):
            html = client.get(url(seeded, f"/sec-items?sort={sort}&dir={direction}")).get_data(
                as_text=True
            )
            rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
            marks = ["flagged" in row for row in rows]
            assert marks == sorted(marks, reverse=True)
            assert sum(marks) == len(flagged)


def test_the_csv_has_the_figures_a_bom_and_no_formulas(client, seeded):
    response = client.get(url(seeded, "/sec-items/export.csv?questions=3"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 4  # three questions and the whole test
    items = {row["question_id"]: row for row in rows[:3]}
    figures = expected()
    for k, item in enumerate(figures["items"]):
        row = items[f"qa{k}"]
        assert float(row["facility"]) == pytest.approx(item["facility"], abs=1e-4)
        assert float(row["discrimination_index"]) == pytest.approx(item["discrimination"], abs=1e-4)
        assert float(row["discriminative_efficiency"]) == pytest.approx(
            item["efficiency"], abs=1e-4
        )
        assert row["flagged"] == ("1" if item["efficiency"] < 15 else "0")
        assert row["section"] == "Strategic stability"
    assert items["qa2"]["question"].startswith("'=HYPERLINK")
    whole = rows[3]
    assert float(whole["alpha"]) == pytest.approx(figures["alpha"], abs=1e-4)
    assert float(whole["error_ratio"]) == pytest.approx(figures["error_ratio"], abs=1e-4)
    assert float(whole["standard_error"]) == pytest.approx(figures["standard_error"], abs=1e-4)
    assert whole["responses"] == "6"
    bare = client.get(url(seeded, "/sec-items/export.csv?bom=0")).get_data(as_text=True)
    assert bare.startswith("section,")


def test_bad_input_is_a_clear_4xx(client, seeded):
    assert client.get(url(seeded, "/sec-items?dir=up")).status_code == 400
    response = client.get(url(seeded, "/sec-items?sort=id"))
    assert response.status_code == 400 and "Sort by one of" in response.get_data(as_text=True)
    assert client.get(url(seeded, "/no-such-section")).status_code == 404
    empty = client.get(url(seeded, "/sec-items?questions=7"))
    assert empty.status_code == 200
    assert "No learner of this class has finished a test" in empty.get_data(as_text=True)


def test_students_and_other_instructors_are_refused(client, auth, seeded):
    auth.logout()
    auth.create("pupil", "student")
    auth.login("pupil")
    assert client.get(url(seeded, "/sec-items")).status_code == 403
    assert client.get(url(seeded, "/sec-items/export.csv")).status_code == 403
    auth.logout()
    auth.create("someone", "instructor")
    auth.login("someone")
    assert client.get(url(seeded, "/sec-items")).status_code == 403


def test_queries_do_not_grow_with_the_class(client, app, seeded):
    def queries():
        counts = []
        for path in ("", "/sec-items", "/sec-items/export.csv"):
            with QueryCounter(seeded["engine"]) as counter:
                assert client.get(url(seeded, path)).status_code == 200
            counts.append(len(counter.statements))
        return counts

    small = queries()
    with app.app_context():
        questions = [db.session.get(Question, f"qa{k}") for k in range(3)]
        for k in range(40):
            user = student(f"more{k}")
            db.session.add(Membership(cohort_id=seeded["cohort"], user_id=user.id))
            take(user, questions, (k % 2, k % 3 == 0, 1), when=T0 + timedelta(hours=k))
        db.session.commit()
    large = queries()
    assert small == large
    assert max(large) <= 10, large


def test_the_question_page_shows_its_figures_over_all_learners(client, seeded):
    html = client.get("/instructor/questions/qa0").get_data(as_text=True)
    assert "Item analysis (all learners)" in html
    assert "3 questions, 7 learners" in html  # the outsider counts here, not on class pages
    assert f"{100 * 5 / 7:.1f} %" in html  # facility: five of seven right
    assert "25.0 %" in html  # random guess, from the question type
