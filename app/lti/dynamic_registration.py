"""LTI Dynamic Registration 1.0: an administrator makes a one-time registration URL; the LMS
opens it with its ``openid_configuration`` and ``registration_token``; the tool reads the
platform's configuration, posts its own (pylti1p3's registration message) to the platform's
registration endpoint, and saves the platform as the form would (flush, never commit).
Everything is checked before the platform is asked to register the tool, and nothing is
saved unless all of it went through."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import requests
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pylti1p3.dynamic_registration import DynamicRegistration
from sqlalchemy.orm import Session

from .keys import KeySetError, fetch_key_set
from .models import LtiNonce, LtiPlatform
from .platforms import MAX_ID, PlatformFields, RegistrationError, register_platform, url_problem

PLATFORM_CONF = "https://purl.imsglobal.org/spec/lti-platform-configuration"
TOOL_CONF = "https://purl.imsglobal.org/spec/lti-tool-configuration"
INVITATION_LIFETIME = timedelta(days=1)
_SALT = "lti-dynamic-registration"
_NEEDED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
           "registration_endpoint")  # fmt: skip
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]


class DynamicRegistrationError(Exception):
    """A registration that did not happen: ``status`` and a message for the page."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def new_invitation(secret_key: str) -> str:
    """A signed, one-time token for the registration URL an administrator gives an LMS."""
    serializer = URLSafeTimedSerializer(secret_key, salt=_SALT)
    return serializer.dumps({"n": secrets.token_urlsafe(16)})


def read_invitation(secret_key: str, raw: str, session: Session) -> str:
    """The key under which the invitation is marked used; DynamicRegistrationError (403)
    for a token this site did not make, one too old, or one already used."""
    serializer = URLSafeTimedSerializer(secret_key, salt=_SALT)
    try:
        data = serializer.loads(raw, max_age=int(INVITATION_LIFETIME.total_seconds()))
    except BadSignature:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        raise DynamicRegistrationError(
            "This registration URL was not made by this site, or is more than a day old. An "
            "administrator makes a new one on the LTI platforms page.",
            403,
        )
    key = "dynreg:" + data["n"]
    if session.get(LtiNonce, key) is not None:
        raise DynamicRegistrationError(
            "This registration URL was already used. An administrator makes a new one on the "
            "LTI platforms page.",
            403,
        )
    return key


def use_invitation(session: Session, key: str, now: datetime) -> None:
    """Mark the invitation used (a second request with it fails on the row's primary key)."""
    session.add(LtiNonce(nonce=key, expires_at=now + INVITATION_LIFETIME))
    session.flush()


@dataclass
class ToolUrls:
    """The tool's own URLs, as the platform is to call them."""

    launch: str
    login: str
    jwks: str
    logo: str


class ToolRegistration(DynamicRegistration):
    """What the tool tells the platform about itself; pylti1p3 builds the message."""

    description = "Lessons and quizzes on one founding text; scores go to the course's grades."

    def __init__(self, urls: ToolUrls, name: str):
        super().__init__()
        self.urls = urls
        self.client_name = name

    def get_initiate_login_uri(self) -> str:  # noqa: D102
        return self.urls.login

    def get_jwks_uri(self) -> str:  # noqa: D102
        return self.urls.jwks

    def get_redirect_uris(self) -> list[str]:  # noqa: D102
        return [self.urls.launch]

    def get_target_link_uri(self) -> str:  # noqa: D102
        return self.urls.launch

    def get_domain(self) -> str:  # noqa: D102
        return urlsplit(self.urls.launch).netloc

    def get_logo_uri(self) -> str:  # noqa: D102
        return self.urls.logo

    def get_scopes(self) -> list[str]:  # noqa: D102
        return SCOPES

    def get_claims(self) -> list[str]:  # noqa: D102
        # the person claims name a new account (accounts.wanted_username)
        return ["iss", "sub", "name", "given_name", "family_name", "email"]

    def get_messages(self) -> list[dict]:  # noqa: D102
        return [
            {
                "type": "LtiDeepLinkingRequest",
                "target_link_uri": self.urls.launch,
                "label": f"{self.client_name}: a lesson or a quiz",
            }
        ]


def _fail(what: str, problem: str) -> DynamicRegistrationError:
    return DynamicRegistrationError(f"The platform's {what} {problem}.")


def _unreachable(exc: Exception) -> str:
    return f"could not be reached ({type(exc).__name__})"


