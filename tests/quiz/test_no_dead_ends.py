"""A quiz never traps a learner: blank answers, late saves, stale pages and the deadline each
lead on to the attempt, its feedback or its score, with a plain message (issue 16)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Attempt, Response, ReviewCard
from tests.quiz.helpers import right_form, wrong_form
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


def expire(app, attempt_id: int) -> datetime:
    """Move the attempt's start and deadline ten minutes back: its time ran out; the deadline."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.started_at -= timedelta(minutes=10)
        attempt.deadline -= timedelta(minutes=10)
        db.session.commit()
        return attempt.deadline


def finished_at(app, attempt_id: int):
    with app.app_context():
        return db.session.get(Attempt, attempt_id).finished_at


@pytest.mark.parametrize("read", ["take", "review", "quizzes"])
def test_an_expired_test_is_finished_at_its_deadline_wherever_it_is_read(
    app, client, learner, bank, read
):
    attempt_id = start(client, [bank], mode="test", time_limit=5)
    first = served_list(app, attempt_id)[0]
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(first))
    deadline = expire(app, attempt_id)
    url = {
        "take": f"/quiz/attempts/{attempt_id}",
        "review": f"/quiz/attempts/{attempt_id}/review",
        "quizzes": "/quiz/",
    }[read]
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200
    assert finished_at(app, attempt_id) == deadline
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 1.0  # the answer saved in time
    if read != "quizzes":
        page = response.get_data(as_text=True)
        assert response.request.path.endswith("/review") and "Score:" in page
    else:
        assert f'/quiz/attempts/{attempt_id}"' not in response.get_data(as_text=True)


def test_a_late_autosave_says_time_is_up_in_json_and_leads_to_the_score(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=5)
    first = served_list(app, attempt_id)[0]
    deadline = expire(app, attempt_id)
    late = client.post(
        f"/quiz/attempts/{attempt_id}/answers",
        data=right_form(first),
        headers={"Accept": "application/json"},
    )
    assert late.status_code == 409 and late.is_json
    body = late.get_json()
    assert body["finished"] is True and "Time was up" in body["error"]
    assert body["review_url"] == f"/quiz/attempts/{attempt_id}/review"
    assert finished_at(app, attempt_id) == deadline and saved_count(app) == 0


def test_save_and_finish_after_the_deadline_leads_to_the_score(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=5)
    served = served_list(app, attempt_id)
    deadline = expire(app, attempt_id)
    form = {k: v for s in served for k, v in right_form(s).items()}
    late = client.post(f"/quiz/attempts/{attempt_id}/answers", data={**form, "finish": "1"})
    assert late.status_code == 302 and late.location.endswith(f"/attempts/{attempt_id}/review")
    page = client.get(late.location).get_data(as_text=True)
    assert "Time was up" in page and "0.0 / 6" in page
    assert finished_at(app, attempt_id) == deadline and saved_count(app) == 0


def test_an_answer_from_a_stale_page_after_finishing_leads_to_the_score(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    first = served_list(app, attempt_id)[0]
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    stale = client.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(first))
    assert stale.status_code == 302 and stale.location.endswith(f"/attempts/{attempt_id}/review")
    page = client.get(stale.location).get_data(as_text=True)
    assert "already finished, so that answer was not saved" in page and "Score:" in page
    as_json = client.post(
        f"/quiz/attempts/{attempt_id}/answers",
        data=right_form(first),
        headers={"Accept": "application/json"},
    )
    assert as_json.status_code == 409 and as_json.get_json()["finished"] is True
    assert saved_count(app) == 0


def test_the_back_button_after_a_practice_answer_leads_to_its_feedback(app, client, learner, bank):
    attempt_id = start(client, [bank])
    first = served_list(app, attempt_id)[0]
    url = f"/quiz/attempts/{attempt_id}/questions/1"
    assert client.post(url, data=right_form(first)).status_code == 302
    again = client.post(url, data=wrong_form(first))  # the page the back button shows, resent
    assert again.status_code == 302 and again.location.endswith(f"{url}/feedback")
    page = client.get(again.location).get_data(as_text=True)
    assert "You answered this question already; your first answer counts." in page
    assert "Right." in page and "Next question" in page


