"""What an assignment asks of one learner once accommodations apply (plain functions, no I/O)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ..models import Accommodation, Assignment
from ..timezones import zone_named


@dataclass(frozen=True)
class Terms:
    """A learner's due date, time limit (minutes, None: untimed) and attempts allowed."""

    due_at: datetime
    time_limit: int | None
    attempts_allowed: int


def _pick(specific: Accommodation | None, general: Accommodation | None, name: str):
    """The assignment's own value when it sets one, else the class-wide one."""
    for row in (specific, general):
        if row is not None and getattr(row, name) is not None:
            return getattr(row, name)
    return None


def terms_for(assignment: Assignment, accommodations: list[Accommodation]) -> Terms:
    """``assignment``'s terms for a learner with ``accommodations`` (theirs in its class)."""
    general = next((a for a in accommodations if a.assignment_id is None), None)
    specific = next((a for a in accommodations if a.assignment_id == assignment.id), None)
    limit = assignment.time_limit
    if limit is not None:
        factor = _pick(specific, general, "time_factor") or 1.0
        # rounded up: 50 % more of 25 minutes is 38, never 37
        limit = math.ceil(limit * factor - 1e-9) + (_pick(specific, general, "extra_minutes") or 0)
    extra = sum(row.extra_attempts or 0 for row in (specific, general) if row is not None)
    due = specific.due_at if specific is not None and specific.due_at else assignment.due_at
    return Terms(due, limit, assignment.attempts_allowed + extra)


def local_to_utc(moment: datetime, zone: str) -> datetime:
    """A wall-clock time typed in ``zone`` as an aware UTC datetime."""
    return moment.replace(tzinfo=zone_named(zone)).astimezone(ZoneInfo("UTC"))


def in_zone(moment: datetime, zone: str, fmt: str = "%d %b %Y, %H:%M") -> str:
    """``moment`` on the wall clock of ``zone``, formatted."""
    return moment.astimezone(zone_named(zone)).strftime(fmt)
