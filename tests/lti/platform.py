"""A test LMS on loopback: its own RSA key and JWKS, an OIDC auth step the test drives (or, for
a browser, its /auth page), an OAuth2 token endpoint, AGS line items and scores, an NRPS
roster, a course page that frames the tool, and the platform's side of dynamic registration."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, abort, jsonify, request
from jwcrypto.jwk import JWK
from werkzeug.serving import make_server

from tests.servers import free_port

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
PLATFORM_CONF = "https://purl.imsglobal.org/spec/lti-platform-configuration"
TOOL_CONF = "https://purl.imsglobal.org/spec/lti-tool-configuration"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]


def rsa_key() -> tuple[str, dict]:
    """A private key (PEM) and its public JWK."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    jwk = json.loads(JWK.from_pem(pem.encode()).export_public())
    jwk.update(kid="lms-" + uuid.uuid4().hex[:8], alg="RS256", use="sig")
    return pem, jwk


@dataclass
class TestLms:
    """The platform's state, read and steered by the tests."""

    url: str = ""
    client_id: str = "tutor-client"
    deployment_id: str = "dep-1"
    pem: str = ""
    jwk: dict = field(default_factory=dict)
    tool_jwks: dict = field(default_factory=lambda: {"keys": []})
    key_set_fetches: int = 0
    key_set_cache_control: str = "public, max-age=300"
    scores: list = field(default_factory=list)
    line_items: list = field(default_factory=list)
    fail_scores: int = 0  # answer this many score POSTs with 503
    members: list = field(default_factory=list)
    tokens_issued: int = 0
    # a browser's launch from the course page (/course): the tool's URL and the claims given
    tool_url: str = ""
    launch_claims: dict = field(default_factory=dict)
    # dynamic registration: the token it hands the tool, what the tool posted, changes to its
    # OpenID configuration (None drops a key), the deployment id its answer names
    registration_token: str = "reg-token-1"
    registrations: list = field(default_factory=list)
    config_fetches: int = 0
    openid_overrides: dict = field(default_factory=dict)
    registered_deployment: str | None = "dep-1"

    @property
    def issuer(self) -> str:
        return self.url

    def sign(self, claims: dict, *, pem: str | None = None, kid: str | None = None) -> str:
        """An id_token signed with the platform's key (or another one, for forgeries)."""
        headers = {"kid": kid or self.jwk["kid"]}
        return jwt.encode(claims, pem or self.pem, algorithm="RS256", headers=headers)

    def claims(
        self, nonce: str, *, sub: str = "learner-1", roles: tuple = (LEARNER,),
        context_id: str = "course-1", link_id: str = "link-1", resource: str | None = None,
        message_type: str = "LtiResourceLinkRequest", expires_in: int = 300, **extra,
    ) -> dict:  # fmt: skip
        """The claims of a launch (Moodle-like), overridable by keyword."""
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": self.client_id, "sub": sub, "nonce": nonce,
            "iat": now - 5, "exp": now + expires_in, "name": f"Person {sub}",
            LTI + "message_type": message_type, LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": "http://localhost/lti/launch",
            LTI + "roles": list(roles),
            LTI + "context": {"id": context_id, "title": "Course " + context_id, "label": "C1"},
            LTI + "launch_presentation": {"document_target": "window"},
            AGS: {"scope": SCOPES, "lineitems": f"{self.url}/courses/{context_id}/lineitems"},
            NRPS: {
                "context_memberships_url": f"{self.url}/courses/{context_id}/memberships",
                "service_versions": ["2.0"],
            },
        }  # fmt: skip
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": link_id, "title": "Link " + link_id}
        if resource is not None:
            claims[LTI + "custom"] = {"resource": resource}
        claims.update(extra)
        return claims


