"""Registering a platform on the administrators' page: saved with a tool key pair, or a clear
message on the form and nothing saved."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.lti.models import LtiDeployment, LtiPlatform
from tests.servers import free_port


def _form(lms, **overrides):
    data = {
        "name": "Test Moodle", "issuer": lms.issuer, "client_id": lms.client_id,
        "deployment_ids": "dep-1\ndep-2", "key_set_url": f"{lms.url}/jwks",
        "auth_login_url": f"{lms.url}/auth", "auth_token_url": f"{lms.url}/token",
    }  # fmt: skip
    data.update(overrides)
    return data


def _admin(auth):
    auth.create("root", role="admin")
    auth.login("root")


def _platforms(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(LtiPlatform))


def test_admin_registers_a_platform_with_a_key_pair(app, client, auth, lms):
    _admin(auth)
    response = client.post("/admin/lti/new", data=_form(lms))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        platform = db.session.scalar(sa.select(LtiPlatform))
        assert platform.tool_private_key.startswith("-----BEGIN PRIVATE KEY-----")
        deployments = db.session.scalars(sa.select(LtiDeployment.deployment_id)).all()
        assert sorted(deployments) == ["dep-1", "dep-2"]
        assert platform.key_set_json and lms.key_set_fetches == 1
    assert 'href="/admin/lti/"' in client.get("/lessons/").get_data(as_text=True)  # the menu
    page = client.get("/admin/lti/").get_data(as_text=True)
    assert "http://localhost/lti/login" in page and "http://localhost/lti/jwks" in page
    assert platform.tool_kid in client.get("/lti/jwks").get_data(as_text=True)


def test_unreachable_key_set_url_is_said_and_nothing_saved(app, client, auth, lms):
    _admin(auth)
    dead = f"http://127.0.0.1:{free_port()}/jwks"
    response = client.post("/admin/lti/new", data=_form(lms, key_set_url=dead))
    assert response.status_code == 400
    assert "could not be reached" in response.get_data(as_text=True)
    not_json = client.post("/admin/lti/new", data=_form(lms, key_set_url=f"{lms.url}/no-such-page"))
    assert not_json.status_code == 400 and "answered HTTP 404" in not_json.get_data(as_text=True)
    assert _platforms(app) == 0


def test_malformed_issuer_is_said_and_nothing_saved(app, client, auth, lms):
    _admin(auth)
    for issuer in ("moodle.school.edu", "http://moodle.school.edu", "https://x.edu/?a=1"):
        response = client.post("/admin/lti/new", data=_form(lms, issuer=issuer))
        assert response.status_code == 400
        assert "The issuer" in response.get_data(as_text=True)
    assert _platforms(app) == 0 and lms.key_set_fetches == 0


def test_duplicate_client_id_is_said_and_nothing_saved(app, client, auth, lms):
    _admin(auth)
    assert client.post("/admin/lti/new", data=_form(lms)).status_code == 302
    again = client.post("/admin/lti/new", data=_form(lms, name="Again", issuer=lms.issuer + "/"))
    assert again.status_code == 400
    assert "already registered for this issuer" in again.get_data(as_text=True)
    assert _platforms(app) == 1


def test_only_administrators_register(client, auth, lms):
    auth.create("teacher", role="instructor")
    auth.login("teacher")
    assert client.get("/admin/lti/new").status_code == 403
    assert client.post("/admin/lti/new", data=_form(lms)).status_code == 403
