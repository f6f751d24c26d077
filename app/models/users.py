"""Accounts, roles and API tokens."""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow


class Role(enum.StrEnum):
    STUDENT = "student"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


# The hash of an account made by an LMS launch: it logs in through its LMS. No hash Werkzeug
# makes starts with "!", so no password matches it (an administrator can set one).
NO_PASSWORD = "!lti"  # noqa: S105  # nosec B105


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.STUDENT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # an IANA name reported by the learner's browser at log-in: "due today" ends at their midnight
    time_zone: Mapped[str] = mapped_column(sa.String(64), default="UTC", server_default="UTC")
    # chosen on the account page: log-ins from a browser in another zone then leave it alone
    time_zone_chosen: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    def set_password(self, password: str) -> None:
        """Hash and store ``password`` with Werkzeug's default method."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True when ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def has_password(self) -> bool:
        """False for an account that has only ever logged in through its LMS."""
        return not self.password_hash.startswith("!")

    @property
    def session_stamp(self) -> str:
        """Changes with the password (kept test pages are keyed on it)."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    # the raw token of the login session this request runs in (accounts/login_sessions.py); set
    # when a session starts or is loaded, never stored (the database keeps only its digest)
    login_key = None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and remember cookie: the id and the token of
        the login session; without one (no session started) an id no loader accepts."""
        return f"{self.id}:{self.login_key or ''}"

    @property
    def is_instructor(self) -> bool:
        """Instructors and admins may use the instructors' pages."""
        return self.role in (Role.INSTRUCTOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"


# One account per name whatever its case ("Ana" and "ana"), in the database itself: two
# registrations at the same moment cannot both pass accounts.find_user. Migration 0010.
sa.Index("uq_users_username_lower", sa.func.lower(User.__table__.c.username), unique=True)


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = db.relationship()


class LoginSession(db.Model):
    """One logged-in browser: its session and remember cookies carry a random token, of which
    only the SHA-256 digest is stored. Logging out deletes the row, so a copied cookie is dead."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginFailure(db.Model):
    """Failed password checks counted under one key (a username, an address, a browser) in a
    fixed window: every worker and server of the site counts in the same row."""

    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(sa.BigInteger)  # Unix seconds
    failures: Mapped[int] = mapped_column(default=0)
