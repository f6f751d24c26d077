"""Quiz pages through the browser's eyes: practice, test, review, ownership and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Attempt, Response, ServedQuestion
from tests.quiz.helpers import (
    attempt_id_from,
    leaked,
    racing_insert,
    right_form,
    secrets_of,
    wrong_form,
)


def start(client, section_ids, mode="practice", count=6, **extra):
    data = {"section_ids": section_ids, "mode": mode, "count": count, **extra}
    response = client.post("/quiz/start", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return attempt_id_from(response.location)


def served_list(app, attempt_id):
    with app.app_context():
        rows = db.session.scalars(
            sa.select(ServedQuestion)
            .where(ServedQuestion.attempt_id == attempt_id)
            .order_by(ServedQuestion.position)
        ).all()
        for row in rows:  # load what the helpers read before the session closes
            _ = row.version.question.type, row.response
        db.session.expunge_all()
        return rows


def all_secrets(app, attempt_id):
    return [s for served in served_list(app, attempt_id) for s in secrets_of(served)]


def test_quiz_pages_need_a_login(client, bank):
    assert client.get("/quiz/").status_code == 302
    assert client.post("/quiz/start", data={"section_ids": bank}).status_code == 302


def test_practice_flow_feedback_after_each_answer(app, client, learner, bank):
    attempt_id = start(client, [bank])
    served = served_list(app, attempt_id)
    secrets = all_secrets(app, attempt_id)
    for item in served:
        page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
        assert f"Question {item.position} of 6" in page
        assert item.version.stem in page
        assert leaked(page, secrets) == []  # no key or explanation of any question yet
        answered = client.post(
            f"/quiz/attempts/{attempt_id}/questions/{item.position}", data=right_form(item)
        )
        assert answered.status_code == 302
        feedback = client.get(answered.location).get_data(as_text=True)
        assert "Right." in feedback
        assert item.version.explanation in feedback
        assert "/lessons/preamble?p=2#p-2" in feedback
    done = client.post(f"/quiz/attempts/{attempt_id}/finish")
    review = client.get(done.location).get_data(as_text=True)
    assert "6.0 / 6" in review


def test_practice_wrong_answer_shows_key(app, client, learner, bank):
    attempt_id = start(client, [bank])
    for item in served_list(app, attempt_id):
        url = f"/quiz/attempts/{attempt_id}/questions/{item.position}"
        answered = client.post(url, data=wrong_form(item))
        assert answered.status_code == 302, item.version.question.type
        page = client.get(answered.location).get_data(as_text=True)
        assert "Wrong." in page
        # the key: in words for a short answer, else every option or item marked again
        assert "The answer:" in page or 'class="marks"' in page
        assert item.version.explanation in page
        if item.version.question.type == "short_answer":
            # the key only: never a list of the answer's accepted variants
            assert item.version.answer in page
            assert leaked(page, item.version.accepted) == [], item.version.accepted
    review = client.get(client.post(f"/quiz/attempts/{attempt_id}/finish").location)
    assert "0.0 / 6" in review.get_data(as_text=True)


def test_practice_answer_is_final(app, client, learner, bank):
    attempt_id = start(client, [bank])
    first = served_list(app, attempt_id)[0]
    url = f"/quiz/attempts/{attempt_id}/questions/1"
    assert client.post(url, data=right_form(first)).status_code == 302
    assert client.post(url, data=right_form(first)).status_code == 302  # same answer: fine
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1


def of_type(served, qtype):
    return next(item for item in served if item.version.question.type == qtype)


@pytest.mark.parametrize("qtype", ["multiple_choice", "multiple_response", "matching", "ordering"])
def test_choice_not_offered_is_refused(app, client, learner, bank, qtype):
    attempt_id = start(client, [bank])
    item = of_type(served_list(app, attempt_id), qtype)
    name = f"q{item.position}"
    bad = {f"{name}{suffix}": "Not an option" for suffix in ("", "-0", "-1", "-2", "-3")}
    response = client.post(f"/quiz/attempts/{attempt_id}/questions/{item.position}", data=bad)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error"' in page
    assert leaked(page, secrets_of(item)) == []
    empty = client.post(f"/quiz/attempts/{attempt_id}/questions/{item.position}", data={})
    assert empty.status_code == 400 and "Give an answer" in empty.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0


def test_feedback_before_answer_leads_to_the_question(client, learner, bank):
    attempt_id = start(client, [bank])
    response = client.get(f"/quiz/attempts/{attempt_id}/questions/1/feedback")
    assert response.status_code == 302
    assert response.location.endswith(f"/quiz/attempts/{attempt_id}")
    page = client.get(response.location).get_data(as_text=True)
    assert "Answer this question first" in page and "Question 1 of 6" in page


def test_test_flow_no_feedback_until_finished(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=20)
    served = served_list(app, attempt_id)
    secrets = all_secrets(app, attempt_id)
    page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert "Time left:" in page and page.count("<fieldset") == 6
    assert leaked(page, secrets) == []
    first_half = {k: v for s in served[:3] for k, v in right_form(s).items()}
    saved = client.post(f"/quiz/attempts/{attempt_id}/answers", data=first_half)
    assert saved.status_code == 302
    page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert page.count("Saved.") == 3  # resumed with the answers saved so far
    # the learner's own typed answers are shown back; nothing else of the keys or explanations
    unanswered = [x for item in served[3:] for x in secrets_of(item)]
    explanations = [item.version.explanation for item in served]
    assert leaked(page, unanswered + explanations) == []
    early = client.get(f"/quiz/attempts/{attempt_id}/review")  # not finished: back to the test
    assert early.status_code == 302 and early.location.endswith(f"/quiz/attempts/{attempt_id}")
    rest = {k: v for s in served[3:] for k, v in right_form(s).items()}
    finished = client.post(f"/quiz/attempts/{attempt_id}/answers", data={**rest, "finish": "1"})
    review = client.get(finished.location).get_data(as_text=True)
    assert "6.0 / 6" in review
    for item in served:
        assert item.version.explanation in review


def test_test_autosave_answers_json(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    first = of_type(served_list(app, attempt_id), "multiple_choice")
    name = f"q{first.position}"
    headers = {"Accept": "application/json"}
    url = f"/quiz/attempts/{attempt_id}/answers"
    response = client.post(url, data=right_form(first), headers=headers)
    assert response.status_code == 200 and response.get_json() == {"saved": 1}
    again = client.post(url, data=right_form(first), headers=headers)
    assert again.get_json() == {"saved": 1}
    bad = client.post(url, data={name: "nonsense"}, headers=headers)
    assert bad.status_code == 400 and "error" in bad.get_json()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1


def test_bad_answer_in_a_test_saves_nothing(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    served = served_list(app, attempt_id)
    bad_item = of_type(served, "true_false")
    form = {k: v for item in served if item is not bad_item for k, v in right_form(item).items()}
    form[f"q{bad_item.position}"] = "perhaps"
    response = client.post(f"/quiz/attempts/{attempt_id}/answers", data={**form, "finish": "1"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0
        assert not db.session.get(Attempt, attempt_id).finished


def test_deadline_passed_refuses_answers_and_finishes_at_deadline(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=5)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.started_at -= timedelta(minutes=10)
        attempt.deadline -= timedelta(minutes=10)
        deadline = attempt.deadline
        db.session.commit()
    first = served_list(app, attempt_id)[0]
    late = client.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(first))
    assert late.status_code == 302 and late.location.endswith(f"/attempts/{attempt_id}/review")
    assert "Time was up" in client.get(late.location).get_data(as_text=True)
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.finished and attempt.finished_at == deadline and attempt.score == 0


def test_finished_attempt_refuses_answers_and_second_finish(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    first = served_list(app, attempt_id)[0]
    client.post(f"/quiz/attempts/{attempt_id}/finish")
    with app.app_context():
        finished_at = db.session.get(Attempt, attempt_id).finished_at
    assert client.post(f"/quiz/attempts/{attempt_id}/finish").status_code == 302
    late = client.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(first))
    assert late.status_code == 302 and late.location.endswith(f"/attempts/{attempt_id}/review")
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).finished_at == finished_at
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0
    assert client.get(f"/quiz/attempts/{attempt_id}").status_code == 302  # → review


def test_finish_pressed_again_with_its_answers_shows_the_review_and_changes_nothing(
    app, client, learner, bank
):
    """The second press of Finish (its page read before the first press finished) carries the
    same answers: it is shown the result, its answers are not stored, nothing counts twice."""
    attempt_id = start(client, [bank], mode="test")
    first = served_list(app, attempt_id)[0]
    client.post(f"/quiz/attempts/{attempt_id}/answers", data={**right_form(first), "finish": ""})
    with app.app_context():
        before = db.session.execute(sa.select(Attempt.score, Attempt.finished_at)).one()
        progress = db.session.execute(sa.text("SELECT attempts_count FROM section_progress")).all()
    second = served_list(app, attempt_id)[1]
    again = {**right_form(first), **right_form(second), "finish": ""}
    response = client.post(f"/quiz/attempts/{attempt_id}/answers", data=again)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/quiz/attempts/{attempt_id}/review")
    with app.app_context():
        assert db.session.execute(sa.select(Attempt.score, Attempt.finished_at)).one() == before
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1
        after = db.session.execute(sa.text("SELECT attempts_count FROM section_progress")).all()
        assert after == progress == [(1,)]


def test_other_learners_attempts_are_invisible(app, client, auth, bank):
    auth.create("owner")
    auth.login("owner")
    attempt_id = start(client, [bank], mode="test")
    first = served_list(app, attempt_id)[0]
    auth.logout()
    auth.create("intruder")
    auth.login("intruder")
    base = f"/quiz/attempts/{attempt_id}"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}/review").status_code == 404
    assert client.get(f"{base}/questions/1/feedback").status_code == 404
    assert client.post(f"{base}/answers", data=right_form(first)).status_code == 404
    assert client.post(f"{base}/questions/1", data=right_form(first)).status_code == 404
    assert client.post(f"{base}/finish").status_code == 404
    assert client.get("/quiz/attempts/999999").status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0
        assert not db.session.get(Attempt, attempt_id).finished


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"section_ids": "nope", "mode": "practice", "count": 5}, "not a valid choice"),
        ({"section_ids": "preamble", "mode": "exam", "count": 5}, "Not a valid choice"),
        ({"section_ids": "preamble", "mode": "test", "count": 500}, "between 1 and 50"),
        ({"section_ids": "preamble", "mode": "test", "count": "x"}, "This field is required"),
        (
            {"section_ids": "preamble", "mode": "practice", "count": 5, "time_limit": 5},
            "Only tests",
        ),
        ({"mode": "practice", "count": 5}, "Choose a section"),
    ],
)
def test_bad_start_requests(app, client, learner, bank, data, message):
    response = client.post("/quiz/start", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 0


def test_start_page_lists_sections_and_resumable_attempts(client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    page = client.get("/quiz/").get_data(as_text=True)
    assert "Preamble" in page and f"/quiz/attempts/{attempt_id}" in page
    assert "Nothing is due for review today" in page


def test_lesson_page_offers_practice_and_test(client, learner, app):
    from app.lessons.files import read_lessons
    from app.lessons.sync import sync_lessons

    with app.app_context():
        sync_lessons(db.session, read_lessons(app.config["LESSONS_DIR"])[:1])
        db.session.commit()
        section_id = read_lessons(app.config["LESSONS_DIR"])[0].id
    page = client.get(f"/lessons/{section_id}").get_data(as_text=True)
    assert "Practise this section" in page and "Test yourself" in page
    assert 'action="/quiz/start"' in page


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_the_same_answer_saved_meanwhile_by_another_request_is_not_an_error(
    app, client, learner, bank, accept
):
    """An autosave racing the Save button with the same answer: saved once, both succeed."""
    attempt_id = start(client, [bank], mode="test")
    first = of_type(served_list(app, attempt_id), "multiple_choice")
    with app.app_context():
        engine = db.engine
    with racing_insert(engine, attempt_id, first.id, first.version.answer) as raced:
        url, headers = f"/quiz/attempts/{attempt_id}/answers", {"Accept": accept}
        response = client.post(url, data=right_form(first), headers=headers)
    assert raced, "the race did not happen"
    assert response.status_code == (200 if accept == "application/json" else 302)
    with app.app_context():
        assert db.session.scalars(sa.select(Response.answer)).all() == [first.version.answer]
