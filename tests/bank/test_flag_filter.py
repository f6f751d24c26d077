"""The bank list's "Flagged" filter: questions the item analysis flags, over every class."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.bank.statistics.flagged import flagged_version_ids
from app.bank.versions import new_version
from app.extensions import db
from app.models import Question, User
from tests.factories import make_cohort, make_finished_attempt, make_question, make_section

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
# learner -> marks of qf0, qf1, qf2 in one 3-question test. qf0 is right for those who get the
# rest wrong: its discrimination is negative (flagged); qf1 and qf2 go with the rest.
MATRIX = [(0, 1, 1), (0, 1, 1), (0, 0, 0), (1, 0, 0), (1, 1, 1), (1, 0, 0)]


def _take(user, questions, marks, when) -> None:
    answers = [(q, float(m), q.current.answer if m else "Quartet") for q, m in
               zip(questions, marks, strict=True)]  # fmt: skip
    make_finished_attempt(user=user, answers=answers, started_at=when, mode="test")


@pytest.fixture
def bank(app, auth):
    """Six learners, three in each of two classes, took a test of section "sec-flag"."""
    auth.create("teacher", "instructor")
    auth.login("teacher")
    with app.app_context():
        section = make_section(id="sec-flag", title="Strategic stability")
        other = make_section(id="sec-other", title="Economic cooperation")
        questions = [
            make_question(section=section, id=f"qf{k}", status="approved", stem=f"Stem {k}?")
            for k in range(3)
        ]
        make_question(section=other, id="qother", status="approved", stem="Other stem?")
        learners = []
        for k in range(len(MATRIX)):
            learner = User(username=f"learner{k}", password_hash="-", role="student")
            db.session.add(learner)
            learners.append(learner)
        db.session.flush()
        make_cohort(name="Class A", members=learners[:3])
        make_cohort(name="Class B", members=learners[3:])
        for k, (learner, marks) in enumerate(zip(learners, MATRIX, strict=True)):
            _take(learner, questions, marks, T0 + timedelta(minutes=k))
        db.session.commit()


def _listed(client, query: str) -> list[str]:
    response = client.get(f"/instructor/questions?{query}")
    assert response.status_code == 200
    return re.findall(r'name="ids" value="([^"]+)"', response.get_data(as_text=True))


def test_the_flag_filter_lists_the_questions_the_item_analysis_flags(app, client, bank):
    assert _listed(client, "") == ["qf0", "qf1", "qf2", "qother"]
    assert _listed(client, "flag=flagged") == ["qf0"]
    assert _listed(client, "flag=flagged&section=sec-flag&status=approved") == ["qf0"]
    assert _listed(client, "flag=flagged&section=sec-other") == []
    page = client.get("/instructor/questions?flag=flagged").get_data(as_text=True)
    assert '<option value="flagged" selected>' in page
    # "next" through the filtered list stays in it
    one = client.get("/instructor/questions/qf0?flag=flagged").get_data(as_text=True)
    assert "/instructor/questions/qf1" not in one


def test_an_edited_question_leaves_the_flagged_list(app, client, bank):
    with app.app_context():
        question = db.session.get(Question, "qf0")
        old = question.current_version_id
        assert flagged_version_ids(db.session) == {old}
        v = question.current
        data = {"stem": "A clearer stem?", "choices": v.choices, "answer": v.answer,
                "explanation": v.explanation, "generator": v.generator}  # fmt: skip
        new_version(question, data)
        db.session.commit()
        assert flagged_version_ids(db.session, "sec-flag") == {old}  # the old one stays flagged
    assert _listed(client, "flag=flagged") == []


def test_a_bad_flag_filter_is_a_clear_400(client, bank):
    response = client.get("/instructor/questions?flag=mine")
    assert response.status_code == 400
    assert "flagged" in response.get_data(as_text=True)
