"""Inside an LMS frame: cross-site cookies and a framing policy on the LTI paths only.

A course page in Moodle or Canvas frames the tool, so the tool's pages there are third-party:
browsers send only SameSite=None cookies to them (Secure, and Partitioned where third-party
cookies are otherwise blocked), and show them only if the framing policy names the LMS. Every
other page keeps SameSite=Lax cookies, frame-ancestors 'none' and X-Frame-Options: DENY.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface

from ..extensions import db
from ..security import CONTENT_SECURITY_POLICY

LTI_PATH = "/lti/"


def on_lti_path() -> bool:
    """True when the request is for one of the tool's LTI pages."""
    return request.path.startswith(LTI_PATH)


def cross_site_cookies(app: Flask) -> bool:
    """True when LTI pages set SameSite=None cookies: only over HTTPS (browsers refuse them
    without Secure), so never in debug, tests or on a site declared plain HTTP."""
    return bool(app.config.get("SESSION_COOKIE_SECURE"))


def framed() -> bool:
    """True when the browser says the request loads a frame (Fetch Metadata)."""
    return request.headers.get("Sec-Fetch-Dest") in ("iframe", "frame")


def lti_cookie_options(app: Flask) -> dict:
    """set_cookie arguments for the OIDC state cookie: it comes back with the platform's
    cross-site POST to the launch URL, which only SameSite=None cookies ride."""
    if cross_site_cookies(app):
        return {"secure": True, "samesite": "None", "partitioned": framed(), "httponly": True}
    return {"secure": False, "samesite": "Lax", "httponly": True}


class LtiSessionInterface(SecureCookieSessionInterface):
    """The session cookie as configured, but SameSite=None; Secure; Partitioned when an LTI
    page inside an LMS frame sets it (a framed launch logs the learner in there). A top-level
    launch keeps the site's Lax cookie: the platform's POST is a navigation, which may set it."""

    def get_cookie_samesite(self, app: Flask) -> str | None:  # noqa: D102
        if cross_site_cookies(app) and on_lti_path() and framed():
            return "None"
        return super().get_cookie_samesite(app)

    def get_cookie_partitioned(self, app: Flask) -> bool:  # noqa: D102
        if cross_site_cookies(app) and on_lti_path() and framed():
            return True
        return super().get_cookie_partitioned(app)


def framing_policy(origins: list[str], form_targets: list[str] | None = None) -> str:
    """The site's Content-Security-Policy with frame-ancestors naming ``origins`` (and
    form-action also allowing ``form_targets``, for the deep-linking return)."""
    ancestors = " ".join(origins) or "'none'"
    policy = CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", f"frame-ancestors {ancestors}"
    )
    if form_targets:
        policy = policy.replace(
            "form-action 'self'", "form-action 'self' " + " ".join(form_targets)
        )
    return policy


def allow_platform_frames(response: Response) -> Response:
    """On LTI pages: let the registered platforms frame the page (frame-ancestors naming their
    origins, and so no X-Frame-Options: app/security.py leaves it off such a response)."""
    if not on_lti_path() or "Content-Security-Policy" in response.headers:
        return response
    from .platforms import registered_origins

    response.headers["Content-Security-Policy"] = framing_policy(registered_origins(db.session))
    return response


def init_framing(app: Flask) -> None:
    """Install the session interface and the framing policy of the LTI pages."""
    app.session_interface = LtiSessionInterface()
    app.after_request(allow_platform_frames)
