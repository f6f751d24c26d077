"""Account logic: plain functions over a session (flush, never commit)."""

from __future__ import annotations

import re
import secrets
from functools import cache

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from ..models import ApiToken, Cohort, Role, User
from ..timezones import is_known_time_zone, offered_time_zones
from .login_sessions import end_all_sessions


class AccountError(ValueError):
    """An account cannot be created or changed as asked."""


class WrongPassword(AccountError):
    """The password given to confirm a change is not the account's (a guess, for the limits)."""


class UsernameTaken(AccountError):
    """Another account has the name (an answer that tells who exists, for the limits)."""


class PasswordRuleError(AccountError):
    """The new password breaks a rule (views show it at the password field)."""


# fullmatch, not "^...$": "$" also matches before a trailing newline
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_.-]+")
USERNAME_LENGTH = (3, 64)
USERNAME_CHARACTERS = "Use letters, digits, dots, dashes or underscores."
PASSWORD_LENGTH = (8, 128)
PASSWORD_LENGTH_MESSAGE = "Passwords are 8 to 128 characters long."  # noqa: S105  # nosec B105


def username_problem(username: str) -> str | None:
    """Why ``username`` cannot be a new account's name, or None when it can."""
    shortest, longest = USERNAME_LENGTH
    if not shortest <= len(username) <= longest:
        return f"Usernames are {shortest} to {longest} characters long."
    if not USERNAME_PATTERN.fullmatch(username):
        return USERNAME_CHARACTERS
    return None


# NIST SP 800-63B 5.1.1.2: refuse passwords from breach corpuses, dictionary words, repeats and
# sequences, and words of the context. zxcvbn (Dropbox's estimator; its lists, among them the
# 30,000 passwords seen most often in breaches, ship inside the package, so nothing is fetched)
# scores a password 0-4 by the guesses an attacker who tries those first would need; 0 and 1
# are under a million guesses, which online guessing within the log-in limits can reach.
WEAKEST_ALLOWED_SCORE = 2
ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input; the first 72 characters decide
CONTEXT_WORDS = ("declaration", "tutor", "quiz", "russia", "joint")
TOO_GUESSABLE = (
    "This password is too easy to guess. {why}Attackers try passwords like it first: choose "
    "another, for example a few unrelated words."
)


def password_problem(password: str, username: str | None = None) -> str | None:
    """Why ``password`` cannot be an account's new password, or None when it can."""
    shortest, longest = PASSWORD_LENGTH
    if not shortest <= len(password) <= longest:
        return PASSWORD_LENGTH_MESSAGE
    context = [*CONTEXT_WORDS, *([username] if username else [])]
    estimate = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=context)
    if estimate["score"] < WEAKEST_ALLOWED_SCORE:
        why = estimate["feedback"]["warning"]
        if not why and any(word in password.casefold() for word in context if len(word) >= 3):
            why = "It contains your username or the site's name."
        return TOO_GUESSABLE.format(why=f"{why} " if why else "")
    return None


def check_new_password(password: str, username: str | None = None) -> None:
    """PasswordRuleError with the reason when ``password`` cannot be a new password."""
    problem = password_problem(password, username)
    if problem:
        raise PasswordRuleError(problem)


# A name registered by another request a moment ago (in any case: the unique index on
# lower(username)) makes the INSERT add nothing instead of failing. Built once per dialect.
_USERS = User.__table__
_INSERT_USER = {
    name: dialect.insert(_USERS).on_conflict_do_nothing().returning(_USERS.c.id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


def find_user(session: Session, username: str) -> User | None:
    """The user called ``username`` (case-insensitive), or None."""
    return session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))


def create_user(session: Session, username: str, password: str, role: Role = Role.STUDENT) -> User:
    """Create an account; AccountError when the name is not allowed or taken, or the password
    is not allowed (the same rules as the registration form)."""
    problem = username_problem(username)
    if problem:
        raise AccountError(problem)
    taken = UsernameTaken(f"The username {username!r} is taken.")
    if find_user(session, username) is not None:
        raise taken
    check_new_password(password, username)
    draft = User(username=username, role=role)
    draft.set_password(password)
    insert = _INSERT_USER.get(
        session.get_bind().dialect.name, sa.insert(_USERS).returning(_USERS.c.id)
    )
    values = {"username": username, "role": role, "password_hash": draft.password_hash}
    user_id = session.execute(insert, values).scalar()
    if user_id is None:  # registered by another request since find_user looked
        raise taken
    return session.get(User, user_id)


