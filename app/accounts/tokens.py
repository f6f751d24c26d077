"""Bearer tokens for the JSON API: random, stored only as a SHA-256 digest, with an expiry."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import ApiToken, User

TOKEN_LIFETIME = timedelta(days=30)


def digest(raw: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(session: Session, user: User, now: datetime) -> tuple[str, ApiToken]:
    """A new token for ``user``: the raw value (shown once) and its stored row."""
    raw = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_digest=digest(raw), expires_at=now + TOKEN_LIFETIME)
    row.created_at = now
    session.add(row)
    session.flush()
    return raw, row


# The user alone (one ORM object) through the unique digest's index; built once, because
# building the statement cost more than running it.
_USER_FOR_DIGEST = (
    sa.select(User)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(
        ApiToken.token_digest == sa.bindparam("digest"), ApiToken.expires_at > sa.bindparam("now")
    )
)


def user_for_token(session: Session, raw: str, now: datetime) -> User | None:
    """The user a valid, unexpired token belongs to, or None (one query)."""
    if not raw or len(raw) > 200:
        return None
    return session.scalar(_USER_FOR_DIGEST, {"digest": digest(raw), "now": now})


def live_tokens(session: Session, user: User, now: datetime) -> list[ApiToken]:
    """``user``'s unexpired tokens, newest first (for the account page)."""
    query = (
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.expires_at > now)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(session.scalars(query))


def revoke_token(session: Session, user: User, token_id: int) -> bool:
    """Delete ``user``'s token ``token_id``; False when they have no such token (any more)."""
    deleted = session.execute(
        sa.delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id)
    ).rowcount
    session.flush()
    return bool(deleted)
