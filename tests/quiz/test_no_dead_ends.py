"""A quiz never traps a learner: blank answers, late saves, stale pages and the deadline each
lead on to the attempt, its feedback or its score, with a plain message (issue 16)."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Attempt, Response
from tests.quiz.helpers import right_form
from tests.quiz.test_pages import of_type, served_list, start


def saved_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Response))


def test_a_blank_short_answer_is_left_unanswered_and_the_test_finishes(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    served = served_list(app, attempt_id)
    blank = of_type(served, "short_answer")
    form = {k: v for s in served if s is not blank for k, v in right_form(s).items()}
    form[f"q{blank.position}"] = "  "  # the box as the browser sends it when left empty
    finished = client.post(f"/quiz/attempts/{attempt_id}/answers", data={**form, "finish": "1"})
    assert finished.status_code == 302
    assert finished.location.endswith(f"/quiz/attempts/{attempt_id}/review")
    assert saved_count(app) == len(served) - 1
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == len(served) - 1


def test_saving_with_only_blank_boxes_saves_nothing_and_is_no_error(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    blank = of_type(served_list(app, attempt_id), "short_answer")
    url = f"/quiz/attempts/{attempt_id}/answers"
    saved = client.post(url, data={f"q{blank.position}": ""})
    assert saved.status_code == 302 and saved.location.endswith(f"/quiz/attempts/{attempt_id}")
    json_headers = {"Accept": "application/json"}
    as_json = client.post(url, data={f"q{blank.position}": ""}, headers=json_headers)
    assert as_json.status_code == 200 and as_json.get_json() == {"saved": 0}
    assert saved_count(app) == 0


def test_a_blank_practice_answer_asks_for_an_answer(app, client, learner, bank):
    attempt_id = start(client, [bank])
    blank = of_type(served_list(app, attempt_id), "short_answer")
    response = client.post(
        f"/quiz/attempts/{attempt_id}/questions/{blank.position}", data={f"q{blank.position}": ""}
    )
    assert response.status_code == 400
    assert "Give an answer to this question first." in response.get_data(as_text=True)  # not a 500
    assert saved_count(app) == 0
