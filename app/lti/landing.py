"""Where a launch lands: the lesson, the learner's attempt at the linked quiz (started, or the
unfinished one resumed) or the instructor's class (flush, never commit)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..classes.access import can_manage_cohort
from ..models import Attempt, AttemptState, User
from ..quiz.errors import QuizError
from ..quiz.finishing import finish_expired
from ..quiz.starting import build_attempt, start_review
from .launches import LaunchProblem, Resource
from .models import LtiAttempt, LtiContext, LtiResourceLink, LtiTicket

QUIZ_QUESTIONS = 10
TICKET_LIFETIME = timedelta(minutes=5)
Target = tuple[str, dict]  # an endpoint and its url_for arguments


def _open_attempt(session: Session, user: User, link: LtiResourceLink) -> int | None:
    return session.scalar(
        sa.select(Attempt.id).join(LtiAttempt, LtiAttempt.attempt_id == Attempt.id)
        .where(
            LtiAttempt.link_id == link.id, Attempt.user_id == user.id,
            Attempt.state == AttemptState.IN_PROGRESS,
        )
        .order_by(Attempt.id.desc()).limit(1)
    )  # fmt: skip


def _start(session: Session, user: User, resource: Resource, now: datetime) -> Attempt:
    if resource.kind == "review":
        return start_review(session, user, "practice", QUIZ_QUESTIONS, now)
    mode = "test" if resource.kind == "test" else "practice"
    return build_attempt(
        session, user, [resource.section_id], mode, QUIZ_QUESTIONS,
        time_limit=resource.minutes, now=now,
    )  # fmt: skip


def landing(
    session: Session,
    user: User,
    context: LtiContext | None,
    link: LtiResourceLink | None,
    resource: Resource,
    sub: str,
    now: datetime,
) -> Target:
    """The page the launch opens, starting the learner's attempt when the link is a quiz."""
    if resource.kind == "lesson":
        return "lessons.show", {"section_id": resource.section_id}
    cohort = context.cohort if context is not None else None
    if user.is_instructor:
        if cohort is not None and can_manage_cohort(user, cohort):
            return "instructor.dashboard", {"cohort_id": cohort.id}
        return ("quiz.index", {}) if resource.kind else ("main.whats_next", {})
    if not resource.kind or link is None:
        return "main.whats_next", {}
    finish_expired(session, user.id, now)  # a test whose time ran out is not resumed
    attempt_id = _open_attempt(session, user, link)
    if attempt_id is None:
        try:
            attempt = _start(session, user, resource, now)
        except QuizError as exc:
            if resource.kind == "review":  # nothing due today: the learner's own page says so
                return "main.whats_next", {}
            raise LaunchProblem(409, str(exc)) from exc
        session.add(LtiAttempt(attempt_id=attempt.id, link_id=link.id, sub=sub))
        session.flush()
        attempt_id = attempt.id
    return "quiz.take", {"attempt_id": attempt_id}


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_ticket(session: Session, user: User, target: str, now: datetime) -> str:
    """A one-time ticket that logs ``user`` in at top level and opens ``target`` (a path)."""
    session.execute(sa.delete(LtiTicket).where(LtiTicket.expires_at < now))
    raw = secrets.token_urlsafe(32)
    session.add(
        LtiTicket(digest=_digest(raw), user_id=user.id, target=target,
                  expires_at=now + TICKET_LIFETIME)
    )  # fmt: skip
    session.flush()
    return raw


def use_ticket(session: Session, raw: str, now: datetime) -> tuple[User, str] | None:
    """Consume a ticket (one DELETE that only one request wins): its user and target."""
    row = session.execute(
        sa.delete(LtiTicket)
        .where(LtiTicket.digest == _digest(raw), LtiTicket.expires_at > now)
        .returning(LtiTicket.user_id, LtiTicket.target)
    ).first()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    return (user, row.target) if user is not None else None
