"""The application's routes as the url_map tests walk them."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.routing import Rule

from app import create_app

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
IGNORED_METHODS = {"HEAD", "OPTIONS"}
REDIRECTS = {301, 302, 303, 307, 308}


def collection_rules() -> list[Rule]:
    """Every rule of a freshly built app (no database needed to read the url_map)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "collect",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "RATELIMIT_ENABLED": False,
        }
    )
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint, rule.rule))


RULES = collection_rules()


def rule_methods() -> list[tuple[str, str, str]]:
    """(endpoint, rule, method) for every method of every rule."""
    return [
        (rule.endpoint, rule.rule, method)
        for rule in RULES
        for method in sorted(rule.methods - IGNORED_METHODS)
    ]


def find_rule(app, endpoint: str, rule_text: str) -> Rule:
    """The live app's rule matching a collected one."""
    return next(
        r for r in app.url_map.iter_rules() if r.endpoint == endpoint and r.rule == rule_text
    )


def is_token_api(rule_text: str) -> bool:
    """The JSON API under /api/ authenticates with bearer tokens, not the session cookie."""
    return rule_text.startswith("/api/")


def is_lms_post(rule_text: str) -> bool:
    """The LTI log-in and launch take the LMS's cross-site POSTs: no CSRF token, the id_token
    and the state cookie prove them instead."""
    return rule_text in ("/lti/login", "/lti/launch")


def outcome(response) -> str:
    """Classify a response as ok / denied / login / error (see access_table)."""
    status = response.status_code
    if status >= 500:
        return "error"
    if status == 401:
        return "login"
    if status in REDIRECTS:
        target = urlsplit(response.headers.get("Location", "")).path
        return "login" if target == "/auth/login" else "ok"
    if status in (403, 404):
        return "denied"
    return "ok"
