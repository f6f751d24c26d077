"""Typed SQLAlchemy 2 models, one module per area."""

from .assignments import Accommodation, AccommodationChange, Assignment, ShowAnswers
from .bank import (
    FILE_STATUS,
    SERVABLE_STATUSES,
    STATUS_FROM_FILE,
    Question,
    QuestionOrigin,
    QuestionStatus,
    QuestionVersion,
    servable_condition,
)
from .cohorts import Cohort, CoInstructor, Membership
from .content import Lesson, LessonRevision, Section
from .grading import GRADING_TRANSITIONS, GradingState, ResponseGrade, can_move
from .progress import MasteryLevel, ReviewCard, SectionProgress
from .quiz import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    AttemptStatus,
    IllegalTransition,
    Response,
    ServedQuestion,
)
from .regrade import Regrade, RegradeChange
from .types import UTCDateTime, utcnow
from .users import NO_PASSWORD, ApiToken, LoginFailure, LoginSession, Role, User

__all__ = [
    "FILE_STATUS",
    "GRADING_TRANSITIONS",
    "SERVABLE_STATUSES",
    "STATUS_FROM_FILE",
    "Accommodation",
    "AccommodationChange",
    "ApiToken",
    "Assignment",
    "Attempt",
    "AttemptStatus",
    "AttemptKind",
    "AttemptMode",
    "AttemptState",
    "CoInstructor",
    "Cohort",
    "GradingState",
    "IllegalTransition",
    "Lesson",
    "LessonRevision",
    "LoginFailure",
    "LoginSession",
    "MasteryLevel",
    "Membership",
    "Question",
    "Regrade",
    "RegradeChange",
    "QuestionOrigin",
    "QuestionStatus",
    "QuestionVersion",
    "Response",
    "ResponseGrade",
    "ReviewCard",
    "Role",
    "Section",
    "SectionProgress",
    "ServedQuestion",
    "ShowAnswers",
    "UTCDateTime",
    "User",
    "NO_PASSWORD",
    "can_move",
    "servable_condition",
    "utcnow",
]
