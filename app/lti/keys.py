"""Key pairs of the tool, and the platforms' key sets fetched under their HTTP caching headers."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

from .models import LtiPlatform

# Seconds a request to a platform may take (the key set, a token, a service): a launch or a
# grade must not hang on an LMS that does not answer.
HTTP_TIMEOUT = 5
# A key set sent without caching headers is kept this long; with them, at most a day, so that
# a platform's rotated key is picked up (an unknown kid also refetches at once).
DEFAULT_KEY_SET_AGE = timedelta(minutes=5)
LONGEST_KEY_SET_AGE = timedelta(days=1)
_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


class KeySetError(Exception):
    """A platform's key set could not be fetched or read."""


class TimeoutSession(requests.Session):
    """A requests session whose every request has a time limit (pylti1p3 sets none)."""

    def request(self, method, url, *args, **kwargs):  # noqa: D102  (requests' own signature)
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return super().request(method, url, *args, **kwargs)


def http_session() -> requests.Session:
    """A session for calls to a registered platform (time-limited, no proxy from the env)."""
    session = TimeoutSession()
    session.trust_env = False  # only the platform's own URLs, never a proxy set elsewhere
    session.headers["User-Agent"] = "Declaration-Tutor-LTI"
    return session


def new_key_pair() -> tuple[str, str]:
    """A fresh 2048-bit RSA private key (PEM) and its key id (the JWK thumbprint)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return pem, JWK.from_pem(pem.encode()).thumbprint()


def public_jwk(private_pem: str, kid: str) -> dict:
    """The public half of a tool key as a JWK for the key set the platforms read."""
    jwk = json.loads(JWK.from_pem(private_pem.encode()).export_public())
    jwk.update(kid=kid, alg="RS256", use="sig")
    return jwk


def cache_lifetime(headers: requests.structures.CaseInsensitiveDict, now: datetime) -> timedelta:
    """How long a response may be kept: Cache-Control max-age, else Expires, else a default;
    no-store/no-cache mean not at all."""
    control = headers.get("Cache-Control", "")
    if re.search(r"no-store|no-cache", control, re.IGNORECASE):
        return timedelta(0)
    match = _MAX_AGE.search(control)
    if match:
        age = timedelta(seconds=int(match.group(1)) - int(headers.get("Age", "0") or 0))
        return max(timedelta(0), min(age, LONGEST_KEY_SET_AGE))
    if headers.get("Expires"):
        try:
            expires = parsedate_to_datetime(headers["Expires"])
        except (TypeError, ValueError):
            return timedelta(0)  # RFC 9111: an invalid Expires means already expired
        return max(timedelta(0), min(expires - now, LONGEST_KEY_SET_AGE))
    return DEFAULT_KEY_SET_AGE


def fetch_key_set(url: str, http: requests.Session, now: datetime) -> tuple[dict, timedelta]:
    """GET a JWKS; (the key set, how long to keep it). KeySetError says what went wrong."""
    try:
        response = http.get(url, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise KeySetError(f"The key set URL could not be reached ({type(exc).__name__}).") from exc
    if response.status_code != 200:
        raise KeySetError(f"The key set URL answered HTTP {response.status_code}.")
    try:
        key_set = response.json()
    except ValueError as exc:
        raise KeySetError("The key set URL did not answer with JSON.") from exc
    if not isinstance(key_set, dict) or not isinstance(key_set.get("keys"), list):
        raise KeySetError('The key set URL did not answer with a JWKS (a "keys" list).')
    return key_set, cache_lifetime(response.headers, now)


def platform_key_set(
    platform: LtiPlatform, http: requests.Session, now: datetime, *, refresh: bool = False
) -> dict:
    """The platform's key set, from the stored copy while its caching headers allow, else
    fetched and stored (flushed by the caller's commit)."""
    fresh = platform.key_set_expires_at is not None and platform.key_set_expires_at > now
    if platform.key_set_json and fresh and not refresh:
        return json.loads(platform.key_set_json)
    key_set, lifetime = fetch_key_set(platform.key_set_url, http, now)
    platform.key_set_json = json.dumps(key_set)
    platform.key_set_expires_at = now + lifetime
    return key_set


def has_kid(key_set: dict, kid: str | None) -> bool:
    """True when the key set has a key with id ``kid``."""
    return any(isinstance(k, dict) and k.get("kid") == kid for k in key_set.get("keys", []))
