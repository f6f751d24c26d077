"""The JSON API: tokens, sections, attempts, responses, finishing, progress, errors."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import ApiToken, Attempt, Response
from tests.api.conftest import get_token, keys_of
from tests.conftest import PASSWORD

SECRET_KEYS = {"key", "accepted", "explanation", "score", "correct"}


def assert_no_secrets(payload, keys):
    """No feedback fields, and no explanation or typed-answer key anywhere in the JSON text."""
    for question in payload["questions"] if "questions" in payload else [payload]:
        assert not SECRET_KEYS & set(question), question
    text = str(payload)
    for qtype, answer, accepted, explanation in keys.values():
        assert explanation not in text
        if qtype == "short_answer":
            assert answer not in text and not any(a in text for a in accepted)


def test_token_stored_only_as_digest(app, client, auth):
    auth.create("learner")
    token = get_token(client, "learner")
    with app.app_context():
        row = db.session.scalar(sa.select(ApiToken))
        assert row.token_digest == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (row.token_digest,)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"username": "learner", "password": "wrong-password"}, 401),
        ({"username": "nobody", "password": PASSWORD}, 401),
        ({"username": "learner"}, 400),
        ({"username": ["learner"], "password": PASSWORD}, 400),
        ([1, 2], 400),
    ],
)
def test_bad_credentials(client, auth, body, status):
    auth.create("learner")
    response = client.post("/api/v1/token", json=body)
    assert response.status_code == status and "error" in response.get_json()


def test_requests_without_a_valid_token_get_401(app, client, bank):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/me/progress", headers=headers)
        assert response.status_code == 401 and "error" in response.get_json()
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_expired_token_is_refused(app, client, auth):
    auth.create("learner")
    token = get_token(client, "learner")
    with app.app_context():
        row = db.session.scalar(sa.select(ApiToken))
        row.expires_at = row.created_at - timedelta(seconds=1)
        db.session.commit()
    response = client.get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_sections_and_lesson(client, curriculum):
    sections = client.get("/api/v1/sections").get_json()["sections"]
    assert len(sections) == 8 and sections[0]["order"] == 1
    lesson = client.get(f"/api/v1/sections/{sections[0]['id']}").get_json()
    assert lesson["title"] and 'id="p-1"' in lesson["lesson"]["html"]
    missing = client.get("/api/v1/sections/nope")
    assert missing.status_code == 404 and "nope" in missing.get_json()["error"]


def test_practice_attempt_through_the_api(app, api, bank):
    keys = keys_of(app)
    started = api.post("/attempts", json={"section_ids": [bank], "mode": "practice", "count": 6})
    assert started.status_code == 201
    attempt = started.get_json()
    assert attempt["state"] == "in_progress" and len(attempt["questions"]) == 6
    assert_no_secrets(attempt, keys)
    for question in attempt["questions"]:
        qid = question["question_id"]
        qtype, key, _accepted, explanation = keys[qid]
        saved = api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={"answer": key})
        assert saved.status_code == 200, saved.get_json()
        body = saved.get_json()
        assert body["correct"] is True and body["score"] == 1.0
        assert body["explanation"] == explanation and body["key"] == key
        assert "?p=2#p-2" in body["lesson_url"]
        # the others are still without their keys
        current = api.get(f"/attempts/{attempt['id']}").get_json()
        unanswered = [q for q in current["questions"] if not q["answered"]]
        still_secret = {q["question_id"] for q in unanswered}
        assert_no_secrets(
            {"questions": unanswered}, {k: v for k, v in keys.items() if k in still_secret}
        )
    finished = api.post(f"/attempts/{attempt['id']}/finish").get_json()
    assert finished["state"] == "finished" and finished["score"] == 6.0
    again = api.post(f"/attempts/{attempt['id']}/finish").get_json()
    assert again["finished_at"] == finished["finished_at"]


def test_test_attempt_hides_feedback_until_finished(app, api, bank):
    keys = keys_of(app)
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 6, "time_limit": 30}
    ).get_json()
    assert attempt["deadline"] and 0 < attempt["seconds_left"] <= 1800
    for question in attempt["questions"]:
        qid = question["question_id"]
        saved = api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={"answer": keys[qid][1]})
        assert saved.status_code == 200
        assert not SECRET_KEYS & set(saved.get_json())
    resumed = api.get(f"/attempts/{attempt['id']}").get_json()
    assert all(q["answered"] for q in resumed["questions"])
    assert not any(SECRET_KEYS & set(q) for q in resumed["questions"])
    assert resumed["score"] is None
    finished = api.post(f"/attempts/{attempt['id']}/finish").get_json()
    assert finished["score"] == 6.0
    assert all(q["correct"] and q["explanation"] for q in finished["questions"])


def test_same_answer_twice_recorded_once_and_practice_final(app, api, bank):
    keys = keys_of(app)
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "practice", "count": 6}
    ).get_json()
    question = next(q for q in attempt["questions"] if q["type"] == "multiple_choice")
    url = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
    key = keys[question["question_id"]][1]
    assert api.put(url, json={"answer": key}).status_code == 200
    assert api.put(url, json={"answer": key}).status_code == 200
    other = next(c for c in question["choices"] if c != key)
    changed = api.put(url, json={"answer": other})
    assert changed.status_code == 409 and "final" in changed.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"section_ids": ["nope"], "mode": "test", "count": 5}, 400, "Unknown section"),
        ({"section_ids": "preamble", "mode": "test", "count": 5}, 400, "list"),
        ({"section_ids": ["preamble"], "mode": "quiz", "count": 5}, 400, "mode"),
        ({"section_ids": ["preamble"], "mode": "test", "count": 0}, 400, "count"),
        ({"section_ids": ["preamble"], "mode": "test", "count": 10**9}, 400, "count"),
        ({"section_ids": ["preamble"], "mode": "test", "count": 5, "time_limit": -1}, 400, "time"),
        ({"section_ids": ["x" * 5000] * 60, "mode": "test", "count": 5}, 400, "sections"),
        ({"mode": "test", "count": 5}, 400, "section_ids"),
    ],
)
def test_bad_attempt_requests(app, api, bank, body, status, message):
    response = api.post("/attempts", json=body)
    assert response.status_code == status
    assert message in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 0


def test_malformed_json_is_a_400(api, bank):
    response = api.post("/attempts", data="{not json", content_type="application/json")
    assert response.status_code == 400 and "JSON object" in response.get_json()["error"]


@pytest.mark.parametrize(
    "answer",
    ["Not offered", ["a", "b"], {"x": 1}, None, 12, "x" * 10_000, [["first", "Nowhere"]]],
)
def test_bad_answers_are_refused_and_change_nothing(app, api, bank, answer):
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 6}
    ).get_json()
    for question in attempt["questions"]:
        if question["type"] == "short_answer" and isinstance(answer, str) and len(answer) < 300:
            continue  # any short text is a valid (if wrong) short answer
        url = f"/attempts/{attempt['id']}/responses/{question['question_id']}"
        response = api.put(url, json={"answer": answer})
        assert response.status_code == 400, (question["type"], answer)
        assert response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0


def test_missing_answer_field_and_unknown_question(api, bank):
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 2}
    ).get_json()
    qid = attempt["questions"][0]["question_id"]
    assert api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={}).status_code == 400
    unknown = api.put(f"/attempts/{attempt['id']}/responses/q-none", json={"answer": "x"})
    assert unknown.status_code == 404
    assert api.get("/attempts/999999").status_code == 404


def test_late_answer_refused_and_finish_at_deadline(app, api, bank):
    keys = keys_of(app)
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 6, "time_limit": 1}
    ).get_json()
    with app.app_context():
        row = db.session.get(Attempt, attempt["id"])
        row.deadline = row.started_at - timedelta(seconds=1)
        deadline = row.deadline
        db.session.commit()
    qid = attempt["questions"][0]["question_id"]
    late = api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={"answer": keys[qid][1]})
    assert late.status_code == 409 and "Time is up" in late.get_json()["error"]
    finished = api.post(f"/attempts/{attempt['id']}/finish").get_json()
    assert finished["score"] == 0 and finished["finished_at"] == deadline.isoformat()
    after = api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={"answer": keys[qid][1]})
    assert after.status_code == 409


def test_other_learners_attempt_is_invisible(app, client, auth, api, bank):
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 2}
    ).get_json()
    auth.create("intruder")
    intruder = {"Authorization": f"Bearer {get_token(client, 'intruder')}"}
    qid = attempt["questions"][0]["question_id"]
    base = f"/api/v1/attempts/{attempt['id']}"
    assert client.get(base, headers=intruder).status_code == 404
    put = client.put(f"{base}/responses/{qid}", json={"answer": True}, headers=intruder)
    assert put.status_code == 404
    assert client.post(f"{base}/finish", headers=intruder).status_code == 404
    with app.app_context():
        assert not db.session.get(Attempt, attempt["id"]).finished


def test_progress(app, api, bank):
    keys = keys_of(app)
    attempt = api.post(
        "/attempts", json={"section_ids": [bank], "mode": "test", "count": 6}
    ).get_json()
    for question in attempt["questions"]:
        qid = question["question_id"]
        api.put(f"/attempts/{attempt['id']}/responses/{qid}", json={"answer": keys[qid][1]})
    api.post(f"/attempts/{attempt['id']}/finish")
    progress = api.get("/me/progress").get_json()
    assert progress["sections"] == [
        {
            "section_id": bank,
            "title": "Preamble",
            "level": "proficient",
            "best_score": 1.0,
            "attempts": 1,
        }
    ]
    assert progress["attempts"] == 1 and progress["due_reviews"] == 0  # due another day


def test_unknown_api_path_is_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and "error" in response.get_json()
    wrong_method = client.delete("/api/v1/sections")
    assert wrong_method.status_code == 405 and "error" in wrong_method.get_json()


# --- the OpenAPI document against the real routes --------------------------------------


def _rules(app):
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
            found.setdefault(path, set()).update(
                m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}
            )
    return found


def test_openapi_document_is_valid_and_matches_the_routes(app, client):
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    documented = {path: set(ops) for path, ops in document["paths"].items()}
    assert documented == _rules(app)
    for path, operations in document["paths"].items():
        params = set(re.findall(r"{([a-z_]+)}", path))
        for operation in operations.values():
            named = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert named == params, path
