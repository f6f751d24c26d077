"""Token authentication and JSON body reading for the API views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g, request

from ..accounts.tokens import user_for_token
from ..extensions import db
from ..models import utcnow


def token_required(view: Callable) -> Callable:
    """Only requests with a valid ``Authorization: Bearer <token>``; others get 401."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
        user = user_for_token(db.session, raw.strip(), utcnow()) if scheme == "Bearer" else None
        if user is None:
            abort(401, "Send a valid token: Authorization: Bearer <token> (POST /api/v1/token).")
        g.api_user = user
        return view(*args, **kwargs)

    return wrapped


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says what is expected."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, "Send a JSON object as the request body (Content-Type: application/json).")
    return body
