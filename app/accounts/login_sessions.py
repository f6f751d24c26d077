"""Login sessions kept in the database: logging out ends one, "log out everywhere" all of them.

A signed cookie alone cannot be taken back: whoever copied it (or the "keep me logged in"
cookie, valid for a year) stays logged in. So each log-in gets a random token that both cookies
carry, and a row holding the token's digest; the loader accepts a cookie only while its row
exists. Plain functions over a session (flush, never commit).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import LoginSession, User

# Flask-Login's remember cookie lasts a year (REMEMBER_COOKIE_DURATION's default): a row older
# than the longest-lived cookie that could carry it serves nobody
SESSION_LIFETIME = timedelta(days=365)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def start_session(session: Session, user: User, now: datetime) -> str:
    """A new login session for ``user`` (its token set as ``user.login_key``); the token."""
    session.execute(
        sa.delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.created_at < now - SESSION_LIFETIME
        )
    )
    raw = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user.id, token_digest=_digest(raw), created_at=now))
    session.flush()
    user.login_key = raw
    return raw


# Every logged-in request runs this: one indexed query with a statement built once.
_USER_BY_SESSION = (
    sa.select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(User.id == sa.bindparam("user_id"), LoginSession.token_digest == sa.bindparam("digest"))
)


def user_of_session(session: Session, user_id: int, raw: str) -> User | None:
    """The user whose login session has token ``raw``, or None once it has ended."""
    user = session.scalar(_USER_BY_SESSION, {"user_id": user_id, "digest": _digest(raw)})
    if user is not None:
        user.login_key = raw
    return user


def end_session(session: Session, user: User) -> None:
    """End the login session ``user`` is in (the one whose token is ``user.login_key``)."""
    if user.login_key:
        session.execute(
            sa.delete(LoginSession).where(LoginSession.token_digest == _digest(user.login_key))
        )
        session.flush()
    user.login_key = None


def end_all_sessions(session: Session, user: User, *, keep_current: bool = False) -> int:
    """End every login session of ``user`` (but the current one with ``keep_current``); how
    many ended."""
    query = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep_current and user.login_key:
        query = query.where(LoginSession.token_digest != _digest(user.login_key))
    ended = session.execute(query).rowcount or 0
    session.flush()
    return ended
