"""Test data factories with keyword defaults (they add and flush, the test commits)."""

from __future__ import annotations

import itertools

from app.extensions import db
from app.models import Role, User

_counter = itertools.count(1)


DEFAULT_PASSWORD = "correct-horse-battery"  # noqa: S105  (test accounts only)


def make_user(
    *,
    username: str | None = None,
    role: str | Role = Role.STUDENT,
    password: str = DEFAULT_PASSWORD,
) -> User:
    """A user with a hashed password."""
    user = User(username=username or f"user{next(_counter)}", role=Role(role))
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
