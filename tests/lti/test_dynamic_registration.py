"""LTI Dynamic Registration against the test LMS: an administrator's one-time URL, the LMS
opening it with its configuration, the platform saved and launching; bad configurations and
tokens refused with a clear page and nothing saved (here or, when checks fail first, there)."""

from __future__ import annotations

from urllib.parse import urlencode

import sqlalchemy as sa

from app.extensions import db
from app.lti.models import LtiDeployment, LtiNonce, LtiPlatform
from tests.lti.conftest import launch
from tests.lti.platform import INSTRUCTOR, TOOL_CONF
from tests.servers import free_port

SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
ROSTER = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


def _registration_url(client, auth) -> str:
    """An administrator makes a registration URL on the LTI platforms page."""
    auth.create("root", role="admin")
    auth.login("root")
    page = client.post("/admin/lti/registration-url")
    assert page.status_code == 200, page.text
    url = page.text.split('<code id="registration-url">')[1].split("<")[0]
    assert url.startswith("http://localhost/lti/register/")
    return url.removeprefix("http://localhost")


def _opened_by_lms(app, url: str, lms, *, config: str | None = None, token: str | None = None):
    """The LMS opens the URL in its frame, with its configuration URL and token (a browser
    that is not logged in here)."""
    query = urlencode({
        "openid_configuration": config or f"{lms.url}/.well-known/openid-configuration",
        "registration_token": token or lms.registration_token,
    })  # fmt: skip
    return app.test_client().get(f"{url}?{query}", headers={"Sec-Fetch-Dest": "iframe"})


def _saved(app) -> tuple[int, ...]:
    """Platforms, deployments and used registration URLs (nonce rows) saved here."""
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (LtiPlatform, LtiDeployment, LtiNonce)
        )


def test_lms_registers_the_tool_and_launches_with_it(app, client, auth, lms):
    url = _registration_url(client, auth)
    response = _opened_by_lms(app, url, lms)
    assert response.status_code == 200, response.text
    assert "Moodle (127.0.0.1) can now open" in response.text
    assert "js/lti-registered.js" in response.text  # tells the LMS to close its frame
    assert f"frame-ancestors {lms.url}" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Cross-Origin-Opener-Policy"] == "unsafe-none"  # window.opener
    # what the tool told the platform
    (message,) = lms.registrations
    assert message["redirect_uris"] == ["http://localhost/lti/launch"]
    assert message["initiate_login_uri"] == "http://localhost/lti/login"
    assert message["jwks_uri"] == "http://localhost/lti/jwks"
    assert message["token_endpoint_auth_method"] == "private_key_jwt"
    assert SCORE in message["scope"].split() and ROSTER in message["scope"].split()
    tool = message[TOOL_CONF]
    assert tool["domain"] == "localhost" and "name" in tool["claims"]
    assert [m["type"] for m in tool["messages"]] == ["LtiDeepLinkingRequest"]
    # what the tool saved
    with app.app_context():
        platform = db.session.scalar(sa.select(LtiPlatform))
        assert (platform.issuer, platform.client_id) == (lms.issuer, lms.client_id)
        assert platform.key_set_url == f"{lms.url}/jwks" and platform.key_set_json
        assert platform.auth_login_url == f"{lms.url}/auth"
        assert platform.auth_token_url == f"{lms.url}/token"
        assert [d.deployment_id for d in platform.deployments] == ["dep-1"]
    assert lms.key_set_fetches == 1
    # the platform launches the tool, and uses its services, with the registration
    lms.tool_jwks = client.get("/lti/jwks").get_json()
    assert launch(app.test_client(), lms, sub="teacher-1", roles=(INSTRUCTOR,)).status_code == 302
    # the URL serves once
    again = _opened_by_lms(app, url, lms)
    assert again.status_code == 403 and "already used" in again.text
    assert _saved(app)[:2] == (1, 1) and len(lms.registrations) == 1


def test_bad_configurations_are_refused_and_nothing_is_saved(app, client, auth, lms):
    url = _registration_url(client, auth)
    dead = f"http://127.0.0.1:{free_port()}"
    cases = [
        ({"config": f"{dead}/.well-known/openid-configuration"}, {}, "could not be reached"),
        ({"config": "moodle.school.edu/config"}, {}, "must be a full https:// URL"),
        ({"config": f"{lms.url}/no-such-page"}, {}, "answered HTTP 404"),
        ({"config": f"{lms.url}/course"}, {}, "did not answer with JSON"),
        ({}, {"registration_endpoint": None}, "lacks registration_endpoint"),
        ({}, {"https://purl.imsglobal.org/spec/lti-platform-configuration": None},
         "is not an LTI platform"),
        ({}, {"issuer": "https://other.example.edu"}, "is not on the host its configuration"),
        ({}, {"issuer": lms.url + "/?x=1"}, "must have no ?query"),
        ({}, {"token_endpoint": "http://lms.example.edu/token"}, "must use https://"),
        ({}, {"jwks_uri": f"{dead}/jwks"}, "key set URL could not be reached"),
    ]  # fmt: skip
    for opened, overrides, message in cases:
        lms.openid_overrides = overrides
        response = _opened_by_lms(app, url, lms, **opened)
        assert response.status_code == 400, (message, response.text)
        assert "The registration did not happen" in response.text
        assert message in response.text and "Nothing was changed" in response.text
        assert _saved(app) == (0, 0, 0)
        assert lms.registrations == []  # checked before the platform was asked
    # the platform refuses the tool (a wrong registration token): nothing saved either
    lms.openid_overrides = {}
    refused = _opened_by_lms(app, url, lms, token="not-the-token")
    assert refused.status_code == 400 and "refused the registration (HTTP 401)" in refused.text
    assert _saved(app) == (0, 0, 0)
    # none of it used the URL up
    assert _opened_by_lms(app, url, lms).status_code == 200
    assert _saved(app)[:2] == (1, 1)


def test_duplicate_client_id_is_refused_and_nothing_saved(app, client, auth, lms):
    first = _registration_url(client, auth)
    assert _opened_by_lms(app, first, lms).status_code == 200
    second = client.post("/admin/lti/registration-url").text
    url = second.split('<code id="registration-url">')[1].split("<")[0]
    response = _opened_by_lms(app, url.removeprefix("http://localhost"), lms)
    assert response.status_code == 400 and "already registered for this issuer" in response.text
    assert _saved(app) == (1, 1, 1)  # the first one's row only


def test_a_platform_that_names_no_deployment_gets_it_added_later(app, client, auth, lms):
    lms.registered_deployment = None  # Canvas: the deployment comes when the tool is installed
    response = _opened_by_lms(app, _registration_url(client, auth), lms)
    assert response.status_code == 200 and "none yet" in response.text
    assert _saved(app)[:2] == (1, 0)


def test_forged_or_missing_parts_are_refused_before_anything_is_fetched(app, client, auth, lms):
    url = _registration_url(client, auth)
    forged = url[:-4] + ("aaaa" if not url.endswith("aaaa") else "bbbb")
    response = _opened_by_lms(app, forged, lms)
    assert response.status_code == 403 and "was not made by this site" in response.text
    bare = app.test_client().get(url)  # no openid_configuration: opened by hand
    assert bare.status_code == 400 and "registration URL" in bare.text
    assert lms.config_fetches == 0 and _saved(app) == (0, 0, 0)


def test_only_administrators_make_registration_urls(client, auth):
    auth.create("teacher", role="instructor")
    auth.login("teacher")
    assert client.post("/admin/lti/registration-url").status_code == 403
