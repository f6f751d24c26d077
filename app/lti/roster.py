"""Names and Role Provisioning Services: the course's roster pulled into its class (flush,
never commit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import requests
from pylti1p3.exception import LtiException
from pylti1p3.names_roles import NamesRolesProvisioningService
from sqlalchemy.orm import Session

from ..classes.cohorts import add_member
from .launches import link_user, role_of, wanted_username
from .models import LtiContext
from .tool import ServiceConnector, registration_of


class RosterError(Exception):
    """The LMS did not give the roster."""


@dataclass
class RosterResult:
    learners: int = 0  # learners in the roster
    joined: int = 0  # of whom newly added to the class
    instructors: int = 0
    skipped: int = 0  # inactive, or without an id


def pull_roster(
    session: Session, context: LtiContext, http: requests.Session, now: datetime
) -> RosterResult:
    """Link every active member of the course to an account (made if need be, with the role
    the LMS gives) and add the learners to the course's class."""
    if not context.memberships_url or context.cohort is None:
        raise RosterError("This course has given no roster service (or has no class yet).")
    connector = ServiceConnector(registration_of(context.platform), http)
    service = NamesRolesProvisioningService(
        connector, {"context_memberships_url": context.memberships_url}
    )
    try:
        members = service.get_members()
    except (LtiException, requests.RequestException, ValueError) as exc:
        raise RosterError(f"The LMS did not give its roster: {exc}"[:300]) from exc
    result = RosterResult()
    for member in members:
        sub = member.get("user_id")
        if not sub or member.get("status", "Active") != "Active":
            result.skipped += 1
            continue
        role = role_of(member.get("roles") or [])
        user = link_user(session, context.issuer, str(sub), role, wanted_username(member), now)
        if user.is_instructor:
            result.instructors += 1
            continue
        result.learners += 1
        result.joined += add_member(session, context.cohort, user)
    session.flush()
    return result
