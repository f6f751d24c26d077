"""Each quiz page, submission and API call runs a bounded number of SQL statements.

The same flow is measured on a small bank with one learner and on a bank ten times larger
with thirty other learners who have attempts of their own: the counts must be equal (so
independent of the bank and of the learners) and at most MAX_QUERIES.
"""

from __future__ import annotations

import os

from app.extensions import db
from app.models import utcnow
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.conftest import PASSWORD
from tests.factories import make_bank, make_section, make_user
from tests.quiz.helpers import attempt_id_from, count_queries, right_form

# An answer is stored under a hold on its attempt (answers.hold_open_attempt), and a finish
# moves the attempt out of "in progress" with one conditional UPDATE and then reads its answers
# again: finishing a test with its answers in one request is the most (and one more statement
# asks whether the attempt came from an LMS link, whose score then goes back: app/lti/grades.py)
MAX_QUERIES = 14


def populate(app, per_type: int, sections: int, learners: int) -> list[str]:
    with app.app_context():
        ids = [make_bank(make_section(), per_type=per_type).id for _ in range(sections)]
        now = utcnow()
        for _ in range(learners):
            other = make_user()
            attempt = build_attempt(db.session, other, ids, "test", 6, now=now)
            for served in attempt.served_questions:
                save_answer(db.session, attempt, served, served.version.answer, now)
            finish_attempt(db.session, attempt, now)
        db.session.commit()
        return ids


def measure_flow(app, client, auth, section_ids, username) -> dict[str, int]:
    """Run every learner page and API call once as a new learner, counting statements."""
    from app.models import Question
    from tests.quiz.test_pages import served_list

    auth.create(username)
    auth.login(username)
    counts = {}

    def run(name, call):
        with app.app_context(), count_queries() as counter:
            response = call()
        assert response.status_code < 500, (name, response.status_code)
        counts[name] = counter["n"]
        if os.environ.get("SHOW_SQL") and counter["n"] > 5:
            print(f"\n== {name}", *[" ".join(q.split())[:150] for q in counter["sql"]], sep="\n")
        return response

    run("GET /quiz/", lambda: client.get("/quiz/"))
    form = {"section_ids": section_ids[:1], "mode": "practice", "count": 6}
    started = run("POST /quiz/start (practice)", lambda: client.post("/quiz/start", data=form))
    practice = attempt_id_from(started.location)
    served = served_list(app, practice)
    run("GET practice question", lambda: client.get(f"/quiz/attempts/{practice}"))
    url = f"/quiz/attempts/{practice}/questions/1"
    run("POST practice answer", lambda: client.post(url, data=right_form(served[0])))
    run("GET practice feedback", lambda: client.get(f"{url}/feedback"))
    test_form = {"section_ids": section_ids[:2], "mode": "test", "count": 6, "time_limit": 30}
    started = run(
        "POST /quiz/start (mixed test)", lambda: client.post("/quiz/start", data=test_form)
    )
    test = attempt_id_from(started.location)
    served = served_list(app, test)
    run("GET test page", lambda: client.get(f"/quiz/attempts/{test}"))
    run("GET test page again", lambda: client.get(f"/quiz/attempts/{test}"))
    answers = {k: v for item in served for k, v in right_form(item).items()}
    run("POST test answers", lambda: client.post(f"/quiz/attempts/{test}/answers", data=answers))
    run("POST finish", lambda: client.post(f"/quiz/attempts/{test}/finish"))
    started = run("POST /quiz/start (test)", lambda: client.post("/quiz/start", data=test_form))
    second = attempt_id_from(started.location)
    answers = {k: v for item in served_list(app, second) for k, v in right_form(item).items()}
    save_url = f"/quiz/attempts/{second}/answers"
    run(
        "POST test answers + finish", lambda: client.post(save_url, data={**answers, "finish": "1"})
    )
    run("GET review", lambda: client.get(f"/quiz/attempts/{test}/review"))
    run("GET /progress/", lambda: client.get("/progress/"))
    run("POST /quiz/review", lambda: client.post("/quiz/review", data={"mode": "test", "count": 6}))

    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    body = {"section_ids": section_ids[:2], "mode": "practice", "count": 6}
    started = run(
        "API POST attempts", lambda: client.post("/api/v1/attempts", json=body, headers=headers)
    )
    attempt = started.get_json()
    question = attempt["questions"][0]
    put_url = f"/api/v1/attempts/{attempt['id']}/responses/{question['question_id']}"
    with app.app_context():
        key = db.session.get(Question, question["question_id"]).current.answer
    run("API PUT response", lambda: client.put(put_url, json={"answer": key}, headers=headers))
    run("API PUT again", lambda: client.put(put_url, json={"answer": key}, headers=headers))
    run("API GET attempt", lambda: client.get(f"/api/v1/attempts/{attempt['id']}", headers=headers))
    run(
        "API POST finish",
        lambda: client.post(f"/api/v1/attempts/{attempt['id']}/finish", headers=headers),
    )
    run("API GET progress", lambda: client.get("/api/v1/me/progress", headers=headers))
    run("API GET sections", lambda: client.get("/api/v1/sections"))
    return counts


def test_query_counts_are_bounded_and_independent_of_bank_and_learners(app, client, auth):
    small_ids = populate(app, per_type=1, sections=2, learners=0)
    small = measure_flow(app, client, auth, small_ids, "first")
    auth.logout()
    large_ids = populate(app, per_type=10, sections=6, learners=30)
    large = measure_flow(app, client, auth, large_ids, "second")
    report = "\n".join(f"{name:32} {small[name]:3} {large[name]:3}" for name in small)
    print("\nstatements per request (small bank; 10x bank + 30 learners):\n" + report)
    # Equal but for one statement: which questions the random draw repeats decides whether a
    # progress row or review card is inserted or updated; nothing grows with bank or learners.
    assert all(abs(large[name] - small[name]) <= 1 for name in small), report
    assert (
        small["GET test page"] == large["GET test page"]
        and small["GET /quiz/"] == large["GET /quiz/"]
    )
    assert max(small.values()) <= MAX_QUERIES and max(large.values()) <= MAX_QUERIES, report
    # the hot paths: the user and the attempt (one query with what it served, quiz.attempts);
    # the token's (or the session's) user, the attempt (with the one question answered), the
    # hold on the attempt and the write. The same answer sent again changes nothing and writes
    # nothing.
    assert small["GET test page again"] == large["GET test page again"] == 2, report
    assert small["GET test page"] == large["GET test page"] == 2, report
    assert small["API PUT response"] == large["API PUT response"] == 4, report
    assert small["API PUT again"] == large["API PUT again"] == 2, report
    assert small["POST practice answer"] == large["POST practice answer"] == 4, report
