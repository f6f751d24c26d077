"""Deep linking: an instructor in the LMS picks a lesson or a quiz, and it goes back into the
course as a link (with a line item for quizzes, so their scores have a column)."""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem
from sqlalchemy.orm import Session

from ..models import Section
from .launches import Resource
from .models import LtiPlatform
from .tool import registration_of

DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
DEPLOYMENT = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
PICKER_LIFETIME = 3600  # seconds an instructor may take to choose
SCORE_MAXIMUM = 100


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="lti-deep-link")


def picker_token(platform: LtiPlatform, claims: dict, user_id: int) -> str:
    """The signed state of a deep-linking request, carried by the picker form."""
    settings = claims.get(DL_SETTINGS) or {}
    return _serializer().dumps(
        {
            "platform": platform.id,
            "deployment": claims.get(DEPLOYMENT),
            "return_url": settings.get("deep_link_return_url"),
            "data": settings.get("data"),
            "user": user_id,
        }
    )


def read_picker_token(raw: str, user_id: int) -> dict | None:
    """The picker's state if the token is ours, recent, and made for ``user_id``."""
    try:
        state = _serializer().loads(raw, max_age=PICKER_LIFETIME)
    except BadSignature:
        return None
    return state if isinstance(state, dict) and state.get("user") == user_id else None


def choices(session: Session) -> list[tuple[str, str]]:
    """What may be placed in a course: each lesson, each section quiz and timed test, and a
    review quiz."""
    sections = session.execute(sa.select(Section.id, Section.title).order_by(Section.order)).all()
    options = [(f"lesson:{s.id}", f"Lesson: {s.title}") for s in sections]
    options += [(f"quiz:{s.id}", f"Section quiz (practice): {s.title}") for s in sections]
    options += [(f"test:{s.id}", f"Timed test: {s.title}") for s in sections]
    options.append(("review", "Review quiz: each learner's questions due today"))
    return options


def chosen_resource(spec: str, minutes: int | None) -> Resource:
    """The resource a picker choice names (a test gets its time limit)."""
    kind, _, section_id = spec.partition(":")
    return Resource(kind, section_id, minutes if kind == "test" else None)


def content_item(resource: Resource, title: str, launch_url: str) -> DeepLinkResource:
    """The LTI resource link going back to the course; quizzes with a line item."""
    item = DeepLinkResource().set_url(launch_url).set_title(title)
    item.set_custom_params({"resource": resource.spec})
    if resource.kind in ("quiz", "test", "review"):
        line = LineItem().set_score_maximum(SCORE_MAXIMUM).set_label(title)
        item.set_lineitem(line.set_resource_id(resource.spec))
    return item


def response_jwt(session: Session, state: dict, item: DeepLinkResource) -> tuple[str, str]:
    """The signed deep-linking response and the URL it is posted to."""
    platform = session.get(LtiPlatform, state["platform"])
    if platform is None:
        raise LookupError("The platform of this request is no longer registered.")
    settings = {"deep_link_return_url": state["return_url"], "data": state.get("data")}
    deep_link = DeepLink(registration_of(platform), state["deployment"], settings)  # type: ignore[arg-type]
    message = deep_link.get_message_jwt([item])
    if message.get("https://purl.imsglobal.org/spec/lti-dl/claim/data") is None:
        del message["https://purl.imsglobal.org/spec/lti-dl/claim/data"]  # absent, not null
    return deep_link.encode_jwt(message), state["return_url"]


def origin(url: str) -> str:
    """scheme://host[:port] of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
