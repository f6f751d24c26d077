"""Security settings: response headers, production cookies, proxies (limits: accounts/limits.py)."""

from __future__ import annotations

from flask import Flask, Response, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere: every script and stylesheet is a file under app/static.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

TRUE_WORDS = {"1", "true", "yes", "on"}


def plain_http(app: Flask) -> bool:
    """True when the site is declared to be served over plain HTTP (the PLAIN_HTTP setting)."""
    setting = app.config.get("PLAIN_HTTP", "")
    return setting is True or str(setting).strip().lower() in TRUE_WORDS


def configure_cookies(app: Flask) -> None:
    """Secure cookies in production; plain-HTTP cookies only in debug, tests or when declared."""
    secure = not (app.debug or app.testing or plain_http(app))
    app.config["SESSION_COOKIE_SECURE"] = secure
    app.config["REMEMBER_COOKIE_SECURE"] = secure
    # HttpOnly and SameSite=Lax are set in config.default_config and hold everywhere.


HSTS = "max-age=31536000"  # a year; sent only over HTTPS, so a plain-HTTP site never gets it


def add_security_headers(response: Response) -> Response:
    """Set the security headers on every response (a view's own value wins)."""
    framed = "frame-ancestors 'none'" not in response.headers.get(
        "Content-Security-Policy", CONTENT_SECURITY_POLICY
    )
    for name, value in SECURITY_HEADERS.items():
        # a page whose own policy names the sites that may frame it (the LTI pages an LMS
        # shows in its course page) must not be denied by the older header
        if not (framed and name == "X-Frame-Options"):
            response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


JSON_FORM_MESSAGE = "Send the form's fields as a JSON object of texts, numbers or lists of them."
_SCALARS = (str, int, float, bool)


def _is_form_value(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, _SCALARS) for item in value)
    return isinstance(value, _SCALARS)


def refuse_malformed_json_forms() -> None:
    """400 for a JSON body that cannot stand for a form (Flask-WTF reads JSON as form data).

    Only an object of scalars or lists of scalars maps onto form fields; anything else would
    reach WTForms as a value it cannot process. The token API under /api/ parses its own JSON.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or request.path.startswith("/api/"):
        return
    if not request.is_json:
        return
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not all(_is_form_value(v) for v in body.values()):
        abort(400, JSON_FORM_MESSAGE)


def trusted_proxies(app: Flask) -> int:
    """How many reverse proxies stand in front of the app (the TRUSTED_PROXIES setting)."""
    value = app.config.get("TRUSTED_PROXIES", 0)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        raise ValueError(f"TRUSTED_PROXIES must be a whole number, not {value!r}") from None


def init_security(app: Flask) -> None:
    """Cookie settings, security headers and proxy handling for ``app``."""
    configure_cookies(app)
    proxies = trusted_proxies(app)
    if proxies:
        # behind nginx & co. the client address and scheme come from X-Forwarded-*; without
        # this every client would share the proxy's address and so one log-in limit
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    # the log-in limits' own switch (off in most tests)
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.before_request(refuse_malformed_json_forms)
    app.after_request(add_security_headers)
