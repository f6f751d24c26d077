"""Log-in form posts against a real server, each from an address of the test's choosing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from http.client import HTTPConnection
from urllib.parse import urlencode, urlsplit

from app.accounts.limits import KNOWN_BROWSER_COOKIE, LOGIN_LIMIT_MESSAGE
from app.config import default_config
from tests.servers import http

# tests.servers.make_learners' accounts: learner0 is the one being guessed, learner1 someone else
VICTIM, OTHER = "learner0", "learner1"

# how many failures the default settings allow one username from strangers in a window
ALLOWED_ATTEMPTS = default_config("/nowhere")["LOGIN_FAILURES_PER_USERNAME"]
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

    def post(
        self, base: str, username: str, password: str, address: str, cookies: str = ""
    ) -> Answer:
        """POST the form as a client at ``address`` (X-Forwarded-For; TRUSTED_PROXIES=1), with
        more ``cookies`` ("name=value; ...") if given."""
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
                    "Cookie": "; ".join(filter(None, [self.cookie, cookies])),
                    "X-Forwarded-For": address,
                },
            )
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            known = [
                value.split(";")[0]
                for value in response.msg.get_all("Set-Cookie") or []
                if value.startswith(KNOWN_BROWSER_COOKIE + "=")
            ]
            headers = dict(response.getheaders())
            if known:
                headers["known-browser"] = known[0]
            return Answer(response.status, text, headers)
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
