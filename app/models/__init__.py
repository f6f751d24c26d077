"""Typed SQLAlchemy 2 models, one module per area."""

from .bank import SERVABLE_STATUSES, Question, QuestionOrigin, QuestionStatus, QuestionVersion
from .cohorts import Cohort, Membership
from .content import Lesson, LessonRevision, Section
from .progress import MasteryLevel, ReviewCard, SectionProgress
from .quiz import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    IllegalTransition,
    Response,
    ServedQuestion,
)
from .types import UTCDateTime, utcnow
from .users import ApiToken, Role, User

__all__ = [
    "SERVABLE_STATUSES",
    "ApiToken",
    "Attempt",
    "AttemptKind",
    "AttemptMode",
    "AttemptState",
    "Cohort",
    "IllegalTransition",
    "Lesson",
    "LessonRevision",
    "MasteryLevel",
    "Membership",
    "Question",
    "QuestionOrigin",
    "QuestionStatus",
    "QuestionVersion",
    "Response",
    "ReviewCard",
    "Role",
    "Section",
    "SectionProgress",
    "ServedQuestion",
    "UTCDateTime",
    "User",
    "utcnow",
]
