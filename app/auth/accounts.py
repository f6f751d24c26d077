"""Account logic: plain functions over a session (flush, never commit)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Cohort, Role, User
from ..timezones import is_known_time_zone, time_zone_choices


class AccountError(ValueError):
    """An account cannot be created or changed as asked."""


def find_user(session: Session, username: str) -> User | None:
    """The user called ``username`` (case-insensitive), or None."""
    return session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))


def create_user(session: Session, username: str, password: str, role: Role = Role.STUDENT) -> User:
    """Create an account; AccountError when the name is taken or the password too short."""
    if find_user(session, username) is not None:
        raise AccountError(f"The username {username!r} is taken.")
    if len(password) < 8:
        raise AccountError("Passwords are at least 8 characters long.")
    user = User(username=username, role=role)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user whose name and password match, or None."""
    user = find_user(session, username)
    if user is None or not user.check_password(password):
        return None
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise AccountError("The current password is not right.")
    user.set_password(new)


def record_time_zone(user: User, name: str | None) -> None:
    """Keep the zone a browser reported for ``user``, unless they chose one; unknown names: no-op.

    The name comes from a hidden field that the log-in page's script fills in: a browser whose
    zone database is newer than ours must not stop anyone logging in, so it is not an error.
    """
    if is_known_time_zone(name) and user.time_zone != name and not user.time_zone_chosen:
        user.time_zone = name


def choose_time_zone(user: User, name: str) -> None:
    """Set the zone ``user`` picked by hand; AccountError for a name not in the list offered."""
    offered = {value for group in time_zone_choices().values() for value, _ in group}
    if name not in offered and name != user.time_zone:
        raise AccountError(f"{name!r} is not a time zone we know: pick one from the list.")
    user.time_zone = name
    user.time_zone_chosen = True


def delete_account(session: Session, user: User, password: str) -> None:
    """Delete ``user`` with their attempts, answers and progress (the database cascades).

    AccountError, changing nothing, when the password is wrong, when they teach a class (its
    learners' place in it would go too), or when they are the only administrator.
    """
    if not user.check_password(password):
        raise AccountError("The password is not right.")
    taught = session.scalar(
        sa.select(sa.func.count()).select_from(Cohort).where(Cohort.instructor_id == user.id)
    )
    if taught:
        raise AccountError(
            f"You teach {taught} {'class' if taught == 1 else 'classes'}: deleting your account "
            "would delete them and their learners' place in them. Ask an administrator."
        )
    if user.is_admin:
        admins = session.scalars(
            sa.select(User.id).where(User.role == Role.ADMIN).with_for_update()
        ).all()
        if len(admins) <= 1:
            raise AccountError("You are the only administrator: make someone else one first.")
    session.execute(sa.delete(User).where(User.id == user.id))
    session.expunge(user)
