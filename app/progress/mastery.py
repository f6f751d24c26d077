"""Mastery levels per learner and section (plain functions, no database)."""

from __future__ import annotations

from ..models import MasteryLevel

FAMILIAR_FROM = 0.7
FULL_MARKS = 1.0 - 1e-9
_LEVELS = list(MasteryLevel)


def level_for_score(share: float) -> MasteryLevel:
    """The level a section quiz with ``share`` of the marks shows: <70 %, 70–99 %, 100 %."""
    if share >= FULL_MARKS:
        return MasteryLevel.PROFICIENT
    if share >= FAMILIAR_FROM:
        return MasteryLevel.FAMILIAR
    return MasteryLevel.ATTEMPTED


def after_section_quiz(level: MasteryLevel, share: float) -> MasteryLevel:
    """A section quiz raises the level to what its score shows and never lowers it."""
    reached = level_for_score(share)
    return reached if reached.rank > level.rank else level


def after_mixed_quiz(level: MasteryLevel, all_right: bool) -> MasteryLevel:
    """In a later mixed or review quiz: proficient and all right → mastered; a miss → down one."""
    if level is MasteryLevel.NOT_STARTED:
        return MasteryLevel.ATTEMPTED
    if all_right:
        return MasteryLevel.MASTERED if level is MasteryLevel.PROFICIENT else level
    if level.rank <= MasteryLevel.ATTEMPTED.rank:
        return level
    return _LEVELS[level.rank - 1]
