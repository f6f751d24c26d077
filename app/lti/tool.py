"""pylti1p3next adapted to this site: registrations from the database, nonces kept in the
database (single use), the OIDC state in a cookie on the LTI paths, launches checked in an
order that changes nothing before the signature is known good."""

from __future__ import annotations

import typing as t
from datetime import datetime, timedelta

import jwt
import requests
import sqlalchemy as sa
from flask import Flask, Response, current_app
from pylti1p3.contrib.flask import FlaskCookieService, FlaskMessageLaunch, FlaskOIDCLogin
from pylti1p3.contrib.flask import FlaskRequest as FlaskRequest
from pylti1p3.contrib.flask.service_connector import FlaskServiceConnector
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException
from pylti1p3.registration import Registration
from pylti1p3.session import SessionService
from pylti1p3.tool_config import ToolConfAbstract
from sqlalchemy.orm import Session

from .framing import lti_cookie_options
from .keys import KeySetError, has_kid, platform_key_set
from .models import LtiDeployment, LtiNonce, LtiPlatform
from .platforms import find_platform

NONCE_LIFETIME = timedelta(minutes=10)  # from the OIDC log-in to the launch it allows
CLOCK_LEEWAY = 60  # seconds of clock difference allowed with the platform's iat/exp


class LaunchRefused(Exception):
    """A launch or log-in that is refused: ``status`` 401 (not proven) or 403 (not allowed)."""

    def __init__(self, status: int, message: str, detail: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


def registration_of(platform: LtiPlatform) -> Registration:
    """The pylti1p3 registration of a stored platform."""
    registration = (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.key_set_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_tool_private_key(platform.tool_private_key)
    )
    if platform.auth_audience:
        registration.set_auth_audience(platform.auth_audience)
    registration.platform = platform  # type: ignore[attr-defined]
    # the kid the platform finds in the tool's key set (pylti1p3 would derive it from a
    # public key it is not given)
    registration.get_kid = lambda: platform.tool_kid  # type: ignore[method-assign]
    return registration


class DatabaseToolConf(ToolConfAbstract):
    """Registrations and deployments as the administrators registered them."""

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def check_iss_has_one_client(self, iss: str) -> bool:  # noqa: D102
        return False  # always look up by (issuer, client id)

    def check_iss_has_many_clients(self, iss: str) -> bool:  # noqa: D102
        return True

    def find_registration_by_issuer(self, iss: str, *args, **kwargs) -> Registration | None:  # noqa: D102
        platform = find_platform(self.session, iss, None)
        return registration_of(platform) if platform else None

    def find_registration_by_params(  # noqa: D102
        self, iss: str, client_id: str | None, *args, **kwargs
    ) -> Registration | None:
        platform = find_platform(self.session, iss, client_id)
        return registration_of(platform) if platform else None

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:  # noqa: D102
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(  # noqa: D102
        self, iss: str, deployment_id: str, client_id: str | None, *args, **kwargs
    ) -> Deployment | None:
        platform = find_platform(self.session, iss, client_id)
        if platform is None:
            return None
        query = sa.select(LtiDeployment.id).where(
            LtiDeployment.platform_id == platform.id,
            LtiDeployment.deployment_id == deployment_id,
        )
        if self.session.scalar(query) is None:
            return None
        return Deployment().set_deployment_id(deployment_id)


class DatabaseSessionService(SessionService):
    """Nonces in the database, used once; nothing kept in the signed session cookie (whose
    size the library's launch data would blow, and which a framed page may not get)."""

    def __init__(self, request: FlaskRequest, session: Session, now: datetime):
        super().__init__(request)
        self.session = session
        self.now = now

    def save_nonce(self, nonce: str) -> None:  # noqa: D102
        self.session.execute(
            sa.delete(LtiNonce).where(LtiNonce.expires_at < self.now)
        )  # expired ones serve no one
        self.session.add(LtiNonce(nonce=nonce, expires_at=self.now + NONCE_LIFETIME))
        self.session.flush()

    def check_nonce(self, nonce: str) -> bool:
        """Consume the nonce: one DELETE that only one launch can win."""
        deleted = self.session.execute(
            sa.delete(LtiNonce)
            .where(LtiNonce.nonce == nonce, LtiNonce.expires_at > self.now)
            .returning(LtiNonce.nonce)
        ).first()
        return deleted is not None

    def save_launch_data(self, key: str, jwt_body) -> None:  # noqa: D102
        pass  # the launch's effects are stored as rows (app/lti/launches.py)

    def get_launch_data(self, key: str):  # noqa: D102
        return None

    def save_state_params(self, state: str, params) -> None:  # noqa: D102
        pass

    def set_state_valid(self, state: str, id_token_hash: str) -> None:  # noqa: D102
        pass

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:  # noqa: D102
        return False  # the state is proven by its cookie only


class LtiCookieService(FlaskCookieService):
    """The OIDC state cookie: on the LTI paths only, cross-site where the site is HTTPS."""

    def __init__(self, request: FlaskRequest, app: Flask):
        super().__init__(request)
        self.app = app

    def update_response(self, response: Response) -> None:  # noqa: D102
        for key, data in self._cookie_data_to_set.items():
            response.set_cookie(
                key, data["value"], max_age=data["exp"], path="/lti/",
                **lti_cookie_options(self.app),
            )  # fmt: skip


class ServiceConnector(FlaskServiceConnector):
    """Access tokens from the platform's token URL, kept per process until they expire."""

    access_tokens: dict = {}  # noqa: RUF012  (the library's per-process cache, our own dict)

    def _scope_key(self, scopes) -> str:
        # the library keys tokens by issuer and scopes: two client ids of one issuer would
        # share a token
        return super()._scope_key([*scopes, "client_id:" + str(self._registration.get_client_id())])


class OidcLogin(FlaskOIDCLogin):
    """The OIDC third-party-initiated log-in (its redirect to the platform's auth URL)."""


# Which launch checks answer 403 (the platform or deployment is not one registered here);
# every other failure is 401 (the launch is not proven).
_MESSAGES = {
    "state": "This launch did not come from a log-in started in this browser (its state "
    "cookie is missing or different). Open the link in the course again; if it keeps "
    "failing, open it in a new window.",
    "format": "The platform sent no readable launch token.",
    "signature": "The launch token's signature does not match the platform's keys.",
    "expired": "This launch has expired. Open the link in the course again.",
    "claims": "The launch token is not valid for this tool (issuer, audience or times).",
    "nonce": "This launch was already used (or its log-in is too old). Open the link in "
    "the course again.",
    "registration": "This platform (issuer and client id) is not registered here. An "
    "administrator registers it on the LTI platforms page.",
    "deployment": "This deployment of the tool is not registered for the platform. An "
    "administrator adds its deployment id on the LTI platforms page.",
    "message": "The launch message is incomplete or of a kind this tool does not take.",
    "keys": "The platform's key set could not be read, so the launch cannot be checked.",
}


def refuse(step: str, exc: Exception | None = None) -> LaunchRefused:
    """The refusal of a launch check ``step``."""
    status = 403 if step in ("registration", "deployment") else 401
    return LaunchRefused(status, _MESSAGES[step], str(exc) if exc else "")


class MessageLaunch(FlaskMessageLaunch):
    """A launch checked as pylti1p3 does, but in an order that consumes the nonce last (a
    forged or expired token changes nothing) and with the key set from the database cache."""

    def __init__(self, request, tool_conf, *, session: Session, http: requests.Session, now):
        super().__init__(
            request,
            tool_conf,
            session_service=DatabaseSessionService(request, session, now),
            cookie_service=LtiCookieService(request, current_app),
            requests_session=http,
            service_connector_cls=ServiceConnector,
        )
        self.now = now
        self.http = http

    def validate(self) -> MessageLaunch:
        """Every check of the launch; LaunchRefused names the one that failed."""
        self._validated = True
        steps = [
            ("state", self.validate_state),
            ("format", self.validate_jwt_format),
            ("registration", self.validate_registration),
            ("signature", self.validate_jwt_signature),
            ("deployment", self.validate_deployment),
            ("message", self.validate_message),
            ("nonce", self.validate_nonce),
        ]
        try:
            for step, check in steps:
                try:
                    check()
                except LaunchRefused:
                    raise
                except (LtiException, AssertionError, KeyError, TypeError, ValueError) as exc:
                    raise refuse(step, exc) from exc
        except Exception:
            self._validated = False
            raise
        return self

    def validate_jwt_signature(self) -> MessageLaunch:
        """The signature against the platform's key set (refetched once for a new kid), then
        expiry, issued-at and audience (this platform's client id)."""
        platform = self._registration.platform  # type: ignore[union-attr]
        kid = self._jwt.get("header", {}).get("kid")
        try:
            key_set = platform_key_set(platform, self.http, self.now)
            if not has_kid(key_set, kid):
                key_set = platform_key_set(platform, self.http, self.now, refresh=True)
        except KeySetError as exc:
            raise refuse("keys", exc) from exc
        self._registration.set_key_set(key_set)  # type: ignore[union-attr]
        public_key, alg = self.get_public_key()
        try:
            jwt.decode(
                self._get_id_token(), public_key, algorithms=[alg], audience=platform.client_id,
                issuer=platform.issuer, leeway=CLOCK_LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )  # fmt: skip
        except jwt.ExpiredSignatureError as exc:
            raise refuse("expired", exc) from exc
        except jwt.InvalidSignatureError as exc:
            raise refuse("signature", exc) from exc
        except jwt.InvalidTokenError as exc:
            raise refuse("claims", exc) from exc
        return self

    def save_launch_data(self) -> MessageLaunch:  # noqa: D102
        return self

    def launch_data(self) -> dict[str, t.Any]:
        """The checked id_token's claims."""
        return self._jwt.get("body", {})

    @property
    def platform(self) -> LtiPlatform:
        """The registered platform the launch came from."""
        return self._registration.platform  # type: ignore[union-attr]