def test_a_practice_answer_after_finishing_leads_to_the_score(app, client, learner, bank):
    attempt_id = start(client, [bank])
    second = served_list(app, attempt_id)[1]
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    late = client.post(f"/quiz/attempts/{attempt_id}/questions/2", data=right_form(second))
    assert late.status_code == 302 and late.location.endswith(f"/attempts/{attempt_id}/review")
    assert "Score:" in client.get(late.location).get_data(as_text=True)


def test_the_review_of_an_unfinished_attempt_leads_to_the_attempt(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    early = client.get(f"/quiz/attempts/{attempt_id}/review", follow_redirects=True)
    assert early.status_code == 200 and early.request.path == f"/quiz/attempts/{attempt_id}"
    assert "its review comes when you finish it" in early.get_data(as_text=True)


def selected_in(page: str, select_id: str) -> str | None:
    """The value of the selected option of the <select> with ``select_id`` (None if none)."""
    block = re.search(rf'<select id="{select_id}".*?</select>', page, re.S).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', block)
    return found.group(1) if found else None


@pytest.mark.parametrize("mode", ["practice", "test"])
@pytest.mark.parametrize("qtype", ["matching", "ordering"])
def test_a_refused_matching_or_ordering_answer_keeps_its_picks(
    app, client, learner, bank, mode, qtype
):
    attempt_id = start(client, [bank], mode=mode)
    item = of_type(served_list(app, attempt_id), qtype)
    form = right_form(item)
    last = sorted(form)[-1]
    if qtype == "matching":
        form[last] = ""  # one item left without its match
    else:
        form[last] = form[sorted(form)[0]]  # two items given the same place
    url = f"/quiz/attempts/{attempt_id}/" + (
        f"questions/{item.position}" if mode == "practice" else "answers"
    )
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for name, value in form.items():
        assert selected_in(page, name) == (value or None), name
    assert saved_count(app) == 0


def test_finishing_a_practice_early_is_asked_and_leaves_unseen_questions_out(
    app, client, learner, bank
):
    attempt_id = start(client, [bank])
    first = served_list(app, attempt_id)[0]
    client.post(f"/quiz/attempts/{attempt_id}/questions/1", data=right_form(first))
    page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert "Check my answer" in page  # and no finish button beside it
    assert page.count(f'action="/quiz/attempts/{attempt_id}/finish"') == 0
    confirm = client.get(f"/quiz/attempts/{attempt_id}/finish")
    assert confirm.status_code == 200
    text = confirm.get_data(as_text=True)
    assert "You have answered 1 of 6 questions." in text and "do not count as wrong" in text
    assert f'href="/quiz/attempts/{attempt_id}">Keep going' in text
    done = client.post(f"/quiz/attempts/{attempt_id}/finish")
    assert "1.0 / 1" in client.get(done.location).get_data(as_text=True)
    with app.app_context():
        cards = db.session.scalars(sa.select(ReviewCard.question_id)).all()
        assert cards == [first.question_id]  # the unseen questions are not scheduled as missed


def test_feedback_links_a_question_from_the_lessons_notes_to_the_lesson_not_a_missing_paragraph(
    app,
):
    from types import SimpleNamespace

    from app.quiz.views import lesson_link

    def served(source):
        question = SimpleNamespace(section_id="preamble")
        return SimpleNamespace(version=SimpleNamespace(source=source, question=question))

    with app.test_request_context():
        text = served({"section_id": "preamble", "paragraph": 2, "kind": "text"})
        notes = served({"section_id": "preamble", "paragraph": 51, "kind": "lesson"})
        assert lesson_link(text) == "/lessons/preamble?p=2#p-2"
        assert lesson_link(notes) == "/lessons/preamble"
