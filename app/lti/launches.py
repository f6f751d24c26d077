"""What a checked launch does here: the account linked to the platform's user, the course to a
class, the link to what it opens (plain functions over a session: flush, never commit)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..classes.cohorts import add_member
from ..models import NO_PASSWORD, Cohort, Role, Section, User
from .course_classes import ArchivedClass, add_instructor, new_course_class
from .models import LtiContext, LtiPlatform, LtiResourceLink, LtiUser

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# LIS role names, whatever vocabulary prefix the platform uses (membership#, institution/
# person#, or the deprecated bare names); a sub-role (membership/Instructor#TeachingAssistant)
# counts as its role
INSTRUCTOR_ROLES = {"Instructor", "ContentDeveloper"}
LEARNER_ROLES = {"Learner", "Student"}
_ROLE_NAME = re.compile(r"(?:#|/|^)(Instructor|ContentDeveloper|Learner|Student)(?:#|$)")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


class LaunchProblem(Exception):
    """A checked launch that cannot be carried out here; ``status`` is the page's."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def role_of(roles: list[str]) -> Role:
    """The account role a launch's LIS roles give: instructor for Instructor or
    ContentDeveloper (and their sub-roles), student otherwise."""
    names = {m.group(1) for r in roles if isinstance(r, str) for m in [_ROLE_NAME.search(r)] if m}
    return Role.INSTRUCTOR if names & INSTRUCTOR_ROLES else Role.STUDENT


def _free_username(session: Session, wanted: str, issuer: str, sub: str) -> str:
    base = _NOT_NAME.sub("-", wanted).strip("-._")[:48]
    if len(base) < 3:
        base = "lti-" + hashlib.sha256(f"{issuer} {sub}".encode()).hexdigest()[:8]
    for n in range(0, 1000):
        name = base if n == 0 else f"{base}-{n + 1}"
        taken = sa.select(User.id).where(sa.func.lower(User.username) == name.lower())
        if session.scalar(taken) is None:
            return name
    return "lti-" + hashlib.sha256(f"{issuer} {sub}".encode()).hexdigest()[:16]


def wanted_username(claims: dict) -> str:
    """A readable name for a new account from the launch's person claims."""
    email = claims.get("email") or ""
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return str(name or email.partition("@")[0] or "")


def linked_user(session: Session, issuer: str, sub: str) -> User | None:
    """The account linked to the platform's user ``sub`` of ``issuer``."""
    return session.scalar(
        sa.select(User).join(LtiUser, LtiUser.user_id == User.id)
        .where(LtiUser.issuer == issuer, LtiUser.sub == sub)
    )  # fmt: skip


def link_user(
    session: Session, issuer: str, sub: str, role: Role, wanted: str, now: datetime
) -> User:
    """The account linked to (issuer, sub), made on first sight with ``role``; a student whom
    the platform now calls an instructor becomes one (never the other way)."""
    user = linked_user(session, issuer, sub)
    if user is None:
        user = User(
            username=_free_username(session, wanted, issuer, sub),
            password_hash=NO_PASSWORD,
            role=role,
            created_at=now,
        )
        session.add(user)
        session.flush()
        session.add(LtiUser(issuer=issuer, sub=sub, user_id=user.id, created_at=now))
        session.flush()
    elif role is Role.INSTRUCTOR and user.role is Role.STUDENT:
        user.role = Role.INSTRUCTOR
        session.flush()
    return user


