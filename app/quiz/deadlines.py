"""A timed attempt's deadline: whether it has passed, and the time left."""

from __future__ import annotations

from datetime import datetime

from .attempts import AttemptRow


def is_expired(attempt: AttemptRow, now: datetime) -> bool:
    """True when the attempt's time is up but it is not finished yet."""
    return not attempt.finished and attempt.deadline is not None and now > attempt.deadline


def seconds_left(attempt: AttemptRow, now: datetime) -> int | None:
    """Whole seconds until the deadline (never negative), or None without a time limit."""
    if attempt.deadline is None:
        return None
    return seconds_until(attempt.deadline, now)


def seconds_until(deadline: datetime, now: datetime) -> int:
    """Whole seconds from ``now`` to ``deadline``, never negative."""
    return max(0, int((deadline - now).total_seconds()))
