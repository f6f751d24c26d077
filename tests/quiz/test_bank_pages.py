"""Quiz pages and the API on the shipped bank: no key or explanation leaks before its time."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Question, Section
from app.questions import get_type, self_graded_types
from app.quiz.starting import MAX_QUESTIONS
from tests.quiz.helpers import attempt_id_from, main_of, right_form
from tests.quiz.test_pages import served_list


def public_text(served) -> str:
    """Everything a question legitimately shows (stem and options) as one text."""
    shown = get_type(served.version.question.type).public(served.version, served.choice_order)
    return repr(shown)


def hidden_strings(served_all) -> list[str]:
    """Explanations, typed-answer keys and accepted forms that the page must not contain,
    except where the text shows them anyway as part of some question (a stem or an option)."""
    shown = " ".join(public_text(s) for s in served_all)
    hidden = []
    for served in served_all:
        version = served.version
        hidden.append(version.explanation)
        if served.version.question.type == "short_answer":
            hidden += [version.answer, *version.accepted]
    return [h for h in hidden if h and h not in shown]


def section_ids(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Section.id).order_by(Section.order)))


def test_every_section_as_a_test_no_leak_then_full_marks(app, client, auth, curriculum):
    auth.create("learner")
    auth.login("learner")
    for section_id in section_ids(app):
        data = {"section_ids": section_id, "mode": "test", "count": MAX_QUESTIONS}
        attempt_id = attempt_id_from(client.post("/quiz/start", data=data).location)
        served = served_list(app, attempt_id)
        with app.app_context():
            total = db.session.scalar(  # one question per fact (a v1 question's is its stem)
                sa.select(sa.func.count(sa.distinct(Question.fact))).where(
                    Question.section_id == section_id, Question.type.in_(self_graded_types())
                )
            )
        # the whole section, every type it has, when it fits in one test (else as many as fit)
        expected = min(total, MAX_QUESTIONS)
        assert len(served) == expected
        assert len({item.version.question.fact for item in served}) == expected
        page = main_of(client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True))
        hidden = hidden_strings(served)
        assert [h for h in hidden if h in page] == [], section_id
        answers = {k: v for item in served for k, v in right_form(item).items()}
        done = client.post(f"/quiz/attempts/{attempt_id}/answers", data={**answers, "finish": "1"})
        review = main_of(client.get(done.location).get_data(as_text=True))
        assert f"{float(expected):.1f} / {expected}" in review, section_id
        for item in served:
            assert item.version.explanation in review


def test_practice_on_the_real_bank_one_question_at_a_time(app, client, auth, curriculum):
    auth.create("learner")
    auth.login("learner")
    with app.app_context():  # the sections with an ordering question, served whole
        sections = sorted(
            set(
                db.session.scalars(
                    sa.select(Question.section_id).where(Question.type == "ordering")
                )
            )
        )
        types = set(
            db.session.scalars(
                sa.select(Question.type).where(
                    Question.section_id.in_(sections), Question.type.in_(self_graded_types())
                )
            )
        )
    data = {"section_ids": sections, "mode": "practice", "count": 50}
    attempt_id = attempt_id_from(client.post("/quiz/start", data=data).location)
    served = served_list(app, attempt_id)
    assert "ordering" in types and len(types) >= 5
    assert {s.version.question.type for s in served} == types
    for position, item in enumerate(served):
        page = main_of(client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True))
        hidden = hidden_strings(served[position:])
        assert [h for h in hidden if h in page] == [], item.question_id
        answered = client.post(
            f"/quiz/attempts/{attempt_id}/questions/{item.position}", data=right_form(item)
        )
        feedback = main_of(client.get(answered.location).get_data(as_text=True))
        assert "Right." in feedback, item.question_id
        paragraph = item.version.source.get("paragraph")
        if paragraph:
            assert f"p={paragraph}#p-{paragraph}" in feedback


def test_api_on_the_real_bank_no_leak(app, client, auth, curriculum):
    from tests.conftest import PASSWORD

    auth.create("learner")
    token = client.post("/api/v1/token", json={"username": "learner", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    body = {"section_ids": section_ids(app), "mode": "test", "count": 50}
    started = client.post("/api/v1/attempts", json=body, headers=headers)
    assert started.status_code == 201
    attempt = started.get_json()
    served = served_list(app, attempt["id"])
    text = started.get_data(as_text=True)
    hidden = hidden_strings(served)
    assert [h for h in hidden if h in text] == []
    assert '"explanation"' not in text and '"key"' not in text and '"accepted"' not in text
    finished = client.post(f"/api/v1/attempts/{attempt['id']}/finish", headers=headers)
    assert all("explanation" in q for q in finished.get_json()["questions"])
