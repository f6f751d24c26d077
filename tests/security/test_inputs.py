"""Input rules at their cause: numbers beyond the database's integer, NUL characters, API shapes.

Run on PostgreSQL too (TEST_DATABASE_URL): it is there that a number over 2^31 or a NUL in a
text made the query itself fail.
"""

from __future__ import annotations

import pytest

from app.inputs import NUL_MESSAGE
from app.urls import MAX_DATABASE_INT, whole_number

from .access_table import ACCESS
from .routes import RULES, is_token_api
from .world import client_as

INT_RULES = [
    rule
    for rule in RULES
    if rule.endpoint in ACCESS
    and any(type(c).__name__ == "DatabaseIntegerConverter" for c in rule._converters.values())
]
TOO_LARGE = [MAX_DATABASE_INT + 1, 2**63, 10**30]


def test_every_int_route_uses_the_database_converter():
    assert INT_RULES, "no <int:> route found"
    plain = [
        rule.rule
        for rule in RULES
        for converter in rule._converters.values()
        if type(converter).__name__ == "IntegerConverter"
    ]
    assert plain == []


@pytest.mark.parametrize("rule", INT_RULES, ids=lambda rule: f"{rule.endpoint}")
def test_an_id_beyond_the_database_integer_matches_no_route(app, world, rule):
    client = client_as(app, "admin")
    headers = (
        {"Authorization": f"Bearer {world.tokens['admin']}"} if is_token_api(rule.rule) else {}
    )
    known = world.url_values()
    for name in rule.arguments:
        if type(rule._converters[name]).__name__ != "DatabaseIntegerConverter":
            continue
        for number in TOO_LARGE:
            # built with a placeholder, then the number put in that argument's place
            values = {n: known[n] for n in rule.arguments}
            values[name] = 987654
            path = rule.build(values)[1].replace("987654", str(number))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(path, method=method, json={}, headers=headers)
                # no route takes it (werkzeug says 405 when another method's rule got further)
                assert response.status_code in (404, 405), (method, path, response.status_code)


@pytest.mark.parametrize("number", [str(MAX_DATABASE_INT + 1), str(2**63), "9" * 40, "²", "-1"])
def test_page_and_against_beyond_the_database_integer_never_fail(app, world, number):
    instructor = client_as(app, "cohort_instructor")
    admin = client_as(app, "admin")
    pages = [
        (instructor, f"/instructor/classes/{world.cohort_id}?page={number}"),
        (instructor, f"/instructor/questions?page={number}"),
        (instructor, f"/instructor/lessons/{world.section_id}/revisions/1?against={number}"),
        (admin, f"/admin/people?page={number}"),
        (instructor, f"/lessons/{world.section_id}?p={number}"),
    ]
    for client, path in pages:
        status = client.get(path).status_code
        assert status < 500, (path, status)


def test_whole_number_reads_only_what_a_form_sends():
    assert whole_number("0") == 0 and whole_number(str(MAX_DATABASE_INT)) == MAX_DATABASE_INT
    for text in ["", "-1", "1.0", "²", "١٢", str(MAX_DATABASE_INT + 1), "0" * 11, " 1"]:
        with pytest.raises(ValueError):
            whole_number(text)


def _refused(response) -> None:
    assert response.status_code == 400, response.status_code
    assert NUL_MESSAGE in response.get_data(as_text=True).replace("\\\\", "\\")


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("POST", "/auth/login", {"data": {"username": "a\x00b", "password": "x" * 8}}),
        ("POST", "/auth/login", {"data": {"user\x00name": "a", "password": "x" * 8}}),
        ("POST", "/auth/register", {"data": {"username": "abc", "password": "p\x00ssword"}}),
        ("GET", "/lessons/pre\x00amble", {}),
        ("GET", "/lessons/preamble?p=1\x00", {}),
        ("GET", "/api/v1/sections/pre\x00amble", {}),
        ("POST", "/api/v1/token", {"json": {"username": "a\x00", "password": "12345678"}}),
        ("POST", "/api/v1/token", {"json": {"username": "a", "nested": [{"k\x00": 1}]}}),
        ("GET", "/auth/login?next=/\x00", {}),
    ],
)
def test_a_nul_character_anywhere_is_a_clear_400(client, app, method, path, kwargs):
    _refused(client.open(path, method=method, **kwargs))


def test_a_nul_character_is_refused_for_a_signed_in_learner_and_changes_nothing(app, world):
    from app.extensions import db
    from tests.security.world import database_digest

    client = client_as(app, "student")
    with app.app_context():
        before = database_digest()
    _refused(client.post("/classes/join", data={"code": "AAAA\x001111"}))
    headers = {"Authorization": f"Bearer {world.tokens['student']}"}
    path = f"/api/v1/attempts/{world.attempt_id}/responses/{world.question_id}"
    _refused(client.put(path, json={"answer": "x\x00"}, headers=headers))
    with app.app_context():
        db.session.remove()
        assert database_digest() == before


@pytest.mark.parametrize("mode", [{"a": 1}, ["practice"], 1, None, True])
def test_starting_an_attempt_with_a_mode_that_is_no_text_is_a_400(world, app, mode):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {world.tokens['student']}"}
    body = {"section_ids": [world.section_id], "mode": mode, "count": 3}
    response = client.post("/api/v1/attempts", json=body, headers=headers)
    assert response.status_code == 400
    assert response.get_json() == {"error": "mode must be 'practice' or 'test'."}


@pytest.mark.parametrize("path", ["/api/v1/attempts", "/auth/login", "/classes/join"])
def test_a_form_field_whose_name_cannot_be_read_is_a_clear_400(app, world, path):
    """A line break in a multipart part's name breaks its header: the parser gives the field
    the name None (found by tests/security/test_fuzz_url_map.py; it was a TypeError, a 500)."""
    body = (
        b'--x\r\nContent-Disposition: form-data; name="\r"\r\n\r\nvalue\r\n'
        b'--x\r\nContent-Disposition: form-data; name="file"; filename=""\r\n\r\n\r\n--x--\r\n'
    )
    client = client_as(app, "student")
    response = client.post(path, data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 400
    from app.inputs import NAMELESS_MESSAGE

    assert NAMELESS_MESSAGE in response.get_data(as_text=True)
