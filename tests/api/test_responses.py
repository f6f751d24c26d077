"""PUT /attempts/<id>/responses/<qid>: whose attempt first, and answers racing each other."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Response, ServedQuestion
from tests.api.conftest import get_token, keys_of
from tests.quiz.helpers import racing_insert


def start(api, bank, mode, count=6):
    response = api.post("/attempts", json={"section_ids": [bank], "mode": mode, "count": count})
    assert response.status_code == 201
    return response.get_json()


def responses(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(sa.select(Response.served_id, Response.answer)).all()


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"data": "{not json", "content_type": "application/json"},
        {"json": {}},
        {"json": {"answer": "Not offered"}},
        {"json": {"answer": True}},
    ],
)
def test_another_learners_attempt_is_a_404_whatever_the_body(app, client, auth, api, bank, kwargs):
    attempt = start(api, bank, "test")
    auth.create("intruder")
    intruder = {"Authorization": f"Bearer {get_token(client, 'intruder')}"}
    for question in attempt["questions"]:
        url = f"/api/v1/attempts/{attempt['id']}/responses/{question['question_id']}"
        response = client.put(url, headers=intruder, **kwargs)
        assert response.status_code == 404, (question["type"], response.get_json())
        assert response.get_json() == {"error": "There is no such attempt of yours."}
    # an unknown attempt, and an unknown question of one's own attempt, alike
    assert api.put("/attempts/999999/responses/q-none", data="x").status_code == 404
    unknown = api.put(f"/attempts/{attempt['id']}/responses/q-none", data="{not json")
    assert unknown.status_code == 404
    assert responses(app) == []


@contextmanager
def answered_meanwhile(app, attempt_id: int, question_id: str, answer):
    """Just before the request inserts its response, another request commits one (a race)."""
    with app.app_context():
        served_id = db.session.scalar(
            sa.select(ServedQuestion.id).where(
                ServedQuestion.attempt_id == attempt_id,
                ServedQuestion.question_id == question_id,
            )
        )
        engine = db.engine
    with racing_insert(engine, attempt_id, served_id, answer) as raced:
        yield raced


def _question(attempt, qtype):
    return next(q for q in attempt["questions"] if q["type"] == qtype)


@pytest.mark.parametrize("mode", ["practice", "test"])
def test_the_same_first_answer_twice_at_once_is_saved_once_and_both_succeed(app, api, bank, mode):
    attempt = start(api, bank, mode)
    question = _question(attempt, "multiple_choice")
    key = keys_of(app)[question["question_id"]][1]
    url = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
    with answered_meanwhile(app, attempt["id"], question["question_id"], key) as raced:
        response = api.put(url, json={"answer": key})
    assert raced, "the race did not happen"
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["answered"] is True
    assert [answer for _served, answer in responses(app)] == [key]


def test_a_different_first_answer_racing_in_a_test_replaces_it(app, api, bank):
    attempt = start(api, bank, "test")
    question = _question(attempt, "multiple_choice")
    key = keys_of(app)[question["question_id"]][1]
    other = next(c for c in question["choices"] if c != key)
    url = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
    with answered_meanwhile(app, attempt["id"], question["question_id"], other) as raced:
        response = api.put(url, json={"answer": key})
    assert raced and response.status_code == 200
    assert response.get_json()["answer"] == key  # the later answer wins, as any change does
    assert [answer for _served, answer in responses(app)] == [key]
    finished = api.post(f"/attempts/{attempt['id']}/finish").get_json()
    assert finished["score"] == 1.0


def test_a_different_first_answer_racing_in_practice_is_a_409(app, api, bank):
    attempt = start(api, bank, "practice")
    question = _question(attempt, "multiple_choice")
    key = keys_of(app)[question["question_id"]][1]
    other = next(c for c in question["choices"] if c != key)
    url = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
    with answered_meanwhile(app, attempt["id"], question["question_id"], other) as raced:
        response = api.put(url, json={"answer": key})
    assert raced and response.status_code == 409
    assert "final" in response.get_json()["error"]
    assert [answer for _served, answer in responses(app)] == [other]  # the first one counts
