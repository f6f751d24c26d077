"""Log-in form posts against a real server, each from an address of the test's choosing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from http.client import HTTPConnection
from urllib.parse import urlencode, urlsplit

from limits import parse

from app.security import LOGIN_LIMIT, LOGIN_LIMIT_MESSAGE
from tests.servers import http

# tests.servers.make_learners' accounts: learner0 is the one being guessed, learner1 someone else
VICTIM, OTHER = "learner0", "learner1"

# how many attempts the configured limit allows in its window (10 for "10 per minute")
ALLOWED_ATTEMPTS = parse(LOGIN_LIMIT).amount
WRONG_PASSWORD_MESSAGE = "Unknown username or wrong password."
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Answer:
    """A server's answer: status, body text and headers."""

    status: int
    text: str
    headers: dict[str, str]


@dataclass
class LoginForm:
    """A log-in page's CSRF token with the session cookie that carries it.

    The cookie is signed with the servers' shared SECRET_KEY, so one form serves every server.
    """

    token: str
    cookie: str

    @classmethod
    def fetch(cls, base: str) -> LoginForm:
        """GET /auth/login (never counted by the limiter) and keep its token and cookie."""
        status, page, headers = http(base, "GET", "/auth/login")
        assert status == 200, status
        return cls(CSRF_FIELD.search(page).group(1), headers["Set-Cookie"].split(";")[0])

    def post(self, base: str, username: str, password: str, address: str) -> Answer:
        """POST the form as a client at ``address`` (X-Forwarded-For; TRUSTED_PROXIES=1)."""
        body = urlencode({"csrf_token": self.token, "username": username, "password": password})
        parts = urlsplit(base)
        connection = HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request(
                "POST",
                "/auth/login",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": self.cookie,
                    "X-Forwarded-For": address,
                },
            )
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return Answer(response.status, text, dict(response.getheaders()))
        finally:
            connection.close()


def assert_wrong_password(answer: Answer) -> None:
    """The form's answer to a wrong guess: 400 with the form's message."""
    assert answer.status == 400, (answer.status, answer.text[:300])
    assert WRONG_PASSWORD_MESSAGE in answer.text


def assert_limited(answer: Answer) -> None:
    """The limiter's answer: 429 with the clear message and when to try again."""
    assert answer.status == 429, (answer.status, answer.text[:300])
    assert LOGIN_LIMIT_MESSAGE in answer.text
    assert int(answer.headers["Retry-After"]) > 0
