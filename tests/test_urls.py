"""app.urls.Platform: url_for answered from a cache gives exactly the URL Flask builds."""

from __future__ import annotations

from flask import Flask, url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.urls import Platform

values = st.one_of(st.booleans(), st.integers(-5, 5), st.text(max_size=6), st.none())


def flask_url(app, endpoint, **values):
    """What plain Flask builds for the same call."""
    return Flask.url_for(app, endpoint, **values)


def test_the_app_is_a_platform(app):
    assert isinstance(app, Platform)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempt_id=st.integers(1, 10**6), extra=values, anchor=st.none() | st.text(max_size=4))
def test_cached_urls_are_flasks_urls(app, attempt_id, extra, anchor):
    with app.test_request_context("/quiz/"):
        for _ in range(2):  # built, then from the cache
            url = url_for("quiz.take", attempt_id=attempt_id, x=extra, _anchor=anchor)
            assert url == flask_url(
                app, "quiz.take", attempt_id=attempt_id, x=extra, _anchor=anchor
            )


def test_true_and_one_are_different_urls(app):
    with app.test_request_context("/"):
        assert url_for("lessons.index", p=1) == "/lessons/?p=1"
        assert url_for("lessons.index", p=True) == "/lessons/?p=True"


def test_the_request_root_host_and_blueprint_are_part_of_the_url(app):
    with app.test_request_context("/"):
        assert url_for("lessons.index") == "/lessons/"
        assert url_for("lessons.index", _external=True) == "http://localhost/lessons/"
    with app.test_request_context("/", base_url="http://localhost/tutor/"):
        assert url_for("lessons.index") == "/tutor/lessons/"
    with app.test_request_context("/", base_url="http://example.org/"):
        assert url_for("lessons.index", _external=True) == "http://example.org/lessons/"
    with app.test_request_context("/", base_url="https://example.org/"):
        assert url_for("lessons.index", _external=True) == "https://example.org/lessons/"
    with app.test_request_context("/quiz/"):
        assert url_for(".index") == "/quiz/"
    with app.test_request_context("/lessons/"):
        assert url_for(".index") == "/lessons/"


def test_values_that_cannot_be_keys_are_built_each_time(app):
    with app.test_request_context("/"):
        assert url_for("lessons.index", ids=[1, 2]) == "/lessons/?ids=1&ids=2"
        assert url_for("lessons.index", ids=[3]) == "/lessons/?ids=3"


def test_url_defaults_turn_the_cache_off(app):
    counter = {"n": 0}

    @app.url_defaults
    def stamp(endpoint, values):
        counter["n"] += 1
        values.setdefault("v", counter["n"])

    with app.test_request_context("/"):
        assert url_for("lessons.index") == "/lessons/?v=1"
        assert url_for("lessons.index") == "/lessons/?v=2"


def test_outside_a_request_urls_are_external(app):
    app.config["SERVER_NAME"] = "tutor.example"
    with app.app_context():
        assert url_for("lessons.index") == "http://tutor.example/lessons/"
