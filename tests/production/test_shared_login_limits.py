"""With the default settings, the log-in limit holds in total across gunicorn workers and
servers: failures are counted in the database, with no store of their own."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, clear_of_login_window_end
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


def test_one_account_guessed_across_workers_and_servers_is_limited_in_total(
    shared_database, tmp_path
):
    # two servers of two workers each, nothing configured but the (pretend) proxy
    with running_servers(shared_database, tmp_path, 2, workers=2, TRUSTED_PROXIES="1") as servers:
        clear_of_login_window_end()
        form = LoginForm.fetch(servers[0].url)
        owner = form.post(servers[1].url, VICTIM, DEFAULT_PASSWORD, "192.0.2.10")
        assert owner.status == 302, (owner.status, owner.text[:300])
        known_browser = owner.headers["known-browser"]
        # every guess from a new address, alternating servers (and whichever worker answers)
        for n in range(ALLOWED_ATTEMPTS):
            assert_wrong_password(
                form.post(servers[n % 2].url, VICTIM, "wrong-guess", f"203.0.113.{n}")
            )
        # one more on either server is refused, even with the right password, for a stranger
        for server in servers:
            assert_limited(form.post(server.url, VICTIM.upper(), DEFAULT_PASSWORD, "203.0.113.99"))
        # the owner's browser gets in from another address, on both servers
        for n, server in enumerate(servers):
            answer = form.post(
                server.url, VICTIM, DEFAULT_PASSWORD, f"198.51.100.{50 + n}", known_browser
            )
            assert answer.status == 302, (answer.status, answer.text[:300])
        # another account logs in on both servers
        for n, server in enumerate(servers):
            answer = form.post(server.url, OTHER, DEFAULT_PASSWORD, f"198.51.100.{n}")
            assert answer.status == 302, (answer.status, answer.text[:300])
