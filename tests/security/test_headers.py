"""Security headers on every response, and templates that a strict CSP cannot break."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import create_app
from app.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"


@pytest.mark.parametrize("path", ["/", "/auth/login", "/no-such-page", "/static/css/site.css"])
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}


def _production_app(tmp_path, **config):
    return create_app(
        {
            "SECRET_KEY": "production-like",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.db'}",
            **config,
        }
    )


def test_production_cookies_are_secure_httponly_samesite(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAIN_HTTP", raising=False)
    app = _production_app(tmp_path)
    assert not app.debug and not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    # the cookie the server actually sends says so
    response = app.test_client().get("/auth/login", base_url="https://school.example")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    ("config", "env"),
    [({"PLAIN_HTTP": True}, None), ({}, "1"), ({"TESTING": True}, None), ({"DEBUG": True}, None)],
)
def test_plain_http_debug_and_tests_use_plain_cookies(tmp_path, monkeypatch, config, env):
    if env is None:
        monkeypatch.delenv("PLAIN_HTTP", raising=False)
    else:
        monkeypatch.setenv("PLAIN_HTTP", env)
    app = _production_app(tmp_path, **config)
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False


# --- templates: nothing a CSP without 'unsafe-inline' would block -------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_there_are_templates_to_scan():
    assert len(_templates()) >= 10


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("inline <script>", INLINE_SCRIPT),
        ("<style> element", STYLE_ELEMENT),
        ("style attribute", STYLE_ATTRIBUTE),
        ("on* event handler", EVENT_HANDLER),
        ("javascript: URL", JAVASCRIPT_URL),
    ],
)
def test_no_template_has_inline_code_or_style(name, pattern):
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)[:80]}"
        for path in _templates()
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"{name} would be blocked by the CSP: {offenders}"


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<div style="color:red">',
        '<button onclick="go()">',
        '<a href="javascript:void(0)">',
        "<style>p{}</style>",
    ],
)
def test_the_scanner_catches_each_kind(snippet):
    patterns = [INLINE_SCRIPT, STYLE_ELEMENT, STYLE_ATTRIBUTE, EVENT_HANDLER, JAVASCRIPT_URL]
    assert any(p.search(snippet) for p in patterns)
    assert not any(p.search('<script src="/static/js/a.js" defer></script>') for p in patterns)


def test_https_responses_ask_browsers_to_stay_on_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    response = client.get("/", base_url="https://school.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
