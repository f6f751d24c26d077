"""Log-in limits: failed password checks counted in the database, shared by every worker and
server with no store of their own (SQLite and PostgreSQL alike).

Only failures count, under three kinds of key, each in a fixed window (LOGIN_FAILURE_WINDOW):
- the username, for browsers that have not logged in to it before (someone guessing one
  account from anywhere trips it: LOGIN_FAILURES_PER_USERNAME);
- the client address, for those browsers too, with an allowance a whole class behind one
  school router can spend on typos (LOGIN_FAILURES_PER_ADDRESS);
- a browser that has logged in to that username before (a signed "known browser" cookie) counts
  on its own (LOGIN_FAILURES_PER_BROWSER), so the owner's right password still works there
  while strangers are held back (OWASP's device cookies).
Before a password is checked, a failure is reserved on each key in one conditional statement
(refused once the key is full), and given back when the attempt did not fail: two requests
cannot both take the last allowed guess, whichever worker they reach.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

import sqlalchemy as sa
from flask import Response, current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..errors import error_response
from ..extensions import db
from ..models import LoginFailure

LOGIN_LIMIT_MESSAGE = LOGIN_LIMIT = "Too many failed log-in attempts."
REAUTH_LIMIT_MESSAGE = "Too many wrong passwords."
TAKEN_LIMIT_MESSAGE = "Too many taken usernames tried from this address."

# one cookie per browser: the usernames it logged in to (the newest few), each with a nonce
KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_LIFETIME = timedelta(days=365)
KNOWN_USERNAMES_PER_BROWSER = 10


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` failures under ``key`` per window; ``message`` when refused."""

    key: str
    allowed: int
    message: str


# --- the counter (plain functions over a session: flush, never commit) ----------------------


def reserve_failure(session: Session, key: str, allowed: int, window_start: int) -> bool:
    """Count one failure under ``key`` in the window starting at ``window_start``, unless it
    already holds ``allowed``; False then. One statement: the check and the count are atomic."""
    table = LoginFailure.__table__
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    same_window = table.c.window_start == window_start
    statement = insert.values(key=key, window_start=window_start, failures=1).on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": sa.case((same_window, table.c.failures + 1), else_=1),
            "window_start": window_start,
        },
        where=sa.or_(~same_window, table.c.failures < allowed),
    )
    # a row comes back when one was written (rowcount is not reported for an ORM insert)
    return session.execute(statement.returning(table.c.failures)).first() is not None


def release_failure(session: Session, key: str, window_start: int) -> None:
    """Give back a failure reserved under ``key`` (an attempt that did not fail)."""
    session.execute(
        sa.update(LoginFailure)
        .where(
            LoginFailure.key == key,
            LoginFailure.window_start == window_start,
            LoginFailure.failures > 0,
        )
        .values(failures=LoginFailure.failures - 1)
    )


def forget_old_windows(session: Session, window_start: int) -> None:
    """Delete the counts of windows that have ended."""
    session.execute(sa.delete(LoginFailure).where(LoginFailure.window_start < window_start))


# --- the views' side ------------------------------------------------------------------------


def count_failure() -> None:
    """Tell the limit around this view that its attempt failed (a wrong password, a taken
    name): the failure reserved for it stays counted."""
    g.attempt_failed = True


def _too_many(message: str, seconds: int) -> Response:
    minutes = max(1, math.ceil(seconds / 60))
    text = f"{message} Try again in {minutes} minute{'s' if minutes != 1 else ''}."
    response = error_response(429, "Too many attempts", text)
    response.headers["Retry-After"] = str(max(1, seconds))
    return response


def limit_failures(limits: Callable[[], list[Limit]]) -> Callable:
    """Refuse a POST to the view with 429 once one of ``limits()`` is full of failures."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            config = current_app.config
            if request.method != "POST" or not config.get("RATELIMIT_ENABLED", True):
                return view(*args, **kwargs)
            window = int(config["LOGIN_FAILURE_WINDOW"])
            now = int(time.time())
            start = now - now % window
            reserved: list[Limit] = []
            for limit in limits():
                if not reserve_failure(db.session, limit.key, limit.allowed, start):
                    for done in reserved:
                        release_failure(db.session, done.key, start)
                    db.session.commit()
                    return _too_many(limit.message, start + window - now)
                reserved.append(limit)
            if now - start < 1:  # once per window, by whoever comes first
                forget_old_windows(db.session, start)
            db.session.commit()  # before the password check: every worker sees the count
            g.attempt_failed = False
            response = view(*args, **kwargs)
            if not g.attempt_failed:
                for done in reserved:
                    release_failure(db.session, done.key, start)
                db.session.commit()
            return response

        return wrapped

    return decorate


def submitted_username() -> str:
    """The username in the log-in form or JSON body, trimmed and case-folded."""
    name = request.form.get("username")
    if name is None and request.is_json:
        body = request.get_json(silent=True)
        name = body.get("username") if isinstance(body, dict) else None
    return (name if isinstance(name, str) else "").strip().casefold()[:64]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-browser")


def _known_usernames() -> dict[str, str]:
    """username -> nonce for the usernames this browser has logged in to."""
    value = request.cookies.get(KNOWN_BROWSER_COOKIE)
    if not value:
        return {}
    try:
        known = _serializer().loads(value, max_age=int(KNOWN_BROWSER_LIFETIME.total_seconds()))
    except BadSignature:
        return {}
    return known if isinstance(known, dict) else {}


def remember_browser(response: Response, username: str) -> None:
    """Mark this browser as one that logged in to ``username`` (its failures then count on
    their own, not with strangers')."""
    name = username.strip().casefold()
    known = _known_usernames()
    nonce = known.pop(name, None) or secrets.token_urlsafe(12)
    known[name] = nonce
    while len(known) > KNOWN_USERNAMES_PER_BROWSER:
        known.pop(next(iter(known)))
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _serializer().dumps(known),
        max_age=int(KNOWN_BROWSER_LIFETIME.total_seconds()),
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )


def login_limits() -> list[Limit]:
    """A log-in's keys: its browser's own, or the username's and the address's."""
    config, name = current_app.config, submitted_username()
    nonce = _known_usernames().get(name)
    if nonce:
        return [
            Limit(f"browser:{nonce}", config["LOGIN_FAILURES_PER_BROWSER"], LOGIN_LIMIT_MESSAGE)
        ]
    return [
        Limit(f"user:{name}", config["LOGIN_FAILURES_PER_USERNAME"], LOGIN_LIMIT_MESSAGE),
        Limit(
            f"address:{request.remote_addr}",
            config["LOGIN_FAILURES_PER_ADDRESS"],
            LOGIN_LIMIT_MESSAGE,
        ),
    ]


def taken_name_limits() -> list[Limit]:
    """Registration: "this name is taken" answers per address (they tell who has an account)."""
    allowed = current_app.config["TAKEN_USERNAMES_PER_ADDRESS"]
    return [Limit(f"taken:{request.remote_addr}", allowed, TAKEN_LIMIT_MESSAGE)]


def password_check_limits() -> list[Limit]:
    """Checks of a signed-in account's password (changing it, deleting the account): a
    session left open must not let anyone guess the password at leisure."""
    allowed = current_app.config["PASSWORD_CHECKS_PER_ACCOUNT"]
    return [Limit(f"password-check:{current_user.id}", allowed, REAUTH_LIMIT_MESSAGE)]


limit_logins = limit_failures(login_limits)
limit_taken_names = limit_failures(taken_name_limits)
limit_password_checks = limit_failures(password_check_limits)