@cache
def _dummy_password_hash() -> str:
    """A hash of a random password, made the way User.set_password makes one (same cost)."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user whose name and password match, or None.

    An unknown username costs one password check too, against a dummy hash: otherwise how long
    the answer takes would tell whether the username exists."""
    user = find_user(session, username)
    if user is None:
        check_password_hash(_dummy_password_hash(), password)
        return None
    if not user.check_password(password):
        return None
    return user


def revoke_api_tokens(session: Session, user: User) -> int:
    """Delete every API token of ``user``; how many there were."""
    revoked = session.execute(sa.delete(ApiToken).where(ApiToken.user_id == user.id)).rowcount
    return revoked or 0


def change_password(session: Session, user: User, current: str, new: str) -> int:
    """Replace the password after checking the current one; end the account's other login
    sessions and revoke its API tokens (whoever learnt the old password may hold one of
    either); returns the tokens revoked."""
    if not user.check_password(current):
        raise WrongPassword("The current password is not right.")
    check_new_password(new, user.username)
    user.set_password(new)
    end_all_sessions(session, user, keep_current=True)
    revoked = revoke_api_tokens(session, user)
    session.flush()
    return revoked


def record_time_zone(user: User, name: str | None) -> None:
    """Keep the zone a browser reported for ``user``, unless they chose one; unknown names: no-op.

    The name comes from a hidden field that the log-in page's script fills in: a browser whose
    zone database is newer than ours must not stop anyone logging in, so it is not an error.
    """
    if is_known_time_zone(name) and user.time_zone != name and not user.time_zone_chosen:
        user.time_zone = name


def choose_time_zone(user: User, name: str) -> None:
    """Set the zone ``user`` picked by hand; AccountError for a name not in the list offered."""
    if name not in offered_time_zones() and name != user.time_zone:
        raise AccountError(f"{name!r} is not a time zone we know: pick one from the list.")
    user.time_zone = name
    user.time_zone_chosen = True


def is_only_admin(session: Session, user: User) -> bool:
    """True when ``user`` is the one administrator (admin rows locked on PostgreSQL, so that
    two administrators stepping down at once cannot both pass)."""
    if not user.is_admin:
        return False
    admins = session.scalars(
        sa.select(User.id).where(User.role == Role.ADMIN).with_for_update()
    ).all()
    return len(admins) <= 1


def classes_taught(session: Session, user: User) -> int:
    """How many classes ``user`` runs (archived ones included)."""
    count = sa.select(sa.func.count()).select_from(Cohort).where(Cohort.instructor_id == user.id)
    return session.scalar(count) or 0


def remove_account(session: Session, user: User, *, with_classes: bool = False) -> None:
    """Delete ``user`` with their attempts, answers and progress (the database cascades), and
    with ``with_classes`` the classes they teach; AccountError, changing nothing, otherwise."""
    if is_only_admin(session, user):
        raise AccountError(
            f"{user.username} is the only administrator: make someone else one first."
        )
    taught = classes_taught(session, user)
    if taught and not with_classes:
        raise AccountError(
            f"{user.username} teaches {taught} {'class' if taught == 1 else 'classes'}: deleting "
            "the account would delete them too. An administrator can hand them over to another "
            "instructor on the People page."
        )
    session.execute(sa.delete(User).where(User.id == user.id))
    session.expunge(user)


def delete_account(  # nosec B107 (an empty default means none was typed: no secret here)
    session: Session, user: User, password: str = "", typed_name: str = ""
) -> None:
    """Delete one's own account (see remove_account) once ``password`` is right; an account
    without a password (made by an LMS launch) confirms by typing its username instead."""
    if user.has_password:
        if not user.check_password(password):
            raise WrongPassword("The password is not right.")
    elif typed_name.strip() != user.username:
        raise AccountError(f"Type your username, {user.username}, exactly as shown.")
    remove_account(session, user)
