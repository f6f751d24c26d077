"""Kept test pages: served again only while nothing they show has changed, on any server."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Role, User, utcnow
from app.quiz.kept_pages import KeptPage, KeptPageCache, kept_page_cache
from tests.conftest import PASSWORD, app_on_same_database
from tests.quiz.helpers import count_queries, right_form, wrong_form
from tests.quiz.test_fragments import filled_in, page
from tests.quiz.test_pages import of_type, served_list, start


@pytest.fixture
def other_server(app):
    """A second app on the same database: another gunicorn worker or server."""
    yield from app_on_same_database(app)


def log_in(client, username="learner"):
    response = client.post("/auth/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_kept_page_is_the_page_rendered_afresh_and_costs_one_query(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=20)
    first = page(client, attempt_id)  # with "started" flashed: not kept
    assert page(client, attempt_id) == first  # kept
    with app.app_context(), count_queries() as queries:
        again = page(client, attempt_id)
    assert queries["n"] == 1, queries["sql"]  # the user's row, which says the page is current
    assert again == first
    with app.app_context():
        assert len(kept_page_cache()) == 1
        kept_page_cache().clear()  # the next request renders afresh
    assert page(client, attempt_id) == first


def test_answers_saved_on_another_server_show_at_once(app, client, learner, bank, other_server):
    attempt_id = start(client, [bank], mode="test")
    served = served_list(app, attempt_id)
    mc, tf = of_type(served, "multiple_choice"), of_type(served, "true_false")
    for _ in range(2):  # the second one is kept here
        assert not filled_in(page(client, attempt_id), right_form(mc))
    elsewhere = other_server.test_client()
    log_in(elsewhere)
    # the form on the other server, then its JSON API: each moves the learner's revision
    elsewhere.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(mc))
    assert filled_in(page(client, attempt_id), right_form(mc))
    token = elsewhere.post(
        "/api/v1/token", json={"username": "learner", "password": PASSWORD}
    ).get_json()["token"]
    url = f"/api/v1/attempts/{attempt_id}/responses/{tf.question_id}"
    key = right_form(tf)[f"q{tf.position}"] == "true"
    put = elsewhere.put(url, json={"answer": not key}, headers={"Authorization": f"Bearer {token}"})
    assert put.status_code == 200, put.get_json()
    assert filled_in(page(client, attempt_id), wrong_form(tf))
    put = elsewhere.put(url, json={"answer": key}, headers={"Authorization": f"Bearer {token}"})
    assert put.status_code == 200, put.get_json()  # a changed answer: an UPDATE this time
    assert filled_in(page(client, attempt_id), right_form(tf))
    elsewhere.post(f"/quiz/attempts/{attempt_id}/finish")
    finished = client.get(f"/quiz/attempts/{attempt_id}")
    assert finished.status_code == 302 and finished.location.endswith("/review")


def test_the_time_left_is_each_requests_own_and_time_up_changes_the_page(
    app, client, learner, bank, monkeypatch
):
    attempt_id = start(client, [bank], mode="test", time_limit=20)
    url = f"/quiz/attempts/{attempt_id}"

    def seconds_left() -> int:
        html = client.get(url).get_data(as_text=True)
        return int(re.search(r'data-seconds="(\d+)"', html).group(1))

    assert 1190 <= seconds_left() <= 1200
    later = utcnow() + timedelta(minutes=5)
    monkeypatch.setattr("app.quiz.routes.utcnow", lambda: later)
    assert 890 <= seconds_left() <= 900  # the same kept page, its timer filled in anew
    monkeypatch.setattr("app.quiz.routes.utcnow", lambda: later + timedelta(minutes=16))
    html = client.get(url).get_data(as_text=True)
    assert "Time is up" in html and "Finish and see my score" in html
    assert "data-seconds" not in html and "Save my answers" not in html


def test_a_flashed_message_shows_once_and_is_never_kept(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    mc = of_type(served_list(app, attempt_id), "multiple_choice")
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=right_form(mc))
    url = f"/quiz/attempts/{attempt_id}"
    assert "Saved 1 answer." in client.get(url).get_data(as_text=True)
    assert "Saved 1 answer." not in client.get(url).get_data(as_text=True)
    assert "Saved 1 answer." not in client.get(url).get_data(as_text=True)  # kept now


def test_a_new_role_shows_in_the_navigation_at_once(app, client, learner, bank, other_server):
    attempt_id = start(client, [bank], mode="test")
    for _ in range(2):  # the second one is kept
        html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
        assert ">Teach</a>" not in html
    with other_server.app_context():
        db.session.execute(sa.update(User).values(role=Role.INSTRUCTOR))
        db.session.commit()
    assert ">Teach</a>" in client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)


def test_another_learner_never_gets_a_kept_page(app, client, auth, bank):
    auth.create("learner")
    auth.create("other")
    auth.login("learner")
    attempt_id = start(client, [bank], mode="test")
    for _ in range(2):  # the second one is kept
        assert client.get(f"/quiz/attempts/{attempt_id}").status_code == 200
    auth.logout()
    auth.login("other")
    assert client.get(f"/quiz/attempts/{attempt_id}").status_code == 404


def test_each_change_to_attempts_moves_the_revision_once(app, client, learner, bank):
    def revision() -> int:
        with app.app_context():
            return db.session.scalar(sa.select(User.attempts_revision))

    before = revision()
    attempt_id = start(client, [bank], mode="test")
    assert revision() == before + 1
    served = served_list(app, attempt_id)
    form = {k: v for item in served[:2] for k, v in right_form(item).items()}
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=form)
    assert revision() == before + 2  # two answers, one transaction
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=form)
    assert revision() == before + 2  # the same answers again change nothing
    rest = {k: v for item in served[2:] for k, v in right_form(item).items()}
    client.post(f"/quiz/attempts/{attempt_id}/answers", data={**rest, "finish": "1"})
    assert revision() == before + 3  # saved and finished in one request


def test_the_cache_is_bounded_least_recently_used_first():
    cache = KeptPageCache(size=2)
    pages = {key: KeptPage((key,), None, False) for key in ("a", "b", "c")}
    cache.put(("a",), pages["a"])
    cache.put(("b",), pages["b"])
    assert cache.get(("a",)) is pages["a"]  # "b" is now the least recently used
    cache.put(("c",), pages["c"])
    assert len(cache) == 2 and cache.get(("b",)) is None
    assert cache.get(("a",)) is pages["a"] and cache.get(("c",)) is pages["c"]
