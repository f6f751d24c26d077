"""LTI Dynamic Registration, the LMS's side of it: the one-time registration URL an
administrator made, opened by the LMS (in its own frame or window) with its configuration."""

from __future__ import annotations

from flask import current_app, make_response, render_template, request, url_for
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import utcnow
from . import bp
from .deep_linking import origin
from .dynamic_registration import (
    DynamicRegistrationError,
    ToolRegistration,
    ToolUrls,
    read_invitation,
    register_dynamically,
    use_invitation,
)
from .framing import framing_policy
from .keys import http_session
from .platforms import registered_origins, url_problem

HEADING = "The registration did not happen"
NO_CONFIGURATION = (
    "This is the tool's registration URL: give it to the LMS as the tool URL of a dynamic "
    "registration (Moodle: Add LTI Advantage; Canvas: LTI Registration). Opened alone, it does "
    "nothing."
)


def _tool_urls() -> ToolUrls:
    return ToolUrls(
        launch=url_for("lti.launch", _external=True),
        login=url_for("lti.login", _external=True),
        jwks=url_for("lti.jwks", _external=True),
        logo=url_for("static", filename="favicon.svg", _external=True),
    )


def _in_lms_frame(page: str, status: int, config_url: str):
    """The LMS shows this page in its frame: the registered platforms and the one asking
    (the origin of its configuration URL) may frame it."""
    response = make_response(page, status)
    origins = registered_origins(db.session)
    if config_url and url_problem(config_url) is None and origin(config_url) not in origins:
        origins.append(origin(config_url))
    response.headers["Content-Security-Policy"] = framing_policy(origins)
    # an LMS that opens the registration in a window of its own hears from it through
    # window.opener, which the site's COOP (same-origin) would cut
    response.headers["Cross-Origin-Opener-Policy"] = "unsafe-none"
    return response


def _refused(status: int, message: str, config_url: str):
    page = render_template("lti/refused.html", status=status, message=message, heading=HEADING)
    return _in_lms_frame(page, status, config_url)


@bp.get("/register/<token>")
def register(token: str):
    """Register the LMS that opened this URL (LTI Dynamic Registration 1.0)."""
    now = utcnow()
    config_url = request.args.get("openid_configuration", "").strip()
    if not config_url:
        return _refused(400, NO_CONFIGURATION, "")
    name = current_app.config["PLATFORM_NAME"]
    try:
        used_key = read_invitation(current_app.secret_key, token, db.session)
        platform = register_dynamically(
            db.session, config_url, request.args.get("registration_token"),
            ToolRegistration(_tool_urls(), name), http_session(), now,
        )  # fmt: skip
        use_invitation(db.session, used_key, now)
        db.session.commit()
    except DynamicRegistrationError as exc:
        db.session.rollback()
        return _refused(exc.status, exc.message, config_url)
    except IntegrityError:  # the same URL used by another request meanwhile
        db.session.rollback()
        return _refused(403, "This registration URL was already used.", config_url)
    page = render_template("lti/registered.html", platform=platform)
    return _in_lms_frame(page, 200, config_url)
