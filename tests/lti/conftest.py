"""Fixtures of the LTI tests: the test LMS on loopback, registered, and a launch helper."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.lti.keys import http_session
from app.lti.platforms import PlatformFields, register_platform
from app.models import utcnow
from tests.lti.platform import RunningLms, TestLms, auth_params


@pytest.fixture
def lms() -> Iterator[TestLms]:
    running = RunningLms()
    yield running.lms
    running.stop()


def platform_fields(lms: TestLms, **overrides) -> PlatformFields:
    values = {
        "name": "Test Moodle",
        "issuer": lms.issuer,
        "client_id": lms.client_id,
        "deployment_ids": [lms.deployment_id],
        "key_set_url": f"{lms.url}/jwks",
        "auth_login_url": f"{lms.url}/auth",
        "auth_token_url": f"{lms.url}/token",
    }
    values.update(overrides)
    return PlatformFields(**values)


@pytest.fixture
def registered(app: Flask, client: FlaskClient, lms: TestLms) -> TestLms:
    """The test LMS registered here, knowing the tool's key set."""
    with app.app_context():
        register_platform(db.session, platform_fields(lms), http_session(), utcnow())
        db.session.commit()
    lms.tool_jwks = client.get("/lti/jwks").get_json()
    lms.key_set_fetches = 0
    return lms


def oidc_login(client: FlaskClient, lms: TestLms, **params) -> dict[str, str]:
    """The platform starts the log-in; the tool's redirect to its auth URL, as parameters."""
    data = {
        "iss": lms.issuer, "login_hint": "hint", "client_id": lms.client_id,
        "target_link_uri": "http://localhost/lti/launch", "lti_deployment_id": lms.deployment_id,
    }  # fmt: skip
    data.update(params)
    response = client.post("/lti/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.location.startswith(f"{lms.url}/auth?")
    return auth_params(response.location)


def launch(client: FlaskClient, lms: TestLms, *, token=None, headers=None, **claims):
    """A whole launch as the browser carries it: log-in, the platform's auth, the POST."""
    auth = oidc_login(client, lms)
    id_token = token(auth) if token else lms.sign(lms.claims(auth["nonce"], **claims))
    return client.post(
        "/lti/launch", data={"id_token": id_token, "state": auth["state"]}, headers=headers or {}
    )