def platform_configuration(url: str, http: requests.Session) -> dict:
    """The platform's OpenID configuration, checked: the URLs the tool needs, an issuer on the
    host the configuration came from. DynamicRegistrationError says what is wrong."""
    problem = url_problem(url)
    if problem:
        raise _fail("configuration URL (openid_configuration)", problem)
    try:
        response = http.get(url, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise _fail("configuration URL", _unreachable(exc)) from exc
    if response.status_code != 200:
        raise _fail("configuration URL", f"answered HTTP {response.status_code}")
    try:
        config = response.json()
    except ValueError as exc:
        raise _fail("configuration URL", "did not answer with JSON") from exc
    if not isinstance(config, dict):
        raise _fail("configuration", "is not a JSON object")
    missing = [key for key in _NEEDED if not isinstance(config.get(key), str) or not config[key]]
    if missing:
        raise _fail("configuration", "lacks " + ", ".join(missing))
    if not isinstance(config.get(PLATFORM_CONF), dict):
        raise _fail("configuration", f"is not an LTI platform's (no {PLATFORM_CONF})")
    issuer = config["issuer"]
    problem = url_problem(issuer, bare=True) or ("is too long" if len(issuer) > MAX_ID else None)
    if problem:
        raise _fail(f"issuer ({issuer[:100]})", problem)
    # the configuration must come from the issuer's own host: a configuration served
    # elsewhere could name another platform's issuer and have its launches trusted here
    if urlsplit(issuer).hostname != urlsplit(url).hostname:
        raise DynamicRegistrationError(
            f"The platform's issuer ({issuer[:100]}) is not on the host its configuration "
            f"came from ({urlsplit(url).hostname}). Register this platform by hand instead."
        )
    for key in _NEEDED[1:]:
        problem = url_problem(config[key])
        if problem:
            raise _fail(key, problem)
    return config


def platform_name(config: dict) -> str:
    """A name for the platform's card: its product and host, e.g. "Moodle (lms.school.edu)"."""
    product = str(config[PLATFORM_CONF].get("product_family_code") or "LMS")
    return f"{product[:40].capitalize()} ({urlsplit(config['issuer']).hostname})"[:120]


def post_registration(
    config: dict, token: str | None, tool: ToolRegistration, http: requests.Session
) -> dict:
    """Register the tool with the platform; the platform's answer (with the client id)."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    message = tool.lti_registration_data()
    try:
        response = http.post(config["registration_endpoint"], json=message, headers=headers)
    except requests.RequestException as exc:
        raise _fail("registration endpoint", _unreachable(exc)) from exc
    if not response.ok:
        raise DynamicRegistrationError(
            f"The platform refused the registration (HTTP {response.status_code}): "
            f"{response.text[:200]}"
        )
    try:
        answer = response.json()
    except ValueError as exc:
        raise _fail("registration endpoint", "did not answer with JSON") from exc
    if not isinstance(answer, dict) or not answer.get("client_id"):
        raise _fail("registration answer", "has no client_id")
    if not isinstance(answer.get(TOOL_CONF), dict):
        raise _fail("registration answer", f"has no {TOOL_CONF}")
    return answer


def register_dynamically(
    session: Session,
    config_url: str,
    token: str | None,
    tool: ToolRegistration,
    http: requests.Session,
    now: datetime,
) -> LtiPlatform:
    """The whole registration: the platform's configuration and key set checked, the tool
    registered there, the platform saved here with the deployment its answer names."""
    config = platform_configuration(config_url, http)
    try:
        key_set = fetch_key_set(config["jwks_uri"], http, now)
    except KeySetError as exc:
        raise DynamicRegistrationError(f"{exc} (the platform's jwks_uri)") from exc
    answer = post_registration(config, token, tool, http)
    deployment = answer[TOOL_CONF].get("deployment_id")
    audience = config.get("authorization_server")
    fields = PlatformFields(
        name=platform_name(config),
        issuer=config["issuer"],
        client_id=str(answer["client_id"]),
        deployment_ids=[str(deployment)] if deployment else [],
        key_set_url=config["jwks_uri"],
        auth_login_url=config["authorization_endpoint"],
        auth_token_url=config["token_endpoint"],
        # the token's audience when the platform names one, else its token URL
        auth_audience=audience if isinstance(audience, str) and not url_problem(audience) else "",
    )
    try:
        return register_platform(session, fields, http, now, key_set=key_set)
    except RegistrationError as exc:
        raise DynamicRegistrationError(str(exc)) from exc
