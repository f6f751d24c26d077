"""Every route, present and future, against the access table; GET changes nothing; CSRF."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from tests.conftest import app_on_same_database

from .access_table import ACCESS, ROLE_ORDER
from .routes import (
    RULES,
    STATE_CHANGING,
    find_rule,
    is_lms_post,
    is_token_api,
    outcome,
    rule_methods,
)
from .world import PASSWORD, WORLD_USERS, client_as, database_digest

CASES = rule_methods()
# an id names one element: labels, skip links and aria-describedby point at it
HTML_ID = re.compile(r'\sid="([^"]+)"')


def _request(client, method, path, world, role, rule_text):
    if is_token_api(rule_text):
        # a body that passes the API's shape checks, so that the owner check is what answers
        headers = {} if role == "anonymous" else {"Authorization": f"Bearer {world.tokens[role]}"}
        response = client.open(path, method=method, json={"answer": None}, headers=headers)
    else:
        response = client.open(path, method=method, data={})
    response.get_data()
    response.close()
    return response


def test_every_endpoint_is_classified_and_every_entry_is_a_route():
    endpoints = {rule.endpoint for rule in RULES}
    unclassified = sorted(endpoints - set(ACCESS))
    assert not unclassified, (
        f"routes missing from tests/security/access_table.py ACCESS: {unclassified}"
    )
    stale = sorted(set(ACCESS) - endpoints)
    assert not stale, f"ACCESS lists endpoints that no longer exist: {stale}"


@pytest.mark.parametrize(("endpoint", "rule_text", "method"), CASES)
def test_access_matrix(app, world, endpoint, rule_text, method):
    """Each role gets what the table says; refused requests and every GET change no row; no page
    uses an id twice."""
    assert endpoint in ACCESS, f"{endpoint} is not classified in access_table.ACCESS"
    expected = ACCESS[endpoint]
    rule = find_rule(app, endpoint, rule_text)
    path = world.path_for(rule)
    failures = []
    for role in ROLE_ORDER:
        client = client_as(app, role)
        with app.app_context():
            before = database_digest()
        response = _request(client, method, path, world, role, rule_text)
        with app.app_context():
            db.session.remove()
            after = database_digest()
        got = outcome(response)
        if got != expected[role]:
            failures.append(f"{role}: expected {expected[role]}, got {response.status_code}")
        if method == "GET" and response.mimetype == "text/html":
            ids = HTML_ID.findall(response.get_data(as_text=True))
            if doubled := sorted({i for i in ids if ids.count(i) > 1}):
                failures.append(f"{role}: ids used twice on the page: {doubled}")
        if method == "GET" and before != after:
            failures.append(f"{role}: GET {path} changed the database")
        if method in STATE_CHANGING and expected[role] != "ok" and before != after:
            failures.append(f"{role}: a refused {method} {path} changed the database")
    assert not failures, f"{method} {path}: " + "; ".join(failures)


# --- CSRF: with protection on, no state-changing request passes without a token -------------

TOKEN_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
STATE_CHANGING_CASES = [case for case in CASES if case[2] in STATE_CHANGING]


@pytest.fixture
def csrf_app(app):
    """An app on the test database with CSRF protection on, as in production."""
    yield from app_on_same_database(app, WTF_CSRF_ENABLED=True)


def _login_with_token(app, role):
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = TOKEN_FIELD.search(page).group(1)
    response = client.post(
        "/auth/login",
        data={"username": WORLD_USERS[role][0], "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    return client, token


def test_there_are_state_changing_routes():
    assert len(STATE_CHANGING_CASES) >= 10


@pytest.mark.parametrize(("endpoint", "rule_text", "method"), STATE_CHANGING_CASES)
def test_state_changing_routes_need_a_csrf_token(csrf_app, world, endpoint, rule_text, method):
    rule = find_rule(csrf_app, endpoint, rule_text)
    path = world.path_for(rule)
    allowed = [role for role, result in ACCESS[endpoint].items() if result == "ok"]
    # a route no role reaches with the seeded objects (hand grading) is still tried as admin
    role = "admin" if "admin" in allowed or not allowed else allowed[0]
    if is_token_api(rule_text):
        # the token API is exempt from CSRF, so the session cookie alone must get nowhere
        client, _ = _login_with_token(csrf_app, "admin")
        with csrf_app.app_context():
            before = database_digest()
        response = client.open(path, method=method, json={"answer": None})
        with csrf_app.app_context():
            db.session.remove()
            assert database_digest() == before, f"{path} changed data on cookie authentication"
        assert response.status_code in (400, 401), f"{path}: {response.status_code}"
        return
    if is_lms_post(rule_text):
        # exempt from CSRF: without an id_token and its state cookie nothing happens
        client, _ = _login_with_token(csrf_app, "admin")
        with csrf_app.app_context():
            before = database_digest()
        response = client.open(path, method=method, data={"anything": "x"})
        with csrf_app.app_context():
            db.session.remove()
            assert database_digest() == before, f"{path} changed data without an id_token"
        assert response.status_code == 400, f"{path}: {response.status_code}"
        return
    clients = [csrf_app.test_client()]
    if role != "anonymous":
        clients.append(_login_with_token(csrf_app, role)[0])
    for client in clients:
        with csrf_app.app_context():
            before = database_digest()
        response = client.open(path, method=method, data={"anything": "x"})
        body = response.get_data(as_text=True)
        with csrf_app.app_context():
            db.session.remove()
            after = database_digest()
        assert response.status_code == 400, (
            f"{method} {path} without a token: {response.status_code}"
        )
        assert "CSRF" in body
        assert before == after


def test_a_valid_token_passes(csrf_app, world):
    client, token = _login_with_token(csrf_app, "student")
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/auth/password").status_code == 302  # logged out: sent to log in
