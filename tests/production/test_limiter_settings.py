"""The limiter's production settings: in-memory fallback always, time-outs for a Redis store."""

from __future__ import annotations

from app import create_app
from app.config import REDIS_STORAGE_OPTIONS


def make_app(tmp_path, **config):
    return create_app(
        {
            "SECRET_KEY": "settings-test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'settings.db'}",
            **config,
        }
    )


def test_a_redis_store_gets_time_outs_and_a_fallback(tmp_path):
    # nothing listens here: the client connects on first use only, so the app still starts
    app = make_app(tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0")
    assert app.config["RATELIMIT_STORAGE_OPTIONS"] == REDIS_STORAGE_OPTIONS
    assert app.config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] is True
    assert 0 < REDIS_STORAGE_OPTIONS["socket_timeout"] <= 5  # far below gunicorn's 30 s


def test_the_deployment_can_set_its_own_options(tmp_path):
    app = make_app(
        tmp_path,
        RATELIMIT_STORAGE_URI="rediss://redis.example:6380/1",
        RATELIMIT_STORAGE_OPTIONS={"socket_timeout": 0.2},
    )
    assert app.config["RATELIMIT_STORAGE_OPTIONS"] == {"socket_timeout": 0.2}


def test_other_stores_get_no_redis_options(tmp_path):
    app = make_app(tmp_path, RATELIMIT_STORAGE_URI="memory://")
    assert "RATELIMIT_STORAGE_OPTIONS" not in app.config
