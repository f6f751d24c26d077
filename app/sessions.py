"""What a signed-in page costs before its own work: reading the session, signing a CSRF token.

Both are Flask's and Flask-WTF's formats, unchanged; what changes is that each is computed once
per process instead of once per request. A cookie's signature is checked the first time this
process sees it (its age is checked every time); a CSRF token signed for a session within the
last minute is served again. Both caches hold only what any server would compute from the
same cookie and SECRET_KEY, so no worker or server needs another's.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from flask import Flask, Request, current_app, g, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer

# Cookies whose signature this process has checked (about half a kB each); the oldest half
# goes when full.
VERIFIED_COOKIES = 8192
# A CSRF token stays valid for WTF_CSRF_TIME_LIMIT (an hour); one signed up to a minute ago
# is as good as a new one.
CSRF_TOKEN_REUSE_SECONDS = 60


class VerifiedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, each cookie's signature checked once per process."""

    def __init__(self) -> None:
        # cookie -> (signed at, the session as the serializer's JSON)
        self._verified: dict[str, tuple[int, str]] = {}

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """The session of ``request``'s cookie, as Flask reads it: empty when forged or too old."""
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        known = self._verified.get(value)
        if known is not None:
            signed_at, payload = known
            age = int(time.time()) - signed_at  # itsdangerous's rule: whole seconds, never < 0
            if 0 <= age <= max_age:
                return self.session_class(self.serializer.loads(payload))
            return self.session_class()
        serializer = self.get_signing_serializer(app)
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        self._remember(value, int(signed_at.timestamp()), self.serializer.dumps(data))
        return self.session_class(data)

    def _remember(self, value: str, signed_at: int, payload: str) -> None:
        if len(self._verified) >= VERIFIED_COOKIES:
            for old in list(self._verified)[: VERIFIED_COOKIES // 2]:
                self._verified.pop(old, None)
        self._verified[value] = (signed_at, payload)


@lru_cache(maxsize=4096)
def _signed_token(secret_key: Any, raw_token: str, period: int) -> str:
    return URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token").dumps(raw_token)


def csrf_token() -> str:
    """Flask-WTF's ``csrf_token()`` for templates, reusing one signed in the last minute."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"
    raw = session.get(field)
    if not isinstance(raw, str) or field in g:
        return generate_csrf()  # no token in the session yet (it makes one), or one this request
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    return _signed_token(secret, raw, int(time.time()) // CSRF_TOKEN_REUSE_SECONDS)


def init_sessions(app: Flask) -> None:
    """Use the cached session reading and CSRF signing in ``app`` (after CSRFProtect.init_app)."""
    app.session_interface = VerifiedCookieSessions()
    app.jinja_env.globals["csrf_token"] = csrf_token
    # Flask-WTF also puts its own csrf_token in every template's context; this one comes later
    app.context_processor(lambda: {"csrf_token": csrf_token})
