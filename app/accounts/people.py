"""Accounts as administrators see and change them: plain functions (flush, never commit)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from ..models import Cohort, Membership, Role, User
from .accounts import check_new_password, classes_taught, is_only_admin, revoke_api_tokens
from .login_sessions import end_all_sessions

PEOPLE_PER_PAGE = 50


class PeopleError(ValueError):
    """An account cannot be changed as asked (the message says why)."""


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    """Which accounts the list shows: a part of the username, a role, a page."""

    text: str = ""
    role: Role | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> PeopleFilter:
        """Read the list's query string; PeopleError for values no form of ours sends."""
        text = args.get("q", "").strip()
        if len(text) > 64:
            raise PeopleError("Search for at most 64 characters of a username.")
        role_name = args.get("role", "")
        if role_name and role_name not in {r.value for r in Role}:
            raise PeopleError(f"There is no role called {role_name!r}.")
        page = args.get("page", "1")
        if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= 100_000:
            raise PeopleError("The page must be a whole number from 1.")
        return cls(text, Role(role_name) if role_name else None, int(page))

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to this list (with ``changes``)."""
        values = {"q": self.text, "role": self.role.value if self.role else "", "page": self.page}
        values.update(changes)
        return {name: value for name, value in values.items() if value not in ("", None, 1)}


@dataclass(frozen=True, slots=True)
class PeoplePage:
    people: list[User]
    total: int
    page: int
    pages: int
    role_counts: dict[Role, int]


def people_page(session: Session, wanted: PeopleFilter) -> PeoplePage:
    """One page of accounts matching ``wanted``, by username, and how many hold each role."""
    query = sa.select(User)
    if wanted.text:
        query = query.where(
            sa.func.lower(User.username).contains(wanted.text.lower(), autoescape=True)
        )
    if wanted.role:
        query = query.where(User.role == wanted.role)
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PEOPLE_PER_PAGE))
    people = session.scalars(
        query.order_by(sa.func.lower(User.username))
        .limit(PEOPLE_PER_PAGE)
        .offset((wanted.page - 1) * PEOPLE_PER_PAGE)
    ).all()
    counts = dict(session.execute(sa.select(User.role, sa.func.count()).group_by(User.role)).all())
    return PeoplePage(list(people), total, wanted.page, pages, {r: counts.get(r, 0) for r in Role})


def person_summary(session: Session, user: User) -> dict[str, int]:
    """How many classes ``user`` joined and teaches."""
    joined = session.scalar(
        sa.select(sa.func.count()).select_from(Membership).where(Membership.user_id == user.id)
    )
    teaches = classes_taught(session, user)
    return {"joined": joined or 0, "teaches": teaches or 0}


def change_role(session: Session, user: User, role: Role) -> bool:
    """Give ``user`` ``role`` (True when it changed); the last administrator keeps the role."""
    if user.role is role:
        return False
    if is_only_admin(session, user):
        raise PeopleError(
            f"{user.username} is the only administrator: make someone else one first."
        )
    user.role = role
    session.flush()
    return True


def reset_password(session: Session, user: User, password: str) -> int:
    """Set a new password for ``user``, end their login sessions and revoke their API tokens;
    returns the tokens revoked.

    AccountError, changing nothing, when the password breaks the rules of a new password."""
    check_new_password(password, user.username)
    user.set_password(password)
    end_all_sessions(session, user)
    revoked = revoke_api_tokens(session, user)
    session.flush()
    return revoked


def successors(session: Session, teacher: User) -> list[User]:
    """Who may take over ``teacher``'s classes: every other instructor and administrator."""
    return list(
        session.scalars(
            sa.select(User)
            .where(User.role.in_([Role.INSTRUCTOR, Role.ADMIN]), User.id != teacher.id)
            .order_by(sa.func.lower(User.username))
        )
    )


def hand_over_classes(session: Session, teacher: User, successor: User | None) -> int:
    """Give every class ``teacher`` runs, archived ones too, to ``successor``; how many moved.

    Learners, answers and join codes stay as they are: only who runs the class changes."""
    if successor is None:  # deleted since the form was shown
        raise PeopleError("That account no longer exists.")
    if successor.id == teacher.id:
        raise PeopleError("Choose someone else to take over these classes.")
    if not successor.is_instructor:
        raise PeopleError(f"{successor.username} is not an instructor: make them one first.")
    moved = session.execute(
        sa.update(Cohort)
        .where(Cohort.instructor_id == teacher.id)
        .values(instructor_id=successor.id)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    session.flush()
    return moved or 0
