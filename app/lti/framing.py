"""Inside an LMS frame: cross-site cookies and a framing policy on the LTI paths and for the
session a framed launch begins, nowhere else.

A course page in Moodle or Canvas frames the tool, so the tool's pages there are third-party:
browsers send only SameSite=None cookies to them (Secure, and Partitioned where third-party
cookies are otherwise blocked), and show them only if the framing policy names the LMS. A
launch inside a frame begins a session of its own in the ``lti_session`` cookie, and the pages
that session opens (the quiz, the lesson) may be framed by the registered platforms. Every
other page and session keeps SameSite=Lax cookies, frame-ancestors 'none' and
X-Frame-Options: DENY.
"""

from __future__ import annotations

from flask import Flask, Request, Response, current_app, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from itsdangerous import BadSignature

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


FRAMED_COOKIE = "lti_session"
FRAME_KEY = "lti_frame"  # in the session: it was begun by a launch inside an LMS frame


class FramedSession(SecureCookieSession):
    """The session, knowing whether it came from the framed cookie."""

    framed = False


def is_framed(session: SessionMixin) -> bool:
    """True for a session begun by a launch inside an LMS frame (kept in its own cookie)."""
    # ``in`` leaves the session unaccessed: no Vary: Cookie on responses that never read it
    return bool(getattr(session, "framed", False) or FRAME_KEY in session)


class LtiSessionInterface(SecureCookieSessionInterface):
    """The site's session cookie as configured, except for a session begun by a launch inside
    an LMS frame: that one lives in a cookie of its own, ``lti_session`` (SameSite=None; Secure;
    Partitioned, so the browser keeps it for the frame in that LMS only), which the frame's
    pages send and the site's top-level pages never read. The site's own ``session`` cookie
    keeps SameSite=Lax everywhere, and a framed launch never replaces a top-level log-in."""

    session_class = FramedSession

    def open_session(self, app: Flask, request: Request) -> FramedSession | None:  # noqa: D102
        if (
            cross_site_cookies(app)
            and request.cookies.get(FRAMED_COOKIE)
            and not request.cookies.get(self.get_cookie_name(app))
            # a top-level page is never the frame's (a browser without partitioned cookies
            # sends the frame's cookie there too)
            and request.headers.get("Sec-Fetch-Dest") != "document"
        ):
            session = self._load(app, request.cookies[FRAMED_COOKIE])
            if session is not None:
                session.framed = True
            return session
        return super().open_session(app, request)  # type: ignore[return-value]

    def _load(self, app: Flask, value: str) -> FramedSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return self.session_class(serializer.loads(value, max_age=max_age))
        except BadSignature:
            return self.session_class()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:  # noqa: D102
        if not (cross_site_cookies(app) and is_framed(session)):
            return super().save_session(app, session, response)
        # as Flask writes its cookie, under the framed cookie's name and attributes
        options = {
            "domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app),
            "secure": True, "samesite": "None", "partitioned": True, "httponly": True,
        }  # fmt: skip
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.modified:  # logged out in the frame: the frame's cookie goes
                response.delete_cookie(FRAMED_COOKIE, **options)
                response.vary.add("Cookie")
            return
        if not self.should_set_cookie(app, session):
            return
        value = self.get_signing_serializer(app).dumps(dict(session))  # type: ignore[union-attr]
        expires = self.get_expiration_time(app, session)
        response.set_cookie(FRAMED_COOKIE, value, expires=expires, **options)
        response.vary.add("Cookie")


def begin_framed_session(app: Flask) -> bool:
    """Begin the frame's own session for a launch's log-in (empty: nothing of a session the
    request may carry goes into it); False when the site cannot set cross-site cookies (plain
    HTTP), so the frame cannot keep a session."""
    if not cross_site_cookies(app):
        return False
    session.clear()
    session[FRAME_KEY] = True
    return True


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
    """On LTI pages and the pages of a framed session: let the registered platforms frame
    the page (frame-ancestors naming their origins, and so no X-Frame-Options:
    app/security.py leaves it off such a response). Every other page keeps DENY."""
    if "Content-Security-Policy" in response.headers:
        return response
    if not (on_lti_path() or (cross_site_cookies(current_app) and is_framed(session))):
        return response
    from .platforms import registered_origins

    response.headers["Content-Security-Policy"] = framing_policy(registered_origins(db.session))
    return response


def init_framing(app: Flask) -> None:
    """Install the session interface and the framing policy of the LTI pages."""
    app.session_interface = LtiSessionInterface()
    app.after_request(allow_platform_frames)
