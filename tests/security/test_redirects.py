"""The log-in form's ?next= never sends a user to another site."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.factories import DEFAULT_PASSWORD


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/%2F%2Fevil.example",
    ],
)
def test_next_stays_on_the_site(client, auth, target):
    auth.create("reader")
    response = client.post(
        f"/auth/login?next={quote(target, safe='')}",
        data={"username": "reader", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost"), location
    assert not location.startswith("//") and "\\" not in location, location
    assert parts.scheme in ("", "http"), location


def test_a_local_next_is_followed(client, auth):
    auth.create("reader")
    response = client.post(
        "/auth/login?next=/lessons/",
        data={"username": "reader", "password": DEFAULT_PASSWORD},
    )
    assert response.headers["Location"] == "/lessons/"
