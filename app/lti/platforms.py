"""Registering LMS platforms (plain functions over a session: flush, never commit)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import requests
import sqlalchemy as sa
from sqlalchemy.orm import Session

from .keys import KeySetError, fetch_key_set, new_key_pair, public_jwk
from .models import LtiDeployment, LtiPlatform

# Plain http is refused except on this machine (a test platform, a developer's LMS).
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_ID = 255


class RegistrationError(ValueError):
    """A platform registration that cannot be saved; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass
class PlatformFields:
    """What an administrator types to register a platform."""

    name: str
    issuer: str
    client_id: str
    deployment_ids: list[str]
    key_set_url: str
    auth_login_url: str
    auth_token_url: str
    auth_audience: str = ""


def url_problem(url: str, *, bare: bool = False) -> str | None:
    """Why ``url`` is no platform URL (HTTPS, or HTTP on loopback), or None; ``bare``: no
    query or fragment either (an issuer)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "is not a URL"
    if parts.scheme not in ("https", "http") or not host:
        return "must be a full https:// URL"
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return "must use https://"
    if any(ch.isspace() for ch in url):
        return "must not contain spaces"
    if bare and (parts.query or parts.fragment):
        return "must have no ?query or #fragment"
    if len(url) > 2000:
        return "is too long"
    return None


def deployment_list(text: str) -> list[str]:
    """Deployment ids typed one per line (or separated by commas), without repeats."""
    ids: list[str] = []
    for part in text.replace(",", "\n").splitlines():
        part = part.strip()
        if part and part not in ids:
            ids.append(part)
    return ids


def _check_fields(session: Session, fields: PlatformFields, *, deployment_later: bool) -> None:
    if not fields.name.strip() or len(fields.name) > 120:
        raise RegistrationError("name", "Give the platform a name of up to 120 characters.")
    problem = url_problem(fields.issuer, bare=True)
    if problem or len(fields.issuer) > MAX_ID:
        detail = problem or "is too long"
        raise RegistrationError(
            "issuer", f"The issuer {detail}: the platform's own URL, e.g. https://lms.example.edu."
        )
    client_id = fields.client_id
    if not client_id or len(client_id) > MAX_ID or any(ch.isspace() for ch in client_id):
        raise RegistrationError("client_id", "The client id is 1 to 255 characters, no spaces.")
    no_deployment = not fields.deployment_ids and not deployment_later
    if no_deployment or any(len(d) > MAX_ID for d in fields.deployment_ids):
        raise RegistrationError("deployment_ids", "Give at least one deployment id, one a line.")
    for field in ("key_set_url", "auth_login_url", "auth_token_url"):
        problem = url_problem(getattr(fields, field))
        if problem:
            raise RegistrationError(field, f"This URL {problem}.")
    if fields.auth_audience and url_problem(fields.auth_audience):
        raise RegistrationError("auth_audience", "Leave it empty, or give the token audience URL.")
    taken = sa.select(LtiPlatform.id).where(
        LtiPlatform.issuer == fields.issuer, LtiPlatform.client_id == client_id
    )
    if session.scalar(taken) is not None:
        raise RegistrationError(
            "client_id", "This client id is already registered for this issuer."
        )


def register_platform(
    session: Session,
    fields: PlatformFields,
    http: requests.Session,
    now: datetime,
    *,
    key_set: tuple[dict, timedelta] | None = None,
) -> LtiPlatform:
    """Check the fields, fetch the platform's key set (unless given: a dynamic registration
    fetched it, and its deployment id may come later), make the tool's key pair, save."""
    fields.issuer = fields.issuer.strip().rstrip("/") if fields.issuer else ""
    fields.client_id = (fields.client_id or "").strip()
    _check_fields(session, fields, deployment_later=key_set is not None)
    try:
        keys, lifetime = key_set or fetch_key_set(fields.key_set_url, http, now)
    except KeySetError as exc:
        raise RegistrationError("key_set_url", f"{exc} Check the platform's key set URL.") from exc
    private_pem, kid = new_key_pair()
    platform = LtiPlatform(
        name=fields.name.strip(),
        issuer=fields.issuer,
        client_id=fields.client_id,
        key_set_url=fields.key_set_url,
        auth_login_url=fields.auth_login_url,
        auth_token_url=fields.auth_token_url,
        auth_audience=fields.auth_audience or None,
        tool_private_key=private_pem,
        tool_kid=kid,
        key_set_json=json.dumps(keys),
        key_set_expires_at=now + lifetime,
        created_at=now,
    )
    platform.deployments = [LtiDeployment(deployment_id=d) for d in fields.deployment_ids]
    session.add(platform)
    session.flush()
    return platform


def add_deployment(session: Session, platform: LtiPlatform, deployment_id: str) -> None:
    """Add a deployment id to a registered platform (an LMS may deploy the tool again)."""
    deployment_id = deployment_id.strip()
    if not deployment_id or len(deployment_id) > MAX_ID:
        raise RegistrationError("deployment_id", "A deployment id is 1 to 255 characters.")
    if any(d.deployment_id == deployment_id for d in platform.deployments):
        raise RegistrationError("deployment_id", "This deployment id is already registered.")
    platform.deployments.append(LtiDeployment(deployment_id=deployment_id))
    session.flush()


def tool_key_set(session: Session) -> dict:
    """The tool's public keys, one per registered platform (the key set at /lti/jwks)."""
    rows = session.execute(sa.select(LtiPlatform.tool_private_key, LtiPlatform.tool_kid))
    return {"keys": [public_jwk(pem, kid) for pem, kid in rows]}


def find_platform(session: Session, issuer: str, client_id: str | None) -> LtiPlatform | None:
    """The platform registered for ``issuer`` (and ``client_id`` when given and several are)."""
    query = sa.select(LtiPlatform).where(LtiPlatform.issuer == issuer).order_by(LtiPlatform.id)
    platforms = list(session.scalars(query))
    if client_id:
        platforms = [p for p in platforms if p.client_id == client_id]
    return platforms[0] if len(platforms) == 1 else None


def registered_origins(session: Session) -> list[str]:
    """The origins (scheme://host[:port]) of the registered platforms' log-in pages and
    issuers: the pages that may frame the tool."""
    origins: set[str] = set()
    for issuer, login_url in session.execute(
        sa.select(LtiPlatform.issuer, LtiPlatform.auth_login_url)
    ):
        for url in (issuer, login_url):
            parts = urlsplit(url)
            if parts.scheme and parts.netloc:
                origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)