def build_app(lms: TestLms) -> Flask:
    """The platform's own endpoints (key set, token, AGS, NRPS)."""
    app = Flask("test_lms")

    @app.get("/jwks")
    def jwks():
        lms.key_set_fetches += 1
        response = jsonify({"keys": [lms.jwk]})
        if lms.key_set_cache_control:
            response.headers["Cache-Control"] = lms.key_set_cache_control
        return response

    @app.post("/token")
    def token():
        assertion = request.form.get("client_assertion", "")
        header = jwt.get_unverified_header(assertion)
        keys = {k["kid"]: k for k in lms.tool_jwks["keys"]}
        if header.get("kid") not in keys:
            abort(401)
        key = jwt.PyJWK(keys[header["kid"]]).key
        jwt.decode(assertion, key, algorithms=["RS256"], audience=f"{lms.url}/token")
        lms.tokens_issued += 1
        scope = request.form.get("scope", "")
        return jsonify(access_token=uuid.uuid4().hex, token_type="Bearer", expires_in=3600,
                       scope=scope)  # fmt: skip

    def bearer() -> None:
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            abort(401)

    @app.route("/courses/<course>/lineitems", methods=["GET", "POST"])
    def lineitems(course):
        bearer()
        if request.method == "POST":
            item = json.loads(request.get_data())
            item["id"] = f"{lms.url}/courses/{course}/lineitems/{len(lms.line_items) + 1}"
            lms.line_items.append(item)
            return jsonify(item), 201
        return jsonify(lms.line_items)

    @app.get("/courses/<course>/lineitems/<int:number>")
    def lineitem(course, number):
        bearer()
        return jsonify(lms.line_items[number - 1])

    @app.post("/courses/<course>/lineitems/<int:number>/scores")
    def scores(course, number):
        bearer()
        if lms.fail_scores > 0:
            lms.fail_scores -= 1
            abort(503)
        lms.scores.append({"lineitem": number, **json.loads(request.get_data())})
        return "", 204

    @app.get("/courses/<course>/memberships")
    def memberships(course):
        bearer()
        return jsonify(id=request.url, context={"id": course}, members=lms.members)

    @app.get("/.well-known/openid-configuration")
    def openid_configuration():
        """The platform's configuration, as Moodle's and Canvas's dynamic registration give it."""
        lms.config_fetches += 1
        config = {
            "issuer": lms.issuer, "authorization_endpoint": f"{lms.url}/auth",
            "token_endpoint": f"{lms.url}/token", "jwks_uri": f"{lms.url}/jwks",
            "registration_endpoint": f"{lms.url}/register",
            "scopes_supported": ["openid", *SCOPES], "id_token_signing_alg_values_supported":
            ["RS256"], PLATFORM_CONF: {"product_family_code": "moodle", "version": "4.1",
                                       "messages_supported": [{"type": "LtiResourceLinkRequest"},
                                                              {"type": "LtiDeepLinkingRequest"}]},
        }  # fmt: skip
        config.update(lms.openid_overrides)
        return jsonify({k: v for k, v in config.items() if v is not None})

    @app.post("/register")
    def register():
        """The tool's client registration: a client id and (as Moodle) a deployment id back."""
        if request.headers.get("Authorization") != f"Bearer {lms.registration_token}":
            return jsonify(error="invalid_token"), 401
        message = json.loads(request.get_data())
        lms.registrations.append(message)
        tool = dict(message[TOOL_CONF])
        if lms.registered_deployment:
            tool["deployment_id"] = lms.registered_deployment
        return jsonify({**message, "client_id": lms.client_id, TOOL_CONF: tool})

    @app.get("/course")
    def course():
        """A course page framing the tool: the iframe starts the OIDC log-in."""
        login = f"{lms.tool_url}/lti/login?" + urlencode({
            "iss": lms.issuer, "login_hint": "browser", "client_id": lms.client_id,
            "target_link_uri": f"{lms.tool_url}/lti/launch",
            "lti_deployment_id": lms.deployment_id,
        })  # fmt: skip
        return (
            "<!doctype html><title>Course</title><h1>Course page</h1>"
            f'<iframe id="tool" title="Tool" src="{escape(login)}" width="1000" height="700">'
            "</iframe>"
        )

    @app.get("/auth")
    def auth():
        """The platform's OIDC auth step: the signed launch posted back to the tool."""
        claims = lms.claims(request.args["nonce"], **lms.launch_claims)
        claims[LTI + "target_link_uri"] = request.args["redirect_uri"]
        return (
            "<!doctype html><title>Launching</title>"
            f'<form method="post" action="{escape(request.args["redirect_uri"])}">'
            f'<input type="hidden" name="id_token" value="{escape(lms.sign(claims))}">'
            f'<input type="hidden" name="state" value="{escape(request.args["state"])}">'
            "</form><script>document.forms[0].submit()</script>"
        )

    return app


class RunningLms:
    """The test platform served on 127.0.0.1 in a thread."""

    def __init__(self):
        port = free_port()
        pem, jwk = rsa_key()
        self.lms = TestLms(url=f"http://127.0.0.1:{port}", pem=pem, jwk=jwk)
        self.server = make_server("127.0.0.1", port, build_app(self.lms), threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def auth_params(location: str) -> dict[str, str]:
    """The OIDC auth request's parameters from the tool's redirect."""
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
