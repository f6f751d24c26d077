"""Redis down, blinking or hung: log-in still answers, limited per process until Redis is back."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.servers import free_port, running_servers

from .logins import (
    ALLOWED_ATTEMPTS,
    OTHER,
    VICTIM,
    LoginForm,
    assert_limited,
    assert_wrong_password,
)

pytestmark = pytest.mark.slow
FALLBACK_LOGGED = "falling back to in-memory storage"
RECOVERY_TIMEOUT = 20.0  # Flask-Limiter retries a dead store after 1, 2, 4, ... seconds


def one_server(database_url: str, log_dir, storage_uri: str):
    """One one-worker production server, so that its in-memory fallback is the only counter."""
    return running_servers(
        database_url, log_dir, 1, workers=1, RATELIMIT_STORAGE_URI=storage_uri, TRUSTED_PROXIES="1"
    )


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a hung Redis."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # the kernel completes handshakes; nothing is ever read or sent
        yield listener.getsockname()[1]


def test_unreachable_redis_falls_back_to_limits_per_process(shared_database, tmp_path):
    with one_server(shared_database, tmp_path, f"redis://127.0.0.1:{free_port()}") as (server,):
        form = LoginForm.fetch(server.url)
        assert form.post(server.url, OTHER, DEFAULT_PASSWORD, "198.51.100.1").status == 302
        for n in range(ALLOWED_ATTEMPTS):
            assert_wrong_password(form.post(server.url, VICTIM, "wrong-guess", f"203.0.113.{n}"))
        assert_limited(form.post(server.url, VICTIM, DEFAULT_PASSWORD, "203.0.113.99"))
    assert FALLBACK_LOGGED in server.log.read_text()


def test_after_redis_blinks_the_count_is_shared_again(shared_database, redis_server, tmp_path):
    store = redis_server.client()
    with one_server(shared_database, tmp_path, redis_server.url) as (server,):
        form = LoginForm.fetch(server.url)
        for n in range(3):
            assert_wrong_password(form.post(server.url, VICTIM, "wrong-guess", f"203.0.113.{n}"))
        assert len(store.keys(f"LIMITS:*login-user:{VICTIM}*")) == 1

        redis_server.stop()
        assert_wrong_password(form.post(server.url, VICTIM, "wrong-guess", "203.0.113.50"))
        assert form.post(server.url, OTHER, DEFAULT_PASSWORD, "198.51.100.2").status == 302

        redis_server.start()  # same port, empty: counts made during the outage stay in memory
        deadline = time.monotonic() + RECOVERY_TIMEOUT
        n = 0
        while not store.keys("LIMITS:*login-user:back*"):
            assert time.monotonic() < deadline, "the limiter never went back to Redis"
            n += 1
            assert_wrong_password(form.post(server.url, f"back{n}", "wrong-guess", f"192.0.2.{n}"))
            time.sleep(0.25)
    assert FALLBACK_LOGGED in server.log.read_text()
    assert "Rate limit storage recovered" in server.log.read_text()


def test_a_hung_redis_costs_seconds_not_a_worker(shared_database, silent_port, tmp_path):
    with one_server(shared_database, tmp_path, f"redis://127.0.0.1:{silent_port}") as (server,):
        form = LoginForm.fetch(server.url)
        started = time.monotonic()
        assert_wrong_password(form.post(server.url, VICTIM, "wrong-guess", "203.0.113.1"))
        # RATELIMIT_STORAGE_OPTIONS' one-second time-outs, far below gunicorn's 30 s
        assert time.monotonic() - started < 10
        started = time.monotonic()
        assert form.post(server.url, OTHER, DEFAULT_PASSWORD, "198.51.100.3").status == 302
        assert time.monotonic() - started < 10
    assert FALLBACK_LOGGED in server.log.read_text()
    assert "WORKER TIMEOUT" not in server.log.read_text()