def link_context(
    session: Session, platform: LtiPlatform, claims: dict, user: User, now: datetime
) -> LtiContext | None:
    """The course linked to a class, made with its class on the course's first launch
    (whoever launches); an instructor of the course (the launch's roles say so) runs the class
    (owner or co-instructor), anyone else joins it. ArchivedClass, changing nothing, when its
    class is archived."""
    # the launch's role in this course, not the account's: an instructor here may be a
    # learner in another LMS course, and gets no say over that course's class
    teaches = user.is_instructor and role_of(claims.get(LTI + "roles") or []) is Role.INSTRUCTOR
    context_claim = claims.get(LTI + "context") or {}
    context_id = context_claim.get("id")
    if not context_id:
        return None
    context = session.scalar(
        sa.select(LtiContext).where(
            LtiContext.issuer == platform.issuer, LtiContext.context_id == str(context_id)
        )
    )
    title = str(context_claim.get("title") or context_claim.get("label") or "LMS course")[:255]
    if context is None:
        context = LtiContext(
            platform_id=platform.id, issuer=platform.issuer, context_id=str(context_id),
            title=title, created_at=now,
        )  # fmt: skip
        session.add(context)
    cohort = context.cohort
    if cohort is not None and cohort.archived:
        raise ArchivedClass(cohort, context.title)
    if cohort is None:
        cohort = new_course_class(session, title, user if teaches else None)
        context.cohort = cohort
    elif teaches:
        add_instructor(session, cohort, user)
    context.title = title
    _record_services(context, claims)
    session.flush()
    if not teaches:
        add_member(session, cohort, user)
    return context


def _record_services(context: LtiContext, claims: dict) -> None:
    nrps = claims.get(NRPS) or {}
    if nrps.get("context_memberships_url"):
        context.memberships_url = nrps["context_memberships_url"]
    ags = claims.get(AGS_ENDPOINT) or {}
    if ags.get("lineitems"):
        context.lineitems_url = ags["lineitems"]


def link_resource(session: Session, context: LtiContext, claims: dict) -> LtiResourceLink | None:
    """The course's link as stored: what it opens (the ``resource`` custom parameter that deep
    linking put there) and the line item its scores go to."""
    link_claim = claims.get(LTI + "resource_link") or {}
    if not link_claim.get("id"):
        return None
    link = session.scalar(
        sa.select(LtiResourceLink).where(
            LtiResourceLink.context_pk == context.id,
            LtiResourceLink.resource_link_id == str(link_claim["id"]),
        )
    )
    if link is None:
        link = LtiResourceLink(context_pk=context.id, resource_link_id=str(link_claim["id"]))
        session.add(link)
    link.title = str(link_claim.get("title") or "")[:255]
    custom = claims.get(LTI + "custom") or {}
    link.resource = str(custom.get("resource") or link.resource or "")[:200]
    ags = claims.get(AGS_ENDPOINT) or {}
    if ags.get("lineitem"):
        link.lineitem_url = ags["lineitem"]
    link.score_scope = SCORE_SCOPE in (ags.get("scope") or [])
    session.flush()
    return link


@dataclass(frozen=True)
class Resource:
    """What a link opens: a lesson, a section quiz, a timed test or a review quiz."""

    kind: str  # "lesson", "quiz", "test", "review" or "" (the learner's own page)
    section_id: str = ""
    minutes: int | None = None

    @property
    def spec(self) -> str:
        """The text kept in the link's ``resource`` custom parameter."""
        parts = [self.kind, self.section_id] + ([str(self.minutes)] if self.minutes else [])
        return ":".join(p for p in parts if p)


TEST_MINUTES = (5, 120)


def parse_resource(session: Session, spec: str) -> Resource:
    """The resource a link's ``resource`` parameter names; LaunchProblem 404 for one that
    does not exist (any more)."""
    if not spec:
        return Resource("")
    kind, _, rest = spec.partition(":")
    section_id, _, minutes = rest.partition(":")
    if kind == "review" and not rest:
        return Resource("review")
    if kind in ("lesson", "quiz", "test") and section_id:
        if session.get(Section, section_id) is None:
            raise LaunchProblem(404, "This link names a lesson that is no longer on the site.")
        if kind != "test":
            return Resource(kind, section_id) if not minutes else _bad(spec)
        if minutes.isdigit() and TEST_MINUTES[0] <= int(minutes) <= TEST_MINUTES[1]:
            return Resource(kind, section_id, int(minutes))
    return _bad(spec)


def _bad(spec: str) -> Resource:
    raise LaunchProblem(404, f"This link names something the site does not have ({spec[:60]}).")


def cohort_of(context: LtiContext | None) -> Cohort | None:
    """The class a course is linked to, if any."""
    return context.cohort if context is not None else None
