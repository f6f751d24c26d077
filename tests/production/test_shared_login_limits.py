"""Two gunicorn servers on one database and one Redis count log-in attempts together."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.servers import running_servers

from .logins import (
    ALLOWED_ATTEMPTS,
    OTHER,
    VICTIM,
    LoginForm,
    assert_limited,
    assert_wrong_password,
)

pytestmark = pytest.mark.slow


def servers_on(database_url: str, log_dir, storage_uri: str, **options):
    """Two production servers behind a (pretend) proxy that names each client's address."""
    return running_servers(
        database_url, log_dir, 2, RATELIMIT_STORAGE_URI=storage_uri, TRUSTED_PROXIES="1", **options
    )


def test_one_account_guessed_on_both_servers_trips_the_limit_in_total(
    shared_database, redis_server, tmp_path
):
    with servers_on(shared_database, tmp_path, redis_server.url) as servers:
        form = LoginForm.fetch(servers[0].url)
        # every guess from a new address, alternating servers (and their two workers each)
        for n in range(ALLOWED_ATTEMPTS):
            assert_wrong_password(
                form.post(servers[n % 2].url, VICTIM, "wrong-guess", f"203.0.113.{n}")
            )
        # one more on either server is refused, even with the right password
        for server in servers:
            assert_limited(form.post(server.url, VICTIM.upper(), DEFAULT_PASSWORD, "203.0.113.99"))
        # another account logs in on both servers
        for n, server in enumerate(servers):
            answer = form.post(server.url, OTHER, DEFAULT_PASSWORD, f"198.51.100.{n}")
            assert answer.status == 302, (answer.status, answer.text[:300])
    # the count is Redis's, one key per limited thing
    keys = redis_server.client().keys("LIMITS:*")
    assert any(f"login-user:{VICTIM}" in key for key in keys), keys


def test_one_address_guessing_many_accounts_on_both_servers_is_limited_in_total(
    shared_database, redis_server, tmp_path
):
    with servers_on(shared_database, tmp_path, redis_server.url) as servers:
        form = LoginForm.fetch(servers[1].url)
        for n in range(ALLOWED_ATTEMPTS):
            guess = form.post(servers[n % 2].url, f"guess{n}", "wrong-guess", "192.0.2.7")
            assert_wrong_password(guess)
        for server in servers:
            assert_limited(form.post(server.url, OTHER, DEFAULT_PASSWORD, "192.0.2.7"))
        assert form.post(servers[0].url, OTHER, DEFAULT_PASSWORD, "192.0.2.8").status == 302
    keys = redis_server.client().keys("LIMITS:*")
    assert any("192.0.2.7" in key for key in keys), keys


def test_without_a_shared_store_each_server_counts_alone(shared_database, tmp_path):
    # the reason for Redis: with memory:// two one-worker servers let twice the limit through
    with servers_on(shared_database, tmp_path, "memory://", workers=1) as servers:
        form = LoginForm.fetch(servers[0].url)
        answers = [
            form.post(servers[n % 2].url, VICTIM, "wrong-guess", f"203.0.113.{n}")
            for n in range(2 * ALLOWED_ATTEMPTS)
        ]
        assert [a.status for a in answers] == [400] * (2 * ALLOWED_ATTEMPTS)
        assert_limited(form.post(servers[0].url, VICTIM, "wrong-guess", "203.0.113.200"))
